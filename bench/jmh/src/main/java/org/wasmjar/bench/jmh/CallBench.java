package org.wasmjar.bench.jmh;

import java.lang.invoke.MethodHandle;
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
import org.wasmjar.runtime.api.Invoker;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.WasmFunction;

/**
 * Host-to-guest calls of an exported {@code (i32, i32) -> i32}: through {@link Invoker} (boxed arguments, checked),
 * and through the function's typed {@link MethodHandle}, which is how a host that cares calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CallBench {
    private Instance instance;
    private MethodHandle add;
    private int a = 17;
    private int b = 25;

    @Setup
    public void setup() {
        instance = Modules.micro();
        add = ((WasmFunction) instance.export("add")).handle;
    }

    @Benchmark
    public Object[] exportViaInvoker() {
        return Invoker.invoke(instance, "add", a, b);
    }

    @Benchmark
    public int exportViaHandle() throws Throwable {
        return (int) add.invokeExact(a, b);
    }
}
