package org.wasmjar.runtime.api;

import java.util.concurrent.Callable;

/**
 * Runs guest calls on a thread with a big stack, so deep guest recursion works and runaway recursion ends as a
 * "call stack exhausted" trap rather than taking the caller's (often small) stack with it. The stack is reserved
 * address space; the OS commits it only as it is used.
 */
public final class GuestThread {
    /**
     * Deeper than native engines allow (hundreds of thousands of small frames), yet a runaway guest reaches the end in
     * about half a second; 256 MiB took seconds.
     */
    public static final long DEFAULT_STACK_BYTES = 64L << 20;

    private GuestThread() {}

    public static <T> T run(Callable<T> body) {
        return run(body, DEFAULT_STACK_BYTES);
    }

    /** Runs {@code body} on a new thread with {@code stackBytes} of stack and waits for it; its failure is rethrown here. */
    public static <T> T run(Callable<T> body, long stackBytes) {
        Outcome<T> outcome = new Outcome<>();
        Thread thread = new Thread(null, () -> {
            try {
                outcome.value = body.call();
            } catch (Throwable t) {
                outcome.failure = t;
            }
        }, "wasmjar-guest", stackBytes);
        thread.start();
        joinUninterruptibly(thread);
        Throwable failure = outcome.failure;
        if (failure == null) return outcome.value;
        if (failure instanceof RuntimeException r) throw r;
        if (failure instanceof Error e) throw e;
        throw new WasmjarException("guest call failed: " + failure, failure);
    }

    /** The guest cannot be stopped half-way, so wait for it and keep the caller's interrupt for later. */
    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Written by the guest thread, read after join (which orders the accesses). */
    private static final class Outcome<T> {
        T value;
        Throwable failure;
    }
}
