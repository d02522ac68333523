package org.wasmjar.compiler.wasm.model;

import org.wasmjar.runtime.types.*;

/** A run of {@code count} locals of one type, as the code section declares them. */
public record LocalDecl(long count, ValType type) {}
