package org.wasmjar.runtime.abi;

import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/**
 * The calling convention shared by generated code, the runtime and hosts. i32/i64/f32/f64 are
 * int/long/float/double; funcref and externref are Object (a funcref is a
 * {@link org.wasmjar.runtime.instance.WasmFunction} or null). A v128 parameter is two long parameters, the low
 * half (bytes 0..7) first (see {@link V128}), so calls pass vectors without allocating; a v128 result is a
 * {@link V128} (a JVM method returns one value; a call that HotSpot inlines loses the box to escape analysis).
 * No result is void, one result is its type, several results are an Object[] of boxed values (v128 as V128).
 */
public final class Abi {
    private Abi() {}

    /** The JVM type of a value as a single result (and, except for v128, as a parameter). */
    public static Class<?> jvmClass(ValType t) {
        return switch (t) {
            case I32 -> int.class;
            case I64 -> long.class;
            case F32 -> float.class;
            case F64 -> double.class;
            case FUNCREF, EXTERNREF -> Object.class;
            case V128 -> V128.class;
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
        List<Class<?>> params = new ArrayList<>(type.params().size());
        for (ValType p : type.params()) {
            if (p == ValType.V128) {
                params.add(long.class);
                params.add(long.class);
            } else {
                params.add(jvmClass(p));
            }
        }
        return MethodType.methodType(returnClass(type.results()), params);
    }

    /** Type of the generated static method: the bound type with the {@link Instance} appended. */
    public static MethodType staticMethodType(FuncType type) {
        return methodType(type).appendParameterTypes(Instance.class);
    }
}
