package org.wasmjar.runtime.abi;

import java.util.Arrays;
import org.wasmjar.runtime.instance.Instance;

/**
 * Bulk memory operators on memory 0. Each checks its whole range up front (unsigned, without wrapping) and traps
 * "out of bounds memory access" before writing anything, as the spec requires. The instance comes last because
 * generated code pushes it after the operands.
 */
public final class MemoryOps {
    private MemoryOps() {}

    private static final byte[] DROPPED = new byte[0];

    /** {@code memory.init}: copies {@code n} bytes of data segment {@code segment} from {@code s} to {@code d}. */
    public static void init(int d, int s, int n, int segment, Instance inst) {
        byte[] mem = inst.memory.bytes;
        byte[] data = inst.data[segment];
        if (outOfRange(s, n, data.length) || outOfRange(d, n, mem.length)) throw Traps.outOfBoundsMemory();
        System.arraycopy(data, s, mem, d, n);
    }

    /** {@code memory.copy}: overlapping ranges copy as if through a temporary buffer ({@code arraycopy} does that). */
    public static void copy(int d, int s, int n, Instance inst) {
        byte[] mem = inst.memory.bytes;
        if (outOfRange(s, n, mem.length) || outOfRange(d, n, mem.length)) throw Traps.outOfBoundsMemory();
        System.arraycopy(mem, s, mem, d, n);
    }

    /** {@code memory.fill}: sets {@code n} bytes from {@code d} to the low byte of {@code value}. */
    public static void fill(int d, int value, int n, Instance inst) {
        byte[] mem = inst.memory.bytes;
        if (outOfRange(d, n, mem.length)) throw Traps.outOfBoundsMemory();
        Arrays.fill(mem, d, d + n, (byte) value);
    }

    /** {@code data.drop}: the segment behaves as empty from now on. */
    public static void dataDrop(int segment, Instance inst) { inst.data[segment] = DROPPED; }

    /** Whether [start, start + n) (both unsigned) does not fit in {@code length}. */
    static boolean outOfRange(int start, int n, int length) {
        return Integer.toUnsignedLong(start) + Integer.toUnsignedLong(n) > length;
    }
}
