package org.wasmjar.compiler.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipWriterTest {
    private static byte[] write(List<ZipWriter.Entry> entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ZipWriter.write(entries, Deflater.DEFAULT_COMPRESSION, out);
        return out.toByteArray();
    }

    /** A directory, an empty file, a non-ASCII name, incompressible and compressible data over several chunks. */
    private static List<ZipWriter.Entry> sample() {
        List<ZipWriter.Entry> entries = new ArrayList<>();
        entries.add(new ZipWriter.Entry("META-INF/", null));
        entries.add(new ZipWriter.Entry("empty.txt", new byte[0]));
        entries.add(new ZipWriter.Entry("grüße/ü.txt", "hello".getBytes(StandardCharsets.UTF_8)));
        byte[] noise = new byte[700_000];
        new Random(1).nextBytes(noise);
        entries.add(new ZipWriter.Entry("noise.bin", noise));
        for (int i = 0; i < 40; i++) {
            byte[] text = ("line " + i + " of something repetitive\n").repeat(2_000).getBytes(StandardCharsets.UTF_8);
            entries.add(new ZipWriter.Entry("text/" + i + ".txt", text));
        }
        return entries;
    }

    @Test
    void zipFileAndStreamReadBackEveryEntryInOrder(@TempDir Path dir) throws Exception {
        List<ZipWriter.Entry> entries = sample();
        Path zip = Files.write(dir.resolve("a.zip"), write(entries));
        try (ZipFile z = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            List<? extends ZipEntry> read = Collections.list(z.entries());
            assertEquals(entries.size(), read.size());
            for (int i = 0; i < entries.size(); i++) {
                ZipWriter.Entry e = entries.get(i);
                assertEquals(e.name(), read.get(i).getName());
                if (e.bytes() == null) {
                    assertTrue(read.get(i).isDirectory());
                } else {
                    assertArrayEquals(e.bytes(), z.getInputStream(read.get(i)).readAllBytes(), e.name());
                    assertEquals(e.bytes().length, read.get(i).getSize());
                }
            }
        }
        // Streaming readers (JarInputStream finds the manifest this way) see the local headers only.
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(zip)))) {
            for (ZipWriter.Entry e : entries) {
                ZipEntry z = in.getNextEntry();
                assertNotNull(z, e.name());
                assertEquals(e.name(), z.getName());
                assertArrayEquals(e.bytes() == null ? new byte[0] : e.bytes(), in.readAllBytes(), e.name());
            }
            assertNull(in.getNextEntry());
        }
    }

    @Test
    void sameEntriesGiveTheSameBytes() throws Exception {
        assertArrayEquals(write(sample()), write(sample()));
    }

    @Test
    void manyEntriesGetZip64EndRecords(@TempDir Path dir) throws Exception {
        List<ZipWriter.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) entries.add(new ZipWriter.Entry("d/" + i, new byte[] {(byte) i, 1, 2}));
        Path zip = Files.write(dir.resolve("many.zip"), write(entries));
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertEquals(70_000, z.size());
            assertArrayEquals(new byte[] {(byte) 69_999, 1, 2}, z.getInputStream(z.getEntry("d/69999")).readAllBytes());
        }
    }
}
