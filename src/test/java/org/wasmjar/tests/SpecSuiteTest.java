package org.wasmjar.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wasmjar.cli.wast.WasmjarEngine;
import org.wasmjar.cli.wast.WastException;
import org.wasmjar.cli.wast.WastResult;
import org.wasmjar.cli.wast.WastResult.Issue;
import org.wasmjar.cli.wast.WastRunner;

/**
 * The official spec suite ({@code <wasmjar.testsuite>/core/*.wast}, SIMD scripts included) through
 * {@link WastRunner}. Writes {@code spec-report.txt} into the build
 * directory, and fails on a failure not in {@code spec-exclusions.txt} or on an exclusion that no longer fails.
 * System properties: {@code wasmjar.specThreads} (scripts run at once, default: processors),
 * {@code wasmjar.specTimeout} (seconds per script, default 300).
 */
class SpecSuiteTest {
    @Test
    void coreSuite() throws Exception {
        Path core = Path.of(System.getProperty("wasmjar.testsuite", "../shared/testsuite")).resolve("core");
        assertTrue(Files.isDirectory(core), "spec test suite not found at " + core.toAbsolutePath()
                + "; set -Dwasmjar.testsuite=<dir holding core/>");
        List<Path> files;
        try (Stream<Path> list = Files.list(core)) {
            files = list.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        assertTrue(!files.isEmpty(), "no .wast files in " + core);

        List<WastResult> results = runAll(files);
        Exclusions exclusions = loadExclusions();
        Path report = buildDirectory().resolve("spec-report.txt");
        String summary = writeReport(results, exclusions, report);
        System.out.println("spec suite: " + summary + " (report: " + report + ")");

        List<String> unexpected = new ArrayList<>();
        List<Exclusions.Entry> used = new ArrayList<>();
        for (WastResult r : results) {
            String file = fileName(r);
            for (Issue f : r.failures()) {
                Exclusions.Entry e = exclusions.covering(file, f.line());
                // Written the way spec-exclusions.txt wants it, so an accepted failure can be pasted there.
                if (e == null) unexpected.add(file + ":" + f.line() + " " + f.command() + ": " + f.message());
                else used.add(e);
            }
        }
        // An entry is stale when its script ran without that failure, or when no such script exists (a typo).
        List<String> ran = results.stream().map(SpecSuiteTest::fileName).toList();
        List<String> existing = files.stream().map(p -> p.getFileName().toString()).toList();
        List<Exclusions.Entry> stale = exclusions.entries().stream()
                .filter(e -> !existing.contains(e.file()) || (ran.contains(e.file()) && !used.contains(e))).toList();
        if (!unexpected.isEmpty() || !stale.isEmpty()) {
            StringBuilder msg = new StringBuilder(summary).append('\n');
            if (!unexpected.isEmpty()) {
                msg.append(unexpected.size()).append(" failures not in spec-exclusions.txt");
                unexpected.stream().limit(40).forEach(u -> msg.append("\n  ").append(u));
                if (unexpected.size() > 40) msg.append("\n  ... (all in ").append(report).append(')');
                msg.append('\n');
            }
            if (!stale.isEmpty()) {
                msg.append("exclusions that no longer fail (remove them from spec-exclusions.txt):");
                stale.forEach(s -> msg.append("\n  ").append(s));
            }
            fail(msg.toString());
        }
    }

    /** Scripts are independent (each gets its own engine and store), so they run side by side. */
    private static List<WastResult> runAll(List<Path> files) throws InterruptedException {
        int threads = Integer.getInteger("wasmjar.specThreads", Runtime.getRuntime().availableProcessors());
        WastRunner runner = new WastRunner(WasmjarEngine::new, Duration.ofSeconds(Long.getLong("wasmjar.specTimeout", 300)));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<WastResult>> futures = new ArrayList<>();
            for (Path f : files) futures.add(pool.submit(() -> runOne(runner, f)));
            List<WastResult> results = new ArrayList<>();
            for (Future<WastResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    throw new AssertionError("spec runner crashed", e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A script wast2json cannot convert counts as one failure of that script, not as a crash of the suite. */
    private static WastResult runOne(WastRunner runner, Path f) throws IOException {
        try {
            return runner.run(f);
        } catch (WastException e) {
            return new WastResult(WastRunner.displayName(f), 0, List.of(new Issue(0, "script", e.getMessage())), List.of());
        }
    }

    private static Exclusions loadExclusions() throws IOException {
        try (InputStream in = SpecSuiteTest.class.getResourceAsStream("/spec-exclusions.txt")) {
            assertTrue(in != null, "spec-exclusions.txt is not on the test classpath");
            return Exclusions.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** One line per script, its failures (marked when excluded), its skips grouped by reason, then the totals. */
    private static String writeReport(List<WastResult> results, Exclusions exclusions, Path report) throws IOException {
        StringBuilder sb = new StringBuilder();
        int passed = 0, failed = 0, skipped = 0;
        for (WastResult r : results) {
            sb.append(r.summary()).append('\n');
            for (Issue f : r.failures()) {
                Exclusions.Entry e = exclusions.covering(fileName(r), f.line());
                sb.append("  ").append(f).append(e == null ? "" : "  [excluded: " + e.reason() + "]").append('\n');
            }
            Map<String, Integer> skipReasons = new TreeMap<>();
            for (Issue s : r.skips()) skipReasons.merge(s.message(), 1, Integer::sum);
            skipReasons.forEach((reason, n) -> sb.append("  skipped ").append(n).append(": ").append(reason).append('\n'));
            passed += r.passed();
            failed += r.failed();
            skipped += r.skipped();
        }
        String summary = WastResult.counts(passed, failed, skipped);
        sb.append(summary).append('\n');
        Files.createDirectories(report.getParent());
        Files.writeString(report, sb.toString(), StandardCharsets.UTF_8);
        return summary;
    }

    private static String fileName(WastResult r) {
        return r.name().substring(r.name().lastIndexOf('/') + 1);
    }

    /** The module's build directory ({@code target/}, or {@code target-<suffix>/}): where test-classes lives. */
    private static Path buildDirectory() throws Exception {
        Path testClasses = Path.of(SpecSuiteTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return testClasses.getParent();
    }
}
