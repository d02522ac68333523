package org.wasmjar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument handling and exit codes, in process; CliTest in the tests module runs the real process. */
class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void version() {
        assertEquals(0, run("--version"));
        assertEquals("wasmjar " + Main.FALLBACK_VERSION, out.toString().strip());
    }

    @Test
    void usageErrorsExit2() {
        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString().contains("frobnicate"), err.toString());
        assertEquals(2, run());
        assertEquals(2, run("wast"));
        assertEquals(2, run("wast", "--no-such-option", "x.wast"));
    }

    @Test
    void missingFileIsOneLine(@TempDir Path dir) {
        assertEquals(1, run("wast", dir.resolve("missing.wast").toString()));
        assertEquals("error: no such file: " + dir.resolve("missing.wast"), err.toString().strip());
        assertEquals("", out.toString());
    }

    @Test
    void unconvertibleScriptIsOneLine(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.wast"), "(module");
        assertEquals(1, run("wast", bad.toString()));
        String e = err.toString().strip();
        assertTrue(e.startsWith("error: wast2json cannot convert " + bad), e);
        assertEquals(1, e.lines().count(), e);
    }

    @Test
    void skippedOnlyScriptPasses(@TempDir Path dir) throws Exception {
        Path wast = Files.writeString(dir.resolve("text.wast"), "(assert_malformed (module quote \"(func\") \"unexpected token\")\n");
        assertEquals(0, run("wast", "--verbose", wast.toString()));
        assertEquals(dir.getFileName() + "/text.wast: 0 passed, 0 failed, 1 skipped\n0 passed, 0 failed, 1 skipped",
                out.toString().strip());
    }

    @Test
    void help() {
        assertEquals(0, run("wast", "--help"));
        assertTrue(out.toString().contains("FILE.wast"), out.toString());
    }

    @Test
    void everyCommandHasHelpAndVersion() {
        for (String command : new String[] {"compile", "run", "inspect", "wast"}) {
            out.getBuffer().setLength(0);
            assertEquals(0, run(command, "--help"), command);
            assertTrue(out.toString().startsWith("Usage: wasmjar " + command + " "), out.toString());
            out.getBuffer().setLength(0);
            assertEquals(0, run(command, "--version"), command);
            assertEquals("wasmjar " + Main.FALLBACK_VERSION, out.toString().strip());
        }
    }

    @Test
    void usageErrorsAreOneLineNamingTheHelp(@TempDir Path dir) {
        assertEquals(2, run("run"));
        assertEquals("error: Missing required parameter: 'FILE' (see 'wasmjar run --help')", err.toString().strip());
        err.getBuffer().setLength(0);
        assertEquals(2, run("inspect", "a", "b"));
        assertTrue(err.toString().startsWith("error: Unmatched argument at index 2: 'b'"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("run", "--dir", dir.resolve("none").toString(), "x.wasm"));
        assertEquals("error: --dir " + dir.resolve("none") + ": " + dir.resolve("none") + " is no directory (see 'wasmjar run --help')",
                err.toString().strip());
        err.getBuffer().setLength(0);
        assertEquals(2, run("run", "--env", "NOEQUALS", "x.wasm"));
        assertTrue(err.toString().startsWith("error: "), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }
}
