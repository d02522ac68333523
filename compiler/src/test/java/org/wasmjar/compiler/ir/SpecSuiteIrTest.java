package org.wasmjar.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.ir.build.IrBuilder;
import org.wasmjar.compiler.ir.opt.Optimizer;
import org.wasmjar.compiler.wasm.binary.ModuleParser;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.compiler.wasm.validate.Validator;

/**
 * Builds IR for every function of every module the spec suite defines (its {@code module} commands), and
 * verifies it before optimisation and after each pass.
 */
class SpecSuiteIrTest {
    private static final Pattern MODULE = Pattern.compile("\"type\": \"module\"[^}]*?\"filename\": \"([^\"]+)\"");

    @Test
    void everySpecFunctionBuildsVerifiesAndOptimises() throws Exception {
        List<SpecSuite.Script> scripts = SpecSuite.scripts();
        int modules = 0, functions = 0, instsBefore = 0, instsAfter = 0, blocksBefore = 0, blocksAfter = 0;
        List<String> failures = new ArrayList<>();
        List<String> unloadable = new ArrayList<>();
        for (SpecSuite.Script script : scripts) {
            Matcher mm = MODULE.matcher(String.join("\n", script.commands()));
            while (mm.find()) {
                String file = mm.group(1);
                ValidatedModule m;
                try {
                    m = Validator.validate(ModuleParser.parse(Files.readAllBytes(script.dir().resolve(file))));
                } catch (RuntimeException e) {
                    unloadable.add(file + ": " + e.getMessage());
                    continue;
                }
                modules++;
                for (int i = m.importedFunctionCount(); i < m.functionCount(); i++) {
                    functions++;
                    String stage = "build";
                    try {
                        IrFunction f = IrBuilder.build(m, i);
                        Verifier.verify(f);
                        instsBefore += insts(f);
                        blocksBefore += f.blocks.size();
                        for (Optimizer.Pass pass : Optimizer.PASSES) {
                            stage = pass.name();
                            pass.run().test(f);
                            Verifier.verify(f);
                        }
                        instsAfter += insts(f);
                        blocksAfter += f.blocks.size();
                    } catch (RuntimeException e) {
                        failures.add(file + " function " + i + " after " + stage + ": " + e);
                    }
                }
            }
        }
        System.out.printf("IR spec suite: %d scripts, %d modules, %d functions, %d failures; insts %d -> %d, blocks %d -> %d;"
                + " %d modules not loadable%n", scripts.size(), modules, functions, failures.size(),
                instsBefore, instsAfter, blocksBefore, blocksAfter, unloadable.size());
        unloadable.stream().limit(20).forEach(u -> System.out.println("  not loadable: " + u));
        failures.stream().limit(30).forEach(x -> System.out.println("  FAIL " + x));
        assertTrue(modules > 0, "no modules loaded");
        assertEquals(List.of(), failures);
    }

    private static int insts(IrFunction f) {
        int n = 0;
        for (Block b : f.blocks) n += b.insts.size();
        return n;
    }
}
