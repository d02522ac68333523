package org.wasmjar.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a separate process, on the test classpath (the shaded jar exists only after package). */
class CliTest {
    private record Run(int exit, String out, String err) {}

    private static Run wasmjar(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.wasmjar.cli.Main"));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout"), err = dir.resolve("stderr");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "wasmjar did not finish");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Path resource(String name) throws Exception {
        return Path.of(CliTest.class.getResource("/cli/" + name).toURI());
    }

    @Test
    void version(@TempDir Path dir) throws Exception {
        Run r = wasmjar(dir, "--version");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("wasmjar "), r.out());
    }

    @Test
    void unknownCommandIsAUsageError(@TempDir Path dir) throws Exception {
        Run r = wasmjar(dir, "frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("frobnicate"), r.err());
    }

    @Test
    void missingFileIsOneLineWithoutStackTrace(@TempDir Path dir) throws Exception {
        Run r = wasmjar(dir, "wast", dir.resolve("missing.wast").toString());
        assertEquals(1, r.exit());
        assertEquals("error: no such file: " + dir.resolve("missing.wast"), r.err().strip());
    }

    @Test
    void skippedScriptExitsZero(@TempDir Path dir) throws Exception {
        Run r = wasmjar(dir, "wast", resource("text-only.wast").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("cli/text-only.wast: 0 passed, 0 failed, 1 skipped\n0 passed, 0 failed, 1 skipped\n", r.out());
    }

    @Test
    void passingScript(@TempDir Path dir) throws Exception {
        Run r = wasmjar(dir, "wast", "--verbose", resource("add.wast").toString());
        assertEquals("cli/add.wast: 4 passed, 0 failed, 0 skipped\n4 passed, 0 failed, 0 skipped\n", r.out());
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
