package org.wasmjar.runtime.abi;

/**
 * Numeric operators where Wasm and the JVM disagree: traps on division and float-to-int truncation, unsigned
 * conversions, and float rounding and min/max, whose NaN results must be quiet (the JVM's library versions may hand
 * a signalling NaN back unchanged). Everything the JVM does exactly is emitted inline instead of calling here.
 */
public final class Numerics {
    private Numerics() {}

    private static final float TWO_31_F = 2147483648f;
    private static final float TWO_32_F = 4294967296f;
    private static final float TWO_63_F = 9223372036854775808f;
    private static final float TWO_64_F = 18446744073709551616f;
    private static final double TWO_31_D = 2147483648.0;
    private static final double TWO_32_D = 4294967296.0;
    private static final double TWO_63_D = 9223372036854775808.0;
    private static final double TWO_64_D = 18446744073709551616.0;

    // ---- division

    public static int i32DivS(int a, int b) {
        if (b == 0) throw Traps.divideByZero();
        if (a == Integer.MIN_VALUE && b == -1) throw Traps.integerOverflow();
        return a / b;
    }

    /** {@code MIN_VALUE % -1} is 0 on the JVM, as in Wasm. */
    public static int i32RemS(int a, int b) {
        if (b == 0) throw Traps.divideByZero();
        return a % b;
    }

    public static int i32DivU(int a, int b) {
        if (b == 0) throw Traps.divideByZero();
        return Integer.divideUnsigned(a, b);
    }

    public static int i32RemU(int a, int b) {
        if (b == 0) throw Traps.divideByZero();
        return Integer.remainderUnsigned(a, b);
    }

    public static long i64DivS(long a, long b) {
        if (b == 0) throw Traps.divideByZero();
        if (a == Long.MIN_VALUE && b == -1) throw Traps.integerOverflow();
        return a / b;
    }

    public static long i64RemS(long a, long b) {
        if (b == 0) throw Traps.divideByZero();
        return a % b;
    }

    /** Java 17's {@code Long.divideUnsigned} takes a BigInteger detour for dividends of 2^63 and more; this does not. */
    public static long i64DivU(long a, long b) {
        if (b == 0) throw Traps.divideByZero();
        if (b < 0) return Long.compareUnsigned(a, b) < 0 ? 0 : 1; // b >= 2^63: the quotient is 0 or 1
        if (a >= 0) return a / b;
        // halve the dividend so the signed division is exact, then correct the doubled quotient by at most one
        long q = ((a >>> 1) / b) << 1;
        return Long.compareUnsigned(a - q * b, b) >= 0 ? q + 1 : q;
    }

    public static long i64RemU(long a, long b) {
        if (b == 0) throw Traps.divideByZero();
        if (b < 0) return Long.compareUnsigned(a, b) < 0 ? a : a - b;
        if (a >= 0) return a % b;
        long r = a - (((a >>> 1) / b) << 1) * b;
        return Long.compareUnsigned(r, b) >= 0 ? r - b : r;
    }

    // ---- trapping truncation: in range means strictly inside (next integer below the minimum, 2^N); NaN fails both

    public static int i32TruncF32S(float x) {
        if (x >= -TWO_31_F && x < TWO_31_F) return (int) x;
        throw truncFailure(x != x);
    }

    public static int i32TruncF32U(float x) {
        if (x > -1f && x < TWO_32_F) return (int) (long) x;
        throw truncFailure(x != x);
    }

    public static int i32TruncF64S(double x) {
        if (x > -2147483649.0 && x < TWO_31_D) return (int) x;
        throw truncFailure(x != x);
    }

    public static int i32TruncF64U(double x) {
        if (x > -1.0 && x < TWO_32_D) return (int) (long) x;
        throw truncFailure(x != x);
    }

    public static long i64TruncF32S(float x) {
        if (x >= -TWO_63_F && x < TWO_63_F) return (long) x;
        throw truncFailure(x != x);
    }

    public static long i64TruncF32U(float x) {
        if (x > -1f && x < TWO_64_F) return u64(x);
        throw truncFailure(x != x);
    }

    public static long i64TruncF64S(double x) {
        if (x >= -TWO_63_D && x < TWO_63_D) return (long) x;
        throw truncFailure(x != x);
    }

    public static long i64TruncF64U(double x) {
        if (x > -1.0 && x < TWO_64_D) return u64(x);
        throw truncFailure(x != x);
    }

    private static RuntimeException truncFailure(boolean nan) {
        return nan ? Traps.invalidConversion() : Traps.integerOverflow();
    }

    /** Truncates x in (-1, 2^64) to u64. At and above 2^63 every float is an integer, so subtracting 2^63 is exact. */
    private static long u64(float x) {
        return x < TWO_63_F ? (long) x : (long) (x - TWO_63_F) ^ Long.MIN_VALUE;
    }

    private static long u64(double x) {
        return x < TWO_63_D ? (long) x : (long) (x - TWO_63_D) ^ Long.MIN_VALUE;
    }

    // ---- saturating unsigned truncation (the signed ones are the JVM's f2i, f2l, d2i, d2l: NaN -> 0, saturating)

    public static int i32TruncSatF32U(float x) { return sat32((long) x); }

    public static int i32TruncSatF64U(double x) { return sat32((long) x); }

    private static int sat32(long v) {
        return v <= 0 ? 0 : v >= 0xFFFFFFFFL ? -1 : (int) v;
    }

    public static long i64TruncSatF32U(float x) {
        if (!(x >= TWO_63_F)) return x > 0 ? (long) x : 0;
        return x >= TWO_64_F ? -1L : (long) (x - TWO_63_F) ^ Long.MIN_VALUE;
    }

    public static long i64TruncSatF64U(double x) {
        if (!(x >= TWO_63_D)) return x > 0 ? (long) x : 0;
        return x >= TWO_64_D ? -1L : (long) (x - TWO_63_D) ^ Long.MIN_VALUE;
    }

    // ---- unsigned 64-bit to float. Converting via double would round twice; instead halve the value keeping the
    // lost low bit as a sticky bit (it lies far below the rounding position), convert once, and double exactly.

    public static float f32ConvertI64U(long x) {
        if (x >= 0) return (float) x;
        return (float) ((x >>> 1) | (x & 1)) * 2f;
    }

    public static double f64ConvertI64U(long x) {
        if (x >= 0) return (double) x;
        return (double) ((x >>> 1) | (x & 1)) * 2.0;
    }

    // ---- rounding. f32 goes through double: the double result is an integer-valued float, so exact.
    // A NaN input gives the canonical NaN, which is quiet as Wasm requires.

    public static float f32Ceil(float x) { return x != x ? Float.NaN : (float) Math.ceil(x); }

    public static float f32Floor(float x) { return x != x ? Float.NaN : (float) Math.floor(x); }

    public static float f32Trunc(float x) { return x != x ? Float.NaN : (float) (x < 0 ? Math.ceil(x) : Math.floor(x)); }

    public static float f32Nearest(float x) { return x != x ? Float.NaN : (float) Math.rint(x); }

    public static double f64Ceil(double x) { return x != x ? Double.NaN : Math.ceil(x); }

    public static double f64Floor(double x) { return x != x ? Double.NaN : Math.floor(x); }

    public static double f64Trunc(double x) { return x != x ? Double.NaN : x < 0 ? Math.ceil(x) : Math.floor(x); }

    public static double f64Nearest(double x) { return x != x ? Double.NaN : Math.rint(x); }

    // ---- min/max: Math.min/max already order -0 below +0 and return NaN for a NaN operand, but that operand as is

    public static float f32Min(float a, float b) { return a != a || b != b ? Float.NaN : Math.min(a, b); }

    public static float f32Max(float a, float b) { return a != a || b != b ? Float.NaN : Math.max(a, b); }

    public static double f64Min(double a, double b) { return a != a || b != b ? Double.NaN : Math.min(a, b); }

    public static double f64Max(double a, double b) { return a != a || b != b ? Double.NaN : Math.max(a, b); }
}
