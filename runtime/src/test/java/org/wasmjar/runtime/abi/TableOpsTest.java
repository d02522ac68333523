package org.wasmjar.runtime.abi;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.invoke.MethodHandles;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.Table;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

class TableOpsTest {
    private static final FuncType VOID = new FuncType(List.of(), List.of());
    private static final FuncType I32 = new FuncType(List.of(), List.of(ValType.I32));
    private final WasmFunction f = fn(VOID, "f");
    private final WasmFunction g = fn(I32, "g");
    private final Instance inst = TestInstances.empty();

    TableOpsTest() {
        inst.tables = new Table[] {new Table(ValType.FUNCREF, 4, 10), new Table(ValType.EXTERNREF, 2, -1)};
        inst.typeIds = new int[] {TypeIds.of(VOID), TypeIds.of(I32)};
        inst.elements = new Object[][] {{f, g, null}};
    }

    private static WasmFunction fn(FuncType t, String name) {
        return new WasmFunction(t, TypeIds.of(t), MethodHandles.constant(Object.class, null), name);
    }

    private static void traps(TrapKind kind, Executable e) { assertEquals(kind, assertThrows(Trap.class, e).kind()); }

    @Test void getSetCheckBounds() {
        TableOps.set(3, f, 0, inst);
        assertSame(f, TableOps.get(3, 0, inst));
        assertNull(TableOps.get(0, 0, inst));
        traps(TrapKind.OUT_OF_BOUNDS_TABLE, () -> TableOps.get(4, 0, inst));
        traps(TrapKind.OUT_OF_BOUNDS_TABLE, () -> TableOps.get(-1, 0, inst));
        traps(TrapKind.OUT_OF_BOUNDS_TABLE, () -> TableOps.set(2, "x", 1, inst));
        TableOps.set(1, "x", 1, inst);
        assertEquals("x", TableOps.get(1, 1, inst));
    }

    @Test void growAndFill() {
        assertEquals(4, TableOps.grow(g, 2, 0, inst));
        assertSame(g, TableOps.get(5, 0, inst));
        assertEquals(-1, TableOps.grow(null, 5, 0, inst));
        assertEquals(6, TableOps.grow(null, 0, 0, inst));
        TableOps.fill(1, f, 3, 0, inst);
        assertNull(TableOps.get(0, 0, inst));
        assertSame(f, TableOps.get(3, 0, inst));
        assertSame(g, TableOps.get(4, 0, inst));
        traps(TrapKind.OUT_OF_BOUNDS_TABLE, () -> TableOps.fill(5, null, 2, 0, inst));
        assertSame(g, TableOps.get(5, 0, inst)); // checked before writing
        TableOps.fill(6, null, 0, 0, inst);
        traps(TrapKind.OUT_OF_BOUNDS_TABLE, () -> TableOps.fill(7, null, 0, 0, inst));
    }

    @Test void copyOverlappingAndAcrossTables() {
        TableOps.init(0, 0, 3, 0, 0, inst);
        TableOps.copy(1, 0, 3, 0, 0, inst);
        assertSame(f, TableOps.get(0, 0, inst));
        assertSame(f, TableOps.get(1, 0, inst));
        assertSame(g, TableOps.get(2, 0, inst));
        assertNull(TableOps.get(3, 0, inst));
        TableOps.copy(0, 1, 2, 1, 0, inst);
        assertSame(f, TableOps.get(0, 1, inst));
        assertSame(g, TableOps.get(1, 1, inst));
        traps(TrapKind.OUT_OF_BOUNDS_TABLE, () -> TableOps.copy(1, 0, 2, 1, 0, inst));
        traps(TrapKind.OUT_OF_BOUNDS_TABLE, () -> TableOps.copy(0, 3, 2, 0, 0, inst));
        TableOps.copy(4, 4, 0, 0, 0, inst);
    }

    @Test void initAndElemDrop() {
        traps(TrapKind.OUT_OF_BOUNDS_TABLE, () -> TableOps.init(2, 0, 3, 0, 0, inst));
        assertNull(TableOps.get(2, 0, inst));
        traps(TrapKind.OUT_OF_BOUNDS_TABLE, () -> TableOps.init(0, 2, 2, 0, 0, inst));
        TableOps.init(1, 1, 2, 0, 0, inst);
        assertSame(g, TableOps.get(1, 0, inst));
        TableOps.elemDrop(0, inst);
        TableOps.init(0, 0, 0, 0, 0, inst);
        traps(TrapKind.OUT_OF_BOUNDS_TABLE, () -> TableOps.init(0, 0, 1, 0, 0, inst));
    }

    @Test void indirectChecksIndexNullAndType() {
        TableOps.set(0, f, 0, inst);
        TableOps.set(1, g, 0, inst);
        assertSame(f, TableOps.indirect(inst, 0, 0, 0));
        assertSame(g, TableOps.indirect(inst, 0, 1, 1));
        traps(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, () -> TableOps.indirect(inst, 0, 1, 0));
        traps(TrapKind.UNINITIALIZED_ELEMENT, () -> TableOps.indirect(inst, 0, 2, 0));
        traps(TrapKind.UNDEFINED_ELEMENT, () -> TableOps.indirect(inst, 0, 4, 0));
        traps(TrapKind.UNDEFINED_ELEMENT, () -> TableOps.indirect(inst, 0, -1, 0));
        assertEquals("indirect call type mismatch", assertThrows(Trap.class, () -> TableOps.indirect(inst, 0, 1, 0)).getMessage());
    }
}
