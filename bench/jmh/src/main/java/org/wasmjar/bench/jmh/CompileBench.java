package org.wasmjar.bench.jmh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wasmjar.compiler.Compiler;
import org.wasmjar.compiler.artifact.ModuleJarWriter;

/**
 * Compile throughput: Wasm bytes to a module jar in memory (parse, validate, IR, optimise, generate, pack). One
 * operation compiles every input once; the {@code codeBytes} counter is the inputs' code-section bytes per second.
 * {@code -p module=kernels} (default) takes the twelve bundled kernels, {@code -p module=/path/x.wasm} one file.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class CompileBench {
    static final String[] KERNELS = {"permutations", "sha256", "nbody", "spectral_norm", "mandelbrot", "matmul", "sort",
            "recursion", "qsort_callback", "interp", "malloc_tree", "printf_format"};

    @Param("kernels")
    public String module;

    private final List<byte[]> inputs = new ArrayList<>();
    private long codeBytesPerOp;

    /** JMH reports this per second next to the operations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long codeBytes;

        @Setup(Level.Iteration)
        public void reset() { codeBytes = 0; }
    }

    @Setup
    public void setup() throws IOException {
        if (module.equals("kernels")) {
            for (String k : KERNELS) inputs.add(Modules.resource("kernels/" + k + ".wasm"));
        } else {
            inputs.add(Files.readAllBytes(Path.of(module)));
        }
        for (byte[] wasm : inputs) codeBytesPerOp += Modules.codeSectionSize(wasm);
    }

    @Benchmark
    public int compileToJar(Counters counters) throws IOException {
        int size = 0;
        for (byte[] wasm : inputs) {
            ByteArrayOutputStream jar = new ByteArrayOutputStream();
            ModuleJarWriter.write(ModuleJarWriter.build(Compiler.compile(wasm), wasm, "bench"), Map.of(), new Attributes(), jar);
            size += jar.size();
        }
        counters.codeBytes += codeBytesPerOp;
        return size;
    }
}
