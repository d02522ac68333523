package org.wasmjar.compiler.ir.opt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wasmjar.compiler.wasm.model.Opcodes.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.IrPrinter;
import org.wasmjar.compiler.ir.Terminator;
import org.wasmjar.compiler.ir.Verifier;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/** Loop exit tests rewritten to ordered comparisons: the exact IR for clang's shapes, and unchanged behaviour. */
class LoopExitsTest {
    /** How the loop tests its counter: {@code x != L}, {@code L != x}, {@code x == L}, ..., or a branch on x. */
    private enum Form { NE, NE_LIMIT_FIRST, EQ, EQ_LIMIT_FIRST, EQZ, BRANCH_ON_VALUE }

    /**
     * {@code b0: jump b1(start); b1(k): n = k + step; exit test on n (onStep) or k; b2: return k n}. EQZ and
     * BRANCH_ON_VALUE compare with 0 and ignore {@code limit}.
     */
    private static IrFunction loop(int start, int step, int limit, Form form, boolean onStep) {
        IrFunction f = new IrFunction(0, "count", new FuncType(List.of(), List.of(ValType.I32, ValType.I32)));
        Block b0 = block(f), b1 = block(f), b2 = block(f);
        b1.loopHeader = true;
        b1.loopDepth = 1;
        b0.terminator = jump(b1, konst(f, b0, start));
        int k = f.newValue(ValType.I32);
        b1.params.add(k);
        int n = op(f, b1, I32_ADD, k, konst(f, b1, step));
        int x = onStep ? n : k;
        Terminator.Edge back = new Terminator.Edge(b1.id, new int[] {n}), out = new Terminator.Edge(b2.id, new int[0]);
        b1.terminator = switch (form) {
            case NE -> new Terminator.Branch(op(f, b1, I32_NE, x, konst(f, b1, limit)), back, out);
            case NE_LIMIT_FIRST -> new Terminator.Branch(op(f, b1, I32_NE, konst(f, b1, limit), x), back, out);
            case EQ -> new Terminator.Branch(op(f, b1, I32_EQ, x, konst(f, b1, limit)), out, back);
            case EQ_LIMIT_FIRST -> new Terminator.Branch(op(f, b1, I32_EQ, konst(f, b1, limit), x), out, back);
            case EQZ -> new Terminator.Branch(op(f, b1, I32_EQZ, x), out, back);
            case BRANCH_ON_VALUE -> new Terminator.Branch(x, back, out);
        };
        b2.terminator = new Terminator.Return(new int[] {k, n});
        Verifier.verify(f);
        return f;
    }

    private static Block block(IrFunction f) {
        Block b = f.newBlock();
        f.place(b);
        return b;
    }

    private static Terminator jump(Block to, int... args) { return new Terminator.Jump(new Terminator.Edge(to.id, args)); }

    private static int konst(IrFunction f, Block b, int c) {
        int v = f.newValue(ValType.I32);
        b.insts.add(new Inst(I32_CONST, new int[0], new int[] {v}, 0, 0, c, null, 0));
        return v;
    }

    private static int op(IrFunction f, Block b, int opcode, int... args) {
        int v = f.newValue(ValType.I32);
        b.insts.add(new Inst(opcode, args, new int[] {v}, 0, 0, 0, null, 0));
        return v;
    }

    private static int rewrite(IrFunction f) {
        int n = LoopExits.rewrite(f);
        Verifier.verify(f);
        return n;
    }

    /**
     * Runs a function without parameters for at most {@code budget} blocks: its results followed by the number of
     * blocks run; when the budget runs out, -1, the block reached and its parameters. Covers the operators these
     * tests build.
     */
    private static long[] run(IrFunction f, int budget) {
        long[] v = new long[f.valueCount()];
        Block b = f.entry();
        for (int steps = 1; steps <= budget; steps++) {
            for (Inst inst : b.insts) v[inst.results[0]] = eval(inst, v) & 0xFFFFFFFFL;
            Terminator.Edge e;
            if (b.terminator instanceof Terminator.Return r) {
                long[] out = new long[r.values().length + 1];
                for (int i = 0; i < r.values().length; i++) out[i] = v[r.values()[i]];
                out[out.length - 1] = steps;
                return out;
            } else if (b.terminator instanceof Terminator.Jump j) {
                e = j.edge();
            } else {
                Terminator.Branch br = (Terminator.Branch) b.terminator;
                e = v[br.cond()] != 0 ? br.ifTrue() : br.ifFalse();
            }
            b = f.block(e.target());
            long[] args = new long[e.args().length];
            for (int i = 0; i < args.length; i++) args[i] = v[e.args()[i]];
            for (int i = 0; i < args.length; i++) v[b.params.get(i)] = args[i];
        }
        long[] state = new long[b.params.size() + 2];
        state[0] = -1;
        state[1] = b.id;
        for (int i = 0; i < b.params.size(); i++) state[i + 2] = v[b.params.get(i)];
        return state;
    }

    private static long eval(Inst inst, long[] v) {
        int x = inst.args.length > 0 ? (int) v[inst.args[0]] : 0, y = inst.args.length > 1 ? (int) v[inst.args[1]] : 0;
        int u = Integer.compareUnsigned(x, y);
        return switch (inst.opcode) {
            case I32_CONST -> inst.c;
            case I32_ADD -> x + y;
            case I32_SUB -> x - y;
            case I32_EQZ -> x == 0 ? 1 : 0;
            case I32_EQ -> x == y ? 1 : 0;
            case I32_NE -> x != y ? 1 : 0;
            case I32_LT_S -> x < y ? 1 : 0;
            case I32_GT_S -> x > y ? 1 : 0;
            case I32_LE_S -> x <= y ? 1 : 0;
            case I32_GE_S -> x >= y ? 1 : 0;
            case I32_LT_U -> u < 0 ? 1 : 0;
            case I32_GT_U -> u > 0 ? 1 : 0;
            case I32_LE_U -> u <= 0 ? 1 : 0;
            case I32_GE_U -> u >= 0 ? 1 : 0;
            default -> throw new AssertionError("no evaluation for " + name(inst.opcode));
        };
    }

    /** The opcode of the instruction defining the condition of {@code b}'s branch. */
    private static int exitTest(IrFunction f, int block) {
        Block b = f.block(block);
        int cond = ((Terminator.Branch) b.terminator).cond();
        for (Inst inst : b.insts) if (inst.results[0] == cond) return inst.opcode;
        throw new AssertionError("no instruction defines the condition");
    }

    @Test
    void clangExitTestBecomesSignedLessThanInTheOptimiser() {
        IrFunction f = loop(0, 8, 8192, Form.NE, true);
        Optimizer.optimize(f);
        assertEquals("""
                function 0 "count" () -> (i32 i32)
                b0():
                  v0:i32 = i32.const 0
                  jump b1(v0)
                b1(v1:i32): ; loop header, depth 1
                  v2:i32 = i32.const 8
                  v3:i32 = i32.add v1 v2
                  v4:i32 = i32.const 8192
                  v5:i32 = i32.lt_s v3 v4
                  br_if v5 b1(v3) b2()
                b2():
                  return v1 v3
                """, IrPrinter.print(f));
    }

    @Test
    void branchOnTheCounterItselfComparesWithANewZero() {
        // spectral_norm's inner loops: the counter runs from -44000 up to 0 and the loop repeats while it is not 0.
        IrFunction f = loop(-44000, 8, 0, Form.BRANCH_ON_VALUE, true);
        assertEquals(1, rewrite(f));
        assertEquals("""
                function 0 "count" () -> (i32 i32)
                b0():
                  v0:i32 = i32.const -44000
                  jump b1(v0)
                b1(v1:i32): ; loop header, depth 1
                  v2:i32 = i32.const 8
                  v3:i32 = i32.add v1 v2
                  v4:i32 = i32.const 0
                  v5:i32 = i32.lt_s v3 v4
                  br_if v5 b1(v3) b2()
                b2():
                  return v1 v3
                """, IrPrinter.print(f));
        assertArrayEquals(new long[] {-8 & 0xFFFFFFFFL, 0, 5502}, run(f, 10_000));
    }

    @Test
    void eachFormGetsTheOrderedTestForItsDirection() {
        int[][] cases = {
            // form, step, onStep (1/0), expected opcode
            {Form.NE.ordinal(), 4, 1, I32_LT_S},
            {Form.NE.ordinal(), -4, 1, I32_GT_S},
            {Form.NE_LIMIT_FIRST.ordinal(), 4, 1, I32_GT_S},
            {Form.NE_LIMIT_FIRST.ordinal(), -4, 1, I32_LT_S},
            {Form.EQ.ordinal(), 4, 1, I32_GE_S},
            {Form.EQ.ordinal(), -4, 1, I32_LE_S},
            {Form.EQ_LIMIT_FIRST.ordinal(), 4, 1, I32_LE_S},
            {Form.EQ_LIMIT_FIRST.ordinal(), -4, 0, I32_GE_S},
            {Form.EQZ.ordinal(), -4, 1, I32_LE_S},
            {Form.BRANCH_ON_VALUE.ordinal(), -4, 0, I32_GT_S},
        };
        for (int[] c : cases) {
            Form form = Form.values()[c[0]];
            boolean zero = form == Form.EQZ || form == Form.BRANCH_ON_VALUE;
            int start = c[1] > 0 ? -400 : 400, limit = zero ? 0 : c[1] > 0 ? 400 : -400;
            IrFunction f = loop(start, c[1], limit, form, c[2] == 1);
            long[] before = run(f, 1000);
            assertEquals(1, rewrite(f), form + " step " + c[1]);
            assertEquals(name(c[3]), name(exitTest(f, 1)), form + " step " + c[1]);
            assertArrayEquals(before, run(f, 1000), form + " step " + c[1]);
        }
    }

    @Test
    void crossingTheSignedLimitNeedsAnUnsignedTest() {
        IrFunction up = loop(Integer.MAX_VALUE - 15, 8, Integer.MIN_VALUE + 16, Form.NE, true);
        assertEquals(1, rewrite(up));
        assertEquals(name(I32_LT_U), name(exitTest(up, 1)));
        IrFunction down = loop(Integer.MIN_VALUE + 4, -3, Integer.MAX_VALUE - 1, Form.NE, true);
        assertEquals(1, rewrite(down));
        assertEquals(name(I32_GT_U), name(exitTest(down, 1)));
    }

    @Test
    void unprovableExitsStayAsTheyAre() {
        // Not a multiple of the step; the first test already at the limit (it wraps around); reaching the limit
        // only by wrapping, signed and unsigned (the loops end, but an ordered test would end them early).
        assertEquals(0, rewrite(loop(0, 8, 8188, Form.NE, true)));
        assertEquals(0, rewrite(loop(64, 8, 64, Form.NE, true)));
        assertEquals(0, rewrite(loop(8, 8, 0, Form.BRANCH_ON_VALUE, true)));
        assertEquals(0, rewrite(loop(Integer.MAX_VALUE - 7, 8, 16, Form.NE, true)));
        // Down from 2^32 - 8 to 0 is fine unsigned.
        assertEquals(1, rewrite(loop(-8, -8, 0, Form.NE, true)));
        // No step: the test never changes.
        assertEquals(0, rewrite(loop(0, 0, 8, Form.NE, true)));
    }

    @Test
    void counterThatIsNotStartedByAConstantIsLeftAlone() {
        IrFunction f = new IrFunction(0, "from_param", new FuncType(List.of(ValType.I32), List.of(ValType.I32)));
        Block b0 = block(f), b1 = block(f), b2 = block(f);
        int p = f.newValue(ValType.I32);
        b0.params.add(p);
        b0.terminator = jump(b1, p);
        int k = f.newValue(ValType.I32);
        b1.params.add(k);
        int n = op(f, b1, I32_ADD, k, konst(f, b1, 8));
        b1.terminator = new Terminator.Branch(op(f, b1, I32_NE, n, konst(f, b1, 64)),
                new Terminator.Edge(b1.id, new int[] {n}), new Terminator.Edge(b2.id, new int[0]));
        b2.terminator = new Terminator.Return(new int[] {n});
        Verifier.verify(f);
        assertEquals(0, rewrite(f));
    }

    @Test
    void secondBackEdgeThatSkipsTheTestBlocksTheProof() {
        // b1(k): n = k + 8; br_if (n != 64) b1(n) b3; b3: br_if n b1(n) b2 -- the second edge to b1 is not guarded.
        IrFunction f = new IrFunction(0, "two_latches", new FuncType(List.of(), List.of(ValType.I32)));
        Block b0 = block(f), b1 = block(f), b3 = block(f), b2 = block(f);
        b0.terminator = jump(b1, konst(f, b0, 0));
        int k = f.newValue(ValType.I32);
        b1.params.add(k);
        int n = op(f, b1, I32_ADD, k, konst(f, b1, 8));
        b1.terminator = new Terminator.Branch(op(f, b1, I32_NE, n, konst(f, b1, 64)),
                new Terminator.Edge(b1.id, new int[] {n}), new Terminator.Edge(b3.id, new int[0]));
        b3.terminator = new Terminator.Branch(op(f, b3, I32_EQZ, konst(f, b3, 1)),
                new Terminator.Edge(b1.id, new int[] {n}), new Terminator.Edge(b2.id, new int[0]));
        b2.terminator = new Terminator.Return(new int[] {n});
        Verifier.verify(f);
        assertEquals(0, rewrite(f));
        // The same edge guarded by a second test of the same counter is fine: both tests become ordered.
        b3.terminator = new Terminator.Branch(op(f, b3, I32_NE, n, konst(f, b3, 64)),
                new Terminator.Edge(b1.id, new int[] {n}), new Terminator.Edge(b2.id, new int[0]));
        Verifier.verify(f);
        assertEquals(2, rewrite(f));
        assertEquals(name(I32_LT_S), name(exitTest(f, b3.id)));
    }

    @Test
    void subtractingAConstantCountsDown() {
        IrFunction f = new IrFunction(0, "down", new FuncType(List.of(), List.of(ValType.I32)));
        Block b0 = block(f), b1 = block(f), b2 = block(f);
        b0.terminator = jump(b1, konst(f, b0, 100));
        int k = f.newValue(ValType.I32);
        b1.params.add(k);
        int n = op(f, b1, I32_SUB, k, konst(f, b1, 4));
        b1.terminator = new Terminator.Branch(n, new Terminator.Edge(b1.id, new int[] {n}), new Terminator.Edge(b2.id, new int[0]));
        b2.terminator = new Terminator.Return(new int[] {k});
        assertEquals(1, rewrite(f));
        assertEquals(name(I32_GT_S), name(exitTest(f, 1)));
        assertArrayEquals(new long[] {4, 27}, run(f, 100));
    }

    /**
     * Every form, on counters starting and ending near 0, 2^30, 2^31 and 3 * 2^30 with small and extreme steps:
     * wherever the pass rewrites, the loop runs the same blocks to the same results (or, when it runs long, is in
     * the same state when the budget runs out). Also checks the pass is not vacuous: signed and unsigned tests both occur.
     */
    @Test
    void rewrittenLoopsBehaveExactlyAsBefore() {
        int[] centres = {0, 1 << 30, Integer.MIN_VALUE, 3 << 30};
        int[] steps = {1, -1, 2, -2, 3, -3, 8, -8, Integer.MIN_VALUE, Integer.MAX_VALUE};
        int rewritten = 0, unsigned = 0, budget = 64;
        for (Form form : Form.values()) {
            boolean zero = form == Form.EQZ || form == Form.BRANCH_ON_VALUE;
            for (int sc : centres) for (int lc : zero ? new int[] {0} : centres) {
                for (int i = -6; i <= 6; i++) for (int j = zero ? 0 : -6; j <= (zero ? 0 : 6); j++) {
                    for (int step : steps) for (boolean onStep : new boolean[] {true, false}) {
                        IrFunction f = loop(sc + i, step, lc + j, form, onStep);
                        long[] before = run(f, budget);
                        if (rewrite(f) == 0) continue;
                        rewritten++;
                        int test = exitTest(f, 1);
                        if (test == I32_LT_U || test == I32_GT_U || test == I32_LE_U || test == I32_GE_U) unsigned++;
                        String what = form + " start " + (sc + i) + " step " + step + " limit " + (lc + j) + " onStep " + onStep;
                        assertArrayEquals(before, run(f, budget), what);
                    }
                }
            }
        }
        assertTrue(rewritten > 10_000, "rewritten " + rewritten);
        assertTrue(unsigned > 100, "unsigned " + unsigned);
    }
}
