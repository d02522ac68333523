package org.wasmjar.runtime.abi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Memory access for the SIMD loads and stores that {@link MemoryAccess} has no form for, in the argument order generated code pushes: address
 * ({@code base}, an unsigned i32), the value for stores, the memory array, then the memarg {@code offset} (an
 * unsigned u32 as an int; the overloads without it are for offset 0, as in {@link MemoryAccess}), then the
 * {@code delta} of the part within the vector (0, 4, 8 or 12). A 16-byte load is two 8-byte or four 4-byte loads,
 * the part at delta 0 first: a base above 2 GiB makes that one fail (a negative index) before a delta could wrap
 * the index back into the array, and a load past the end traps with nothing observable done. A 16-byte store
 * checks all 16 bytes first, so a store that traps writes nothing.
 */
public final class V128Memory {
    private V128Memory() {}

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    // ---- loads

    public static long load64(int base, byte[] mem, int delta) { return (long) I64.get(mem, base + delta); }

    public static long load64(int base, byte[] mem, int offset, int delta) {
        return (long) I64.get(mem, MemoryAccess.address(base, offset) + delta);
    }

    public static int load32(int base, byte[] mem, int delta) { return (int) I32.get(mem, base + delta); }

    public static int load32(int base, byte[] mem, int offset, int delta) {
        return (int) I32.get(mem, MemoryAccess.address(base, offset) + delta);
    }

    /** Sign-extended. */
    public static int load16(int base, byte[] mem, int delta) { return (short) I16.get(mem, base + delta); }

    public static int load16(int base, byte[] mem, int offset, int delta) {
        return (short) I16.get(mem, MemoryAccess.address(base, offset) + delta);
    }

    // ---- 16-byte stores, as two halves or four quarters

    private static int checked16(int base, int offset, byte[] mem) {
        long ea = Integer.toUnsignedLong(base) + Integer.toUnsignedLong(offset);
        if (ea + 16 > mem.length) throw Traps.outOfBoundsMemory();
        return (int) ea;
    }

    public static void store(int base, long lo, long hi, byte[] mem) { store(base, lo, hi, mem, 0); }

    public static void store(int base, long lo, long hi, byte[] mem, int offset) {
        int ea = checked16(base, offset, mem);
        I64.set(mem, ea, lo);
        I64.set(mem, ea + 8, hi);
    }

    public static void store(int base, int q0, int q1, int q2, int q3, byte[] mem) { store(base, q0, q1, q2, q3, mem, 0); }

    public static void store(int base, int q0, int q1, int q2, int q3, byte[] mem, int offset) {
        int ea = checked16(base, offset, mem);
        I32.set(mem, ea, q0);
        I32.set(mem, ea + 4, q1);
        I32.set(mem, ea + 8, q2);
        I32.set(mem, ea + 12, q3);
    }
}
