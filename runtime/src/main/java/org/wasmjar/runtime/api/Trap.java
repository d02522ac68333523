package org.wasmjar.runtime.api;

import java.util.List;

/**
 * A guest trap. Generated code and runtime helpers throw it; {@link #kind()} says why, and
 * {@link #wasmBacktrace()} names the guest functions that were active, innermost first.
 */
public class Trap extends WasmjarException {
    private final TrapKind kind;
    private List<String> backtrace = List.of();

    public Trap(TrapKind kind) {
        super(kind.message, null);
        this.kind = kind;
    }

    public Trap(TrapKind kind, String detail) {
        super(detail == null ? kind.message : kind.message + ": " + detail, null);
        this.kind = kind;
    }

    public Trap(TrapKind kind, Throwable cause) {
        super(kind.message, cause);
        this.kind = kind;
    }

    public TrapKind kind() { return kind; }

    public List<String> wasmBacktrace() { return backtrace; }

    public void setWasmBacktrace(List<String> frames) { this.backtrace = List.copyOf(frames); }
}
