package org.wasmjar.runtime.testing;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.wasmjar.runtime.instance.Instance;

/** What the hand-written code classes use to build their handles, as generated code does with constant handles. */
public final class Code {
    private Code() {}

    /** Handle to {@code owner.name(params..., Instance)}. */
    public static MethodHandle find(Class<?> owner, String name, Class<?> ret, Class<?>... params) {
        try {
            MethodType type = MethodType.methodType(ret, params).appendParameterTypes(Instance.class);
            return MethodHandles.publicLookup().findStatic(owner, name, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
