package org.wasmjar.compiler.wasm.model;

import java.util.List;
import org.wasmjar.runtime.types.*;

/**
 * An element segment. Every binary form is normalised to a list of constant expressions: a plain
 * function index {@code i} becomes {@code ref.func i}. {@code table} and {@code offset} are set only
 * for ACTIVE segments.
 */
public record ElementSegment(SegmentMode mode, ValType type, int table, ConstExpr offset, List<ConstExpr> items) {
    public ElementSegment { items = List.copyOf(items); }
}
