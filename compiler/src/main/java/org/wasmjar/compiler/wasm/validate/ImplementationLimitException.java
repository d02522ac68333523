package org.wasmjar.compiler.wasm.validate;

import org.wasmjar.runtime.api.WasmjarException;

/**
 * The module is valid but goes past a limit of wasmjar (the spec lets implementations have them, section A.1), such as
 * the JVM's 255 argument slots per method or more locals in one function than any engine accepts. {@link #reason()}
 * names the limit; {@link #offset()} is the byte offset of the construct that exceeds it (0 where unknown).
 */
public final class ImplementationLimitException extends WasmjarException {
    private final String reason;
    private final int offset;

    public ImplementationLimitException(String reason, int offset) {
        super("implementation limit: " + reason + " at offset 0x" + Integer.toHexString(offset));
        this.reason = reason;
        this.offset = offset;
    }

    /** The limit and by how much it was exceeded, without the offset. */
    public String reason() { return reason; }

    /** Byte offset in the module binary. */
    public int offset() { return offset; }
}
