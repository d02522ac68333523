package org.wasmjar.runtime.api;

/** Why a guest trapped, with the spec's wording. */
public enum TrapKind {
    UNREACHABLE("unreachable"),
    OUT_OF_BOUNDS_MEMORY("out of bounds memory access"),
    OUT_OF_BOUNDS_TABLE("out of bounds table access"),
    UNDEFINED_ELEMENT("undefined element"),
    UNINITIALIZED_ELEMENT("uninitialized element"),
    INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
    INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
    INTEGER_OVERFLOW("integer overflow"),
    INVALID_CONVERSION("invalid conversion to integer"),
    CALL_STACK_EXHAUSTED("call stack exhausted"),
    NULL_REFERENCE("null reference"),
    HOST("host error");

    public final String message;

    TrapKind(String message) { this.message = message; }
}
