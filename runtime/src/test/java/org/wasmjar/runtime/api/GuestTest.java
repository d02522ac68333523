package org.wasmjar.runtime.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.jar.FunctionTable;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.testing.MathModule;
import org.wasmjar.runtime.testing.ModuleBuilder;

class GuestTest {
    private final Guest math = Guest.of(new Linker().instantiate(MathModule.compiled()));

    @Test
    void callsExportsByName() {
        assertArrayEquals(new Object[] {5}, math.call("add", 2, 3));
        assertEquals(MathModule.II_I, math.exportType("add"));
        assertTrue(math.exportsFunction("add"));
        assertFalse(math.exportsFunction("memory"));
        assertEquals("no export named \"nope\"", assertThrows(WasmjarException.class, () -> math.call("nope")).getMessage());
        assertEquals("export \"memory\" is a Memory, not a function",
                assertThrows(WasmjarException.class, () -> math.exportType("memory")).getMessage());
    }

    @Test
    void callsTableEntriesByIndexWithBoundsAndTypeChecks() {
        // table 0 = [add, null, null]
        assertEquals(3, math.tableSize());
        assertEquals("add", math.functionTable().entry(0).name());
        assertArrayEquals(new Object[] {9}, math.callTableEntry(0, MathModule.II_I, 4, 5));
        assertSame(math.instance().functions[0], math.tableFunction(0, MathModule.II_I));

        Trap mismatch = assertThrows(Trap.class, () -> math.callTableEntry(0, MathModule.I_I, 4));
        assertEquals(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, mismatch.kind());
        assertEquals("indirect call type mismatch: index 0 is add (i32 i32) -> (i32), expected (i32) -> (i32)", mismatch.getMessage());
        assertEquals(TrapKind.UNINITIALIZED_ELEMENT, assertThrows(Trap.class, () -> math.callTableEntry(1, MathModule.II_I, 1, 2)).kind());
        Trap past = assertThrows(Trap.class, () -> math.callTableEntry(3, MathModule.II_I, 1, 2));
        assertEquals("undefined element: index 3, table size 3", past.getMessage());
        assertEquals(TrapKind.UNDEFINED_ELEMENT, assertThrows(Trap.class, () -> math.callTableEntry(-1, MathModule.II_I, 1, 2)).kind());
        // arguments are checked like any call
        assertEquals("argument 1 of add must be i32, got Long 2",
                assertThrows(WasmjarException.class, () -> math.callTableEntry(0, MathModule.II_I, 1, 2L)).getMessage());
    }

    @Test
    void followsTheLiveTable() {
        math.instance().tables[0].elements[2] = math.instance().functions[0];
        assertArrayEquals(new Object[] {3}, math.callTableEntry(2, MathModule.II_I, 1, 2));
        assertEquals(null, math.functionTable().entry(2), "the exported table is the content after instantiation");
    }

    @Test
    void readsAndWritesMemory() {
        assertEquals(65536, math.memorySize());
        math.write(100, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertEquals(0x04030201, math.readI32(100));
        assertEquals(0x0807060504030201L, math.readI64(100));
        math.writeI32(200, -2);
        assertArrayEquals(new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, math.read(200, 4));
        math.writeI64(65528, Long.MIN_VALUE);
        assertEquals(Long.MIN_VALUE, math.readI64(65528));
        assertArrayEquals(new Object[] {3}, math.call("load8", 102), "the guest sees what the host wrote");

        Trap oob = assertThrows(Trap.class, () -> math.readI32(65533));
        assertEquals("out of bounds memory access: 4 bytes at 0xfffd, memory size 65536", oob.getMessage());
        assertThrows(Trap.class, () -> math.write(-1, new byte[1]));
        assertThrows(Trap.class, () -> math.read(0, 65537));
    }

    @Test
    void moduleWithoutMemoryOrTable() {
        Guest bare = Guest.of(new Linker().instantiate(new ModuleBuilder("bare").compiled()));
        assertEquals(0, bare.memorySize());
        assertEquals(0, bare.tableSize());
        assertEquals(FunctionTable.NONE, bare.functionTable());
        assertEquals("module bare has no memory", assertThrows(WasmjarException.class, () -> bare.readI32(0)).getMessage());
        assertEquals(TrapKind.UNDEFINED_ELEMENT,
                assertThrows(Trap.class, () -> bare.callTableEntry(0, MathModule.V_V)).kind());
    }
}
