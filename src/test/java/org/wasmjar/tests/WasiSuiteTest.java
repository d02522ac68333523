package org.wasmjar.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wasmjar.cli.wast.JsonReader;
import org.wasmjar.compiler.Compiler;
import org.wasmjar.hostcalls.api.HostEnvironment;
import org.wasmjar.hostcalls.api.HostcallSets;
import org.wasmjar.hostcalls.wasi.WasiExit;
import org.wasmjar.runtime.api.GuestThread;
import org.wasmjar.runtime.api.Invoker;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.link.Linker;

/**
 * The official WASI preview1 test suite ({@code <wasmjar.wasiTestsuite>/tests/<lang>/testsuite/wasm32-wasip1/*.wasm}),
 * judged as the suite's README says: argv is the file name then {@code args}, the environment is exactly {@code env},
 * {@code root} is preopened as {@code /} (a fresh copy per test), stdin is an empty pipe, and a test passes when the
 * exit status equals {@code exit_code} (a trap is 134, like wasmtime's abort) and stdout starts with {@code stdout}.
 * Every test run must pass.
 *
 * <p>All 72 run in this JVM through the Java API (seconds). Through {@code wasmjar run}, in a JVM of their own as a
 * user would run them, a few minutes: by default only {@link #THROUGH_CLI}, one or two per area; all 72 with
 * {@code -Dwasmjar.wasiFull=true}. {@code wasmjar.wasiThreads} tests run at once (default: processors). Each way
 * writes a report into the build directory: {@code wasi-report-api.txt}, {@code wasi-report-cli.txt}.
 */
class WasiSuiteTest {
    /** A trap, like an abort under wasmtime (and {@code wasmjar run}). */
    static final int TRAP_EXIT = 134;
    /** The suite's runner allows 5 s; a JVM that also compiles the module gets more. */
    static final long TIMEOUT_SECONDS = 60;

    /** One test: its module and its {@code .json}, defaults filled in. */
    /** Through {@code wasmjar run} by default: args and env with quotes and newlines, an exit code, stdout, stdin,
     * clocks, a preopened root from C and from Rust, symlink times to the nanosecond (a fresh JVM each). */
    static final List<String> THROUGH_CLI = List.of("assemblyscript/args_get-multiple-arguments",
            "assemblyscript/environ_get-multiple-variables", "assemblyscript/proc_exit-failure",
            "assemblyscript/fd_write-to-stdout", "c/clock_gettime-realtime", "c/fopen-with-access",
            "rust/poll_oneoff_stdio", "rust/fd_readdir", "rust/symlink_filestat");

    record Case(String name, Path wasm, List<String> args, Map<String, String> env, Path root, int exitCode, String stdout) {}

    record Run(int exit, String stdout, String stderr) {}

    record Outcome(String name, boolean passed, String why, long millis) {}

    @Test
    void allInProcess() throws Exception {
        List<Case> cases = cases();
        assertEquals(72, cases.size(), "tests found in " + suiteDirectory());
        judge(cases, true, "wasi-report-api.txt");
    }

    @Test
    void throughWasmjarRun() throws Exception {
        List<Case> cases = cases();
        if (!Boolean.getBoolean("wasmjar.wasiFull")) cases = cases.stream().filter(c -> THROUGH_CLI.contains(c.name())).toList();
        assertEquals(Boolean.getBoolean("wasmjar.wasiFull") ? 72 : THROUGH_CLI.size(), cases.size(), "tests found in " + suiteDirectory());
        judge(cases, false, "wasi-report-cli.txt");
    }

    private static List<Case> cases() throws IOException {
        Path suite = suiteDirectory();
        assertTrue(Files.isDirectory(suite.resolve("tests")), "WASI test suite not found at " + suite
                + "; set -Dwasmjar.wasiTestsuite=<dir holding tests/>");
        List<Case> cases = new ArrayList<>();
        for (String lang : List.of("c", "rust", "assemblyscript")) {
            Path dir = suite.resolve("tests").resolve(lang).resolve("testsuite").resolve("wasm32-wasip1");
            try (Stream<Path> list = Files.list(dir)) {
                for (Path wasm : list.filter(p -> p.toString().endsWith(".wasm")).sorted().toList()) cases.add(readCase(lang, wasm));
            }
        }
        return cases;
    }

    /** Runs the cases side by side, writes the report, and fails listing every test that did not pass. */
    private static void judge(List<Case> cases, boolean viaApi, String reportName) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        Path scratch = Files.createTempDirectory("wasmjar-wasi");
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1,
                Integer.getInteger("wasmjar.wasiThreads", Runtime.getRuntime().availableProcessors())));
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Case c : cases) futures.add(pool.submit(() -> runOne(c, scratch, viaApi)));
            for (Future<Outcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException e) {
                    throw new AssertionError("WASI suite runner crashed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            deleteTree(scratch);
        }

        long passed = outcomes.stream().filter(Outcome::passed).count();
        StringBuilder report = new StringBuilder();
        for (Outcome o : outcomes) {
            report.append(o.passed() ? "PASS  " : "FAIL  ").append(o.name()).append("  (").append(o.millis()).append(" ms)")
                    .append(o.passed() ? "" : "  -- " + o.why()).append('\n');
        }
        String summary = "wasi suite " + (viaApi ? "in-process" : "through wasmjar run") + ": " + passed + " of "
                + outcomes.size() + " passed";
        report.append(summary).append('\n');
        Path file = buildDirectory().resolve(reportName);
        Files.writeString(file, report.toString(), StandardCharsets.UTF_8);
        System.out.println(summary + " (report: " + file + ")");
        if (passed != outcomes.size()) {
            fail(summary + "\n" + String.join("\n", outcomes.stream().filter(o -> !o.passed()).map(o -> o.name() + ": " + o.why()).toList()));
        }
    }

    private static Case readCase(String lang, Path wasm) throws IOException {
        String base = wasm.getFileName().toString().replaceFirst("\\.wasm$", "");
        Path json = wasm.resolveSibling(base + ".json");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = Files.exists(json) ? (Map<String, Object>) JsonReader.parse(Files.readString(json)) : Map.of();
        List<String> args = new ArrayList<>();
        for (Object a : (List<?>) spec.getOrDefault("args", List.of())) args.add((String) a);
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<?, ?>) spec.getOrDefault("env", Map.of())).forEach((k, v) -> env.put((String) k, (String) v));
        Path root = spec.get("root") instanceof String r ? json.resolveSibling(r) : null;
        return new Case(lang + "/" + base, wasm, args, env, root, ((Number) spec.getOrDefault("exit_code", 0L)).intValue(),
                (String) spec.get("stdout"));
    }

    /** Runs one test (with a fresh copy of its root) and judges exit status and stdout. */
    private static Outcome runOne(Case c, Path scratch, boolean viaApi) {
        long start = System.nanoTime();
        Run run;
        try {
            Path dir = Files.createDirectories(scratch.resolve(c.name().replace('/', '_')));
            Path root = null;
            if (c.root() != null) {
                root = dir.resolve("root");
                copyTree(c.root(), root);
            }
            run = viaApi ? viaApi(c, root) : viaCli(c, root, dir);
        } catch (Exception e) {
            return new Outcome(c.name(), false, "failed to run: " + e, millis(start));
        }
        String why = null;
        String out = run.stdout().replace("\r\n", "\n");
        if (run.exit() != c.exitCode()) {
            why = "exit " + run.exit() + " != " + c.exitCode() + " [" + firstLines(run.stderr()) + "]";
        } else if (c.stdout() != null && !out.startsWith(c.stdout())) {
            why = "stdout " + quote(out) + " does not start with " + quote(c.stdout());
        }
        return new Outcome(c.name(), why == null, why, millis(start));
    }

    /** {@code wasmjar run test.wasm [--env K=V]... [--dir ROOT::/] -- args...} in a JVM of its own. */
    private static Run viaCli(Case c, Path root, Path dir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.wasmjar.cli.Main", "run", c.wasm().toString()));
        c.env().forEach((k, v) -> command.addAll(List.of("--env", k + "=" + v)));
        if (root != null) command.addAll(List.of("--dir", root + "::/"));
        command.add("--");
        command.addAll(c.args());
        Path out = dir.resolve("stdout.txt"), err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close(); // stdin: an empty pipe
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new Run(-1, "", "timed out after " + TIMEOUT_SECONDS + " s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The same in this JVM: compile, link {@code wasi}, call {@code _start} on a {@link GuestThread}. */
    private static Run viaApi(Case c, Path root) throws IOException {
        List<String> argv = new ArrayList<>(List.of(c.wasm().getFileName().toString()));
        argv.addAll(c.args());
        ByteArrayOutputStream stdout = new ByteArrayOutputStream(), stderr = new ByteArrayOutputStream();
        HostEnvironment host = HostEnvironment.inherit().withArgs(argv).withEnv(c.env())
                .withStdio(new ByteArrayInputStream(new byte[0]), stdout, stderr);
        if (root != null) host = host.withPreopen(root, "/");
        Linker linker = new Linker();
        HostcallSets.find("wasi").define(linker, host);
        Instance inst = linker.instantiate(Compiler.compile(Files.readAllBytes(c.wasm())));
        int exit = GuestThread.run(() -> {
            try {
                Invoker.invoke(inst, "_start");
                return 0;
            } catch (WasiExit e) {
                return e.code();
            } catch (Trap t) {
                return TRAP_EXIT;
            }
        });
        return new Run(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    /** {@code wasmjar.wasiTestsuite}, or {@code ../shared/wasi-testsuite} beside the checkout. */
    static Path suiteDirectory() {
        String configured = System.getProperty("wasmjar.wasiTestsuite");
        if (configured != null && !configured.isBlank()) return Path.of(configured).toAbsolutePath();
        return JavaProcess.checkout().resolve("../shared/wasi-testsuite").normalize();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.copy(p, to.resolve(from.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
        }
    }

    private static String firstLines(String s) {
        String joined = String.join(" | ", s.strip().lines().limit(3).toList());
        return joined.length() > 300 ? joined.substring(0, 300) + "..." : joined;
    }

    private static String quote(String s) {
        return "\"" + (s.length() > 80 ? s.substring(0, 80) + "..." : s).replace("\n", "\\n") + "\"";
    }

    private static long millis(long start) { return (System.nanoTime() - start) / 1_000_000; }

    private static Path buildDirectory() throws Exception {
        return Path.of(WasiSuiteTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }
}
