package org.wasmjar.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.wasmjar.cli.wast.WasmjarEngine;
import org.wasmjar.cli.wast.WastResult;
import org.wasmjar.cli.wast.WastRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wasmjar wast}: runs spec scripts and prints one line per file and a total; exit 0 only if nothing failed. */
@Command(name = "wast", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Run WebAssembly spec scripts (.wast) against wasmjar. Needs wast2json from wabt on the PATH.")
public final class WastCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE.wast", description = "Spec scripts to run.")
    private List<Path> files;

    @Option(names = "--verbose", description = "Print each failed command with its line.")
    private boolean verbose;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Give up a script that runs longer than this (default: no limit).")
    private Integer timeoutSeconds;

    @Spec private CommandSpec spec;

    @Override public Integer call() throws IOException {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw new NoSuchFileException(f.toString());
        }
        PrintWriter out = spec.commandLine().getOut();
        WastRunner runner = new WastRunner(WasmjarEngine::new,
                timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds));
        int passed = 0, failed = 0, skipped = 0;
        for (Path f : files) {
            WastResult r = runner.run(f);
            out.println(r.summary());
            if (verbose) r.failures().forEach(issue -> out.println("  " + issue));
            out.flush();
            passed += r.passed();
            failed += r.failed();
            skipped += r.skipped();
        }
        out.println(WastResult.counts(passed, failed, skipped));
        return failed == 0 ? 0 : 1;
    }
}
