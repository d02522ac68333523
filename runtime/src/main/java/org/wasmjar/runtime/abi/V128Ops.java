package org.wasmjar.runtime.abi;

/**
 * Integer and bitwise {@code v128} operators. Generated code keeps a vector in two {@code long} halves or four
 * {@code int} quarters (see {@link V128}) and computes each part of a result by one call here, so nothing
 * allocates: 8- and 16-bit lanes work on halves with SWAR arithmetic (the top bit of each lane masked so carries
 * and borrows stay inside it), 32-bit lanes on quarters, one lane per call. An i16x8 widened from bytes may be kept
 * in even/odd halves (lanes 0, 2, 4, 6 in one long, 1, 3, 5, 7 in the other), which lane-wise operators treat like
 * halves in order and which are cheap to widen into and narrow from. Every method is loop-free and small,
 * so that HotSpot inlines it. Comparisons give all-ones or all-zeros lanes; the lowering derives {@code gt},
 * {@code le}, {@code ge} and {@code ne} from {@code lt} and {@code eq} by swapping operands or inverting, which is
 * exact for integers.
 */
public final class V128Ops {
    private V128Ops() {}

    private static final long L8 = 0x0101010101010101L, H8 = 0x8080808080808080L;
    private static final long L16 = 0x0001000100010001L, H16 = 0x8000800080008000L;
    private static final long B16 = 0x00FF00FF00FF00FFL, S16 = 0x0080008000800080L;
    private static final long M32 = 0xFFFFFFFFL;

    /** Two i32 lanes as one half. */
    public static long pack(int lane0, int lane1) { return (lane0 & M32) | (long) lane1 << 32; }

    // ---- whole vector

    public static long bitselect(long a, long b, long mask) { return (a & mask) | (b & ~mask); }

    public static int bitselect(int a, int b, int mask) { return (a & mask) | (b & ~mask); }

    public static int anyTrue(long lo, long hi) { return (lo | hi) != 0 ? 1 : 0; }

    public static int anyTrue(int q0, int q1, int q2, int q3) { return (q0 | q1 | q2 | q3) != 0 ? 1 : 0; }

    // ---- splat and lane insertion (halves)

    public static long splat8(int x) { return (x & 0xFFL) * L8; }

    public static long splat16(int x) { return (x & 0xFFFFL) * L16; }

    /** {@code h} with the byte at bit {@code shift} replaced by the low byte of {@code x}. */
    public static long insert8(long h, int x, int shift) { return (h & ~(0xFFL << shift)) | (x & 0xFFL) << shift; }

    public static long insert16(long h, int x, int shift) { return (h & ~(0xFFFFL << shift)) | (x & 0xFFFFL) << shift; }

    // ---- shuffles (halves)

    /** Byte {@code i} of the result is byte {@code idx} of a (or 0 when idx >= 16), idx the unsigned byte i of {@code s}. */
    public static long swizzle(long aLo, long aHi, long s) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int idx = (int) (s >>> i) & 0xFF;
            if (idx < 16) r |= ((idx < 8 ? aLo : aHi) >>> ((idx & 7) << 3) & 0xFF) << i;
        }
        return r;
    }

    /** Byte {@code i} of the result is byte {@code sel[i]} (0..31) of the concatenation of a and b. */
    public static long shuffle(long aLo, long aHi, long bLo, long bHi, long sel) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            int idx = (int) (sel >>> i) & 31;
            long src = idx < 16 ? (idx < 8 ? aLo : aHi) : (idx < 24 ? bLo : bHi);
            r |= (src >>> ((idx & 7) << 3) & 0xFF) << i;
        }
        return r;
    }

    // ---- i8x16 (halves)

    /** The lanes' low bits added with their top bits clear (no carry leaves a lane), the top bits xor-ed in. */
    public static long i8x16Add(long a, long b) { return ((a & ~H8) + (b & ~H8)) ^ ((a ^ b) & H8); }

    /** The minuend's top bits set so no borrow leaves a lane, then the right top bits xor-ed in. */
    public static long i8x16Sub(long a, long b) { return ((a | H8) - (b & ~H8)) ^ ((a ^ ~b) & H8); }

    public static long i8x16Neg(long a) { return i8x16Sub(0, a); }

    /** Flips negative lanes and adds one to them: {@code -128} stays {@code -128}, as Wasm wraps. */
    public static long i8x16Abs(long a) {
        long s = (a & H8) >>> 7;
        return i8x16Add(a ^ s * 0xFF, s);
    }

    public static long i8x16Popcnt(long x) {
        x = x - ((x >>> 1) & 0x5555555555555555L);
        x = (x & 0x3333333333333333L) + ((x >>> 2) & 0x3333333333333333L);
        return (x + (x >>> 4)) & 0x0F0F0F0F0F0F0F0FL;
    }

    /** {@code (a + b + 1) >>> 1} per unsigned lane, as {@code (a | b) - ((a ^ b) >>> 1)}, which never borrows. */
    public static long i8x16AvgrU(long a, long b) { return (a | b) - ((a ^ b) >>> 1 & ~H8); }

    /** All-ones in the lanes whose top bit is set. */
    private static long mask8(long x) { return ((x & H8) >>> 7) * 0xFF; }

    public static long i8x16Eq(long a, long b) {
        long x = a ^ b;
        return ~mask8(((x & ~H8) + ~H8) | x);
    }

    /** Unsigned {@code a < b} is the borrow out of {@code a - b}: {@code ~a & b | ~(a ^ b) & (a - b)} at the top bit. */
    public static long i8x16LtU(long a, long b) { return mask8((~a & b) | (~(a ^ b) & i8x16Sub(a, b))); }

    /** Flipping the sign bits maps signed order onto unsigned order. */
    public static long i8x16LtS(long a, long b) { return i8x16LtU(a ^ H8, b ^ H8); }

    public static long i8x16MinS(long a, long b) { return bitselect(a, b, i8x16LtS(a, b)); }

    public static long i8x16MinU(long a, long b) { return bitselect(a, b, i8x16LtU(a, b)); }

    public static long i8x16MaxS(long a, long b) { return bitselect(b, a, i8x16LtS(a, b)); }

    public static long i8x16MaxU(long a, long b) { return bitselect(b, a, i8x16LtU(a, b)); }

    /** The wrapped sum, or all-ones where it carried out. */
    public static long i8x16AddSatU(long a, long b) {
        long s = i8x16Add(a, b);
        return s | mask8((a & b) | ((a | b) & ~s));
    }

    /** The wrapped difference, or zero where it borrowed. */
    public static long i8x16SubSatU(long a, long b) {
        long d = i8x16Sub(a, b);
        return d & ~mask8((~a & b) | (~(a ^ b) & d));
    }

    /** Where the sum's sign differs from both operands' it overflowed: 127, or -128 for negative operands. */
    public static long i8x16AddSatS(long a, long b) {
        long s = i8x16Add(a, b);
        return bitselect(0x7F7F7F7F7F7F7F7FL + ((a & H8) >>> 7), s, mask8((s ^ a) & (s ^ b)));
    }

    public static long i8x16SubSatS(long a, long b) {
        long d = i8x16Sub(a, b);
        return bitselect(0x7F7F7F7F7F7F7F7FL + ((a & H8) >>> 7), d, mask8((a ^ b) & (a ^ d)));
    }

    /** Shift counts are taken modulo the lane width, as Wasm says. */
    public static long i8x16Shl(long a, int s) {
        s &= 7;
        return (a << s) & ((0xFFL << s) & 0xFF) * L8;
    }

    public static long i8x16ShrU(long a, int s) {
        s &= 7;
        return (a >>> s) & (0xFFL >>> s) * L8;
    }

    /** A logical shift, then sign extension from the shifted sign bit: {@code (x ^ t) - t} per lane. */
    public static long i8x16ShrS(long a, int s) {
        long t = (0x80L >>> (s & 7)) * L8;
        return i8x16Sub(i8x16ShrU(a, s) ^ t, t);
    }

    /**
     * Four signed i16 lanes saturated to 0..255, each left in its lane, branch-free: negative lanes become 0, lanes
     * with any of bits 8..14 set become 255.
     */
    private static long clamp8U(long h) {
        long negative = mask16(h);
        long big = ((((h & 0x7F007F007F007F00L) + 0x7F007F007F007F00L) & H16) >>> 15) * 0xFF;
        return (h | big) & ~negative & B16;
    }

    /** Four signed i16 lanes saturated to -128..127, the low byte of each left in its lane. */
    private static long clamp8S(long h) {
        return (sat8S((short) h) & 0xFFL) | (sat8S((short) (h >>> 16)) & 0xFFL) << 16
                | (sat8S((short) (h >>> 32)) & 0xFFL) << 32 | (sat8S((short) (h >>> 48)) & 0xFFL) << 48;
    }

    /** The low bytes of four i16 lanes whose high bytes are zero, gathered into the low 32 bits. */
    private static long gather4(long r) {
        r = (r | r >>> 8) & 0x0000FFFF0000FFFFL;
        return (r | r >>> 16) & M32;
    }

    public static long i8x16NarrowS(long lo, long hi) { return gather4(clamp8S(lo)) | gather4(clamp8S(hi)) << 32; }

    public static long i8x16NarrowU(long lo, long hi) { return gather4(clamp8U(lo)) | gather4(clamp8U(hi)) << 32; }

    /** i8x16.narrow_i16x8 of eight lanes already in range (0..127 or 0..255): their low bytes, in order. */
    public static long gatherBytes(long lo, long hi) { return gather4(lo) | gather4(hi) << 32; }

    /** Eight lanes in even/odd halves, saturated to bytes: byte 2i is even lane i, byte 2i + 1 odd lane i. */
    public static long i8x16NarrowEvenOddU(long even, long odd) { return clamp8U(even) | clamp8U(odd) << 8; }

    public static long i8x16NarrowEvenOddS(long even, long odd) { return clamp8S(even) | clamp8S(odd) << 8; }

    /** Eight lanes in even/odd halves already in range (0..127 or 0..255) as bytes. */
    public static long joinBytes(long even, long odd) { return even | odd << 8; }

    /** Whether every byte of both halves is non-zero; {@code (x - 0x01..) & ~x & 0x80..} finds a zero byte. */
    public static int i8x16AllTrue(long lo, long hi) {
        return ((lo - L8) & ~lo & H8) == 0 && ((hi - L8) & ~hi & H8) == 0 ? 1 : 0;
    }

    /** The top bit of each byte, gathered by one multiplication into the top byte (lane i lands at bit 56 + i). */
    public static int i8x16Bitmask(long lo, long hi) {
        return (int) (((lo & H8) * 0x0002040810204081L) >>> 56) | (int) (((hi & H8) * 0x0002040810204081L) >>> 56) << 8;
    }

    private static int sat8S(int x) { return Math.max(-128, Math.min(127, x)); }

    // ---- i16x8 (halves)

    public static long i16x8Add(long a, long b) { return ((a & ~H16) + (b & ~H16)) ^ ((a ^ b) & H16); }

    public static long i16x8Sub(long a, long b) { return ((a | H16) - (b & ~H16)) ^ ((a ^ ~b) & H16); }

    public static long i16x8Neg(long a) { return i16x8Sub(0, a); }

    public static long i16x8Abs(long a) {
        long s = (a & H16) >>> 15;
        return i16x8Add(a ^ s * 0xFFFF, s);
    }

    public static long i16x8Mul(long a, long b) {
        return ((short) a * (short) b & 0xFFFFL) | ((short) (a >>> 16) * (short) (b >>> 16) & 0xFFFFL) << 16
                | ((short) (a >>> 32) * (short) (b >>> 32) & 0xFFFFL) << 32 | (long) ((short) (a >>> 48) * (short) (b >>> 48)) << 48;
    }

    public static long i16x8AvgrU(long a, long b) { return (a | b) - ((a ^ b) >>> 1 & ~H16); }

    private static long mask16(long x) { return ((x & H16) >>> 15) * 0xFFFF; }

    public static long i16x8Eq(long a, long b) {
        long x = a ^ b;
        return ~mask16(((x & ~H16) + ~H16) | x);
    }

    public static long i16x8LtU(long a, long b) { return mask16((~a & b) | (~(a ^ b) & i16x8Sub(a, b))); }

    public static long i16x8LtS(long a, long b) { return i16x8LtU(a ^ H16, b ^ H16); }

    public static long i16x8MinS(long a, long b) { return bitselect(a, b, i16x8LtS(a, b)); }

    public static long i16x8MinU(long a, long b) { return bitselect(a, b, i16x8LtU(a, b)); }

    public static long i16x8MaxS(long a, long b) { return bitselect(b, a, i16x8LtS(a, b)); }

    public static long i16x8MaxU(long a, long b) { return bitselect(b, a, i16x8LtU(a, b)); }

    public static long i16x8AddSatU(long a, long b) {
        long s = i16x8Add(a, b);
        return s | mask16((a & b) | ((a | b) & ~s));
    }

    public static long i16x8SubSatU(long a, long b) {
        long d = i16x8Sub(a, b);
        return d & ~mask16((~a & b) | (~(a ^ b) & d));
    }

    public static long i16x8AddSatS(long a, long b) {
        long s = i16x8Add(a, b);
        return bitselect(0x7FFF7FFF7FFF7FFFL + ((a & H16) >>> 15), s, mask16((s ^ a) & (s ^ b)));
    }

    public static long i16x8SubSatS(long a, long b) {
        long d = i16x8Sub(a, b);
        return bitselect(0x7FFF7FFF7FFF7FFFL + ((a & H16) >>> 15), d, mask16((a ^ b) & (a ^ d)));
    }

    /** {@code (a * b + 2^14) >> 15}, saturated: only {@code -32768 * -32768} overflows. */
    private static long q15(long a, long b, int shift) {
        int p = ((short) (a >>> shift) * (short) (b >>> shift) + 0x4000) >> 15;
        return (Math.min(p, 0x7FFF) & 0xFFFFL) << shift;
    }

    public static long i16x8Q15mulrSatS(long a, long b) { return q15(a, b, 0) | q15(a, b, 16) | q15(a, b, 32) | q15(a, b, 48); }

    public static long i16x8Shl(long a, int s) {
        s &= 15;
        return (a << s) & ((0xFFFFL << s) & 0xFFFF) * L16;
    }

    public static long i16x8ShrU(long a, int s) {
        s &= 15;
        return (a >>> s) & (0xFFFFL >>> s) * L16;
    }

    public static long i16x8ShrS(long a, int s) {
        long t = (0x8000L >>> (s & 15)) * L16;
        return i16x8Sub(i16x8ShrU(a, s) ^ t, t);
    }

    /** Four i32 lanes (quarters) to four i16 lanes (a half), saturating signed. */
    public static long i16x8NarrowS(int q0, int q1, int q2, int q3) {
        return (sat16S(q0) & 0xFFFFL) | (sat16S(q1) & 0xFFFFL) << 16 | (sat16S(q2) & 0xFFFFL) << 32 | (long) sat16S(q3) << 48;
    }

    public static long i16x8NarrowU(int q0, int q1, int q2, int q3) {
        return sat16U(q0) | (long) sat16U(q1) << 16 | (long) sat16U(q2) << 32 | (long) sat16U(q3) << 48;
    }

    /** Four i32 lanes already in 0..65535 as four i16 lanes. */
    public static long pack16(int q0, int q1, int q2, int q3) { return (q0 | q1 << 16) & M32 | (long) (q2 | q3 << 16) << 32; }

    /** Bytes 0..3 of the half zero-extended to four i16 lanes, by spreading them apart twice. */
    public static long i16x8ExtendLowU(long h) {
        long x = h & M32;
        x = (x | x << 16) & 0x0000FFFF0000FFFFL;
        return (x | x << 8) & B16;
    }

    public static long i16x8ExtendHighU(long h) { return i16x8ExtendLowU(h >>> 32); }

    /** Zero-extended, then sign-extended from bit 7 of each lane. */
    public static long i16x8ExtendLowS(long h) { return signExtend8(i16x8ExtendLowU(h)); }

    public static long i16x8ExtendHighS(long h) { return i16x8ExtendLowS(h >>> 32); }

    /** Lanes 0..255 sign-extended from bit 7: a set bit 7 becomes ones in bits 8..15 of its lane. */
    private static long signExtend8(long x) { return x | ((x & S16) << 1) * 0xFF; }

    // ---- i16x8 in even/odd halves: lanes 0, 2, 4, 6 in one long, lanes 1, 3, 5, 7 in the other

    /** Bytes 0, 2, 4, 6 of eight bytes as zero-extended lanes (bytes 1, 3, 5, 7 for {@link #oddBytesU}). */
    public static long evenBytesU(long bytes) { return bytes & B16; }

    public static long oddBytesU(long bytes) { return bytes >>> 8 & B16; }

    public static long evenBytesS(long bytes) { return signExtend8(bytes & B16); }

    public static long oddBytesS(long bytes) { return signExtend8(bytes >>> 8 & B16); }

    /** Lanes 0, 2, 4, 6 of an i16x8 in order ({@code lo}, {@code hi}). */
    public static long evenLanes16(long lo, long hi) {
        return (lo & 0xFFFF) | (lo >>> 16 & 0xFFFF0000L) | (hi & 0xFFFF) << 32 | (hi << 16 & 0xFFFF000000000000L);
    }

    public static long oddLanes16(long lo, long hi) { return evenLanes16(lo >>> 16, hi >>> 16); }

    /** Lanes 0..3 in order from the low two lanes of the even and of the odd half (shift both by 32 for 4..7). */
    public static long interleave16(long even, long odd) {
        return (even & 0xFFFF) | (odd & 0xFFFF) << 16 | (even & 0xFFFF0000L) << 16 | (odd & 0xFFFF0000L) << 32;
    }

    /** Lanes 2q and 2q + 1 (quarter q, in order) of even/odd halves, {@code shift} being 16q. */
    public static int evenOddQuarter(long even, long odd, int shift) {
        return (int) (even >>> shift) & 0xFFFF | (int) (odd >>> shift) << 16;
    }

    /** Each i16 lane the sum of two adjacent bytes (at most 510 unsigned, so no carry leaves a lane). */
    public static long i16x8ExtaddPairwiseU(long h) { return (h & B16) + (h >>> 8 & B16); }

    public static long i16x8ExtaddPairwiseS(long h) {
        return i16x8Add(i16x8Sub((h & B16) ^ S16, S16), i16x8Sub((h >>> 8 & B16) ^ S16, S16));
    }

    /** Products of bytes 0..3, exact in 16 bits (at most 128 * 128 or 255 * 255). */
    public static long i16x8ExtmulLowS(long a, long b) { return i16x8Mul(i16x8ExtendLowS(a), i16x8ExtendLowS(b)); }

    public static long i16x8ExtmulHighS(long a, long b) { return i16x8Mul(i16x8ExtendHighS(a), i16x8ExtendHighS(b)); }

    public static long i16x8ExtmulLowU(long a, long b) { return i16x8Mul(i16x8ExtendLowU(a), i16x8ExtendLowU(b)); }

    public static long i16x8ExtmulHighU(long a, long b) { return i16x8Mul(i16x8ExtendHighU(a), i16x8ExtendHighU(b)); }

    public static int i16x8AllTrue(long lo, long hi) {
        return ((lo - L16) & ~lo & H16) == 0 && ((hi - L16) & ~hi & H16) == 0 ? 1 : 0;
    }

    /** Bits 15, 31, 47 and 63 of each half. */
    public static int i16x8Bitmask(long lo, long hi) { return signs16(lo) | signs16(hi) << 4; }

    private static int signs16(long h) {
        return (int) (h >>> 15 & 1) | (int) (h >>> 30 & 2) | (int) (h >>> 45 & 4) | (int) (h >>> 60 & 8);
    }

    private static int sat16S(int x) { return Math.max(-32768, Math.min(32767, x)); }

    /** In range, {@code x}; else 0 for negatives and 65535 above. */
    private static int sat16U(int x) { return (x & 0xFFFF0000) == 0 ? x : ~x >> 31 & 0xFFFF; }

    // ---- i32x4 (one lane, a quarter; add, sub, mul, shifts, min_s, max_s are emitted inline)

    public static int i32x4Eq(int a, int b) { return a == b ? -1 : 0; }

    public static int i32x4LtS(int a, int b) { return a < b ? -1 : 0; }

    public static int i32x4LtU(int a, int b) { return Integer.compareUnsigned(a, b) < 0 ? -1 : 0; }

    public static int i32x4MinU(int a, int b) { return Integer.compareUnsigned(a, b) < 0 ? a : b; }

    public static int i32x4MaxU(int a, int b) { return Integer.compareUnsigned(a, b) < 0 ? b : a; }

    /** The dot product of the two i16 lanes of a quarter; {@code 2 * (-32768)^2} wraps, as Wasm says. */
    public static int i32x4Dot(int a, int b) { return (short) a * (short) b + (a >> 16) * (b >> 16); }

    public static int i32x4ExtaddPairwiseS(int x) { return (short) x + (x >> 16); }

    public static int i32x4ExtaddPairwiseU(int x) { return (x & 0xFFFF) + (x >>> 16); }

    public static int i32x4AllTrue(int q0, int q1, int q2, int q3) { return q0 != 0 && q1 != 0 && q2 != 0 && q3 != 0 ? 1 : 0; }

    public static int i32x4Bitmask(int q0, int q1, int q2, int q3) { return q0 >>> 31 | q1 >>> 31 << 1 | q2 >>> 31 << 2 | q3 >>> 31 << 3; }

    // ---- i64x2 (one lane, a half; add, sub, mul, neg, shifts and extension are emitted inline)

    public static long i64x2Eq(long a, long b) { return a == b ? -1L : 0L; }

    public static long i64x2LtS(long a, long b) { return a < b ? -1L : 0L; }

    public static int i64x2AllTrue(long lo, long hi) { return lo != 0 && hi != 0 ? 1 : 0; }

    public static int i64x2Bitmask(long lo, long hi) { return (int) (lo >>> 63) | (int) (hi >>> 63) << 1; }
}
