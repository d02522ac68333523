package org.wasmjar.compiler.wasm.model;

import org.wasmjar.runtime.types.*;

/**
 * The type of a {@code block}, {@code loop} or {@code if}: empty, a single result type, or a
 * type index (multi-value). Exactly one of {@code result} and {@code typeIndex >= 0} holds, or neither (empty).
 */
public record BlockType(ValType result, int typeIndex) {
    public static final BlockType EMPTY = new BlockType(null, -1);

    public static BlockType of(ValType t) { return new BlockType(t, -1); }

    public static BlockType ofIndex(int index) { return new BlockType(null, index); }
}
