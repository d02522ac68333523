package org.wasmjar.hostcalls.wasi;

import org.wasmjar.runtime.api.WasmjarException;

/**
 * Thrown by {@code proc_exit}: the guest asked to end with {@link #code()}. The runtime passes it through unchanged,
 * so whoever started the guest catches it and exits with the code. Without a stack trace: it is control flow.
 */
public final class WasiExit extends WasmjarException {
    private final int code;

    public WasiExit(int code) {
        super("wasi proc_exit(" + code + ")", null);
        this.code = code;
    }

    public int code() { return code; }

    @Override public synchronized Throwable fillInStackTrace() { return this; }
}
