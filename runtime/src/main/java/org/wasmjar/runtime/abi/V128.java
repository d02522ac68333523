package org.wasmjar.runtime.abi;

import java.math.BigInteger;
import java.util.Locale;

/**
 * A boxed {@code v128} value, for where one value must be one object: a function's v128 result, a v128 in a
 * multi-value result array, and host calls ({@link org.wasmjar.runtime.api.Invoker}). Inside a function a v128 is
 * never boxed: it is two {@code long} halves or four {@code int} quarters in locals, and a parameter is two longs
 * ({@link Abi}). {@code lo} holds bytes 0..7 of the vector, {@code hi} bytes 8..15, each little-endian (byte 0 is
 * the low byte of {@code lo}), so lane {@code i} of an {@code i32x4} is {@code (int) ((i < 2 ? lo : hi) >>> 32 * (i % 2))}
 * and quarter {@code q} holds bytes {@code 4q..4q+3}: the order Wasm memory has.
 */
public final class V128 {
    public final long lo, hi;

    public V128(long lo, long hi) {
        this.lo = lo;
        this.hi = hi;
    }

    /** The factory generated code calls (its two halves are already on the operand stack). */
    public static V128 of(long lo, long hi) { return new V128(lo, hi); }

    /**
     * From lanes of the given shape ({@code i8x16}, {@code i16x8}, {@code i32x4}, {@code i64x2}, {@code f32x4},
     * {@code f64x2}): each lane's low bits are used (floats as their raw bits), lane 0 first.
     */
    public static V128 fromLanes(String shape, long... lanes) {
        int bits = laneBits(shape);
        if (lanes.length != 128 / bits) {
            throw new IllegalArgumentException(shape + " has " + 128 / bits + " lanes, got " + lanes.length);
        }
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        long lo = 0, hi = 0;
        int perHalf = 64 / bits;
        for (int i = 0; i < lanes.length; i++) {
            long lane = (lanes[i] & mask) << (bits * (i % perHalf));
            if (i < perHalf) lo |= lane;
            else hi |= lane;
        }
        return new V128(lo, hi);
    }

    /**
     * Parses the text format's lanes: a shape, then one value per lane, e.g. {@code i32x4 1 -2 0x3 4} or
     * {@code f32x4 1.5 nan inf -0}. Integer lanes are decimal or {@code 0x} hex, signed or unsigned within the lane
     * width; float lanes are Java float syntax, {@code nan}, {@code inf} or {@code -inf}.
     * @throws IllegalArgumentException with a one-line reason
     */
    public static V128 parse(String text) {
        String[] parts = text.strip().split("\\s+");
        String shape = parts[0];
        int bits = laneBits(shape);
        if (parts.length - 1 != 128 / bits) {
            throw new IllegalArgumentException(shape + " needs " + 128 / bits + " lanes, got " + (parts.length - 1) + ": " + text);
        }
        long[] lanes = new long[parts.length - 1];
        for (int i = 0; i < lanes.length; i++) {
            try {
                lanes[i] = shape.startsWith("f") ? floatLane(bits, parts[i + 1].toLowerCase(Locale.ROOT)) : intLane(bits, parts[i + 1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + parts[i + 1] + "\" is no " + shape + " lane");
            }
        }
        return fromLanes(shape, lanes);
    }

    private static long intLane(int bits, String t) {
        boolean negative = t.startsWith("-");
        String digits = negative || t.startsWith("+") ? t.substring(1) : t;
        BigInteger v = digits.startsWith("0x") || digits.startsWith("0X")
                ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits);
        if (negative) v = v.negate();
        if (v.compareTo(BigInteger.ONE.shiftLeft(bits - 1).negate()) < 0 || v.bitLength() > bits) {
            throw new NumberFormatException(t);
        }
        return v.longValue();
    }

    private static long floatLane(int bits, String t) {
        if (t.equals("nan") || t.equals("+nan")) return bits == 32 ? Float.floatToRawIntBits(Float.NaN) : Double.doubleToRawLongBits(Double.NaN);
        String number = switch (t) {
            case "inf", "+inf" -> "Infinity";
            case "-inf" -> "-Infinity";
            default -> {
                if (t.contains("n") || t.contains("i")) throw new NumberFormatException(t); // Java's own NaN, Infinity
                yield t;
            }
        };
        return bits == 32 ? Float.floatToRawIntBits(Float.parseFloat(number)) : Double.doubleToRawLongBits(Double.parseDouble(number));
    }

    /** Lane {@code i} of the given shape as raw bits, zero-extended. */
    public long lane(String shape, int i) {
        int bits = laneBits(shape);
        int perHalf = 64 / bits;
        if (i < 0 || i >= 2 * perHalf) throw new IllegalArgumentException(shape + " has no lane " + i);
        long half = i < perHalf ? lo : hi;
        return bits == 64 ? half : (half >>> bits * (i % perHalf)) & ((1L << bits) - 1);
    }

    /** Bits per lane of a shape name. */
    public static int laneBits(String shape) {
        return switch (shape) {
            case "i8x16" -> 8;
            case "i16x8" -> 16;
            case "i32x4", "f32x4" -> 32;
            case "i64x2", "f64x2" -> 64;
            default -> throw new IllegalArgumentException("unknown v128 shape " + shape);
        };
    }

    @Override public boolean equals(Object o) { return o instanceof V128 v && v.lo == lo && v.hi == hi; }

    @Override public int hashCode() { return Long.hashCode(lo) * 31 + Long.hashCode(hi); }

    /** The text format's {@code v128.const i32x4 0x... 0x... 0x... 0x...}, lanes as unsigned hex. */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder("i32x4");
        for (int i = 0; i < 4; i++) sb.append(" 0x").append(String.format("%08x", lane("i32x4", i)));
        return sb.toString();
    }
}
