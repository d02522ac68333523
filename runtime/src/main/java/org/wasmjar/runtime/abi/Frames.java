package org.wasmjar.runtime.abi;

import org.wasmjar.runtime.instance.Instance;

/**
 * Accounting for the heap frames of split functions (functions too large for one JVM method keep the values
 * that cross their parts in arrays). Deep recursion through such a function would fill the heap long before the
 * thread stack, so the frames share a budget, and exceeding it is the same trap as a stack overflow.
 */
public final class Frames {
    /** Total frame bytes one instance may hold at once; {@code -Dwasmjar.frameBudget=BYTES} overrides it. */
    public static final long BUDGET = Long.getLong("wasmjar.frameBudget", 128L << 20);

    private Frames() {}

    public static void enter(Instance inst, int bytes) {
        long total = inst.frameBytes + bytes;
        if (total > BUDGET) throw Traps.callStackExhausted();
        inst.frameBytes = total;
    }

    public static void exit(Instance inst, int bytes) { inst.frameBytes -= bytes; }
}
