package org.wasmjar.cli.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.abi.Abi;
import org.wasmjar.runtime.abi.TypeIds;
import org.wasmjar.runtime.instance.Global;
import org.wasmjar.runtime.instance.Memory;
import org.wasmjar.runtime.instance.Table;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

class SpecTestHostTest {
    private final Map<String, Object> exports = SpecTestHost.exports();

    @Test
    void printFunctionsHaveTheReferenceTypesAndCanBeCalled() throws Throwable {
        assertPrint("print");
        assertPrint("print_i32", ValType.I32);
        assertPrint("print_i64", ValType.I64);
        assertPrint("print_f32", ValType.F32);
        assertPrint("print_f64", ValType.F64);
        assertPrint("print_i32_f32", ValType.I32, ValType.F32);
        assertPrint("print_f64_f64", ValType.F64, ValType.F64);
        ((WasmFunction) exports.get("print_i32_f32")).handle.invokeExact(1, 2.0f);
    }

    private void assertPrint(String name, ValType... params) {
        WasmFunction f = (WasmFunction) exports.get(name);
        FuncType type = new FuncType(List.of(params), List.of());
        assertEquals(type, f.type);
        assertEquals(TypeIds.of(type), f.typeId);
        assertEquals(Abi.methodType(type), f.handle.type());
    }

    @Test
    void globalsAreImmutable666() {
        Global i32 = (Global) exports.get("global_i32");
        assertEquals(ValType.I32, i32.type.type());
        assertFalse(i32.type.mutable());
        assertEquals(666, i32.i32);
        assertEquals(666L, ((Global) exports.get("global_i64")).i64);
        assertEquals(666.6f, ((Global) exports.get("global_f32")).f32);
        assertEquals(666.6, ((Global) exports.get("global_f64")).f64);
    }

    @Test
    void tableAndMemoryLimits() {
        Table table = (Table) exports.get("table");
        assertEquals(ValType.FUNCREF, table.elemType);
        assertEquals(10, table.size);
        assertEquals(20, table.max());
        assertNull(table.elements[0]);
        Memory memory = (Memory) exports.get("memory");
        assertEquals(1, memory.pages());
        assertEquals(2, memory.maxPages());
    }

    @Test
    void eachCallGivesFreshState() {
        assertNotSame(exports.get("memory"), SpecTestHost.exports().get("memory"));
        assertEquals(13, exports.size());
    }
}
