package org.wasmjar.compiler.codegen;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs independent tasks {@code 0..count-1} on one worker thread per core. Workers take indices in ascending
 * order, so when tasks fail, every lower index has been started too, and the failure of the lowest index is the
 * one thrown: the same one a sequential loop would throw first. Results must go to per-index slots, which keeps
 * output independent of timing. (Public for the jar writer, which deflates entries this way.)
 */
public final class Parallel {
    /**
     * Stack of a worker. The compiler walks nesting with explicit stacks (20,000 nested blocks compile on a 1 MB
     * stack), so this is only headroom; untouched stack costs nothing.
     */
    private static final long STACK_BYTES = 64L << 20;

    private Parallel() {}

    /**
     * Runs {@code task} for every index, on several threads when there are at least {@code minParallel} tasks (below
     * that, starting threads would cost more than they save); rethrows the lowest index's failure.
     */
    public static void forEach(int count, int minParallel, IntConsumer task) {
        int workers = Math.min(Runtime.getRuntime().availableProcessors(), count);
        if (count < minParallel || workers <= 1) {
            for (int i = 0; i < count; i++) task.accept(i);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Throwable[] failure = new Throwable[count];
        AtomicInteger failed = new AtomicInteger(Integer.MAX_VALUE);
        Runnable work = () -> {
            for (int i; (i = next.getAndIncrement()) < count && i < failed.get(); ) {
                try {
                    task.accept(i);
                } catch (Throwable t) {
                    failure[i] = t;
                    failed.accumulateAndGet(i, Math::min);
                }
            }
        };
        Thread[] threads = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            threads[w] = new Thread(null, work, "wasmjar-compile-" + w, STACK_BYTES);
            threads[w].setDaemon(true);
            threads[w].start();
        }
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        int first = failed.get();
        if (first == Integer.MAX_VALUE) return;
        Throwable t = failure[first];
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }

    /** Counts finished units for a {@link org.wasmjar.compiler.CompileListener}: each new total once, in order. */
    static final class Counter {
        private final IntConsumer report;
        private int done;

        Counter(IntConsumer report) { this.report = report; }

        synchronized void add(int units) {
            if (units == 0) return;
            done += units;
            report.accept(done);
        }
    }
}
