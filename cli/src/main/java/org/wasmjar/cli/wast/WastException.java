package org.wasmjar.cli.wast;

import org.wasmjar.runtime.api.WasmjarException;

/** A script could not be run at all: {@code wast2json} is missing or rejected it, or its output is unreadable. */
public final class WastException extends WasmjarException {
    public WastException(String message) { super(message); }
}
