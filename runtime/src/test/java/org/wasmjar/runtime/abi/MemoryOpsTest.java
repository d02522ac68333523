package org.wasmjar.runtime.abi;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.Memory;

class MemoryOpsTest {
    private final Instance inst = TestInstances.empty();

    MemoryOpsTest() {
        inst.memory = new Memory(1, -1);
        inst.data = new byte[][] {{1, 2, 3, 4, 5}};
    }

    private byte[] mem() { return inst.memory.bytes; }

    private static void oob(org.junit.jupiter.api.function.Executable e) {
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, assertThrows(Trap.class, e).kind());
    }

    @Test void initCopiesAndChecksBothRangesFirst() {
        MemoryOps.init(10, 1, 3, 0, inst);
        assertArrayEquals(new byte[] {0, 2, 3, 4, 0}, java.util.Arrays.copyOfRange(mem(), 9, 14));
        oob(() -> MemoryOps.init(65534, 0, 3, 0, inst));
        assertEquals(0, mem()[65534]); // nothing written before the trap
        oob(() -> MemoryOps.init(0, 3, 3, 0, inst));
        oob(() -> MemoryOps.init(0, -1, 1, 0, inst));
        oob(() -> MemoryOps.init(65537, 0, 0, 0, inst));
        MemoryOps.init(65536, 5, 0, 0, inst); // empty ranges at the very end are fine
    }

    @Test void dataDropEmptiesTheSegment() {
        MemoryOps.dataDrop(0, inst);
        MemoryOps.init(0, 0, 0, 0, inst);
        oob(() -> MemoryOps.init(0, 0, 1, 0, inst));
    }

    @Test void copyHandlesOverlapBothWays() {
        for (int i = 0; i < 8; i++) mem()[i] = (byte) i;
        MemoryOps.copy(2, 0, 5, inst);
        assertArrayEquals(new byte[] {0, 1, 0, 1, 2, 3, 4, 7}, java.util.Arrays.copyOf(mem(), 8));
        MemoryOps.copy(0, 3, 5, inst);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 7, 3, 4, 7}, java.util.Arrays.copyOf(mem(), 8));
        oob(() -> MemoryOps.copy(65535, 0, 2, inst));
        oob(() -> MemoryOps.copy(0, 65535, 2, inst));
        oob(() -> MemoryOps.copy(0, 0, -1, inst));
        MemoryOps.copy(65536, 65536, 0, inst);
    }

    @Test void fillUsesTheLowByteAndChecksFirst() {
        MemoryOps.fill(100, 0x1FF, 3, inst);
        assertArrayEquals(new byte[] {0, -1, -1, -1, 0}, java.util.Arrays.copyOfRange(mem(), 99, 104));
        oob(() -> MemoryOps.fill(65530, 1, 7, inst));
        assertEquals(0, mem()[65530]);
        oob(() -> MemoryOps.fill(-1, 1, 0, inst));
        MemoryOps.fill(65536, 1, 0, inst);
    }
}
