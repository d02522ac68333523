package org.wasmjar.compiler.wasm.binary;

import org.wasmjar.runtime.api.WasmjarException;

/**
 * The binary is not a well-formed module (the spec's "malformed"). {@link #reason()} uses the spec test
 * suite's wording where it has one; {@link #offset()} is the byte offset in the module where decoding failed.
 */
public final class MalformedModuleException extends WasmjarException {
    private final String reason;
    private final int offset;

    public MalformedModuleException(String reason, int offset) {
        super("malformed: " + reason + " at offset 0x" + Integer.toHexString(offset));
        this.reason = reason;
        this.offset = offset;
    }

    /** The reason without the offset, e.g. {@code "unexpected end"}. */
    public String reason() { return reason; }

    /** Byte offset in the module binary. */
    public int offset() { return offset; }
}
