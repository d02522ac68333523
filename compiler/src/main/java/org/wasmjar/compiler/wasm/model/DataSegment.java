package org.wasmjar.compiler.wasm.model;

import org.wasmjar.runtime.types.*;

/** A data segment; {@code memory} and {@code offset} are set only for ACTIVE segments. */
public record DataSegment(SegmentMode mode, int memory, ConstExpr offset, byte[] bytes) {}
