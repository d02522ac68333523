package org.wasmjar.runtime.abi;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;

class NumericsTest {
    private static void traps(TrapKind kind, Executable e) {
        assertEquals(kind, assertThrows(Trap.class, e).kind());
    }

    private static float f(int bits) { return Float.intBitsToFloat(bits); }

    private static double d(long bits) { return Double.longBitsToDouble(bits); }

    @Test void divisionTrapsAndWraps() {
        traps(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> Numerics.i32DivS(1, 0));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i32DivS(Integer.MIN_VALUE, -1));
        traps(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> Numerics.i32RemS(1, 0));
        traps(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> Numerics.i32DivU(1, 0));
        traps(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> Numerics.i32RemU(1, 0));
        traps(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> Numerics.i64DivS(1, 0));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i64DivS(Long.MIN_VALUE, -1));
        traps(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> Numerics.i64RemS(1, 0));
        traps(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> Numerics.i64DivU(1, 0));
        traps(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> Numerics.i64RemU(1, 0));
        assertEquals(0, Numerics.i32RemS(Integer.MIN_VALUE, -1));
        assertEquals(0L, Numerics.i64RemS(Long.MIN_VALUE, -1));
        assertEquals(-3, Numerics.i32DivS(-7, 2));
        assertEquals(-1, Numerics.i32RemS(-7, 2));
        assertEquals(0x7FFFFFFF, Numerics.i32DivU(-1, 2));
        assertEquals(1, Numerics.i32RemU(-1, 2));
        assertEquals(Long.MAX_VALUE, Numerics.i64DivU(-1L, 2));
        assertEquals(0x8000000000000000L >>> 1, Numerics.i64DivU(Long.MIN_VALUE, 2));
        assertEquals(1L, Numerics.i64RemU(-1L, 2));
    }

    /** Against BigInteger arithmetic, over dividends and divisors on both sides of 2^63. */
    @Test void unsignedLongDivisionMatchesBigIntegers() {
        Random random = new Random(7);
        long[] edges = {0, 1, 2, 3, 7, 10, 0xFFFFFFFFL, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, -2, -1};
        List<Long> values = new ArrayList<>();
        for (long e : edges) values.add(e);
        for (int i = 0; i < 200; i++) values.add(random.nextLong() >>> random.nextInt(64));
        for (long a : values) {
            for (long b : values) {
                if (b == 0) continue;
                BigInteger ua = new BigInteger(Long.toUnsignedString(a)), ub = new BigInteger(Long.toUnsignedString(b));
                assertEquals(ua.divide(ub).longValue(), Numerics.i64DivU(a, b), a + " / " + b);
                assertEquals(ua.mod(ub).longValue(), Numerics.i64RemU(a, b), a + " % " + b);
            }
        }
    }

    @Test void i32TruncBoundaries() {
        assertEquals(Integer.MIN_VALUE, Numerics.i32TruncF32S(-2147483648f));
        assertEquals(2147483520, Numerics.i32TruncF32S(Math.nextDown(2147483648f)));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i32TruncF32S(2147483648f));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i32TruncF32S(-2147483904f));
        traps(TrapKind.INVALID_CONVERSION, () -> Numerics.i32TruncF32S(Float.NaN));
        traps(TrapKind.INVALID_CONVERSION, () -> Numerics.i32TruncF32S(f(0xFFA00000)));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i32TruncF32S(Float.NEGATIVE_INFINITY));

        assertEquals(0, Numerics.i32TruncF32U(-0.99999994f));
        assertEquals(-256, Numerics.i32TruncF32U(4294967040f));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i32TruncF32U(-1f));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i32TruncF32U(4294967296f));
        traps(TrapKind.INVALID_CONVERSION, () -> Numerics.i32TruncF32U(Float.NaN));

        assertEquals(Integer.MIN_VALUE, Numerics.i32TruncF64S(-2147483648.9));
        assertEquals(Integer.MAX_VALUE, Numerics.i32TruncF64S(2147483647.9));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i32TruncF64S(-2147483649.0));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i32TruncF64S(2147483648.0));
        traps(TrapKind.INVALID_CONVERSION, () -> Numerics.i32TruncF64S(Double.NaN));

        assertEquals(0, Numerics.i32TruncF64U(-0.9999999999999999));
        assertEquals(-1, Numerics.i32TruncF64U(4294967295.9));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i32TruncF64U(-1.0));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i32TruncF64U(4294967296.0));
        traps(TrapKind.INVALID_CONVERSION, () -> Numerics.i32TruncF64U(d(0x7FF4000000000000L)));
    }

    @Test void i64TruncBoundaries() {
        assertEquals(Long.MIN_VALUE, Numerics.i64TruncF32S(-9223372036854775808f));
        assertEquals(9223371487098961920L, Numerics.i64TruncF32S(Math.nextDown(9223372036854775808f)));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i64TruncF32S(9223372036854775808f));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i64TruncF32S(Math.nextDown(-9223372036854775808f)));
        traps(TrapKind.INVALID_CONVERSION, () -> Numerics.i64TruncF32S(Float.NaN));

        assertEquals(0xFFFFFF0000000000L, Numerics.i64TruncF32U(Math.nextDown(18446744073709551616f)));
        assertEquals(Long.MIN_VALUE, Numerics.i64TruncF32U(9223372036854775808f));
        assertEquals(0, Numerics.i64TruncF32U(-0.99999994f));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i64TruncF32U(18446744073709551616f));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i64TruncF32U(-1f));
        traps(TrapKind.INVALID_CONVERSION, () -> Numerics.i64TruncF32U(Float.NaN));

        assertEquals(Long.MIN_VALUE, Numerics.i64TruncF64S(-9223372036854775808.0));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i64TruncF64S(9223372036854775808.0));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i64TruncF64S(Math.nextDown(-9223372036854775808.0)));
        assertEquals(0xFFFFFFFFFFFFF800L, Numerics.i64TruncF64U(Math.nextDown(18446744073709551616.0)));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i64TruncF64U(18446744073709551616.0));
        traps(TrapKind.INTEGER_OVERFLOW, () -> Numerics.i64TruncF64U(-1.0));
        traps(TrapKind.INVALID_CONVERSION, () -> Numerics.i64TruncF64U(Double.NaN));
    }

    @Test void saturatingUnsignedTruncation() {
        assertEquals(0, Numerics.i32TruncSatF32U(Float.NaN));
        assertEquals(0, Numerics.i32TruncSatF32U(-1e30f));
        assertEquals(0, Numerics.i32TruncSatF32U(-0.5f));
        assertEquals(-1, Numerics.i32TruncSatF32U(4294967296f));
        assertEquals(-256, Numerics.i32TruncSatF32U(4294967040f));
        assertEquals(-1, Numerics.i32TruncSatF64U(4294967295.5));
        assertEquals(-1, Numerics.i32TruncSatF64U(Double.POSITIVE_INFINITY));
        assertEquals(0, Numerics.i32TruncSatF64U(Double.NaN));
        assertEquals(0L, Numerics.i64TruncSatF32U(Float.NaN));
        assertEquals(0L, Numerics.i64TruncSatF32U(Float.NEGATIVE_INFINITY));
        assertEquals(-1L, Numerics.i64TruncSatF32U(18446744073709551616f));
        assertEquals(0xFFFFFF0000000000L, Numerics.i64TruncSatF32U(Math.nextDown(18446744073709551616f)));
        assertEquals(Long.MIN_VALUE, Numerics.i64TruncSatF32U(9223372036854775808f));
        assertEquals(0L, Numerics.i64TruncSatF64U(Double.NaN));
        assertEquals(-1L, Numerics.i64TruncSatF64U(1e300));
        assertEquals(0xFFFFFFFFFFFFF800L, Numerics.i64TruncSatF64U(Math.nextDown(18446744073709551616.0)));
        assertEquals(1L, Numerics.i64TruncSatF64U(1.9));
    }

    @Test void unsignedConversionsRoundOnce() {
        // via double this would round twice (to 0x1.000002p53 first, then to even) and give 0x1p53f
        assertEquals(0x1.000002p53f, Numerics.f32ConvertI64U(0x0020_0000_2000_0001L));
        assertEquals(0x1.fffffep63f, Numerics.f32ConvertI64U(0xFFFFFF7FFFFFFFFFL));
        assertEquals(0x1p64f, Numerics.f32ConvertI64U(0xFFFFFF8000000000L)); // tie, rounds to even
        assertEquals(0x1p64f, Numerics.f32ConvertI64U(-1L));
        assertEquals(0x1p63f, Numerics.f32ConvertI64U(Long.MIN_VALUE));
        assertEquals(0x1.000002p63f, Numerics.f32ConvertI64U(0x8000008000000001L));
        assertEquals(0x1p63f, Numerics.f32ConvertI64U(0x8000008000000000L));
        assertEquals(12345f, Numerics.f32ConvertI64U(12345L));
        assertEquals(0x1p64, Numerics.f64ConvertI64U(-1L));
        assertEquals(0x1.0000000000001p63, Numerics.f64ConvertI64U(0x8000000000000401L));
        assertEquals(0x1p63, Numerics.f64ConvertI64U(0x8000000000000400L));
        assertEquals(0x1.0000000000002p63, Numerics.f64ConvertI64U(0x8000000000000C00L));
        assertEquals(9007199254740992.0, Numerics.f64ConvertI64U(9007199254740993L));
    }

    @Test void roundingKeepsSignsAndQuietsNaN() {
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Numerics.f32Ceil(-0.5f)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Numerics.f32Trunc(-0.9f)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Numerics.f32Nearest(-0.5f)));
        assertEquals(2f, Numerics.f32Nearest(2.5f));
        assertEquals(4f, Numerics.f32Nearest(3.5f));
        assertEquals(-2f, Numerics.f32Floor(-1.5f));
        assertEquals(8388609f, Numerics.f32Nearest(8388609f));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Numerics.f64Trunc(-0.5)));
        assertEquals(-1.0, Numerics.f64Ceil(-1.5));
        assertEquals(4503599627370497.0, Numerics.f64Nearest(4503599627370497.0));
        assertEquals(0x7FC00000, Float.floatToRawIntBits(Numerics.f32Ceil(f(0x7FA00000))));
        assertEquals(0x7FC00000, Float.floatToRawIntBits(Numerics.f32Nearest(f(0xFF800001))));
        assertEquals(0x7FF8000000000000L, Double.doubleToRawLongBits(Numerics.f64Floor(d(0x7FF4000000000000L))));
        assertEquals(0x7FF8000000000000L, Double.doubleToRawLongBits(Numerics.f64Trunc(d(0xFFF0000000000001L))));
    }

    @Test void minMax() {
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Numerics.f32Min(0f, -0f)));
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(Numerics.f32Max(-0f, 0f)));
        assertEquals(0x7FC00000, Float.floatToRawIntBits(Numerics.f32Min(f(0xFFA00000), 1f)));
        assertEquals(0x7FC00000, Float.floatToRawIntBits(Numerics.f32Max(1f, f(0x7F800001))));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Numerics.f64Min(0.0, -0.0)));
        assertEquals(0x7FF8000000000000L, Double.doubleToRawLongBits(Numerics.f64Max(d(0x7FF0000000000001L), 1)));
        assertEquals(-1.0, Numerics.f64Min(-1.0, Double.POSITIVE_INFINITY));
        assertEquals(3f, Numerics.f32Max(3f, Float.NEGATIVE_INFINITY));
    }
}
