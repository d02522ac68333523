package org.wasmjar.compiler.wasm.validate;

import org.wasmjar.runtime.api.WasmjarException;

/**
 * The module decodes but breaks a validation rule (the spec's "invalid"). {@link #reason()} uses the spec
 * test suite's wording where it has one; {@link #offset()} is the byte offset of the offending construct
 * (0 where the model keeps no offset for it).
 */
public final class InvalidModuleException extends WasmjarException {
    private final String reason;
    private final int offset;

    public InvalidModuleException(String reason, int offset) {
        super("invalid: " + reason + " at offset 0x" + Integer.toHexString(offset));
        this.reason = reason;
        this.offset = offset;
    }

    /** The reason without the offset, e.g. {@code "type mismatch"}. */
    public String reason() { return reason; }

    /** Byte offset in the module binary. */
    public int offset() { return offset; }
}
