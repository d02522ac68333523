package org.wasmjar.runtime.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.testing.MathModule;

class GuestThreadTest {
    private final Instance math = new Linker().instantiate(MathModule.compiled());

    @Test
    void deepRecursionFitsTheDefaultStack() {
        assertArrayEquals(new Object[] {200_000}, GuestThread.run(() -> Invoker.invoke(math, "recurse", 200_000)));
    }

    @Test
    void runawayRecursionOnASmallStackTraps() {
        Trap trap = assertThrows(Trap.class, () -> GuestThread.run(() -> Invoker.invoke(math, "runaway", 0), 1 << 20));
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, trap.kind());
        // The instance stays usable afterwards.
        assertArrayEquals(new Object[] {3}, GuestThread.run(() -> Invoker.invoke(math, "add", 1, 2), 1 << 20));
    }

    @Test
    void rethrowsFailures() {
        IllegalStateException e = new IllegalStateException("boom");
        assertSame(e, assertThrows(IllegalStateException.class, () -> GuestThread.run(() -> { throw e; })));
        WasmjarException wrapped = assertThrows(WasmjarException.class, () -> GuestThread.run(() -> { throw new IOException("io"); }));
        assertEquals(IOException.class, wrapped.getCause().getClass());
    }
}
