package org.wasmjar.runtime.abi;

import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;

/**
 * Fresh {@link Trap}s for the helpers to throw ({@code throw Traps.x()}): one call instead of an inline
 * {@code new}/{@code dup}/{@code invokespecial}, so the helpers stay small enough for HotSpot to inline.
 */
public final class Traps {
    private Traps() {}

    public static Trap callStackExhausted() { return new Trap(TrapKind.CALL_STACK_EXHAUSTED); }

    public static Trap outOfBoundsMemory() { return new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY); }

    public static Trap outOfBoundsTable() { return new Trap(TrapKind.OUT_OF_BOUNDS_TABLE); }

    public static Trap divideByZero() { return new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO); }

    public static Trap integerOverflow() { return new Trap(TrapKind.INTEGER_OVERFLOW); }

    public static Trap invalidConversion() { return new Trap(TrapKind.INVALID_CONVERSION); }

    public static Trap undefinedElement() { return new Trap(TrapKind.UNDEFINED_ELEMENT); }

    public static Trap uninitializedElement() { return new Trap(TrapKind.UNINITIALIZED_ELEMENT); }

    public static Trap indirectCallTypeMismatch() { return new Trap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH); }
}
