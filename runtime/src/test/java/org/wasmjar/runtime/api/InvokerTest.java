package org.wasmjar.runtime.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.testing.MathModule;

class InvokerTest {
    private final Instance math = new Linker().instantiate(MathModule.compiled());

    @Test
    void invokesByExportNameWithBoxedValues() {
        assertArrayEquals(new Object[] {5}, Invoker.invoke(math, "add", 2, 3));
        assertArrayEquals(new Object[] {1, 2L, 3.5f, 4.25}, Invoker.invoke(math, "multi"));
        assertArrayEquals(new Object[0], Invoker.invoke(math, "nothing"));
    }

    @Test
    void passesReferences() {
        Object host = new Object();
        assertSame(host, Invoker.invoke(math, "id", host)[0]);
        assertArrayEquals(new Object[] {null}, Invoker.invoke(math, "id", (Object) null));
        assertArrayEquals(new Object[] {1}, Invoker.invoke(math, "is_null", (Object) null));
        assertArrayEquals(new Object[] {0}, Invoker.invoke(math, "is_null", math.export("add")));
    }

    @Test
    void rejectsBadCalls() {
        assertEquals("no export named \"nope\"", assertThrows(WasmjarException.class, () -> Invoker.invoke(math, "nope")).getMessage());
        assertEquals("export \"memory\" is a Memory, not a function",
                assertThrows(WasmjarException.class, () -> Invoker.invoke(math, "memory")).getMessage());
        assertEquals("add takes 2 arguments (i32 i32) -> (i32), got 1",
                assertThrows(WasmjarException.class, () -> Invoker.invoke(math, "add", 1)).getMessage());
        assertEquals("argument 1 of add must be i32, got Long 3",
                assertThrows(WasmjarException.class, () -> Invoker.invoke(math, "add", 1, 3L)).getMessage());
        assertEquals("argument 0 of is_null must be funcref, got String x",
                assertThrows(WasmjarException.class, () -> Invoker.invoke(math, "is_null", "x")).getMessage());
    }

    @Test
    void mapsArithmeticExceptionToDivideByZeroTrap() {
        Trap trap = assertThrows(Trap.class, () -> Invoker.invoke(math, "div", 1, 0));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap.kind());
        assertEquals("integer divide by zero", trap.getMessage());
        assertEquals(List.of("div"), trap.wasmBacktrace());
        assertTrue(trap.getCause() instanceof ArithmeticException);
    }

    @Test
    void mapsArrayIndexFailureToMemoryTrap() {
        Trap trap = assertThrows(Trap.class, () -> Invoker.invoke(math, "load8", 65536));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap.kind());
        assertEquals("out of bounds memory access", trap.getMessage());
        assertEquals(List.of("load8"), trap.wasmBacktrace());
        assertArrayEquals(new Object[] {0}, Invoker.invoke(math, "load8", 65535));
    }

    @Test
    void splitPartsCollapseIntoOneFrame() {
        assertEquals(List.of("split"), assertThrows(Trap.class, () -> Invoker.invoke(math, "split", 0)).wasmBacktrace());
        assertEquals(List.of("split", "caller"), assertThrows(Trap.class, () -> Invoker.invoke(math, "caller", 0)).wasmBacktrace());
        assertArrayEquals(new Object[] {5}, Invoker.invoke(math, "caller", 5));
    }

    @Test
    void guestTrapKeepsItsKindAndGetsBacktrace() {
        Trap trap = assertThrows(Trap.class, () -> Invoker.invoke(math, "trap"));
        assertEquals(TrapKind.UNREACHABLE, trap.kind());
        assertEquals(List.of("trap"), trap.wasmBacktrace());
    }

    @Test
    void runawayRecursionIsCallStackExhausted() {
        Trap trap = assertThrows(Trap.class, () -> Invoker.invoke(math, "runaway", 0));
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, trap.kind());
        assertEquals("call stack exhausted", trap.getMessage());
        // Unnamed in the name section; the JVM keeps the innermost 1024 frames of a stack trace.
        assertTrue(trap.wasmBacktrace().size() > 100, "frames: " + trap.wasmBacktrace().size());
        assertTrue(trap.wasmBacktrace().stream().allMatch("func[3]"::equals));
    }

    @Test
    void callsTableEntriesWithChecks() {
        assertArrayEquals(new Object[] {5}, Invoker.callTableEntry(math, 0, 0, 2, 3));
        Trap uninitialized = assertThrows(Trap.class, () -> Invoker.callTableEntry(math, 0, 1));
        assertEquals(TrapKind.UNINITIALIZED_ELEMENT, uninitialized.kind());
        assertEquals("uninitialized element: index 1", uninitialized.getMessage());
        Trap undefined = assertThrows(Trap.class, () -> Invoker.callTableEntry(math, 0, 3));
        assertEquals(TrapKind.UNDEFINED_ELEMENT, undefined.kind());
        assertEquals("undefined element: index 3, table size 3", undefined.getMessage());
        assertEquals(TrapKind.UNDEFINED_ELEMENT, assertThrows(Trap.class, () -> Invoker.callTableEntry(math, 0, -1)).kind());
        assertThrows(WasmjarException.class, () -> Invoker.callTableEntry(math, 1, 0));
    }

    @Test
    void callsAFunctionReference() {
        WasmFunction add = (WasmFunction) math.export("add");
        assertArrayEquals(new Object[] {9}, Invoker.call(add, 4, 5));
        assertEquals("add", add.name);
    }

    @Test
    void guestFailureLeavesOtherExceptionsAlone() {
        IllegalStateException e = new IllegalStateException("x");
        assertSame(e, Invoker.guestFailure(e));
        LinkException link = new LinkException("y");
        assertSame(link, Invoker.guestFailure(link));
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED,
                ((Trap) Invoker.guestFailure(new ExceptionInInitializerError(new StackOverflowError()))).kind());
    }
}
