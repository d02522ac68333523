package org.wasmjar.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wasmjar.compiler.codegen.CodegenFixture.*;
import static org.wasmjar.runtime.types.ValType.I32;

import java.lang.invoke.MethodHandle;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Terminator;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.types.FuncType;

/** Bounds of loop counters and masked values, and what stays unknown. */
class IntRangesTest {
    private static final FuncType I32_I32 = type(List.of(I32), List.of(I32));

    /** {@code i = start; do { i = i + step } while (i <u limit)}, returning i; values of interest in {@code out}. */
    private static Fn countingLoop(int start, int step, int limit, int opcode, int[] out) {
        Fn fn = new Fn(0, I32_I32);
        Block entry = fn.block(), loop = fn.block(), exit = fn.block();
        int x = fn.param(entry, I32);
        entry.terminator = new Terminator.Jump(Fn.edge(loop, fn.i32(entry, start)));
        loop.loopHeader = true;
        loop.loopDepth = 1;
        int i = fn.param(loop, I32);
        int next = fn.op(loop, Opcodes.I32_ADD, I32, i, fn.i32(loop, step));
        int cond = fn.op(loop, opcode, I32, next, fn.i32(loop, limit));
        loop.terminator = new Terminator.Branch(cond, Fn.edge(loop, next), Fn.edge(exit, next));
        int r = fn.param(exit, I32);
        exit.terminator = new Terminator.Return(new int[] {fn.op(exit, Opcodes.I32_ADD, I32, r, x)});
        out[0] = i;
        out[1] = next;
        out[2] = x;
        out[3] = cond;
        return fn;
    }

    @Test
    void unsignedLoopExitBoundsTheCounter() throws Throwable {
        int[] v = new int[4];
        Fn fn = countingLoop(-8, 8, 4088, Opcodes.I32_LT_U, v);
        IntRanges r = IntRanges.of(fn.f);
        assertFalse(r.nonNegative(v[0]), "the counter starts at -8");
        assertTrue(r.nonNegative(v[1]), "counter + 8 stays in [0, 4095]");
        assertFalse(r.nonNegative(v[2]), "a parameter is unknown");
        assertTrue(r.nonNegative(v[3]), "a comparison is 0 or 1");
        // The loop compiled with a signed compare still runs exactly as the unsigned one.
        ValidatedModule m = module(List.of(I32_I32), List.of(), List.of(0), false, List.of());
        CompiledModule cm = ModuleGenerator.generate(m, List.of(fn.f));
        verify(cm);
        MethodHandle h = load(cm, 1)[0];
        assertEquals(4088 + 5, (int) h.invokeExact(5, instance(m)));
    }

    @Test
    void aCounterThatCanWrapStaysUnknown() {
        int[] v = new int[4];
        Fn fn = countingLoop(0, 1, 0, Opcodes.I32_NE, v);
        IntRanges r = IntRanges.of(fn.f);
        assertFalse(r.nonNegative(v[1]), "i + 1 can wrap past 2^31");
    }

    @Test
    void masksAndShiftsAreNonNegative() {
        Fn fn = new Fn(0, I32_I32);
        Block b = fn.block();
        int x = fn.param(b, I32);
        int masked = fn.op(b, Opcodes.I32_AND, I32, x, fn.i32(b, 0xFFFF));
        int shifted = fn.op(b, Opcodes.I32_SHR_U, I32, x, fn.i32(b, 1));
        int negMask = fn.op(b, Opcodes.I32_AND, I32, x, fn.i32(b, -16));
        int sum = fn.op(b, Opcodes.I32_ADD, I32, masked, masked);
        b.terminator = new Terminator.Return(new int[] {sum});
        IntRanges r = IntRanges.of(fn.f);
        assertTrue(r.nonNegative(masked));
        assertTrue(r.nonNegative(shifted));
        assertFalse(r.nonNegative(negMask));
        assertTrue(r.nonNegative(sum), "0xFFFF + 0xFFFF cannot overflow");
        assertFalse(r.nonNegative(x));
    }
}
