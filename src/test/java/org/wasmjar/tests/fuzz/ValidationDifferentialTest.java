package org.wasmjar.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.wasm.binary.MalformedModuleException;
import org.wasmjar.compiler.wasm.binary.ModuleParser;
import org.wasmjar.compiler.wasm.validate.ImplementationLimitException;
import org.wasmjar.compiler.wasm.validate.InvalidModuleException;
import org.wasmjar.compiler.wasm.validate.Validator;
import org.wasmjar.tests.fuzz.Mutator.Mutant;
import org.wasmjar.tests.fuzz.SeedCorpus.Seed;

/**
 * The malformed-input test only checks that wasmjar fails cleanly; this one checks its verdict. Seeded mutants of the
 * spec suite's modules are judged by wasmjar's parser and validator and by node's V8; where the two disagree, wabt's
 * {@code wasm-validate} (Wasm 2.0 with SIMD, as wabt 1.0.32 enables by default) settles it, since V8 also accepts
 * some later proposals (tail calls, exceptions, threads). A module wasmjar accepts or rejects against both is a
 * failure, saved to {@code fuzz-failures/}. Modules past one of wasmjar's implementation limits are not judged.
 * System properties: {@code wasmjar.fuzzIterations} (mutants, default 5,000), {@code wasmjar.fuzzSeed} (default 1).
 * Skipped when {@code node} or {@code wasm-validate} is missing.
 */
class ValidationDifferentialTest {
    @Test
    void wasmjarJudgesMutantsAsV8AndWabtDo() throws Exception {
        assumeTrue(NodeReference.runs("node", "--version"), "node is not on the PATH");
        assumeTrue(NodeReference.runs("wasm-validate", "--version"), "wasm-validate (wabt) is not on the PATH");
        int iterations = Integer.getInteger("wasmjar.fuzzIterations", 5_000);
        long seed = Long.getLong("wasmjar.fuzzSeed", 1);
        Path core = Path.of(System.getProperty("wasmjar.testsuite", "../shared/testsuite")).resolve("core");
        assertTrue(Files.isDirectory(core), "spec test suite not found at " + core.toAbsolutePath());
        List<Seed> spec = SeedCorpus.spec(core);
        List<byte[]> donors = spec.stream().map(Seed::bytes).toList();

        Path work = Files.createTempDirectory("wasmjar-valfuzz-");
        try {
            long started = System.nanoTime();
            List<Mutant> mutants = new ArrayList<>();
            List<String> verdicts = new ArrayList<>();
            StringBuilder list = new StringBuilder();
            for (int i = 0; i < iterations; i++) {
                Seed s = spec.get(Math.floorMod(Mutator.seedOf(seed, i), spec.size()));
                Mutant m = new Mutator(Mutator.seedOf(seed, i), donors).mutate(s.bytes());
                mutants.add(new Mutant(m.bytes(), s.name() + ": " + m.description()));
                verdicts.add(verdict(m.bytes()));
                Path file = work.resolve("m" + i + ".wasm");
                Files.write(file, m.bytes());
                list.append(file).append('\n');
            }
            Path listFile = work.resolve("modules.txt");
            Files.writeString(listFile, list);
            List<Boolean> v8 = new NodeReference(work).validate(listFile);
            assertTrue(v8.size() == iterations, "node judged " + v8.size() + " of " + iterations + " modules");

            Outcomes outcomes = new Outcomes();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                String ours = verdicts.get(i);
                if (ours.equals("limit")) {
                    outcomes.count("past a wasmjar limit");
                    continue;
                }
                boolean accepted = ours.equals("valid");
                if (accepted == v8.get(i)) {
                    outcomes.count(accepted ? "valid" : "rejected");
                    continue;
                }
                String wabt = wasmValidate(work.resolve("m" + i + ".wasm"));
                if ((wabt == null) == accepted) {
                    outcomes.count("V8 differs, wabt agrees with wasmjar");
                    continue;
                }
                Path saved = Failures.save("validation-seed" + seed + "-" + i + ".wasm", mutants.get(i).bytes());
                failures.add("mutant " + i + " of " + mutants.get(i).description() + ", saved as " + saved + ":\n    wasmjar: "
                        + ours + "\n    V8 and wabt: " + (accepted ? "invalid (wabt: " + wabt + ")" : "valid"));
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("validation fuzz: " + iterations + " mutants in " + millis + " ms (seed " + seed + "): "
                    + outcomes + ", " + failures.size() + " disagreements");
            if (!failures.isEmpty()) {
                fail(failures.size() + " mutants judged differently by wasmjar than by V8 and wabt:\n"
                        + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
            }
        } finally {
            try (Stream<Path> all = Files.walk(work)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** "valid", "limit", or why wasmjar rejects the module; anything else it throws is the malformed test's business. */
    private static String verdict(byte[] wasm) {
        try {
            Validator.validate(ModuleParser.parse(wasm));
            return "valid";
        } catch (MalformedModuleException | InvalidModuleException e) {
            return e.getMessage();
        } catch (ImplementationLimitException e) {
            return "limit";
        }
    }

    /** Null when wabt validates the module, else its first complaint. */
    private static String wasmValidate(Path wasm) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wasm-validate", wasm.toString()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return p.waitFor() == 0 ? null : out.lines().findFirst().orElse("exit code " + p.exitValue());
    }
}
