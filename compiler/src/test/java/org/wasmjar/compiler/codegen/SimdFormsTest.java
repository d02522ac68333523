package org.wasmjar.compiler.codegen;

import static org.junit.jupiter.api.Assertions.*;
import static org.wasmjar.compiler.wasm.model.Opcodes.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/**
 * {@link VectorForms} on the loop body of examples/simd's box blur: nine widening loads summed, widened to i32x4,
 * scaled, narrowed twice and stored. Its i16x8 values take the even/odd layout and their lane bounds make the adds
 * carry-free and the narrowings saturation-free; a use that needs lanes in order keeps a whole cluster in order.
 */
class SimdFormsTest {
    /** The blur body as IR, and the values the tests look at. */
    private static final class Blur {
        final IrFunction fn = new IrFunction(0, "blur", new FuncType(List.of(ValType.I32), List.of()));
        final Block entry = fn.newBlock();
        final int address = fn.newValue(ValType.I32);
        final int[] loads = new int[9];
        final int sum, low, scaled, shifted, words, bytes;

        /** {@code escape} adds a use of the sum that needs its lanes in order (a 16-byte store). */
        Blur(boolean escape) {
            fn.place(entry);
            entry.params.add(address);
            for (int i = 0; i < 9; i++) loads[i] = inst(V128_LOAD8X8_U, ValType.V128, null, address);
            int s = loads[0];
            for (int i = 1; i < 9; i++) s = inst(I16X8_ADD, ValType.V128, null, s, loads[i]);
            sum = s;
            int ninth = constant(7282, 7282, 7282, 7282);
            low = inst(I32X4_EXTEND_LOW_I16X8_U, ValType.V128, null, sum);
            int high = inst(I32X4_EXTEND_HIGH_I16X8_U, ValType.V128, null, sum);
            int sixteen = fn.newValue(ValType.I32);
            entry.insts.add(new Inst(I32_CONST, new int[0], new int[] {sixteen}, 0, 0, 16, null, 0));
            scaled = inst(I32X4_MUL, ValType.V128, null, low, ninth);
            shifted = inst(I32X4_SHR_U, ValType.V128, null, scaled, sixteen);
            int shiftedHigh = inst(I32X4_SHR_U, ValType.V128, null, inst(I32X4_MUL, ValType.V128, null, high, ninth), sixteen);
            words = inst(I16X8_NARROW_I32X4_U, ValType.V128, null, shifted, shiftedHigh);
            bytes = inst(I8X16_NARROW_I16X8_U, ValType.V128, null, words, constant(0, 0, 0, 0));
            inst(V128_STORE64_LANE, null, 0, address, bytes);
            if (escape) inst(V128_STORE, null, null, address, sum);
            entry.terminator = new Terminator.Return(new int[0]);
        }

        private int inst(int opcode, ValType result, Object extra, int... args) {
            int r = result == null ? -1 : fn.newValue(result);
            entry.insts.add(new Inst(opcode, args, r < 0 ? new int[0] : new int[] {r}, 0, 0, 0, extra, 0));
            return r;
        }

        private int constant(int... lanes) {
            byte[] b = new byte[16];
            for (int i = 0; i < 16; i++) b[i] = (byte) (lanes[i / 4] >>> 8 * (i % 4));
            return inst(V128_CONST, ValType.V128, b);
        }
    }

    @Test
    void blurSumsAreEvenOddAndCarryFree() {
        Blur b = new Blur(false);
        VectorForms f = VectorForms.of(b.fn);
        for (int l : b.loads) assertTrue(f.evenOdd(l), "widening load");
        assertTrue(f.evenOdd(b.sum), "sum of loads");
        assertTrue(f.evenOdd(b.words), "narrowed to i16x8 for a narrowing to bytes");
        assertFalse(f.evenOdd(b.bytes), "bytes go to memory in order");
        assertTrue(f.quarters(b.low) && !f.evenOdd(b.low), "i32x4 lanes are quarters");

        assertEquals(0xFF, f.max16(b.loads[0]));
        assertEquals(9 * 0xFF, f.max16(b.sum));
        assertEquals(9 * 0xFF, f.max32(b.low));
        assertEquals(9 * 0xFF * 7282L, f.max32(b.scaled));
        assertEquals(9 * 0xFF * 7282L >>> 16, f.max32(b.shifted));
        assertTrue(f.max32(b.shifted) <= 0xFFFF, "narrowing to i16x8 needs no saturation");
        assertTrue(f.max16(b.words) <= 0xFF, "narrowing to bytes needs no saturation");
    }

    @Test
    void aUseThatNeedsOrderKeepsTheClusterInOrder() {
        Blur b = new Blur(true);
        VectorForms f = VectorForms.of(b.fn);
        assertFalse(f.evenOdd(b.sum));
        // the adds before it would have to produce even/odd from an in-order operand: all stay in order
        for (int l : b.loads) assertFalse(f.evenOdd(l));
        assertTrue(f.evenOdd(b.words), "the narrowed words are apart from the sums");
        assertEquals(9 * 0xFF, f.max16(b.sum), "bounds do not depend on layout");
    }

    @Test
    void blockParametersAndOverflowsAreUnknown() {
        IrFunction fn = new IrFunction(0, "f", new FuncType(List.of(ValType.I32), List.of(ValType.V128)));
        Block entry = fn.newBlock(), next = fn.newBlock();
        fn.place(entry);
        fn.place(next);
        int address = fn.newValue(ValType.I32);
        entry.params.add(address);
        int wide = fn.newValue(ValType.V128), param = fn.newValue(ValType.V128), doubled = fn.newValue(ValType.V128);
        entry.insts.add(new Inst(V128_LOAD8X8_U, new int[] {address}, new int[] {wide}, 0, 0, 0, null, 0));
        entry.terminator = new Terminator.Jump(new Terminator.Edge(next.id, new int[] {wide}));
        next.params.add(param);
        next.insts.add(new Inst(I16X8_ADD, new int[] {param, param}, new int[] {doubled}, 0, 0, 0, null, 0));
        next.terminator = new Terminator.Return(new int[] {doubled});
        VectorForms f = VectorForms.of(fn);
        assertFalse(f.evenOdd(wide), "reaches a block parameter");
        assertEquals(0xFF, f.max16(wide));
        assertEquals(VectorForms.ANY16, f.max16(param));
        assertEquals(VectorForms.ANY16, f.max16(doubled), "may carry");
        assertEquals(VectorForms.ANY32, f.max32(doubled));
    }
}
