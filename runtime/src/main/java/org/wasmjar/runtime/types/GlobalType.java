package org.wasmjar.runtime.types;

/** A global's value type and mutability. */
public record GlobalType(ValType type, boolean mutable) {}
