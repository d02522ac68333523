package org.wasmjar.tests.fuzz;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.Compiler;

/**
 * Random valid modules from binaryen ({@code wasm-opt -ttf}, Wasm 2.0 features, varied optimisation passes) run on
 * wasmjar and on node's V8, every export called with seeded arguments after binaryen's hang-limit reset; the
 * transcripts ({@link WasmjarTranscript}: calls' results or trap kinds, the values the module logs through
 * {@code fuzzing-support}, the exported memory's hash, and whether the module compiles at all) must be equal. Floats
 * compare by bits; binaryen's {@code --denan} keeps NaNs, whose payloads engines may choose, out of the results.
 * A module that differs is written to {@code fuzz-failures/} with both transcripts.
 * System properties: {@code wasmjar.fuzzIterations} (modules, default 80), {@code wasmjar.fuzzSeed} (default 1).
 * Skipped when {@code wasm-opt} or {@code node} is missing.
 */
class DifferentialFuzzTest {
    /**
     * Wasm 2.0, with reference types added on one module in four and SIMD on one in five. Binaryen 108 emits typed
     * function references when reference types are on, so those modules are only partly valid Wasm 2.0: both engines
     * must then agree on rejecting them.
     */
    private static final List<String> FEATURES = List.of("-mvp", "--enable-sign-ext", "--enable-mutable-globals",
            "--enable-nontrapping-float-to-int", "--enable-bulk-memory", "--enable-multivalue");

    /** binaryen passes run on the generated code, for a wider range of code shapes (many locals, big functions). */
    private static final List<List<String>> PASSES = List.of(List.of(), List.of("-O2"), List.of("--flatten", "--rereloop"),
            List.of("--fuzz-passes"), List.of("-O3", "--inline-functions-with-loops", "--flexible-inline-max-function-size",
                    "5000", "--inlining-optimizing"), List.of("-Os"));

    @Test
    void wasmjarAgreesWithNode() throws Exception {
        assumeTrue(NodeReference.runs("wasm-opt", "--version"), "wasm-opt (binaryen) is not on the PATH");
        assumeTrue(NodeReference.runs("node", "--version"), "node is not on the PATH");
        int modules = Integer.getInteger("wasmjar.fuzzIterations", 80);
        long seed = Long.getLong("wasmjar.fuzzSeed", 1);

        Path work = Files.createTempDirectory("wasmjar-difffuzz-");
        try {
            NodeReference node = new NodeReference(work);
            long started = System.nanoTime();
            Outcomes outcomes = new Outcomes();
            List<String> differences = new ArrayList<>();
            // Batches keep node's start-up cost small and the plan files short.
            for (int from = 0; from < modules; from += 50) {
                List<Case> batch = new ArrayList<>();
                for (int i = from; i < Math.min(modules, from + 50); i++) batch.add(generate(work, seed, i));
                StringBuilder plan = new StringBuilder();
                for (Case c : batch) {
                    c.wasmjar = WasmjarTranscript.of(Compiler::compile, Files.readAllBytes(c.wasm), c.wasm.toString(), c.index, plan);
                }
                Path planFile = work.resolve("plan-" + from + ".txt");
                Files.writeString(planFile, plan);
                List<List<String>> reference = node.run(planFile);
                for (int k = 0; k < batch.size(); k++) {
                    Case c = batch.get(k);
                    List<String> theirs = k < reference.size() ? reference.get(k) : List.of("(no output from node)");
                    String first = c.wasmjar.size() > 1 ? c.wasmjar.get(1) : "without transcript";
                    outcomes.count("modules " + (first.startsWith("failed") || first.startsWith("timed out") ? "failed" : first));
                    for (String line : c.wasmjar) {
                        if (line.startsWith("call ")) outcomes.count(line.contains(" trap ") ? "calls trapped" : "calls returned");
                        if (line.startsWith("log ")) outcomes.count("values logged");
                    }
                    String diff = firstDifference(c.wasmjar, theirs);
                    if (diff != null) differences.add(report(c, theirs, diff, seed));
                }
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("differential fuzz: " + modules + " modules in " + millis + " ms (seed " + seed + "): "
                    + outcomes + ", " + differences.size() + " differences");
            if (!differences.isEmpty()) {
                fail(differences.size() + " modules behave differently on wasmjar and node:\n"
                        + String.join("\n\n", differences.subList(0, Math.min(10, differences.size()))));
            }
        } finally {
            deleteTree(work);
        }
    }

    /** A generated module and wasmjar's transcript of it. */
    private static final class Case {
        final int index;
        final Path wasm;
        final String flags;
        List<String> wasmjar;

        Case(int index, Path wasm, String flags) {
            this.index = index;
            this.wasm = wasm;
            this.flags = flags;
        }
    }

    /**
     * Module {@code i}: binaryen's translation of seeded random bytes, with the features of {@link #FEATURES} and a set
     * of passes from {@link #PASSES}; without the passes when one of them fails (some cannot handle every type).
     */
    private static Case generate(Path work, long seed, int i) throws IOException, InterruptedException {
        Random rng = new Random(seed * 1_000_003L + i);
        byte[] input = new byte[500 + rng.nextInt(20_000)];
        rng.nextBytes(input);
        Path in = work.resolve("input-" + i + ".dat");
        Path wasm = work.resolve("module-" + i + ".wasm");
        Files.write(in, input);
        List<String> flags = new ArrayList<>(FEATURES);
        if (i % 4 == 3) flags.add("--enable-reference-types");
        if (i % 5 == 2) flags.add("--enable-simd");
        List<String> passes = PASSES.get(i % PASSES.size());
        String failure = wasmOpt(in, wasm, flags, passes);
        if (failure != null && !passes.isEmpty()) {
            passes = List.of();
            failure = wasmOpt(in, wasm, flags, passes);
        }
        if (failure != null) throw new IOException("wasm-opt failed on module " + i + ": " + failure);
        return new Case(i, wasm, String.join(" ", flags) + (passes.isEmpty() ? "" : " " + String.join(" ", passes)));
    }

    /** Runs {@code wasm-opt -ttf}; returns null when it succeeded, else its output. */
    private static String wasmOpt(Path in, Path out, List<String> flags, List<String> passes)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wasm-opt", in.toString(), "-ttf"));
        command.addAll(flags);
        command.addAll(passes);
        // NaN payloads from arithmetic are nondeterministic in Wasm (V8 and the JVM pick different ones, both right),
        // and reinterpret or store makes them visible: binaryen's pass turns NaNs into 0 so transcripts compare.
        command.add("--denan");
        command.addAll(List.of("-o", out.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream o = p.getInputStream()) {
            output = new String(o.readAllBytes(), StandardCharsets.UTF_8);
        }
        return p.waitFor() == 0 ? null : output.strip();
    }

    private static String firstDifference(List<String> ours, List<String> theirs) {
        for (int i = 0; i < Math.max(ours.size(), theirs.size()); i++) {
            String a = i < ours.size() ? ours.get(i) : "(end)";
            String b = i < theirs.size() ? theirs.get(i) : "(end)";
            if (!a.equals(b)) return "line " + i + ": wasmjar: " + a + "\n    node:    " + b;
        }
        return null;
    }

    private static String report(Case c, List<String> theirs, String diff, long seed) throws IOException {
        String base = "diff-seed" + seed + "-" + c.index;
        Path saved = Failures.save(base + ".wasm", Files.readAllBytes(c.wasm));
        Failures.save(base + ".wasmjar.txt", String.join("\n", c.wasmjar).getBytes(StandardCharsets.UTF_8));
        Failures.save(base + ".node.txt", String.join("\n", theirs).getBytes(StandardCharsets.UTF_8));
        return "module " + c.index + " (wasm-opt -ttf " + c.flags + "), saved as " + saved + "\n    " + diff;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.deleteIfExists(p);
        }
    }
}
