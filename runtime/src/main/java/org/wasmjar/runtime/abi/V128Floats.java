package org.wasmjar.runtime.abi;

/**
 * Float {@code v128} operators and float/integer lane conversions, one lane per call: an f32 lane is an
 * {@code int} quarter, an f64 lane a {@code long} half, both as raw bits (see {@link V128}). HotSpot folds the
 * bit moves of consecutive operators away ({@code intBitsToFloat(floatToRawIntBits(x))} is {@code x}), so a chain
 * of lane operations runs on float registers. NaN payloads pass unchanged where Wasm keeps them (pmin and pmax
 * return an operand's bits); arithmetic NaNs come from the JVM's float arithmetic exactly as for the scalar
 * operators, and rounding and min/max share {@link Numerics}'s NaN handling. abs and neg are bit operations
 * emitted inline.
 */
public final class V128Floats {
    private V128Floats() {}

    private static float f(int bits) { return Float.intBitsToFloat(bits); }

    private static int bits(float x) { return Float.floatToRawIntBits(x); }

    private static double d(long bits) { return Double.longBitsToDouble(bits); }

    private static long bits(double x) { return Double.doubleToRawLongBits(x); }

    // ---- f32x4, one lane

    public static int f32x4Add(int a, int b) { return bits(f(a) + f(b)); }

    public static int f32x4Sub(int a, int b) { return bits(f(a) - f(b)); }

    public static int f32x4Mul(int a, int b) { return bits(f(a) * f(b)); }

    public static int f32x4Div(int a, int b) { return bits(f(a) / f(b)); }

    public static int f32x4Min(int a, int b) { return bits(Numerics.f32Min(f(a), f(b))); }

    public static int f32x4Max(int a, int b) { return bits(Numerics.f32Max(f(a), f(b))); }

    /** {@code b < a ? b : a} on the operands' bits. */
    public static int f32x4Pmin(int a, int b) { return f(b) < f(a) ? b : a; }

    /** {@code a < b ? b : a} on the operands' bits. */
    public static int f32x4Pmax(int a, int b) { return f(a) < f(b) ? b : a; }

    /** The double square root rounded to float is the correctly rounded float square root. */
    public static int f32x4Sqrt(int a) { return bits((float) Math.sqrt(f(a))); }

    public static int f32x4Ceil(int a) { return bits(Numerics.f32Ceil(f(a))); }

    public static int f32x4Floor(int a) { return bits(Numerics.f32Floor(f(a))); }

    public static int f32x4Trunc(int a) { return bits(Numerics.f32Trunc(f(a))); }

    public static int f32x4Nearest(int a) { return bits(Numerics.f32Nearest(f(a))); }

    public static int f32x4Eq(int a, int b) { return f(a) == f(b) ? -1 : 0; }

    public static int f32x4Ne(int a, int b) { return f(a) != f(b) ? -1 : 0; }

    public static int f32x4Lt(int a, int b) { return f(a) < f(b) ? -1 : 0; }

    public static int f32x4Le(int a, int b) { return f(a) <= f(b) ? -1 : 0; }

    public static int f32x4ConvertS(int a) { return bits((float) a); }

    /** A u32 fits a long exactly, so long-to-float rounds once. */
    public static int f32x4ConvertU(int a) { return bits((float) (a & 0xFFFFFFFFL)); }

    /** An f64 lane demoted, for {@code f32x4.demote_f64x2_zero}. */
    public static int f32x4Demote(long a) { return bits((float) d(a)); }

    /** The JVM's f2i saturates and maps NaN to 0: exactly the signed trunc_sat. */
    public static int i32x4TruncSatS(int a) { return (int) f(a); }

    public static int i32x4TruncSatU(int a) { return Numerics.i32TruncSatF32U(f(a)); }

    /** An f64 lane truncated, for {@code i32x4.trunc_sat_f64x2_s_zero}. */
    public static int i32x4TruncSatF64S(long a) { return (int) d(a); }

    public static int i32x4TruncSatF64U(long a) { return Numerics.i32TruncSatF64U(d(a)); }

    // ---- f64x2, one lane

    public static long f64x2Add(long a, long b) { return bits(d(a) + d(b)); }

    public static long f64x2Sub(long a, long b) { return bits(d(a) - d(b)); }

    public static long f64x2Mul(long a, long b) { return bits(d(a) * d(b)); }

    public static long f64x2Div(long a, long b) { return bits(d(a) / d(b)); }

    public static long f64x2Min(long a, long b) { return bits(Numerics.f64Min(d(a), d(b))); }

    public static long f64x2Max(long a, long b) { return bits(Numerics.f64Max(d(a), d(b))); }

    public static long f64x2Pmin(long a, long b) { return d(b) < d(a) ? b : a; }

    public static long f64x2Pmax(long a, long b) { return d(a) < d(b) ? b : a; }

    public static long f64x2Sqrt(long a) { return bits(Math.sqrt(d(a))); }

    public static long f64x2Ceil(long a) { return bits(Numerics.f64Ceil(d(a))); }

    public static long f64x2Floor(long a) { return bits(Numerics.f64Floor(d(a))); }

    public static long f64x2Trunc(long a) { return bits(Numerics.f64Trunc(d(a))); }

    public static long f64x2Nearest(long a) { return bits(Numerics.f64Nearest(d(a))); }

    public static long f64x2Eq(long a, long b) { return d(a) == d(b) ? -1L : 0L; }

    public static long f64x2Ne(long a, long b) { return d(a) != d(b) ? -1L : 0L; }

    public static long f64x2Lt(long a, long b) { return d(a) < d(b) ? -1L : 0L; }

    public static long f64x2Le(long a, long b) { return d(a) <= d(b) ? -1L : 0L; }

    /** An f32 lane promoted, for {@code f64x2.promote_low_f32x4}. */
    public static long f64x2Promote(int a) { return bits((double) f(a)); }

    /** An i32 lane converted, for {@code f64x2.convert_low_i32x4_s} (exact). */
    public static long f64x2ConvertS(int a) { return bits((double) a); }

    public static long f64x2ConvertU(int a) { return bits((double) (a & 0xFFFFFFFFL)); }
}
