package org.wasmjar.runtime.types;

/** Size limits of a memory (in pages) or table (in elements); {@code max} is -1 when absent. */
public record Limits(long min, long max) {
    public boolean hasMax() { return max >= 0; }
}
