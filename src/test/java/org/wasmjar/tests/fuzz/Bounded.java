package org.wasmjar.tests.fuzz;

import java.util.concurrent.Callable;

/**
 * Runs fuzzed work on its own daemon thread with a time limit, because a mutant or a miscompiled module may loop
 * forever and generated code cannot be interrupted. The work reports its phase through {@link #phase}; each phase
 * gets its own budget, so a slow compile and a looping guest are told apart.
 */
final class Bounded {
    /** What became of the work: its value, its failure, or the phase in which it ran out of time (else null). */
    record Result<T>(T value, Throwable failure, String timedOutIn) {}

    private volatile String phase = "start";
    private volatile long phaseStart = System.nanoTime();
    private volatile long phaseBudgetNanos;

    private Bounded(long budgetMillis) { this.phaseBudgetNanos = budgetMillis * 1_000_000L; }

    /** Enters a new phase with a fresh budget; called from the worker thread. */
    void phase(String name, long budgetMillis) {
        phaseBudgetNanos = budgetMillis * 1_000_000L;
        phaseStart = System.nanoTime();
        phase = name;
    }

    interface Work<T> {
        T run(Bounded bounds) throws Exception;
    }

    /**
     * Runs {@code work} on a thread with {@code stackBytes} of stack; its first phase has {@code budgetMillis}.
     * A thread that overruns its phase is stopped where the JVM still allows it (Java 17) and abandoned otherwise.
     */
    static <T> Result<T> run(Work<T> work, long stackBytes, long budgetMillis) {
        Bounded bounds = new Bounded(budgetMillis);
        Object[] value = new Object[1];
        Throwable[] failure = new Throwable[1];
        Callable<T> body = () -> work.run(bounds);
        Thread thread = new Thread(null, () -> {
            try {
                value[0] = body.call();
            } catch (ThreadDeath stopped) {
                // stopped after a timeout: the caller already reports that
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "wasmjar-fuzz", stackBytes);
        thread.setDaemon(true); // an abandoned runaway guest must not keep the JVM alive
        thread.start();
        while (true) {
            try {
                thread.join(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result<>(null, null, bounds.phase + " (interrupted)");
            }
            if (!thread.isAlive()) break;
            if (System.nanoTime() - bounds.phaseStart > bounds.phaseBudgetNanos) {
                String overrun = bounds.phase;
                stop(thread);
                return new Result<>(null, null, overrun);
            }
        }
        @SuppressWarnings("unchecked") T v = (T) value[0];
        return new Result<>(v, failure[0], null);
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread thread) {
        try {
            thread.stop();
            thread.join(2000);
        } catch (UnsupportedOperationException e) {
            // Java 20 and later cannot stop threads: the daemon thread is left to spin until the JVM exits.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
