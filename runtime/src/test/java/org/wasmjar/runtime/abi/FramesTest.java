package org.wasmjar.runtime.abi;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;
import org.wasmjar.runtime.instance.Instance;

class FramesTest {
    private final Instance inst = TestInstances.empty();

    @Test void aFrameGivenBackIsTheNextCallsFrame() {
        long[] first = Frames.takeLongs(inst, 7, 3);
        assertEquals(3, first.length);
        Frames.giveBackLongs(inst, 7, first);
        assertSame(first, Frames.takeLongs(inst, 7, 3));
        assertNotSame(first, Frames.takeLongs(inst, 7, 3), "a nested call gets a frame of its own");
        assertNotSame(first, Frames.takeLongs(inst, 2, 3), "each function has its own");
    }

    @Test void functionIndicesBeyondTheCacheGrowIt() {
        Frames.giveBackLongs(inst, 1, new long[1]);
        long[] far = new long[2];
        Frames.giveBackLongs(inst, 1000, far);
        assertSame(far, Frames.takeLongs(inst, 1000, 2));
        assertEquals(1, Frames.takeLongs(inst, 1, 1).length);
    }

    @Test void theBudgetIsTheCallStackLimit() {
        Frames.enter(inst, 100);
        assertEquals(100, inst.frameBytes);
        Frames.exit(inst, 100);
        assertEquals(0, inst.frameBytes);
        inst.frameBytes = Frames.BUDGET - 10;
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, assertThrows(Trap.class, () -> Frames.enter(inst, 11)).kind());
    }
}
