package org.wasmjar.cli.wast;

import java.util.List;

/** The outcome of one script: counts of passed commands, and each failure and skip with its line. */
public record WastResult(String name, int passed, List<Issue> failures, List<Issue> skips) {
    /** A failed or skipped command: its line in the script, its kind ({@code assert_return}, ...) and why. */
    public record Issue(int line, String command, String message) {
        @Override public String toString() { return "line " + line + ": " + command + ": " + message; }
    }

    public WastResult {
        failures = List.copyOf(failures);
        skips = List.copyOf(skips);
    }

    public int failed() { return failures.size(); }

    public int skipped() { return skips.size(); }

    /** {@code core/i32.wast: 374 passed, 0 failed, 2 skipped} */
    public String summary() { return name + ": " + counts(passed, failed(), skipped()); }

    public static String counts(int passed, int failed, int skipped) {
        return passed + " passed, " + failed + " failed, " + skipped + " skipped";
    }
}
