package org.wasmjar.runtime.instance;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import org.wasmjar.runtime.types.FuncType;

/**
 * A function reference: a guest function bound to its instance, or a host function. {@link #handle} has the
 * JVM type {@link org.wasmjar.runtime.abi.Abi#methodType(FuncType)} gives for {@link #type}; {@link #typeId}
 * is the canonical id of that type ({@link org.wasmjar.runtime.abi.TypeIds}), compared by {@code call_indirect}.
 * A guest function also knows its instance and index, so that {@code call_indirect} in its own module can call
 * the compiled method directly instead of through the handle.
 */
public final class WasmFunction {
    public final FuncType type;
    public final int typeId;
    public final MethodHandle handle;
    public final String name;
    /** The instance whose function this is, or null for a host function. */
    public final Instance instance;
    /** The function's index in its instance's module, or -1 for a host function. */
    public final int index;

    /** A host function. */
    public WasmFunction(FuncType type, int typeId, MethodHandle handle, String name) {
        this(type, typeId, handle, name, null, -1);
    }

    public WasmFunction(FuncType type, int typeId, MethodHandle handle, String name, Instance instance, int index) {
        this.type = type;
        this.typeId = typeId;
        this.handle = handle;
        this.name = name;
        this.instance = instance;
        this.index = index;
    }

    private volatile MethodHandle spreader;

    /**
     * {@link #handle} taking its JVM arguments as one {@code Object[]} and returning its result as an Object
     * (null for none), for hosts that call with boxed values. Made once: {@code invokeWithArguments} would build
     * an adapter per call.
     */
    public MethodHandle spreader() {
        MethodHandle s = spreader;
        if (s == null) {
            int n = handle.type().parameterCount();
            s = handle.asType(MethodType.genericMethodType(n)).asSpreader(Object[].class, n);
            spreader = s;
        }
        return s;
    }

    @Override public String toString() { return name != null ? name : "function" + type; }
}
