package org.wasmjar.bench.jmh;

import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.WasmFunction;

/**
 * Loops inside the guest, {@value #N} iterations per call, reported per iteration: a load and a store, a direct
 * call (the baseline), a {@code call_indirect} (one target, and four targets in turn), a call of an imported host
 * function and back.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LoopBench {
    static final int N = 4096;

    private MethodHandle prefixSum;
    private MethodHandle directCalls;
    private MethodHandle indirectMono;
    private MethodHandle indirectPoly;
    private MethodHandle hostCalls;

    @Setup
    public void setup() {
        Instance instance = Modules.micro();
        prefixSum = handle(instance, "prefix_sum");
        directCalls = handle(instance, "direct_calls");
        indirectMono = handle(instance, "indirect_mono");
        indirectPoly = handle(instance, "indirect_poly");
        hostCalls = handle(instance, "host_calls");
    }

    private static MethodHandle handle(Instance instance, String name) {
        return ((WasmFunction) instance.export(name)).handle;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int memoryLoadStore() throws Throwable {
        return (int) prefixSum.invokeExact(N);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int callDirect() throws Throwable {
        return (int) directCalls.invokeExact(N);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int callIndirectMonomorphic() throws Throwable {
        return (int) indirectMono.invokeExact(N);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int callIndirectMegamorphic() throws Throwable {
        return (int) indirectPoly.invokeExact(N);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int hostcallRoundTrip() throws Throwable {
        return (int) hostCalls.invokeExact(N);
    }
}
