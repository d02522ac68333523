package org.wasmjar.compiler.ir;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.wasmjar.compiler.wasm.binary.ModuleParser;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.compiler.wasm.validate.Validator;

/** Test support: a module from WebAssembly text, via wabt's wat2wasm (tests are skipped where it is missing). */
final class Wat {
    private Wat() {}

    static ValidatedModule module(String wat) {
        try {
            Path dir = Files.createTempDirectory("wasmjar-ir");
            Path in = dir.resolve("m.wat"), out = dir.resolve("m.wasm");
            Files.writeString(in, wat);
            Process p;
            try {
                p = new ProcessBuilder("wat2wasm", "--debug-names", in.toString(), "-o", out.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                assumeTrue(false, "wat2wasm not available");
                throw e;
            }
            String log = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) throw new IllegalArgumentException("wat2wasm failed: " + log);
            return Validator.validate(ModuleParser.parse(Files.readAllBytes(out)));
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }
}
