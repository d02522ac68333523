package org.wasmjar.runtime.jar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wasmjar.runtime.testing.ModuleBuilder.i32;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.testing.MathModule;
import org.wasmjar.runtime.testing.ModuleBuilder;
import org.wasmjar.runtime.types.Const;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.SegmentMode;
import org.wasmjar.runtime.types.ValType;

class FunctionTableTest {
    private static ModuleBuilder twoFunctions() {
        return new ModuleBuilder("t").func(MathModule.II_I, "add").func(MathModule.I_I, null).table(ValType.FUNCREF, 6, 6);
    }

    @Test
    void activeSegmentsFillSlotsInOrder() {
        FunctionTable t = FunctionTable.of(twoFunctions()
                .elem(SegmentMode.ACTIVE, 0, i32(1), new Const.RefFunc(0), new Const.RefFunc(1), new Const.RefFunc(0))
                // later segments overwrite earlier ones; ref.null empties a slot
                .elem(SegmentMode.ACTIVE, 0, i32(3), new Const.RefNull(ValType.FUNCREF), new Const.RefFunc(1))
                // passive and declarative segments leave the table alone
                .elem(SegmentMode.PASSIVE, 0, null, new Const.RefFunc(0))
                .elem(SegmentMode.DECLARATIVE, 0, null, new Const.RefFunc(1))
                .info());
        assertTrue(t.known());
        assertEquals(6, t.size());
        assertEquals(List.of(new FunctionTable.Entry(1, 0, MathModule.II_I, "add"),
                new FunctionTable.Entry(2, 1, MathModule.I_I, "func[1]"),
                new FunctionTable.Entry(4, 1, MathModule.I_I, "func[1]")), t.entries());
        assertEquals("add", t.entry(1).name());
        assertNull(t.entry(3));
        assertNull(t.entry(0));
        assertNull(t.entry(-1));
        assertEquals(List.of(t.entry(1)), t.named("add"));
    }

    @Test
    void exportNamesStandInForMissingNames() {
        FunctionTable t = FunctionTable.of(twoFunctions().export("twice", ExternKind.FUNC, 1)
                .elem(SegmentMode.ACTIVE, 0, i32(0), new Const.RefFunc(1)).info());
        assertEquals("twice", t.entry(0).name());
    }

    @Test
    void contentSetAtRunTimeIsUnknown() {
        FunctionTable byGlobal = FunctionTable.of(twoFunctions().importGlobal("env", "base", ValType.I32, false)
                .elem(SegmentMode.ACTIVE, 0, new Const.GlobalGet(0), new Const.RefFunc(0)).info());
        assertFalse(byGlobal.known());
        assertEquals("element segment 0 has offset global.get 0 (set at run time)", byGlobal.unknownReason());
        assertEquals(6, byGlobal.size());
        assertTrue(byGlobal.entries().isEmpty());

        FunctionTable imported = FunctionTable.of(new ModuleBuilder("t").importTable("env", "table", ValType.FUNCREF, 3, -1).info());
        assertFalse(imported.known());
        assertEquals(3, imported.size());

        FunctionTable overflow = FunctionTable.of(twoFunctions()
                .elem(SegmentMode.ACTIVE, 0, i32(5), new Const.RefFunc(0), new Const.RefFunc(0)).info());
        assertEquals("element segment 0 does not fit the table (instantiation traps)", overflow.unknownReason());
    }

    @Test
    void otherTablesAndNoTable() {
        assertEquals(FunctionTable.NONE, FunctionTable.of(new ModuleBuilder("t").func(MathModule.I_I, "f").info()));
        FunctionTable second = FunctionTable.of(twoFunctions().table(ValType.FUNCREF, 2, -1)
                .elem(SegmentMode.ACTIVE, 1, i32(0), new Const.RefFunc(0)).info());
        assertTrue(second.known());
        assertTrue(second.entries().isEmpty(), "only table 0 is the function table");
        FunctionTable externs = FunctionTable.of(new ModuleBuilder("t").table(ValType.EXTERNREF, 2, -1).info());
        assertFalse(externs.known());
    }
}
