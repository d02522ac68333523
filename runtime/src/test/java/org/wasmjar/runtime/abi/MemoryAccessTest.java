package org.wasmjar.runtime.abi;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;

class MemoryAccessTest {
    private final byte[] mem = new byte[65536];

    @Test void littleEndianWidths() {
        MemoryAccess.i64Store(8, 0x0102030405060708L, mem);
        assertEquals(0x08, mem[8]);
        assertEquals(0x01, mem[15]);
        assertEquals(0x05060708, MemoryAccess.i32Load(8, mem));
        assertEquals(0x01020304, MemoryAccess.i32Load(8, mem, 4));
        assertEquals(0x0102030405060708L, MemoryAccess.i64Load(0, mem, 8));
        MemoryAccess.i32Store(100, 0x80FF7F81, mem, 0x10);
        assertEquals(0xFFFFFF81, MemoryAccess.i32Load8S(116, mem));
        assertEquals(0x81, MemoryAccess.i32Load8U(116, mem));
        assertEquals(0x7F, MemoryAccess.i32Load8U(117, mem));
        assertEquals(0x7F81, MemoryAccess.i32Load16S(116, mem));
        assertEquals(0x7F81, MemoryAccess.i32Load16U(116, mem));
        assertEquals(0xFFFF80FF, MemoryAccess.i32Load16S(1, mem, 117));
        assertEquals(0x80FF, MemoryAccess.i32Load16U(1, mem, 117));
        assertEquals(0x80FF7F81L, MemoryAccess.i64Load32U(116, mem));
        assertEquals(0x80FF7F81L, MemoryAccess.i64Load32U(16, mem, 100));
        MemoryAccess.i32Store8(200, 0x1234, mem);
        MemoryAccess.i32Store16(201, 0xABCDEF, mem, 1);
        assertEquals(0xCDEF0034, MemoryAccess.i32Load(200, mem));
    }

    @Test void unalignedAccessWorks() {
        MemoryAccess.i64Store(3, -2L, mem, 0);
        assertEquals(-2L, MemoryAccess.i64Load(3, mem));
        MemoryAccess.i32Store(65532, 7, mem);
        assertEquals(7, MemoryAccess.i32Load(65531, mem, 1));
    }

    @Test void floatsKeepTheirNaNPayloads() {
        MemoryAccess.f32Store(0, Float.intBitsToFloat(0x7FA00001), mem);
        assertEquals(0x7FA00001, MemoryAccess.i32Load(0, mem));
        assertEquals(0x7FA00001, Float.floatToRawIntBits(MemoryAccess.f32Load(0, mem)));
        MemoryAccess.f32Store(0, Float.intBitsToFloat(0xFF800123), mem, 4);
        assertEquals(0xFF800123, Float.floatToRawIntBits(MemoryAccess.f32Load(4, mem, 0)));
        MemoryAccess.f64Store(16, Double.longBitsToDouble(0x7FF0000000000001L), mem);
        assertEquals(0x7FF0000000000001L, MemoryAccess.i64Load(16, mem));
        assertEquals(0x7FF0000000000001L, Double.doubleToRawLongBits(MemoryAccess.f64Load(16, mem)));
        MemoryAccess.f64Store(8, Double.longBitsToDouble(0xFFF4000000000000L), mem, 16);
        assertEquals(0xFFF4000000000000L, Double.doubleToRawLongBits(MemoryAccess.f64Load(24, mem, 0)));
    }

    @Test void effectiveAddressDoesNotWrap() {
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, assertThrows(Trap.class, () -> MemoryAccess.i32Load(-1, mem, 1)).kind());
        assertThrows(Trap.class, () -> MemoryAccess.i32Load8U(-1, mem, 1));
        assertThrows(Trap.class, () -> MemoryAccess.i64Store(1, 0L, mem, -1));
        assertThrows(Trap.class, () -> MemoryAccess.i32Load(0, mem, Integer.MIN_VALUE));
        assertThrows(Trap.class, () -> MemoryAccess.address(Integer.MAX_VALUE, 1));
        assertEquals(Integer.MAX_VALUE, MemoryAccess.address(Integer.MAX_VALUE - 5, 5));
    }

    @Test void outOfBoundsIsTheArraysOwnCheck() {
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i32Load(65533, mem));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i32Load(65530, mem, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i64Load(-1, mem));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i32Load8S(65536, mem));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i32Load8U(Integer.MIN_VALUE, mem));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.i32Store16(65535, 1, mem));
        assertThrows(IndexOutOfBoundsException.class, () -> MemoryAccess.f64Store(0, 1.0, mem, 65529));
        assertEquals(0, MemoryAccess.i32Load16U(65534, mem));
    }
}
