package org.wasmjar.runtime.instance;

import java.lang.invoke.MethodHandle;
import org.wasmjar.runtime.types.FuncType;

/**
 * A function reference: a guest function bound to its instance, or a host function. {@link #handle} has the
 * JVM type {@link org.wasmjar.runtime.abi.Abi#methodType(FuncType)} gives for {@link #type}; {@link #typeId}
 * is the canonical id of that type ({@link org.wasmjar.runtime.abi.TypeIds}), compared by {@code call_indirect}.
 */
public final class WasmFunction {
    public final FuncType type;
    public final int typeId;
    public final MethodHandle handle;
    public final String name;

    public WasmFunction(FuncType type, int typeId, MethodHandle handle, String name) {
        this.type = type;
        this.typeId = typeId;
        this.handle = handle;
        this.name = name;
    }

    @Override public String toString() { return name != null ? name : "function" + type; }
}
