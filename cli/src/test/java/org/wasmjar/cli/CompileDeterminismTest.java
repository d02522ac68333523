package org.wasmjar.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module big enough that functions are compiled, classes emitted and jar entries deflated on several threads:
 * the jar is the same bytes every time, and its functions call each other across classes correctly.
 */
class CompileDeterminismTest {
    private static final int FUNCTIONS = 400, ADDS = 60, DATA = 600_000;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        return Main.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void parallelCompilesGiveIdenticalJarsThatRun(@TempDir Path dir) throws Exception {
        Path wasm = Files.write(dir.resolve("chain.wasm"), chain());
        Path a = dir.resolve("a.jar"), b = dir.resolve("b.jar");
        assertEquals(0, run("compile", wasm.toString(), "-o", a.toString()), err.toString());
        Matcher classes = Pattern.compile(FUNCTIONS + " functions in (\\d+) classes").matcher(out.toString());
        assertTrue(classes.find(), out.toString());
        assertTrue(Integer.parseInt(classes.group(1)) >= 4, out.toString());
        assertEquals(0, run("compile", wasm.toString(), "-o", b.toString()), err.toString());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));

        // f<i>(x) = f<i-1>(x) + ADDS, f0(x) = x + ADDS; the last is exported as "last"
        assertEquals(0, run("run", "--invoke", "last", a.toString(), "5"), err.toString());
        assertEquals(String.valueOf(5 + FUNCTIONS * ADDS), out.toString().strip());
    }

    /**
     * {@code FUNCTIONS} functions {@code (i32) -> i32}, each calling the one before and adding 1 {@code ADDS} times,
     * and a memory with one data segment of {@code DATA} bytes.
     */
    private static byte[] chain() {
        Bytes m = new Bytes();
        m.raw(0, 'a', 's', 'm', 1, 0, 0, 0);
        m.section(1, new Bytes().u(1).raw(0x60, 1, 0x7f, 1, 0x7f));
        Bytes functions = new Bytes().u(FUNCTIONS);
        for (int i = 0; i < FUNCTIONS; i++) functions.u(0);
        m.section(3, functions);
        m.section(5, new Bytes().u(1).raw(0).u(16));
        Bytes export = new Bytes().u(1).name("last").raw(0).u(FUNCTIONS - 1);
        m.section(7, export);
        Bytes code = new Bytes().u(FUNCTIONS);
        for (int i = 0; i < FUNCTIONS; i++) {
            Bytes body = new Bytes().u(0).raw(0x20, 0); // no locals; local.get 0
            if (i > 0) body.raw(0x10).u(i - 1); // call i-1
            for (int k = 0; k < ADDS; k++) body.raw(0x41, 1, 0x6a); // i32.const 1; i32.add
            body.raw(0x0b);
            code.u(body.size()).bytes(body);
        }
        m.section(10, code);
        Bytes data = new Bytes().u(1).raw(0, 0x41, 0, 0x0b).u(DATA);
        long seed = 42;
        for (int i = 0; i < DATA; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            data.raw((int) (seed >>> 56) & 0x0f); // half random: deflate has work to do
        }
        m.section(11, data);
        return m.toByteArray();
    }

    /** A Wasm binary under construction. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes raw(int... bs) {
            for (int b : bs) write(b);
            return this;
        }

        /** Unsigned LEB128. */
        Bytes u(long v) {
            do {
                int b = (int) (v & 0x7f);
                v >>>= 7;
                write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
            return this;
        }

        Bytes name(String s) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            u(b.length);
            write(b, 0, b.length);
            return this;
        }

        Bytes bytes(Bytes other) {
            write(other.toByteArray(), 0, other.size());
            return this;
        }

        Bytes section(int id, Bytes content) {
            raw(id).u(content.size());
            return bytes(content);
        }
    }
}
