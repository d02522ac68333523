package org.wasmjar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmjar.compiler.CompileListener.Stage;

class ProgressLineTest {
    /** Three functions {@code (func (result i32) i32.const 1)}. */
    private static final byte[] THREE_FUNCTIONS = {0, 'a', 's', 'm', 1, 0, 0, 0,
            1, 5, 1, 0x60, 0, 1, 0x7f,
            3, 4, 3, 0, 0, 0,
            10, 16, 3, 4, 0, 0x41, 1, 0x0b, 4, 0, 0x41, 1, 0x0b, 4, 0, 0x41, 1, 0x0b};

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void compileDrawsStagesAndCountsThenClearsTheLine(@TempDir Path dir) throws Exception {
        Path wasm = Files.write(dir.resolve("three.wasm"), THREE_FUNCTIONS);
        assertEquals(0, run("compile", "--progress", wasm.toString(), "-o", dir.resolve("three.jar").toString()));
        String e = err.toString();
        for (String shown : new String[] {"\rparsing", "\rvalidating", "\rcompiling functions [", "] 3/3",
                "\rgenerating classes [", "] 1/1", "\rwriting jar"}) {
            assertTrue(e.contains(shown), shown + " missing in " + e);
        }
        assertTrue(e.endsWith("\r"), "the line is not cleared: " + e);
        assertTrue(!e.contains("\n"), "progress is more than one line: " + e);
        // the last thing on screen is blanks
        String last = e.substring(e.lastIndexOf('\r', e.length() - 2) + 1, e.length() - 1);
        assertTrue(last.isBlank(), last);
        assertTrue(out.toString().startsWith("wrote " + dir.resolve("three.jar") + ": module m"), out.toString());
    }

    @Test
    void noProgressWithoutATerminalOrWhenTurnedOff(@TempDir Path dir) throws Exception {
        Path wasm = Files.write(dir.resolve("three.wasm"), THREE_FUNCTIONS);
        // tests run without a console: nothing unless asked
        assertEquals(0, run("compile", wasm.toString()));
        assertEquals(0, run("compile", "--no-progress", wasm.toString()));
        assertEquals("", err.toString());
    }

    @Test
    void anErrorClearsTheLineBeforeItsMessage(@TempDir Path dir) throws Exception {
        byte[] truncated = java.util.Arrays.copyOf(THREE_FUNCTIONS, THREE_FUNCTIONS.length - 3);
        Path wasm = Files.write(dir.resolve("cut.wasm"), truncated);
        assertEquals(1, run("compile", "--progress", wasm.toString()));
        String e = err.toString();
        int message = e.indexOf("error: ");
        assertTrue(message > 0 && e.substring(0, message).endsWith("\r"), e);
        assertEquals(1, e.substring(message).strip().lines().count(), e);
    }

    @Test
    void redrawsAtMostEveryTenthOfASecondButAlwaysTheLastCount() {
        long[] now = {0};
        ProgressLine line = new ProgressLine(new PrintWriter(err), () -> now[0]);
        line.stage(Stage.FUNCTIONS, 1000);
        for (int done = 1; done <= 1000; done++) {
            if (done % 100 == 0) now[0] += 100_000_000L;
            line.progress(done);
        }
        String e = err.toString();
        assertEquals(1 + 10, e.split("\r", -1).length - 1, e);
        assertTrue(e.endsWith("] 1000/1000"), e);
        assertTrue(e.contains("[###############               ] 500/1000"), e);
        line.clear();
        assertTrue(err.toString().endsWith("\r" + " ".repeat("compiling functions [".length() + 30 + "] 1000/1000".length()) + "\r"));
    }
}
