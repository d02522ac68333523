package org.wasmjar.bench.chicory;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ChicoryRun FILE.wasm [ARGS...]}: compiles the module with Chicory's {@link MachineFactoryCompiler} (to JVM
 * bytecode, at load time: Chicory's compile time is part of its wall time, as wasmjar's start-up is part of its),
 * runs {@code _start} with WASI preview1 on the process's stdio and exits with the guest's code. Functions Chicory
 * cannot compile make it fail rather than silently fall back to its interpreter, so a number is always the compiler's.
 * With {@code -Dchicory.timing=true} it prints the compile and run times to stderr.
 */
public final class ChicoryRun {
    /** Same as wasmjar's guest thread, so deep recursion behaves alike. */
    private static final long STACK_BYTES = 512L << 20;

    private ChicoryRun() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ChicoryRun FILE.wasm [ARGS...]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            System.err.println("error: no such file: " + file);
            System.exit(1);
        }
        List<String> argv = new ArrayList<>(Arrays.asList(args));
        argv.set(0, file.getFileName().toString());
        int[] code = new int[1];
        Throwable[] failure = new Throwable[1];
        Thread guest = new Thread(null, () -> {
            try {
                code[0] = run(file, argv);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "chicory-guest", STACK_BYTES);
        guest.start();
        guest.join();
        if (failure[0] != null) {
            System.err.println("error: " + failure[0]);
            System.exit(1);
        }
        System.exit(code[0]);
    }

    private static int run(Path file, List<String> argv) {
        boolean timing = Boolean.getBoolean("chicory.timing");
        long t0 = System.nanoTime();
        WasmModule module = Parser.parse(file);
        var factory = MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.FAIL).compile();
        WasiOptions options = WasiOptions.builder()
                .withStdin(new FileInputStream(FileDescriptor.in))
                .withStdout(new FileOutputStream(FileDescriptor.out))
                .withStderr(new FileOutputStream(FileDescriptor.err))
                .withArguments(argv)
                .build();
        try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
            ImportValues imports = ImportValues.builder().addFunction(wasi.toHostFunctions()).build();
            Instance instance = Instance.builder(module).withImportValues(imports).withMachineFactory(factory)
                    .withStart(false).build();
            long t1 = System.nanoTime();
            try {
                instance.export("_start").apply();
                return 0;
            } catch (WasiExitException e) {
                return e.exitCode();
            } finally {
                if (timing) {
                    System.err.printf("chicory: compile+instantiate %.3f s, run %.3f s%n",
                            (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
                }
            }
        }
    }
}
