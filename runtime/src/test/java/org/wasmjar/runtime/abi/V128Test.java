package org.wasmjar.runtime.abi;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Random;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/**
 * The v128 layout and calling convention, and the SWAR helpers of {@link V128Ops} against lane-by-lane
 * reference versions on random halves (the spec suite tests every operator, but only on chosen values).
 */
class V128Test {
    private static final Random RANDOM = new Random(128);

    @Test
    void lanesAreLittleEndianAcrossTheHalves() {
        V128 v = V128.fromLanes("i32x4", 1, 2, 3, 0xFFFFFFFFL);
        assertEquals(0x0000000200000001L, v.lo);
        assertEquals(0xFFFFFFFF00000003L, v.hi);
        assertEquals(0xFFFFFFFFL, v.lane("i32x4", 3));
        assertEquals(0x03, v.lane("i8x16", 8));
        assertEquals(0xFF, v.lane("i8x16", 15));
        assertEquals(0xFFFFFFFF00000003L, v.lane("i64x2", 1));
        assertEquals(v, V128.fromLanes("i16x8", 1, 0, 2, 0, 3, 0, 0xFFFF, -1));
        assertEquals("i32x4 0x00000001 0x00000002 0x00000003 0xffffffff", v.toString());
        assertEquals(v.hashCode(), new V128(v.lo, v.hi).hashCode());
        assertThrows(IllegalArgumentException.class, () -> V128.fromLanes("i32x4", 1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> v.lane("f64x2", 2));
        assertThrows(IllegalArgumentException.class, () -> V128.laneBits("i128x1"));
    }

    @Test
    void parsesTheTextFormatsLanes() {
        assertEquals(V128.fromLanes("i32x4", 1, -2, 3, 0xFFFFFFFFL), V128.parse("i32x4 1 -2 0x3 4294967295"));
        assertEquals(V128.fromLanes("i8x16", -128, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7),
                V128.parse(" i8x16 -128 0xff 0 0 0 0 0 0 0 0 0 0 0 0 0 7 "));
        assertEquals(V128.fromLanes("f32x4", 0x3fc00000, 0x7fc00000, 0xff800000L, 0x80000000L), V128.parse("f32x4 1.5 nan -inf -0"));
        assertEquals(V128.fromLanes("f64x2", 0x4024000000000000L, 0x7ff0000000000000L), V128.parse("f64x2 10 inf"));
        assertEquals("i8x16 needs 16 lanes, got 2: i8x16 1 2",
                assertThrows(IllegalArgumentException.class, () -> V128.parse("i8x16 1 2")).getMessage());
        assertEquals("\"256\" is no i8x16 lane", assertThrows(IllegalArgumentException.class,
                () -> V128.parse("i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> V128.parse("i16x8 -32769 0 0 0 0 0 0 0"));
        assertThrows(IllegalArgumentException.class, () -> V128.parse("f32x4 one 0 0 0"));
        assertThrows(IllegalArgumentException.class, () -> V128.parse("v128 0"));
    }

    @Test
    void aV128ParameterIsTwoLongsAndAResultIsBoxed() {
        FuncType t = new FuncType(List.of(ValType.I32, ValType.V128, ValType.F32), List.of(ValType.V128));
        assertEquals(MethodType.methodType(V128.class, int.class, long.class, long.class, float.class), Abi.methodType(t));
        assertEquals(Abi.methodType(t).appendParameterTypes(Instance.class), Abi.staticMethodType(t));
        FuncType multi = new FuncType(List.of(), List.of(ValType.V128, ValType.I32));
        assertEquals(MethodType.methodType(Object[].class), Abi.methodType(multi));
    }

    /** {@code op} on every {@code bits}-wide lane of random halves equals {@code lane} applied lane by lane. */
    private static void lanewise(int bits, LongBinaryOperator op, LongBinaryOperator lane) {
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        for (int n = 0; n < 2000; n++) {
            long a = edgy(bits), b = edgy(bits);
            long expected = 0;
            for (int i = 0; i < 64; i += bits) expected |= (lane.applyAsLong(a >>> i & mask, b >>> i & mask) & mask) << i;
            assertEquals(expected, op.applyAsLong(a, b),
                    () -> Long.toHexString(a) + " " + Long.toHexString(b));
        }
    }

    private static void lanewise(int bits, LongUnaryOperator op, LongUnaryOperator lane) {
        lanewise(bits, (a, b) -> op.applyAsLong(a), (a, b) -> lane.applyAsLong(a));
    }

    /** Random lanes, often the extremes (0, 1, max, the sign bit alone, all ones), where SWAR carries go wrong. */
    private static long edgy(int bits) {
        long h = 0;
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        for (int i = 0; i < 64; i += bits) {
            long lane = switch (RANDOM.nextInt(6)) {
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> mask >>> 1;
                case 3 -> 1L << (bits - 1);
                case 4 -> mask;
                default -> RANDOM.nextLong();
            };
            h |= (lane & mask) << i;
        }
        return h;
    }

    private static long signed(long lane, int bits) { return lane << (64 - bits) >> (64 - bits); }

    @Test
    void swarArithmetic() {
        for (int bits : new int[] {8, 16}) {
            int w = bits;
            long max = (1L << bits) - 1, smax = max >> 1, smin = -smax - 1;
            boolean b8 = bits == 8;
            lanewise(bits, b8 ? V128Ops::i8x16Add : V128Ops::i16x8Add, Long::sum);
            lanewise(bits, b8 ? V128Ops::i8x16Sub : V128Ops::i16x8Sub, (a, b) -> a - b);
            lanewise(bits, b8 ? V128Ops::i8x16Neg : V128Ops::i16x8Neg, a -> -a);
            lanewise(bits, b8 ? V128Ops::i8x16Abs : V128Ops::i16x8Abs, a -> Math.abs(signed(a, w)));
            lanewise(bits, b8 ? V128Ops::i8x16AvgrU : V128Ops::i16x8AvgrU, (a, b) -> (a + b + 1) >>> 1);
            lanewise(bits, b8 ? V128Ops::i8x16Eq : V128Ops::i16x8Eq, (a, b) -> a == b ? -1 : 0);
            lanewise(bits, b8 ? V128Ops::i8x16LtU : V128Ops::i16x8LtU, (a, b) -> a < b ? -1 : 0);
            lanewise(bits, b8 ? V128Ops::i8x16LtS : V128Ops::i16x8LtS, (a, b) -> signed(a, w) < signed(b, w) ? -1 : 0);
            lanewise(bits, b8 ? V128Ops::i8x16AddSatU : V128Ops::i16x8AddSatU, (a, b) -> Math.min(a + b, max));
            lanewise(bits, b8 ? V128Ops::i8x16SubSatU : V128Ops::i16x8SubSatU, (a, b) -> Math.max(a - b, 0));
            lanewise(bits, b8 ? V128Ops::i8x16AddSatS : V128Ops::i16x8AddSatS,
                    (a, b) -> Math.max(smin, Math.min(smax, signed(a, w) + signed(b, w))));
            lanewise(bits, b8 ? V128Ops::i8x16SubSatS : V128Ops::i16x8SubSatS,
                    (a, b) -> Math.max(smin, Math.min(smax, signed(a, w) - signed(b, w))));
        }
        lanewise(8, V128Ops::i8x16Popcnt, Long::bitCount);
    }

    @Test
    void wideningAndNarrowing() {
        for (int n = 0; n < 2000; n++) {
            long h = edgy(8), lo = edgy(16), hi = edgy(16);
            long extendS = 0, extendU = 0, narrowS = 0, narrowU = 0;
            for (int i = 0; i < 4; i++) {
                long b = h >>> 8 * i & 0xFF;
                extendS |= (signed(b, 8) & 0xFFFF) << 16 * i;
                extendU |= b << 16 * i;
                long l = signed(lo >>> 16 * i & 0xFFFF, 16), m = signed(hi >>> 16 * i & 0xFFFF, 16);
                narrowS |= (Math.max(-128, Math.min(127, l)) & 0xFF) << 8 * i | (Math.max(-128, Math.min(127, m)) & 0xFF) << 8 * (i + 4);
                narrowU |= Math.max(0, Math.min(255, l)) << 8 * i | Math.max(0, Math.min(255, m)) << 8 * (i + 4);
            }
            assertEquals(extendS, V128Ops.i16x8ExtendLowS(h));
            assertEquals(extendU, V128Ops.i16x8ExtendLowU(h));
            assertEquals(extendU, V128Ops.i16x8ExtendHighU(h << 32));
            assertEquals(narrowS, V128Ops.i8x16NarrowS(lo, hi));
            assertEquals(narrowU, V128Ops.i8x16NarrowU(lo, hi));
        }
        lanewise(16, V128Ops::i16x8ExtaddPairwiseU, a -> (a & 0xFF) + (a >>> 8));
        lanewise(16, V128Ops::i16x8ExtaddPairwiseS, a -> signed(a & 0xFF, 8) + signed(a >>> 8, 8));
        lanewise(16, V128Ops::i16x8Mul, (a, b) -> a * b);
    }

    /** Lane {@code i} (0..7) of an i16x8 in even/odd halves: slot i / 2 of the even or the odd one. */
    private static long evenOddLane(long even, long odd, int i) { return (i % 2 == 0 ? even : odd) >>> 16 * (i / 2) & 0xFFFF; }

    @Test
    void evenOddHalves() {
        for (int n = 0; n < 2000; n++) {
            long lo = edgy(16), hi = edgy(16), bytes = edgy(8);
            long even = V128Ops.evenLanes16(lo, hi), odd = V128Ops.oddLanes16(lo, hi);
            long inRangeLo = 0, inRangeHi = 0, narrowS = 0, narrowU = 0, inRange = 0;
            for (int i = 0; i < 8; i++) {
                long lane = (i < 4 ? lo : hi) >>> 16 * (i % 4) & 0xFFFF;
                assertEquals(lane, evenOddLane(even, odd, i));
                long b = bytes >>> 8 * i & 0xFF;
                assertEquals(b, evenOddLane(V128Ops.evenBytesU(bytes), V128Ops.oddBytesU(bytes), i));
                assertEquals(signed(b, 8) & 0xFFFF, evenOddLane(V128Ops.evenBytesS(bytes), V128Ops.oddBytesS(bytes), i));
                long l = signed(lane, 16);
                narrowS |= (Math.max(-128, Math.min(127, l)) & 0xFF) << 8 * i;
                narrowU |= Math.max(0, Math.min(255, l)) << 8 * i;
                inRange |= (lane & 0xFF) << 8 * i;
                if (i < 4) inRangeLo |= (lane & 0xFF) << 16 * i;
                else inRangeHi |= (lane & 0xFF) << 16 * (i - 4);
            }
            assertEquals(lo, V128Ops.interleave16(even, odd));
            assertEquals(hi, V128Ops.interleave16(even >>> 32, odd >>> 32));
            for (int q = 0; q < 4; q++) assertEquals((int) ((q < 2 ? lo : hi) >>> 32 * (q % 2)), V128Ops.evenOddQuarter(even, odd, 16 * q));
            assertEquals(narrowS, V128Ops.i8x16NarrowEvenOddS(even, odd));
            assertEquals(narrowU, V128Ops.i8x16NarrowEvenOddU(even, odd));
            // lanes already bytes
            long evenBytes = V128Ops.evenLanes16(inRangeLo, inRangeHi), oddBytes = V128Ops.oddLanes16(inRangeLo, inRangeHi);
            assertEquals(inRange, V128Ops.joinBytes(evenBytes, oddBytes));
            assertEquals(inRange, V128Ops.gatherBytes(inRangeLo, inRangeHi));
            int q0 = (int) (lo & 0xFFFF), q1 = (int) (lo >>> 16 & 0xFFFF), q2 = (int) (hi & 0xFFFF), q3 = (int) (hi >>> 48);
            assertEquals(q0 | (long) q1 << 16 | (long) q2 << 32 | (long) q3 << 48, V128Ops.pack16(q0, q1, q2, q3));
        }
    }

    @Test
    void swarShifts() {
        for (int s : new int[] {0, 1, 3, 7, 8, 9, 15, 16, 31, 33, -1}) {
            int c8 = s & 7, c16 = s & 15;
            lanewise(8, a -> V128Ops.i8x16Shl(a, s), a -> a << c8);
            lanewise(8, a -> V128Ops.i8x16ShrU(a, s), a -> a >>> c8);
            lanewise(8, a -> V128Ops.i8x16ShrS(a, s), a -> signed(a, 8) >> c8);
            lanewise(16, a -> V128Ops.i16x8Shl(a, s), a -> a << c16);
            lanewise(16, a -> V128Ops.i16x8ShrU(a, s), a -> a >>> c16);
            lanewise(16, a -> V128Ops.i16x8ShrS(a, s), a -> signed(a, 16) >> c16);
        }
    }

    @Test
    void reductions() {
        for (int n = 0; n < 2000; n++) {
            long lo = edgy(8), hi = edgy(8);
            int mask = 0;
            boolean all = true;
            for (int i = 0; i < 16; i++) {
                long lane = (i < 8 ? lo : hi) >>> 8 * (i % 8) & 0xFF;
                if (lane >= 0x80) mask |= 1 << i;
                all &= lane != 0;
            }
            assertEquals(mask, V128Ops.i8x16Bitmask(lo, hi));
            assertEquals(all ? 1 : 0, V128Ops.i8x16AllTrue(lo, hi));
            long lo16 = edgy(16), hi16 = edgy(16);
            boolean all16 = true;
            for (int i = 0; i < 8; i++) all16 &= ((i < 4 ? lo16 : hi16) >>> 16 * (i % 4) & 0xFFFF) != 0;
            assertEquals(all16 ? 1 : 0, V128Ops.i16x8AllTrue(lo16, hi16));
        }
    }
}
