package org.wasmjar.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.build.IrBuilder;
import org.wasmjar.compiler.ir.opt.Optimizer;
import org.wasmjar.compiler.wasm.binary.ModuleParser;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.compiler.wasm.validate.Validator;
import org.wasmjar.runtime.load.CompiledModule;

/**
 * Generates code for every valid module of the spec suite (SIMD included) from the real IR builder and optimiser,
 * and checks every class with ASM's verifier, every method's size and empty stacks at loop heads.
 */
class SpecModulesCodegenTest {
    @Test
    void everySpecModuleGeneratesVerifiableCode() throws Exception {
        Path suite = Path.of(System.getProperty("wasmjar.testsuite", "../shared/testsuite"), "core");
        assumeTrue(Files.isDirectory(suite), "spec test suite not found at " + suite);
        Path out = Files.createTempDirectory("wasmjar-codegen-spec");
        List<Path> wasts;
        try (Stream<Path> s = Files.list(suite)) {
            wasts = s.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        int modules = 0;
        List<String> failures = new ArrayList<>();
        for (Path wast : wasts) {
            Path json = out.resolve(wast.getFileName().toString().replace(".wast", ".json"));
            Process p;
            try {
                p = new ProcessBuilder("wast2json", wast.toString(), "-o", json.toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                assumeTrue(false, "wast2json not available");
                return;
            }
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) continue;
        }
        List<Path> wasms;
        try (Stream<Path> s = Files.list(out)) {
            wasms = s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        for (Path wasm : wasms) {
            ValidatedModule m;
            try {
                m = Validator.validate(ModuleParser.parse(Files.readAllBytes(wasm)));
            } catch (RuntimeException e) {
                continue; // malformed and invalid modules are other tests' business
            }
            modules++;
            try {
                List<IrFunction> fns = new ArrayList<>();
                for (int i = m.importedFunctionCount(); i < m.functionCount(); i++) {
                    IrFunction f = IrBuilder.build(m, i);
                    Optimizer.optimize(f);
                    fns.add(f);
                }
                CompiledModule cm = ModuleGenerator.generate(m, fns);
                CodegenFixture.verify(cm);
                CodegenFixture.assertEmptyStackAtTargets(cm, false);
                assertTrue(ModuleGenerator.largestMethodSize(cm) < 8000, "largest method");
            } catch (Throwable e) {
                failures.add(wasm.getFileName() + ": " + e.toString().lines().findFirst().orElse(""));
            }
        }
        assertTrue(modules > 900, "only " + modules + " modules");
        assertEquals(List.of(), failures);
    }
}
