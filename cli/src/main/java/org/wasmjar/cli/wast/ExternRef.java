package org.wasmjar.cli.wast;

/** The host object a script passes as {@code (ref.extern N)}: equal for equal N, so results can be compared. */
public record ExternRef(long id) {
    @Override public String toString() { return "ref.extern " + id; }
}
