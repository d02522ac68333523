package org.wasmjar.cli.wast;

import java.lang.invoke.MethodHandles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wasmjar.runtime.abi.Abi;
import org.wasmjar.runtime.abi.TypeIds;
import org.wasmjar.runtime.instance.Global;
import org.wasmjar.runtime.instance.Memory;
import org.wasmjar.runtime.instance.Table;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.GlobalType;
import org.wasmjar.runtime.types.ValType;

/**
 * The {@code spectest} module the spec scripts import, as the reference interpreter defines it. The print
 * functions do nothing: the scripts only check that they link and can be called.
 */
public final class SpecTestHost {
    public static final String MODULE_NAME = "spectest";

    private SpecTestHost() {}

    /** Fresh exports (name -> WasmFunction, Global, Memory or Table); each script gets its own, as scripts mutate them. */
    public static Map<String, Object> exports() {
        Map<String, Object> exports = new LinkedHashMap<>();
        exports.put("print", function("print"));
        exports.put("print_i32", function("print_i32", ValType.I32));
        exports.put("print_i64", function("print_i64", ValType.I64));
        exports.put("print_f32", function("print_f32", ValType.F32));
        exports.put("print_f64", function("print_f64", ValType.F64));
        exports.put("print_i32_f32", function("print_i32_f32", ValType.I32, ValType.F32));
        exports.put("print_f64_f64", function("print_f64_f64", ValType.F64, ValType.F64));

        Global i32 = new Global(new GlobalType(ValType.I32, false));
        i32.i32 = 666;
        exports.put("global_i32", i32);
        Global i64 = new Global(new GlobalType(ValType.I64, false));
        i64.i64 = 666;
        exports.put("global_i64", i64);
        Global f32 = new Global(new GlobalType(ValType.F32, false));
        f32.f32 = 666.6f;
        exports.put("global_f32", f32);
        Global f64 = new Global(new GlobalType(ValType.F64, false));
        f64.f64 = 666.6;
        exports.put("global_f64", f64);

        exports.put("table", new Table(ValType.FUNCREF, 10, 20));
        exports.put("memory", new Memory(1, 2));
        return exports;
    }

    private static WasmFunction function(String name, ValType... params) {
        FuncType type = new FuncType(List.of(params), List.of());
        return new WasmFunction(type, TypeIds.of(type), MethodHandles.empty(Abi.methodType(type)), MODULE_NAME + "." + name);
    }
}
