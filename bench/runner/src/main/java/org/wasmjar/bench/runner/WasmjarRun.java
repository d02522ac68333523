package org.wasmjar.bench.runner;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import org.wasmjar.compiler.Compiler;
import org.wasmjar.compiler.artifact.ModuleJarWriter;
import org.wasmjar.hostcalls.api.HostEnvironment;
import org.wasmjar.hostcalls.api.HostcallSets;
import org.wasmjar.hostcalls.wasi.WasiExit;
import org.wasmjar.runtime.api.GuestThread;
import org.wasmjar.runtime.api.Invoker;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.jar.ModuleJar;
import org.wasmjar.runtime.link.Linker;

/**
 * {@code compile IN.wasm OUT.jar} writes a module jar; {@code run MODULE.jar [ARGS...]} runs its {@code _start} with
 * WASI (the process's stdio, no directories) and exits with the guest's exit code. Errors are one line on stderr.
 */
public final class WasmjarRun {
    private WasmjarRun() {}

    public static void main(String[] args) {
        if (args.length < 2 || !(args[0].equals("compile") && args.length == 3 || args[0].equals("run"))) {
            System.err.println("usage: WasmjarRun compile IN.wasm OUT.jar | run MODULE.jar [ARGS...]");
            System.exit(2);
        }
        try {
            if (args[0].equals("compile")) {
                compile(Path.of(args[1]), Path.of(args[2]));
            } else {
                System.exit(run(Path.of(args[1]), Arrays.asList(args).subList(2, args.length)));
            }
        } catch (WasmjarException | IOException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        } catch (RuntimeException e) {
            // A compiler or runtime bug, e.g. a generated method over the JVM's 64 KiB: still one line.
            System.err.println("error: wasmjar failed: " + e);
            System.exit(1);
        }
    }

    /** The jar appears only when compiling succeeded, never empty or half-written. */
    static void compile(Path wasm, Path jar) throws IOException {
        byte[] bytes = Files.readAllBytes(wasm);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModuleJarWriter.write(ModuleJarWriter.build(Compiler.compile(bytes), bytes, "bench"), Map.of(), new Attributes(), out);
        Files.write(jar, out.toByteArray());
    }

    /** argv[0] is the jar's file name, as a WASI runtime passes the program name. */
    static int run(Path jar, List<String> guestArgs) {
        List<String> argv = new ArrayList<>();
        argv.add(jar.getFileName().toString());
        argv.addAll(guestArgs);
        Linker linker = new Linker();
        HostcallSets.find("wasi").define(linker, HostEnvironment.inherit().withArgs(argv));
        Instance inst = linker.instantiate(ModuleJar.open(jar).load());
        try {
            GuestThread.run(() -> Invoker.invoke(inst, "_start"));
            return 0;
        } catch (WasiExit e) {
            return e.code();
        }
    }
}
