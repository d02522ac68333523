package org.wasmjar.runtime.abi;

import java.util.Arrays;
import org.wasmjar.runtime.instance.Instance;

/**
 * Accounting for the heap frames of split functions (functions too large for one JVM method keep the values
 * that cross their parts in arrays). Deep recursion through such a function would fill the heap long before the
 * thread stack, so the frames share a budget, and exceeding it is the same trap as a stack overflow. A function's
 * long slots are kept between calls for reuse.
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

    /**
     * The long slots of a frame of split function {@code function}: the one its last call gave back, or a new
     * array. Reusing it saves allocating and zeroing the frame on every call; stale slots are harmless because
     * the code reads a slot only after writing it in the same call (every use of an SSA value follows its
     * definition). A recursive call finds none and allocates its own.
     */
    public static long[] takeLongs(Instance inst, int function, int size) {
        long[][] cache = inst.frameCache;
        if (cache != null && function < cache.length) {
            long[] frame = cache[function];
            if (frame != null) {
                cache[function] = null;
                return frame;
            }
        }
        return new long[size];
    }

    /** Keeps {@code frame}, from {@link #takeLongs}, for the next call of {@code function}. */
    public static void giveBackLongs(Instance inst, int function, long[] frame) {
        long[][] cache = inst.frameCache;
        if (cache == null || function >= cache.length) {
            cache = cache == null ? new long[function + 1][] : Arrays.copyOf(cache, Math.max(function + 1, cache.length * 2));
            inst.frameCache = cache;
        }
        cache[function] = frame;
    }
}
