package org.wasmjar.runtime.api;

/** An import could not be resolved, or resolved to something of the wrong kind or type ("unlinkable"). */
public class LinkException extends WasmjarException {
    public LinkException(String message) { super(message); }
}
