package org.wasmjar.runtime.abi;

import java.lang.invoke.MethodType;
import java.util.List;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/**
 * The calling convention shared by generated code, the runtime and hosts. i32/i64/f32/f64 are
 * int/long/float/double; funcref and externref are Object (a funcref is a
 * {@link org.wasmjar.runtime.instance.WasmFunction} or null); v128 is not yet supported here.
 * No result is void, one result is its type, several results are an Object[] of boxed values.
 */
public final class Abi {
    private Abi() {}

    public static Class<?> jvmClass(ValType t) {
        return switch (t) {
            case I32 -> int.class;
            case I64 -> long.class;
            case F32 -> float.class;
            case F64 -> double.class;
            case FUNCREF, EXTERNREF -> Object.class;
            case V128 -> throw new UnsupportedOperationException("v128 is not supported yet");
        };
    }

    public static Class<?> returnClass(List<ValType> results) {
        return switch (results.size()) {
            case 0 -> void.class;
            case 1 -> jvmClass(results.get(0));
            default -> Object[].class;
        };
    }

    /** Type of a bound function handle ({@link org.wasmjar.runtime.instance.WasmFunction#handle}). */
    public static MethodType methodType(FuncType type) {
        Class<?>[] params = new Class<?>[type.params().size()];
        for (int i = 0; i < params.length; i++) params[i] = jvmClass(type.params().get(i));
        return MethodType.methodType(returnClass(type.results()), params);
    }

    /** Type of the generated static method: the bound type with the {@link Instance} appended. */
    public static MethodType staticMethodType(FuncType type) {
        return methodType(type).appendParameterTypes(Instance.class);
    }
}
