package org.wasmjar.runtime.jar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.wasmjar.runtime.testing.ModuleBuilder.i32;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.testing.MathModule;
import org.wasmjar.runtime.types.ModuleInfo;
import org.wasmjar.runtime.types.SegmentMode;

class DescriptorCodecTest {
    private static final byte[] SEGMENT = {1, 2, 3};

    private static ModuleDescriptor descriptor() {
        ModuleInfo info = MathModule.builder()
                .importGlobal("env", "g", org.wasmjar.runtime.types.ValType.I64, true)
                .data(SegmentMode.ACTIVE, i32(8), SEGMENT)
                .data(SegmentMode.PASSIVE, null, new byte[0])
                .info();
        return new ModuleDescriptor(info, List.of("wasmjar/modules/m0/Code0", "wasmjar/modules/m0/Code1"),
                List.of("wasmjar/modules/m0/Code1"), FunctionTable.of(info), "ab".repeat(32), "9.9", 1234);
    }

    private static ModuleDescriptor read(byte[] bytes) throws IOException {
        return DescriptorCodec.read(bytes, i -> {
            if (i != 0) throw new AssertionError("only segment 0 has bytes, asked for " + i);
            return SEGMENT;
        });
    }

    @Test
    void roundTripsEveryField() throws IOException {
        ModuleDescriptor d = descriptor();
        ModuleDescriptor back = read(DescriptorCodec.write(d));
        assertEquals(d.classes(), back.classes());
        assertEquals(d.codeClasses(), back.codeClasses());
        assertEquals(d.functionTable(), back.functionTable());
        assertEquals(List.of(new FunctionTable.Entry(0, 0, MathModule.II_I, "add")), back.functionTable().entries());
        assertEquals(d.sourceSha256(), back.sourceSha256());
        assertEquals("9.9", back.compilerVersion());
        assertEquals(1234, back.largestMethodBytes());
        ModuleInfo a = d.info(), b = back.info();
        assertEquals(a.types(), b.types());
        assertEquals(a.imports(), b.imports());
        assertEquals(a.functionTypes(), b.functionTypes());
        assertEquals(a.tables(), b.tables());
        assertEquals(a.memories(), b.memories());
        assertEquals(a.exports(), b.exports());
        assertEquals(a.functionNames(), b.functionNames());
        assertEquals(a.elements(), b.elements());
        assertArrayEquals(SEGMENT, b.data().get(0).bytes());
        assertEquals(0, b.data().get(1).bytes().length);
        // and it is deterministic
        assertArrayEquals(DescriptorCodec.write(d), DescriptorCodec.write(back));
    }

    @Test
    void refusesOtherVersionsAndDamage() {
        byte[] bytes = DescriptorCodec.write(descriptor());
        ByteBuffer.wrap(bytes).putInt(4, 1);
        assertEquals("module descriptor version 1 is not supported (this wasmjar reads " + DescriptorCodec.VERSION
                + "); compile the module again", assertThrows(WasmjarException.class, () -> read(bytes)).getMessage());

        byte[] good = DescriptorCodec.write(descriptor());
        assertEquals("corrupt module descriptor: it ends too early",
                assertThrows(WasmjarException.class, () -> read(Arrays.copyOf(good, good.length - 3))).getMessage());
        assertEquals("not a wasmjar module descriptor",
                assertThrows(WasmjarException.class, () -> read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})).getMessage());
        byte[] longer = Arrays.copyOf(good, good.length + 2);
        assertEquals("corrupt module descriptor: 2 bytes after its end",
                assertThrows(WasmjarException.class, () -> read(longer)).getMessage());
    }
}
