package org.wasmjar.runtime.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BacktracesTest {
    @Test
    void parsesFunctionMethodNames() {
        assertEquals(0, Backtraces.functionIndex("f0"));
        assertEquals(12, Backtraces.functionIndex("f12"));
        assertEquals(12, Backtraces.functionIndex("f12$3"));
        assertEquals(12, Backtraces.functionIndex("f12$loop_4"));
        assertEquals(-1, Backtraces.functionIndex("f"));
        assertEquals(-1, Backtraces.functionIndex("f$1"));
        assertEquals(-1, Backtraces.functionIndex("foo"));
        assertEquals(-1, Backtraces.functionIndex("registerFunctions"));
        assertEquals(-1, Backtraces.functionIndex("f99999999999"));
    }

    @Test
    void ignoresFramesOutsideModuleLoaders() {
        // This test class is no module code, even though a method could be called f1.
        assertEquals(List.of(), Backtraces.of(new RuntimeException()));
    }
}
