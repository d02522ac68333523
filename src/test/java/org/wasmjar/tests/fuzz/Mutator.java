package org.wasmjar.tests.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of module binaries: byte-level (bit flips, overwrites, inserts, deletes, truncation, LEB128
 * rewrites) and section-level (size fields, duplicated, dropped, swapped, renumbered, shortened or transplanted
 * sections). Most byte edits happen inside one section whose size field is then fixed, so the mutant gets past
 * the section framing and reaches the section's own decoder, the validator and the code generator.
 * The same seed gives the same mutants.
 */
final class Mutator {
    /** A mutated binary and the edits that made it, for the failure report. */
    record Mutant(byte[] bytes, String description) {}

    /** A section: offset of its id byte, of its payload, and the end of the payload. */
    record Section(int id, int start, int payloadStart, int end) {}

    private static final int[] INTERESTING_BYTES = {0x00, 0x01, 0x0B, 0x40, 0x7F, 0x80, 0xFF, 0x70, 0x6F, 0x7B, 0xFC, 0xFD};
    private static final long[] INTERESTING_LEBS = {0, 1, 2, 0x3F, 0x40, 0x7F, 0x80, 0x3FFF, 0xFFFF, 0x10000, 0x7FFFFFFFL,
            0x80000000L, 0xFFFFFFFFL, 0x100000000L, -1, -0x40, -0x41, Long.MIN_VALUE};

    private final Random rng;
    private final List<byte[]> donors;

    /** @param donors binaries whose sections may be transplanted into mutants */
    Mutator(long seed, List<byte[]> donors) {
        this.rng = new Random(seed);
        this.donors = donors;
    }

    /** A well-spread per-mutant seed, so mutant {@code i} can be made again without making the ones before it. */
    static long seedOf(long seed, long i) {
        long z = seed * 0x9E3779B97F4A7C15L + i;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One to three stacked edits of {@code seed}. */
    Mutant mutate(byte[] seed) {
        int edits = 1 + (rng.nextInt(10) < 6 ? 0 : rng.nextInt(10) < 8 ? 1 : 2);
        byte[] bytes = seed;
        StringBuilder description = new StringBuilder();
        for (int i = 0; i < edits; i++) {
            if (i > 0) description.append("; ");
            bytes = edit(bytes, description);
        }
        return new Mutant(bytes, description.toString());
    }

    private byte[] edit(byte[] b, StringBuilder d) {
        List<Section> sections = sections(b);
        int choice = rng.nextInt(100);
        if (sections.isEmpty() || choice < 15) return byteEdit(b, 0, b.length, d);
        Section s = sections.get(rng.nextInt(sections.size()));
        Section code = sections.stream().filter(t -> t.id == 10).findFirst().orElse(s);
        if (choice < 40) return inSection(b, code, d); // the code section gets more than its share: codegen is there
        if (choice < 60) return inSection(b, s, d);
        if (choice < 68) return sizeField(b, s, d);
        if (choice < 74) return cut(b, s, d);
        if (choice < 79) {
            d.append("duplicate section ").append(s.id).append(" at ").append(s.start);
            return splice(b, s.end, s.end, slice(b, s.start, s.end));
        }
        if (choice < 84) {
            d.append("drop section ").append(s.id).append(" at ").append(s.start);
            return splice(b, s.start, s.end, new byte[0]);
        }
        if (choice < 88 && sections.size() > 1) {
            Section t = sections.get(rng.nextInt(sections.size()));
            if (t.start > s.start) {
                d.append("swap sections at ").append(s.start).append(" and ").append(t.start);
                return concat(slice(b, 0, s.start), slice(b, t.start, t.end), slice(b, s.end, t.start),
                        slice(b, s.start, s.end), slice(b, t.end, b.length));
            }
        }
        if (choice < 92) {
            int id = rng.nextInt(8) == 0 ? rng.nextInt(256) : rng.nextInt(14);
            d.append("section at ").append(s.start).append(" id ").append(s.id).append(" -> ").append(id);
            byte[] out = b.clone();
            out[s.start] = (byte) id;
            return out;
        }
        return transplant(b, s, d);
    }

    /**
     * A byte-level edit inside the payload of {@code s}, then the section size rewritten to fit. In the code
     * section the edit usually stays inside one function body, whose size is rewritten too.
     */
    private byte[] inSection(byte[] b, Section s, StringBuilder d) {
        byte[] payload = slice(b, s.payloadStart, s.end);
        d.append("in section ").append(s.id).append(" at ").append(s.start).append(": ");
        byte[] edited = s.id == 10 && rng.nextInt(4) != 0 ? inBody(payload, d) : null;
        if (edited == null) edited = byteEdit(payload, 0, payload.length, d);
        return concat(slice(b, 0, s.start), new byte[] {b[s.start]}, uleb(edited.length), edited, slice(b, s.end, b.length));
    }

    /** An edit inside one function body of a code section's payload, its size fixed; null if the bodies cannot be read. */
    private byte[] inBody(byte[] code, StringBuilder d) {
        int[] p = {0};
        long count = readU32(code, p);
        if (count <= 0) return null;
        int pick = rng.nextInt((int) Math.min(count, 100_000));
        for (int i = 0; ; i++) {
            int sizeAt = p[0];
            long size = readU32(code, p);
            if (size < 0 || p[0] + size > code.length) return null;
            int bodyStart = p[0];
            int bodyEnd = (int) (bodyStart + size);
            if (i == pick) {
                d.append("body ").append(i).append(": ");
                byte[] body = byteEdit(slice(code, bodyStart, bodyEnd), 0, (int) size, d);
                return concat(slice(code, 0, sizeAt), uleb(body.length), body, slice(code, bodyEnd, code.length));
            }
            p[0] = bodyEnd;
        }
    }

    /** Reads an unsigned LEB128 at {@code p[0]}, advancing it; -1 when it is cut off or too long. */
    private static long readU32(byte[] b, int[] p) {
        long v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (p[0] >= b.length) return -1;
            int x = b[p[0]++] & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) return v;
        }
        return -1;
    }

    /** A byte-level edit of {@code b} somewhere in [from, to). */
    private byte[] byteEdit(byte[] b, int from, int to, StringBuilder d) {
        if (to <= from) {
            d.append("insert 0x80 into empty range");
            return splice(b, from, from, new byte[] {(byte) 0x80});
        }
        int pos = from + rng.nextInt(to - from);
        int kind = rng.nextInt(100);
        byte[] out;
        if (kind < 25) {
            int bit = rng.nextInt(8);
            d.append("flip bit ").append(bit).append(" at ").append(pos);
            out = b.clone();
            out[pos] ^= (byte) (1 << bit);
        } else if (kind < 45) {
            int v = rng.nextBoolean() ? INTERESTING_BYTES[rng.nextInt(INTERESTING_BYTES.length)] : rng.nextInt(256);
            d.append("set ").append(pos).append(" to 0x").append(Integer.toHexString(v));
            out = b.clone();
            out[pos] = (byte) v;
        } else if (kind < 55) {
            byte[] ins = new byte[1 + rng.nextInt(4)];
            for (int i = 0; i < ins.length; i++) {
                ins[i] = (byte) (rng.nextBoolean() ? INTERESTING_BYTES[rng.nextInt(INTERESTING_BYTES.length)] : rng.nextInt(256));
            }
            d.append("insert ").append(ins.length).append(" bytes at ").append(pos);
            out = splice(b, pos, pos, ins);
        } else if (kind < 67) {
            int len = Math.min(to - pos, 1 + rng.nextInt(rng.nextBoolean() ? 2 : 16));
            d.append("delete ").append(len).append(" bytes at ").append(pos);
            out = splice(b, pos, pos + len, new byte[0]);
        } else if (kind < 72) {
            d.append("truncate at ").append(pos);
            out = concat(slice(b, 0, pos), slice(b, to, b.length));
        } else {
            out = leb(b, pos, to, d);
        }
        return out;
    }

    /** Rewrites the LEB128 number around {@code pos}: another value, an overlong encoding or an unterminated one. */
    private byte[] leb(byte[] b, int pos, int to, StringBuilder d) {
        int start = pos;
        while (start > 0 && pos - start < 4 && (b[start - 1] & 0x80) != 0) start--;
        int end = start;
        while (end < to && end - start < 10 && (b[end] & 0x80) != 0) end++;
        end = Math.min(to, end + 1);
        byte[] replacement;
        int kind = rng.nextInt(4);
        if (kind == 0) {
            // the same value, one to four bytes longer: legal up to the type's byte limit, malformed past it
            long value = uvalue(b, start, end);
            int len = (end - start) + 1 + rng.nextInt(4);
            replacement = padded(value, len);
            d.append("overlong leb at ").append(start).append(" (").append(len).append(" bytes)");
        } else if (kind == 1) {
            replacement = new byte[1 + rng.nextInt(6)];
            Arrays.fill(replacement, (byte) 0x80);
            d.append("unterminated leb at ").append(start);
        } else {
            long value = INTERESTING_LEBS[rng.nextInt(INTERESTING_LEBS.length)];
            replacement = kind == 2 ? uleb(value) : sleb(value);
            d.append(kind == 2 ? "uleb " : "sleb ").append(value).append(" at ").append(start);
        }
        return splice(b, start, end, replacement);
    }

    private byte[] sizeField(byte[] b, Section s, StringBuilder d) {
        long size = s.end - s.payloadStart;
        long[] choices = {size + 1, size - 1, size + 1 + rng.nextInt(64), size - 1 - rng.nextInt(8), 0, 0xFFFFFFFFL,
                b.length - s.payloadStart, b.length - s.payloadStart + 1};
        long wanted = Math.max(0, choices[rng.nextInt(choices.length)]);
        d.append("section ").append(s.id).append(" at ").append(s.start).append(" size ").append(size).append(" -> ").append(wanted);
        return concat(slice(b, 0, s.start + 1), uleb(wanted), slice(b, s.payloadStart, b.length));
    }

    /** Shortens a section's payload by a few bytes, size fixed or not. */
    private byte[] cut(byte[] b, Section s, StringBuilder d) {
        int size = s.end - s.payloadStart;
        if (size == 0) return sizeField(b, s, d);
        int keep = rng.nextInt(size);
        boolean fixSize = rng.nextBoolean();
        d.append("cut section ").append(s.id).append(" at ").append(s.start).append(" to ").append(keep)
                .append(fixSize ? " bytes" : " bytes, size unchanged");
        byte[] sizeBytes = fixSize ? uleb(keep) : slice(b, s.start + 1, s.payloadStart);
        return concat(slice(b, 0, s.start + 1), sizeBytes, slice(b, s.payloadStart, s.payloadStart + keep), slice(b, s.end, b.length));
    }

    /** Replaces {@code s} with a section of the same id from another binary, or inserts a foreign one before it. */
    private byte[] transplant(byte[] b, Section s, StringBuilder d) {
        byte[] donor = donors.get(rng.nextInt(donors.size()));
        List<Section> theirs = sections(donor);
        if (theirs.isEmpty()) return byteEdit(b, 8, b.length, d);
        List<Section> same = theirs.stream().filter(t -> t.id == s.id).toList();
        if (!same.isEmpty() && rng.nextInt(4) != 0) {
            Section t = same.get(rng.nextInt(same.size()));
            d.append("replace section ").append(s.id).append(" at ").append(s.start).append(" with a donor's");
            return splice(b, s.start, s.end, slice(donor, t.start, t.end));
        }
        Section t = theirs.get(rng.nextInt(theirs.size()));
        d.append("insert donor section ").append(t.id).append(" before ").append(s.start);
        return splice(b, s.start, s.start, slice(donor, t.start, t.end));
    }

    /** The sections of a binary, as far as its framing can be read. */
    static List<Section> sections(byte[] b) {
        List<Section> out = new ArrayList<>();
        int p = 8;
        while (p < b.length) {
            int start = p;
            int[] at = {p + 1};
            long size = readU32(b, at);
            p = at[0];
            if (size < 0 || p + size > b.length) return out;
            out.add(new Section(b[start] & 0xFF, start, p, (int) (p + size)));
            p += (int) size;
        }
        return out;
    }

    private static long uvalue(byte[] b, int from, int to) {
        long v = 0;
        for (int i = from, shift = 0; i < to && shift < 63; i++, shift += 7) v |= (long) (b[i] & 0x7F) << shift;
        return v;
    }

    static byte[] uleb(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int x = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? x | 0x80 : x);
        } while (v != 0);
        return out.toByteArray();
    }

    static byte[] sleb(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int x = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (x & 0x40) == 0) || (v == -1 && (x & 0x40) != 0);
            out.write(done ? x : x | 0x80);
            if (done) return out.toByteArray();
        }
    }

    /** {@code v} unsigned in exactly {@code len} bytes (zero-padded with continuation bits), or longer if it needs it. */
    private static byte[] padded(long v, int len) {
        byte[] min = uleb(v);
        if (min.length >= len) return min;
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = (byte) ((v & 0x7F) | (i < len - 1 ? 0x80 : 0));
            v >>>= 7;
        }
        return out;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, from, Math.max(from, to));
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        return concat(slice(b, 0, from), insert, slice(b, to, b.length));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
