package org.wasmjar.runtime.abi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Loads and stores on a linear memory's {@code byte[]}, little-endian. Parameters come in the order generated code
 * has them on its operand stack: address ({@code base}, an unsigned i32), the value for stores, the memory array,
 * then the memarg {@code offset} (an unsigned u32 as an int bit pattern). The overloads without {@code offset} are
 * for offset 0. The JVM's own array bounds check is the Wasm bounds check: an access past the end throws
 * {@link IndexOutOfBoundsException}, which the call boundary turns into the "out of bounds memory access" trap.
 * SIMD lane, splat and extending loads use these; scalar loads and stores are {@link MemorySites} call sites.
 */
public final class MemoryAccess {
    private MemoryAccess() {}

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The effective address {@code base + offset} (both unsigned), computed without wrapping. One past
     * {@link Integer#MAX_VALUE} is beyond any {@code byte[]}, so it traps here rather than wrapping to a valid index.
     * With offset 0 no check is needed: an unsigned base above 2 GiB is a negative index, which the array rejects.
     */
    public static int address(int base, int offset) {
        long ea = Integer.toUnsignedLong(base) + Integer.toUnsignedLong(offset);
        if (ea > Integer.MAX_VALUE) throw Traps.outOfBoundsMemory();
        return (int) ea;
    }

    // ---- loads, offset 0

    public static int i32Load(int base, byte[] mem) { return (int) I32.get(mem, base); }

    public static long i64Load(int base, byte[] mem) { return (long) I64.get(mem, base); }

    public static int i32Load8U(int base, byte[] mem) { return mem[base] & 0xFF; }

    public static int i32Load16U(int base, byte[] mem) { return (short) I16.get(mem, base) & 0xFFFF; }

    // ---- loads with an offset

    public static int i32Load(int base, byte[] mem, int offset) { return (int) I32.get(mem, address(base, offset)); }

    public static long i64Load(int base, byte[] mem, int offset) { return (long) I64.get(mem, address(base, offset)); }

    public static int i32Load8U(int base, byte[] mem, int offset) { return mem[address(base, offset)] & 0xFF; }

    public static int i32Load16U(int base, byte[] mem, int offset) {
        return (short) I16.get(mem, address(base, offset)) & 0xFFFF;
    }

    // ---- stores, offset 0 (narrow i64 stores are i32 stores of the wrapped value)

    public static void i32Store(int base, int value, byte[] mem) { I32.set(mem, base, value); }

    public static void i64Store(int base, long value, byte[] mem) { I64.set(mem, base, value); }

    public static void i32Store8(int base, int value, byte[] mem) { mem[base] = (byte) value; }

    public static void i32Store16(int base, int value, byte[] mem) { I16.set(mem, base, (short) value); }

    // ---- stores with an offset

    public static void i32Store(int base, int value, byte[] mem, int offset) { I32.set(mem, address(base, offset), value); }

    public static void i64Store(int base, long value, byte[] mem, int offset) {
        I64.set(mem, address(base, offset), value);
    }

    public static void i32Store8(int base, int value, byte[] mem, int offset) { mem[address(base, offset)] = (byte) value; }

    public static void i32Store16(int base, int value, byte[] mem, int offset) {
        I16.set(mem, address(base, offset), (short) value);
    }
}
