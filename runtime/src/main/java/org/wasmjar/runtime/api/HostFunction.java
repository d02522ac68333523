package org.wasmjar.runtime.api;

import java.lang.invoke.MethodHandle;
import java.util.Objects;
import org.wasmjar.runtime.abi.Abi;
import org.wasmjar.runtime.types.FuncType;

/**
 * A host function that wants its caller: {@code handle} takes the Wasm parameters followed by the importing
 * {@link org.wasmjar.runtime.instance.Instance} ({@link Abi#staticMethodType}), exactly like a generated function.
 * Instantiation binds it to the importing instance, so the host reaches that instance's memory and exported table.
 * A host function that needs no caller can be defined as a ready {@link org.wasmjar.runtime.instance.WasmFunction}.
 */
public record HostFunction(FuncType type, MethodHandle handle, String name) {
    public HostFunction {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handle, "handle");
        if (!handle.type().equals(Abi.staticMethodType(type))) {
            throw new IllegalArgumentException("host function " + name + " of type " + type + " needs a handle of type "
                    + Abi.staticMethodType(type) + ", got " + handle.type());
        }
    }
}
