package org.wasmjar.runtime.types;

/** A linear memory: limits in 64 KiB pages. */
public record MemoryType(Limits limits) {}
