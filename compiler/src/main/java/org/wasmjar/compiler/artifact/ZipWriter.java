package org.wasmjar.compiler.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.wasmjar.compiler.codegen.Parallel;

/**
 * Writes a zip file (APPNOTE 6.3) whose entries are deflated on several threads at once: one stream of headers
 * and data, then the central directory; zip64 end records once there are 65,535 entries or more. Every entry has
 * the same fixed DOS time and no extra fields, so the bytes depend only on names, contents and their order.
 */
final class ZipWriter {
    /** One entry; {@code bytes} null for a directory. */
    record Entry(String name, byte[] bytes) {}

    /** 1980-01-02 00:00 as a DOS date (time 0): the same in every time zone. */
    private static final int DOS_DATE = (1 << 5) | 2;
    private static final int DEFLATED = 8, STORED = 0;
    /** Names are UTF-8. */
    private static final int FLAGS = 1 << 11;
    private static final int VERSION = 20, VERSION_ZIP64 = 45;
    /** Uncompressed bytes one task deflates at least (about a millisecond): threads and Deflaters cost to set up. */
    private static final long CHUNK_BYTES = 64 << 10;

    private ZipWriter() {}

    /** Writes {@code entries}, in this order, deflated at {@code level}, as a zip file to {@code out} (left open). */
    static void write(List<Entry> entries, int level, OutputStream out) throws IOException {
        int n = entries.size();
        byte[][] data = new byte[n][];
        int[] crc = new int[n];
        List<int[]> chunks = chunks(entries);
        Parallel.forEach(chunks.size(), 2, c -> {
            Deflater deflater = new Deflater(level, true);
            CRC32 crc32 = new CRC32();
            try {
                for (int i = chunks.get(c)[0]; i < chunks.get(c)[1]; i++) {
                    byte[] bytes = entries.get(i).bytes();
                    if (bytes == null || bytes.length == 0) continue;
                    crc32.reset();
                    crc32.update(bytes);
                    crc[i] = (int) crc32.getValue();
                    deflater.reset();
                    data[i] = deflate(deflater, bytes);
                }
            } finally {
                deflater.end();
            }
        });

        Buffer b = new Buffer();
        long[] offset = new long[n];
        long at = 0;
        for (int i = 0; i < n; i++) {
            offset[i] = at;
            Entry e = entries.get(i);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            b.int32(0x04034b50).int16(VERSION).int16(FLAGS);
            header(b, e, data[i], crc[i]);
            b.int16(name.length).int16(0).bytes(name);
            at += b.size();
            b.flushTo(out);
            if (data[i] != null) {
                out.write(data[i]);
                at += data[i].length;
            }
        }
        long directoryStart = at;
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            b.int32(0x02014b50).int16(VERSION).int16(VERSION).int16(FLAGS);
            header(b, e, data[i], crc[i]);
            b.int16(name.length).int16(0).int16(0).int16(0).int16(0).int32(0);
            b.int32(offset[i]).bytes(name);
            at += b.size();
            b.flushTo(out);
        }
        long directorySize = at - directoryStart;
        if (directoryStart + directorySize >= 0xFFFFFFFFL) {
            throw new IOException("a module jar over 4 GiB is not supported");
        }
        boolean zip64 = n >= 0xFFFF;
        if (zip64) {
            b.int32(0x06064b50).int64(44).int16(VERSION_ZIP64).int16(VERSION_ZIP64).int32(0).int32(0);
            b.int64(n).int64(n).int64(directorySize).int64(directoryStart);
            b.int32(0x07064b50).int32(0).int64(at).int32(1);
        }
        int count16 = zip64 ? 0xFFFF : n;
        b.int32(0x06054b50).int16(0).int16(0).int16(count16).int16(count16);
        b.int32(directorySize).int32(directoryStart).int16(0);
        b.flushTo(out);
        out.flush();
    }

    /** Method, time, date, CRC and sizes: the part local and central headers share. */
    private static void header(Buffer b, Entry e, byte[] data, int crc) throws IOException {
        int size = e.bytes() == null ? 0 : e.bytes().length;
        b.int16(data != null ? DEFLATED : STORED).int16(0).int16(DOS_DATE).int32(crc);
        b.int32(data != null ? data.length : 0).int32(size);
    }

    /** Runs of consecutive entries of about {@link #CHUNK_BYTES} each, as [from, to). */
    private static List<int[]> chunks(List<Entry> entries) {
        List<int[]> chunks = new ArrayList<>();
        int from = 0;
        long bytes = 0;
        for (int i = 0; i < entries.size(); i++) {
            byte[] b = entries.get(i).bytes();
            bytes += b == null ? 0 : b.length;
            if (bytes >= CHUNK_BYTES) {
                chunks.add(new int[] {from, i + 1});
                from = i + 1;
                bytes = 0;
            }
        }
        if (from < entries.size()) chunks.add(new int[] {from, entries.size()});
        return chunks;
    }

    private static byte[] deflate(Deflater deflater, byte[] bytes) {
        deflater.setInput(bytes);
        deflater.finish();
        byte[] out = new byte[Math.max(64, bytes.length / 2)];
        int n = 0;
        while (!deflater.finished()) {
            if (n == out.length) out = java.util.Arrays.copyOf(out, out.length * 2);
            n += deflater.deflate(out, n, out.length - n);
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** Little-endian header bytes, written out in one go. */
    private static final class Buffer {
        private byte[] buf = new byte[256];
        private int size;

        int size() { return size; }

        Buffer int16(int v) {
            ensure(2);
            buf[size++] = (byte) v;
            buf[size++] = (byte) (v >>> 8);
            return this;
        }

        Buffer int32(long v) {
            int16((int) v);
            return int16((int) (v >>> 16));
        }

        Buffer int64(long v) {
            int32(v);
            return int32(v >>> 32);
        }

        Buffer bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
            return this;
        }

        void flushTo(OutputStream out) throws IOException {
            out.write(buf, 0, size);
            size = 0;
        }

        private void ensure(int more) {
            if (size + more > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
