package org.wasmjar.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wasmjar.compiler.codegen.CodegenFixture.*;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/**
 * Every comparison fused with the branch that reads it (both branch polarities) against the same comparison
 * materialised as 0/1 and returned: equal for signed and unsigned extremes, zeros of both signs and NaNs.
 */
class ComparisonsTest {
    private static final int[] I32 = {0, 1, -1, 7, Integer.MIN_VALUE, Integer.MAX_VALUE};
    private static final long[] I64 = {0, 1, -1, 7, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32};
    private static final float[] F32 = {0f, -0f, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    private static final double[] F64 = {0d, -0d, 1d, -1d, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    @Test
    void fusedBranchesAgreeWithMaterialisedComparisons() throws Throwable {
        int[][] groups = {
            {Opcodes.I32_EQ, Opcodes.I32_NE, Opcodes.I32_LT_S, Opcodes.I32_GT_S, Opcodes.I32_LE_S, Opcodes.I32_GE_S,
                Opcodes.I32_LT_U, Opcodes.I32_GT_U, Opcodes.I32_LE_U, Opcodes.I32_GE_U},
            {Opcodes.I64_EQ, Opcodes.I64_NE, Opcodes.I64_LT_S, Opcodes.I64_GT_S, Opcodes.I64_LE_S, Opcodes.I64_GE_S,
                Opcodes.I64_LT_U, Opcodes.I64_GT_U, Opcodes.I64_LE_U, Opcodes.I64_GE_U},
            {Opcodes.F32_EQ, Opcodes.F32_NE, Opcodes.F32_LT, Opcodes.F32_GT, Opcodes.F32_LE, Opcodes.F32_GE},
            {Opcodes.F64_EQ, Opcodes.F64_NE, Opcodes.F64_LT, Opcodes.F64_GT, Opcodes.F64_LE, Opcodes.F64_GE},
        };
        ValType[] types = {ValType.I32, ValType.I64, ValType.F32, ValType.F64};
        int checked = 0;
        for (int g = 0; g < groups.length; g++) {
            for (int op : groups[g]) checked += check(op, types[g], 2);
        }
        checked += check(Opcodes.I32_EQZ, ValType.I32, 1) + check(Opcodes.I64_EQZ, ValType.I64, 1);
        int pairs = 10 * I32.length * I32.length + 10 * I64.length * I64.length + 6 * F32.length * F32.length
                + 6 * F64.length * F64.length + I32.length + I64.length;
        assertEquals(3 * pairs, checked);
    }

    /** Function 0 returns the comparison's 0/1; functions 1 to 3 branch or select on it (see {@link #function}). */
    private static int check(int opcode, ValType t, int arity) throws Throwable {
        FuncType type = type(arity == 2 ? List.of(t, t) : List.of(t), List.of(ValType.I32));
        List<IrFunction> fns = new ArrayList<>();
        for (int shape = -1; shape < 3; shape++) fns.add(function(shape + 1, shape, type, opcode, t, arity));
        ValidatedModule m = module(List.of(type), List.of(), List.of(0, 0, 0, 0), false, List.of());
        CompiledModule cm = ModuleGenerator.generate(m, fns);
        verify(cm);
        MethodHandle[] h = load(cm, 4);
        List<Object> values = values(t);
        int n = 0;
        for (Object a : values) {
            for (Object b : arity == 2 ? values : List.of((Object) 0)) {
                Object[] args = arity == 2 ? new Object[] {a, b, instance(m)} : new Object[] {a, instance(m)};
                int expected = (int) h[0].invokeWithArguments(args);
                assertEquals(expected, (int) h[1].invokeWithArguments(args), Opcodes.name(opcode) + " " + a + " " + b);
                assertEquals(expected, (int) h[2].invokeWithArguments(args), Opcodes.name(opcode) + " " + a + " " + b);
                assertEquals(expected, (int) h[3].invokeWithArguments(args), Opcodes.name(opcode) + " " + a + " " + b);
                n += 3;
            }
        }
        return n;
    }

    /**
     * shape -1: return cmp(a, b). shape 0: if cmp(a, b) then 1 else 0, both edges plain jumps (the branch jumps
     * when the comparison holds). shape 1: the true edge passes an argument, so the branch jumps to the false
     * target when the comparison fails. shape 2: select(1, 0, cmp(a, b)), the
     * comparison fused with the select's jump.
     */
    private static IrFunction function(int index, int shape, FuncType type, int opcode, ValType t, int arity) {
        Fn fn = new Fn(index, type);
        Block entry = fn.block();
        int a = fn.param(entry, t);
        int[] args = arity == 2 ? new int[] {a, fn.param(entry, t)} : new int[] {a};
        int c = fn.op(entry, opcode, ValType.I32, args);
        if (shape < 0) {
            entry.terminator = new Terminator.Return(new int[] {c});
            return fn.f;
        }
        if (shape == 2) {
            int sel = fn.op(entry, Opcodes.SELECT, ValType.I32, fn.i32(entry, 1), fn.i32(entry, 0), c);
            entry.terminator = new Terminator.Return(new int[] {sel});
            return fn.f;
        }
        Block yes = fn.block(), no = fn.block();
        no.terminator = new Terminator.Return(new int[] {fn.i32(no, 0)});
        if (shape == 0) {
            yes.terminator = new Terminator.Return(new int[] {fn.i32(yes, 1)});
            entry.terminator = new Terminator.Branch(c, Fn.edge(yes), Fn.edge(no));
        } else {
            yes.terminator = new Terminator.Return(new int[] {fn.param(yes, ValType.I32)});
            entry.terminator = new Terminator.Branch(c, Fn.edge(yes, fn.i32(entry, 1)), Fn.edge(no));
        }
        return fn.f;
    }

    private static List<Object> values(ValType t) {
        List<Object> out = new ArrayList<>();
        switch (t) {
            case I32 -> { for (int v : I32) out.add(v); }
            case I64 -> { for (long v : I64) out.add(v); }
            case F32 -> { for (float v : F32) out.add(v); }
            default -> { for (double v : F64) out.add(v); }
        }
        return out;
    }
}
