package org.wasmjar.runtime.api;

/** Base of every error wasmjar reports: malformed or invalid modules, link errors, traps. */
public class WasmjarException extends RuntimeException {
    public WasmjarException(String message) { super(message); }

    public WasmjarException(String message, Throwable cause) { super(message, cause); }
}
