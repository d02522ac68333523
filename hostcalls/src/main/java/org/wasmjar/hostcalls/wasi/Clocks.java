package org.wasmjar.hostcalls.wasi;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import org.wasmjar.runtime.instance.Instance;

/** clock_res_get, clock_time_get: realtime, monotonic, process and thread CPU time, in nanoseconds. */
final class Clocks {
    /** Monotonic time counts from here, plus one, so the guest never sees zero. */
    private final long origin = System.nanoTime();
    /** Made at the first thread CPU-time read: the management classes cost tens of milliseconds of start-up. */
    private ThreadMXBean threads;

    int clock_res_get(int id, int resultPtr, Instance inst) {
        long res = switch (id) {
            case WasiTypes.CLOCK_REALTIME, WasiTypes.CLOCK_PROCESS_CPUTIME_ID, WasiTypes.CLOCK_THREAD_CPUTIME_ID -> 1000L;
            case WasiTypes.CLOCK_MONOTONIC -> 1L;
            default -> throw new WasiError(Errno.INVAL);
        };
        GuestMemory.putI64(inst, resultPtr, res);
        return Errno.SUCCESS;
    }

    int clock_time_get(int id, long precision, int resultPtr, Instance inst) {
        GuestMemory.check(inst, resultPtr, 8);
        GuestMemory.putI64(inst, resultPtr, now(id));
        return Errno.SUCCESS;
    }

    /** The time on clock {@code id}; an unknown clock is INVAL. */
    long now(int id) {
        return switch (id) {
            case WasiTypes.CLOCK_REALTIME -> {
                Instant t = Instant.now();
                yield t.getEpochSecond() * 1_000_000_000L + t.getNano();
            }
            case WasiTypes.CLOCK_MONOTONIC -> System.nanoTime() - origin + 1;
            case WasiTypes.CLOCK_PROCESS_CPUTIME_ID ->
                    ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(System.nanoTime() - origin);
            case WasiTypes.CLOCK_THREAD_CPUTIME_ID ->
                    threads().isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : System.nanoTime() - origin;
            default -> throw new WasiError(Errno.INVAL);
        };
    }

    private ThreadMXBean threads() {
        if (threads == null) threads = ManagementFactory.getThreadMXBean();
        return threads;
    }
}
