package org.wasmjar.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wasmjar.cli.wast.SpecTestHost;
import org.wasmjar.compiler.Compiler;
import org.wasmjar.runtime.abi.Abi;
import org.wasmjar.runtime.abi.TypeIds;
import org.wasmjar.runtime.abi.V128;
import org.wasmjar.runtime.api.Invoker;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.load.LoadedModule;
import org.wasmjar.runtime.load.ModuleLoader;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;
import org.wasmjar.tests.fuzz.Mutator.Mutant;
import org.wasmjar.tests.fuzz.SeedCorpus.Seed;

/**
 * Feeds seeded mutants of the spec suite's modules and of the examples through the whole pipeline: compile, load,
 * instantiate against {@code spectest} (and binaryen's logging imports), and call every exported function with zero
 * arguments, each call with a time budget (mutants may loop forever). Whatever the input, wasmjar may only fail with
 * its own errors (malformed, invalid, implementation limit, unlinkable, trap, resource limits); anything else
 * (NullPointerException, VerifyError, a raw ArrayIndexOutOfBoundsException, a compiler that does not finish) fails
 * the test, and the mutant is written to {@code fuzz-failures/} in the build directory.
 * System properties: {@code wasmjar.fuzzIterations} (mutants, default 10,000), {@code wasmjar.fuzzSeed} (default 1),
 * {@code wasmjar.fuzzSeedDir} (a directory of more modules to mutate as often as the spec suite's).
 */
class MalformedInputFuzzTest {
    /** Guest code gets this long per call (and for instantiation, which runs the start function). */
    private static final long RUN_BUDGET_MS = 300;
    /** A compile or load that takes longer has hung: a bug. */
    private static final long COMPILE_BUDGET_MS = 60_000;
    private static final long STACK_BYTES = 16L << 20;

    @Test
    void mutantsFailOnlyWithWasmjarErrors() throws Exception {
        int iterations = Integer.getInteger("wasmjar.fuzzIterations", 10_000);
        long seed = Long.getLong("wasmjar.fuzzSeed", 1);
        Path core = Path.of(System.getProperty("wasmjar.testsuite", "../shared/testsuite")).resolve("core");
        assertTrue(Files.isDirectory(core), "spec test suite not found at " + core.toAbsolutePath()
                + "; set -Dwasmjar.testsuite=<dir holding core/>");

        List<Seed> spec = new ArrayList<>(SeedCorpus.spec(core));
        assertTrue(spec.size() > 100, "only " + spec.size() + " seed modules from " + core);
        String extra = System.getProperty("wasmjar.fuzzSeedDir");
        if (extra != null) spec.addAll(SeedCorpus.directory(Path.of(extra)));
        List<Seed> examples = SeedCorpus.directory(Path.of(System.getProperty("wasmjar.examples", "../examples")));
        List<byte[]> donors = spec.stream().map(Seed::bytes).toList();

        // The examples are big and slow to compile, so they get a small share of the mutants.
        int perExample = Math.max(2, iterations / 500);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < iterations; i++) jobs.add(new Job(i, spec.get(Math.floorMod(Mutator.seedOf(seed, i), spec.size()))));
        for (Seed e : examples) for (int i = 0; i < perExample; i++) jobs.add(new Job(jobs.size(), e));

        Outcomes outcomes = new Outcomes();
        // Bugs by signature (the failure and where it was thrown), so one bug hit by many mutants is reported once.
        Map<String, List<String>> bugs = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (Job job : jobs) {
            Mutant mutant = new Mutator(Mutator.seedOf(seed, job.index), donors).mutate(job.seed.bytes());
            String bug = runOne(mutant.bytes(), outcomes);
            if (bug != null) {
                Path saved = Failures.save("malformed-seed" + seed + "-" + job.index + ".wasm", mutant.bytes());
                String signature = bug.lines().limit(2).map(String::strip).reduce((a, b) -> a + " " + b).orElse(bug);
                bugs.computeIfAbsent(signature, k -> new ArrayList<>()).add("mutant " + job.index + " of " + job.seed.name()
                        + " (" + mutant.description() + "), saved as " + saved + ":\n" + bug);
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("malformed-input fuzz: " + jobs.size() + " mutants of " + spec.size() + " seed modules and "
                + examples.size() + " examples in " + millis + " ms (seed " + seed + "): " + outcomes);
        if (!bugs.isEmpty()) {
            StringBuilder report = new StringBuilder();
            bugs.forEach((signature, cases) -> report.append(cases.size()).append(" mutants like this one:\n")
                    .append(cases.get(0)).append("\n\n"));
            Path saved = Failures.save("malformed-seed" + seed + "-report.txt", report.toString().getBytes(StandardCharsets.UTF_8));
            fail(bugs.size() + " kinds of failure other than wasmjar's own errors (all in " + saved + "):\n" + report);
        }
    }

    private record Job(int index, Seed seed) {}

    /** Runs one mutant through the pipeline; returns null when all went as it may, else what went wrong. */
    private static String runOne(byte[] wasm, Outcomes outcomes) {
        Bounded.Result<String> r = Bounded.run(bounds -> pipeline(wasm, bounds, outcomes), STACK_BYTES, COMPILE_BUDGET_MS);
        if (r.timedOutIn() != null) {
            if (r.timedOutIn().startsWith("compile") || r.timedOutIn().startsWith("load")) {
                return "no result after " + COMPILE_BUDGET_MS + " ms in " + r.timedOutIn();
            }
            outcomes.count("timeout in " + r.timedOutIn().replaceFirst(" .*", ""));
            return null;
        }
        if (r.failure() != null) return "pipeline failed: " + Outcomes.describe(r.failure());
        return r.value();
    }

    private static String pipeline(byte[] wasm, Bounded bounds, Outcomes outcomes) {
        String phase = "compile";
        bounds.phase(phase, COMPILE_BUDGET_MS);
        try {
            CompiledModule cm = Compiler.compile(wasm);
            phase = "load";
            bounds.phase("load", COMPILE_BUDGET_MS);
            LoadedModule loaded = ModuleLoader.load(cm);
            Linker linker = new Linker();
            SpecTestHost.exports().forEach((name, extern) -> linker.define(SpecTestHost.MODULE_NAME, name, extern));
            for (ValType t : List.of(ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128)) {
                // binaryen's logging imports, for seeds made by wasm-opt -ttf
                FuncType log = new FuncType(List.of(t), List.of());
                linker.define("fuzzing-support", "log-" + t,
                        new WasmFunction(log, TypeIds.of(log), MethodHandles.empty(Abi.methodType(log)), "log-" + t));
            }
            phase = "instantiate";
            bounds.phase("instantiate", RUN_BUDGET_MS);
            Instance inst = linker.instantiate(loaded);
            outcomes.count("instantiated");
            for (Export e : loaded.info().exports()) {
                if (e.kind() != ExternKind.FUNC) continue;
                FuncType type = loaded.info().functionType(e.index());
                phase = "call " + e.name();
                bounds.phase(phase, RUN_BUDGET_MS);
                try {
                    Invoker.invoke(inst, e.name(), zeroArguments(type));
                    outcomes.count("call returned");
                } catch (Trap t) {
                    outcomes.count("call trapped");
                }
            }
            return null;
        } catch (Throwable t) {
            String own = Outcomes.ownError(t);
            if (own == null) return "in " + phase + ": " + Outcomes.describe(t);
            if (phase.startsWith("call")) outcomes.count("call failed: " + own);
            else if (own.equals("trap")) outcomes.count("trap in " + phase);
            else outcomes.count(own);
            return null;
        }
    }

    private static Object[] zeroArguments(FuncType type) {
        Object[] args = new Object[type.params().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = switch (type.params().get(i)) {
                case I32 -> 0;
                case I64 -> 0L;
                case F32 -> 0f;
                case F64 -> 0d;
                case V128 -> V128.of(0, 0);
                case FUNCREF, EXTERNREF -> null;
            };
        }
        return args;
    }

}
