package org.wasmjar.compiler.wasm.binary;

import java.nio.charset.StandardCharsets;
import org.wasmjar.runtime.types.ValType;

/**
 * A cursor over a module's bytes: fixed-width little-endian values, LEB128 integers with the spec's
 * range checks, names (validated UTF-8) and value types. Positions are offsets in the whole module, so
 * every error carries the offset the user can look up. Reading is confined to a limit (the module, a
 * section or a function body) that callers narrow with {@link #limitTo} and restore with {@link #restoreLimit}.
 */
public final class ByteReader {
    private static final ValType[] VAL_TYPES = new ValType[0x80];

    static {
        for (ValType t : ValType.values()) VAL_TYPES[t.code] = t;
    }

    private final byte[] buf;
    private int pos;
    private int limit;
    private int narrowed; // how many limitTo calls are in force

    public ByteReader(byte[] buf) { this(buf, 0, buf.length); }

    public ByteReader(byte[] buf, int pos, int limit) {
        this.buf = buf;
        this.pos = pos;
        this.limit = limit;
    }

    public int position() { return pos; }

    public int limit() { return limit; }

    public int remaining() { return limit - pos; }

    public boolean hasMore() { return pos < limit; }

    /** Confines reading to {@code end} (within the current limit); returns the old limit for {@link #restoreLimit}. */
    public int limitTo(int end) {
        int old = limit;
        limit = end;
        narrowed++;
        return old;
    }

    public void restoreLimit(int oldLimit) {
        limit = oldLimit;
        narrowed--;
    }

    public MalformedModuleException error(String reason, int offset) {
        return new MalformedModuleException(reason, offset);
    }

    private MalformedModuleException endReached() {
        // the spec suite says "unexpected end" for the module and the longer form inside a section or body
        return error(narrowed == 0 ? "unexpected end" : "unexpected end of section or function", pos);
    }

    public int u8() {
        if (pos >= limit) throw endReached();
        return buf[pos++] & 0xFF;
    }

    /** The next byte without consuming it. */
    public int peek() {
        if (pos >= limit) throw endReached();
        return buf[pos] & 0xFF;
    }

    public void skip(int n) {
        if (n > limit - pos) throw endReached();
        pos += n;
    }

    /** Little-endian 32 bits (f32 constants, the version field). */
    public int fixed32() {
        if (limit - pos < 4) { pos = limit; throw endReached(); }
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    /** Little-endian 64 bits (f64 constants). */
    public long fixed64() {
        long lo = fixed32() & 0xFFFFFFFFL;
        long hi = fixed32() & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    /** Unsigned LEB128 of at most 5 bytes; the 32 bits are returned as an int (callers treat it as unsigned). */
    public int u32() {
        int result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            if (shift == 28) {
                if ((b & 0x80) != 0) throw error("integer representation too long", pos - 1);
                if ((b & 0x70) != 0) throw error("integer too large", pos - 1);
                return result | b << 28;
            }
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
    }

    /** A u32 as a non-negative long. */
    public long u32Long() { return u32() & 0xFFFFFFFFL; }

    /**
     * A u32 naming something in an index space. Indices of 2^31 and above cannot name anything a JVM can
     * hold, so they are clamped to {@link Integer#MAX_VALUE}: a plain {@code index >= size} check rejects them.
     */
    public int index() {
        int v = u32();
        return v < 0 ? Integer.MAX_VALUE : v;
    }

    /** Signed LEB128 of at most 5 bytes; unused bits of the last byte must sign-extend. */
    public int s32() {
        int result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            if (shift == 28) {
                if ((b & 0x80) != 0) throw error("integer representation too long", pos - 1);
                int unused = b & 0x78;
                if (unused != 0 && unused != 0x78) throw error("integer too large", pos - 1);
                return result | b << 28;
            }
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if ((b & 0x40) != 0) result |= -1 << (shift + 7);
                return result;
            }
        }
    }

    /** Signed 33-bit LEB128 (block type indices), at most 5 bytes. */
    public long s33() {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            if (shift == 28) {
                if ((b & 0x80) != 0) throw error("integer representation too long", pos - 1);
                int unused = b & 0x70;
                if (unused != 0 && unused != 0x70) throw error("integer too large", pos - 1);
                result |= (long) (b & 0x1F) << 28;
                return result << 31 >> 31;
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if ((b & 0x40) != 0) result |= -1L << (shift + 7);
                return result;
            }
        }
    }

    /** Signed LEB128 of at most 10 bytes; unused bits of the last byte must sign-extend. */
    public long s64() {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            if (shift == 63) {
                if ((b & 0x80) != 0) throw error("integer representation too long", pos - 1);
                int unused = b & 0x7F;
                if (unused != 0 && unused != 0x7F) throw error("integer too large", pos - 1);
                return result | (long) b << 63;
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if ((b & 0x40) != 0) result |= -1L << (shift + 7);
                return result;
            }
        }
    }

    /** A byte length or element count that must fit in what is left to read. */
    public int length() {
        int at = pos;
        long n = u32Long();
        if (n > limit - pos) throw error("length out of bounds", at);
        return (int) n;
    }

    /** A vector's element count (u32). Decoding the elements finds out whether they are really there. */
    public long count() { return u32Long(); }

    /**
     * A list capacity for {@code count} elements of at least one byte each: never more than the bytes
     * left, so a bogus count cannot make us allocate before decoding fails.
     */
    public int capacityFor(long count) { return (int) Math.min(count, limit - pos); }

    /** A length-prefixed byte vector (data segment contents). */
    public byte[] byteVector() {
        long n = u32Long();
        if (n > limit - pos) throw endReached();
        return bytes((int) n);
    }

    public byte[] bytes(int n) {
        if (n > limit - pos) throw endReached();
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** A length-prefixed UTF-8 name. */
    public String name() {
        int n = length();
        int start = pos;
        checkUtf8(start, start + n);
        pos = start + n;
        return new String(buf, start, n, StandardCharsets.UTF_8);
    }

    /** Unicode's well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF). */
    private void checkUtf8(int start, int end) {
        int i = start;
        while (i < end) {
            int b = buf[i] & 0xFF;
            int extra;
            int lo = 0x80;
            int hi = 0xBF;
            if (b < 0x80) { i++; continue; }
            else if (b >= 0xC2 && b <= 0xDF) extra = 1;
            else if (b >= 0xE0 && b <= 0xEF) {
                extra = 2;
                if (b == 0xE0) lo = 0xA0;
                else if (b == 0xED) hi = 0x9F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                extra = 3;
                if (b == 0xF0) lo = 0x90;
                else if (b == 0xF4) hi = 0x8F;
            } else throw error("malformed UTF-8 encoding", i);
            if (end - i - 1 < extra) throw error("malformed UTF-8 encoding", i);
            int second = buf[i + 1] & 0xFF;
            if (second < lo || second > hi) throw error("malformed UTF-8 encoding", i);
            for (int k = 2; k <= extra; k++) {
                int c = buf[i + k] & 0xFF;
                if (c < 0x80 || c > 0xBF) throw error("malformed UTF-8 encoding", i);
            }
            i += extra + 1;
        }
    }

    /** A value type byte. */
    public ValType valType() {
        int at = pos;
        int b = u8();
        ValType t = b < 0x80 ? VAL_TYPES[b] : null;
        if (t == null) throw error("malformed value type", at);
        return t;
    }

    /** A reference type byte (funcref or externref). */
    public ValType refType() {
        int at = pos;
        int b = u8();
        if (b == ValType.FUNCREF.code) return ValType.FUNCREF;
        if (b == ValType.EXTERNREF.code) return ValType.EXTERNREF;
        throw error("malformed reference type", at);
    }

    /** Maps a byte to its value type, or null. */
    static ValType valTypeOf(int code) { return code >= 0 && code < 0x80 ? VAL_TYPES[code] : null; }
}
