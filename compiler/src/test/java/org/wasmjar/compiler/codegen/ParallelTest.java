package org.wasmjar.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void everyIndexRunsOnce() {
        AtomicIntegerArray runs = new AtomicIntegerArray(1000);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Parallel.forEach(1000, 2, i -> {
            runs.incrementAndGet(i);
            threads.add(Thread.currentThread());
        });
        for (int i = 0; i < 1000; i++) assertEquals(1, runs.get(i), "index " + i);
        assertTrue(!threads.contains(Thread.currentThread()) || Runtime.getRuntime().availableProcessors() == 1);
    }

    @Test
    void fewTasksRunOnTheCallersThread() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Parallel.forEach(3, 4, i -> threads.add(Thread.currentThread()));
        assertEquals(Set.of(Thread.currentThread()), threads);
    }

    @Test
    void theLowestFailingIndexIsThrownAsItIs() {
        RuntimeException third = new IllegalStateException("3"), seventh = new IllegalArgumentException("7");
        for (int round = 0; round < 20; round++) {
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> Parallel.forEach(200, 2, i -> {
                if (i == 7) throw seventh;
                if (i == 3) {
                    Thread.onSpinWait();
                    throw third;
                }
            }));
            assertSame(third, thrown);
        }
        Error error = new AssertionError("an error");
        assertSame(error, assertThrows(AssertionError.class, () -> Parallel.forEach(50, 2, i -> {
            if (i == 40) throw error;
        })));
    }
}
