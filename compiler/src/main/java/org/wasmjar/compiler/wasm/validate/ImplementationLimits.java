package org.wasmjar.compiler.wasm.validate;

import java.lang.invoke.MethodType;
import org.wasmjar.runtime.abi.Abi;
import org.wasmjar.runtime.types.FuncType;

/** wasmjar's implementation limits, checked during validation so later stages can rely on them. */
final class ImplementationLimits {
    /**
     * Locals of one function, parameters included: what V8, SpiderMonkey and wasmtime accept. The IR builder and the
     * code generator keep per-local state, which a function declaring billions of locals would exhaust.
     */
    static final long MAX_LOCALS = 50_000;
    /**
     * JVM argument slots of a generated function's static method (its parameters, long and double taking two, and the
     * instance). The JVM allows 255, and invoking a method handle takes one more for the handle itself.
     */
    static final int MAX_METHOD_SLOTS = 254;

    private ImplementationLimits() {}

    /** JVM argument slots the static method of a function of this type takes; past the JVM's limit, more than the maximum. */
    static int methodSlots(FuncType type) {
        MethodType mt;
        try {
            mt = Abi.staticMethodType(type);
        } catch (IllegalArgumentException tooMany) {
            return Integer.MAX_VALUE;
        }
        int slots = 0;
        for (Class<?> c : mt.parameterArray()) slots += c == long.class || c == double.class ? 2 : 1;
        return slots;
    }

    /** Throws when functions of {@code type} cannot be generated as JVM methods. */
    static void checkCallable(FuncType type, int offset) {
        if (methodSlots(type) > MAX_METHOD_SLOTS) {
            throw new ImplementationLimitException("function type " + type + " needs more than the JVM's "
                    + MAX_METHOD_SLOTS + " argument slots per method", offset);
        }
    }
}
