package org.wasmjar.runtime.types;

/**
 * A validated constant expression, evaluated at instantiation: a global initialiser, a segment offset
 * or an element segment item.
 */
public sealed interface Const {
    /** A numeric or vector constant; {@code bits} holds the raw bits (f32 in the low 32 bits); v128 uses {@code v128}. */
    record Value(ValType type, long bits, byte[] v128) implements Const {}

    /** {@code global.get} of an imported global. */
    record GlobalGet(int index) implements Const {}

    /** {@code ref.func}. */
    record RefFunc(int functionIndex) implements Const {}

    /** {@code ref.null}. */
    record RefNull(ValType type) implements Const {}
}
