package org.wasmjar.hostcalls.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.abi.TypeIds;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.Memory;
import org.wasmjar.runtime.instance.Table;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ModuleInfo;
import org.wasmjar.runtime.types.ValType;

class CallerTest {
    private static final FuncType I32_TO_I32 = HostModule.type("i32 -> i32");

    private static int twice(int x) { return 2 * x; }

    private static Instance instance() throws Exception {
        Instance inst = new Instance(new ModuleInfo(null, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), -1, List.of(), List.of(), List.of()));
        inst.memory = new Memory(1, -1);
        Table table = new Table(ValType.FUNCREF, 3, 3);
        table.elements[1] = new WasmFunction(I32_TO_I32, TypeIds.of(I32_TO_I32),
                MethodHandles.lookup().findStatic(CallerTest.class, "twice", MethodType.methodType(int.class, int.class)), "twice");
        inst.tables = new Table[] {table};
        return inst;
    }

    @Test
    void readsAndWritesInsideMemory() throws Exception {
        Instance inst = instance();
        Caller.write(inst, 100, "héllo".getBytes(StandardCharsets.UTF_8), "t");
        assertEquals("héllo", Caller.readUtf8(inst, 100, 6, "t"));
        Caller.putI32(inst, 65532, -2, "t");
        assertEquals(-2, Caller.i32(inst, 65532, "t"));
        Caller.putI64(inst, 8, Long.MIN_VALUE, "t");
        assertEquals(Long.MIN_VALUE, Caller.i64(inst, 8, "t"));
        assertArrayEquals(new byte[] {(byte) 0xFE, -1, -1, -1}, Caller.read(inst, 65532, 4, "t"));
        assertTrue(Caller.inBounds(inst, 65536, 0));
        assertFalse(Caller.inBounds(inst, 65533, 4));
        assertFalse(Caller.inBounds(inst, -1, 1), "pointers are unsigned");
    }

    @Test
    void outOfBoundsTrapsNamingTheCaller() throws Exception {
        Instance inst = instance();
        Trap t = assertThrows(Trap.class, () -> Caller.i32(inst, 65533, "my.fn"));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, t.kind());
        assertEquals("out of bounds memory access: my.fn: 4 bytes at 0xfffd are outside memory (65536 bytes)", t.getMessage());
        assertThrows(Trap.class, () -> Caller.read(inst, 10, -1, "my.fn"), "a length over 2 GiB is unsigned, not negative");
        inst.memory.bytes[0] = (byte) 0xFF;
        Trap utf8 = assertThrows(Trap.class, () -> Caller.readUtf8(inst, 0, 1, "my.fn"));
        assertEquals("host error: my.fn: the text at 0x0 is not UTF-8", utf8.getMessage());
    }

    @Test
    void tableFunctionsAreCheckedThenCalledExactly() throws Throwable {
        Instance inst = instance();
        WasmFunction f = Caller.tableFunction(inst, 1, I32_TO_I32, "t");
        assertSame(inst.tables[0].elements[1], f);
        assertEquals(42, (int) f.handle.invokeExact(21));

        Trap outside = assertThrows(Trap.class, () -> Caller.tableFunction(inst, 3, I32_TO_I32, "t"));
        assertEquals("undefined element: t: table index 3 is outside the table (size 3)", outside.getMessage());
        Trap empty = assertThrows(Trap.class, () -> Caller.tableFunction(inst, 0, I32_TO_I32, "t"));
        assertEquals("uninitialized element: t: table index 0 holds no function", empty.getMessage());
        Trap type = assertThrows(Trap.class, () -> Caller.tableFunction(inst, 1, HostModule.type("i32 ->"), "t"));
        assertEquals("indirect call type mismatch: t: table index 1 is twice of type (i32) -> (i32), expected (i32) -> ()", type.getMessage());
        inst.tables = new Table[0];
        assertEquals(TrapKind.HOST, assertThrows(Trap.class, () -> Caller.tableFunction(inst, 1, I32_TO_I32, "t")).kind());
    }
}
