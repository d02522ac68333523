package org.wasmjar.compiler.wasm.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.types.ValType;

class ByteReaderTest {
    private static ByteReader reader(int... bytes) { return new ByteReader(WasmBytes.of(bytes).build()); }

    private static String failure(Runnable r) {
        return assertThrows(MalformedModuleException.class, r::run).reason();
    }

    @Test
    void u32DecodesUpToFiveBytes() {
        assertEquals(0, reader(0x00).u32());
        assertEquals(127, reader(0x7F).u32());
        assertEquals(128, reader(0x80, 0x01).u32());
        assertEquals(0xFFFFFFFFL, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).u32Long());
        assertEquals(0, reader(0x80, 0x80, 0x80, 0x80, 0x00).u32(), "padding to 5 bytes is allowed");
    }

    @Test
    void u32RejectsSixthByteAndUnusedBits() {
        assertEquals("integer representation too long", failure(() -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32()));
        assertEquals("integer too large", failure(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x1F).u32()));
        assertEquals("integer too large", failure(() -> reader(0x80, 0x80, 0x80, 0x80, 0x70).u32()));
    }

    @Test
    void s32SignExtends() {
        assertEquals(-1, reader(0x7F).s32());
        assertEquals(63, reader(0x3F).s32());
        assertEquals(-64, reader(0x40).s32());
        assertEquals(64, reader(0xC0, 0x00).s32());
        assertEquals(Integer.MIN_VALUE, reader(0x80, 0x80, 0x80, 0x80, 0x78).s32());
        assertEquals(Integer.MAX_VALUE, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x07).s32());
        assertEquals(-1, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x7F).s32());
    }

    @Test
    void s32RejectsBadLastByte() {
        assertEquals("integer too large", failure(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x4F).s32()));
        assertEquals("integer too large", failure(() -> reader(0x80, 0x80, 0x80, 0x80, 0x08).s32()));
        assertEquals("integer representation too long", failure(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F).s32()));
    }

    @Test
    void s64CoversTheFullRange() {
        assertEquals(Long.MIN_VALUE, reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F).s64());
        assertEquals(Long.MAX_VALUE, reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00).s64());
        assertEquals(-2, reader(0x7E).s64());
        assertEquals("integer too large",
                failure(() -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).s64()));
        assertEquals("integer representation too long",
                failure(() -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s64()));
    }

    @Test
    void s33KeepsTheThirtyThirdBit() {
        assertEquals(0xFFFFFFFFL, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).s33());
        assertEquals(-1, reader(0x7F).s33());
        assertEquals("integer too large", failure(() -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x2F).s33()));
    }

    @Test
    void fixedWidthIsLittleEndian() {
        assertEquals(0x3F800000, reader(0x00, 0x00, 0x80, 0x3F).fixed32());
        assertEquals(0x0807060504030201L, reader(1, 2, 3, 4, 5, 6, 7, 8).fixed64());
    }

    @Test
    void namesMustBeWellFormedUtf8() {
        assertEquals("h\u00e9\u20ac\uD83D\uDE00", new ByteReader(WasmBytes.of().name("h\u00e9\u20ac\uD83D\uDE00").build()).name());
        assertEquals("malformed UTF-8 encoding", failure(() -> reader(2, 0xC0, 0x80).name()), "overlong");
        assertEquals("malformed UTF-8 encoding", failure(() -> reader(3, 0xED, 0xA0, 0x80).name()), "surrogate");
        assertEquals("malformed UTF-8 encoding", failure(() -> reader(4, 0xF4, 0x90, 0x80, 0x80).name()), "above U+10FFFF");
        assertEquals("malformed UTF-8 encoding", failure(() -> reader(2, 0xE2, 0x82).name()), "truncated");
        assertEquals("malformed UTF-8 encoding", failure(() -> reader(1, 0x80).name()), "lone continuation");
        assertEquals("length out of bounds", failure(() -> reader(5, 0x61).name()));
    }

    @Test
    void endOfInputReportsWhereItHappened() {
        ByteReader r = reader(0x80, 0x80);
        MalformedModuleException e = assertThrows(MalformedModuleException.class, r::u32);
        assertEquals("unexpected end", e.reason());
        assertEquals(2, e.offset());
        assertEquals("malformed: unexpected end at offset 0x2", e.getMessage());
    }

    @Test
    void limitsConfineReading() {
        ByteReader r = reader(0x01, 0x02, 0x03);
        int outer = r.limitTo(1);
        assertEquals(1, r.u8());
        assertEquals("unexpected end of section or function", failure(r::u8));
        r.restoreLimit(outer);
        assertEquals(2, r.u8());
    }

    @Test
    void valueTypes() {
        assertEquals(ValType.V128, reader(0x7B).valType());
        assertEquals(ValType.EXTERNREF, reader(0x6F).refType());
        assertEquals("malformed reference type", failure(() -> reader(0x7F).refType()));
        assertEquals("malformed value type", failure(() -> reader(0x60).valType()));
    }
}
