package org.wasmjar.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wasmjar.compiler.Compiler;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.load.LoadedModule;
import org.wasmjar.runtime.load.ModuleLoader;

/**
 * Instantiating {@code small.wasm} (one page of memory with data, a table with elements, globals): from its loaded
 * classes, which is what a host does per request, and from the compiled classes, which adds defining them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InstantiateBench {
    private final Linker linker = new Linker();
    private CompiledModule compiled;
    private LoadedModule loaded;

    @Setup
    public void setup() {
        compiled = Compiler.compile(Modules.resource("wasm/small.wasm"));
        loaded = ModuleLoader.load(compiled);
    }

    @Benchmark
    public Instance instantiate() {
        return linker.instantiate(loaded);
    }

    @Benchmark
    public Instance loadAndInstantiate() {
        return linker.instantiate(compiled);
    }
}
