package org.wasmjar.compiler.ir.opt;

import static org.wasmjar.compiler.wasm.model.Opcodes.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;
import org.wasmjar.runtime.types.ValType;

/**
 * Pass 6: the exit test of a counting loop, {@code k + s != L} (also {@code k + s == L}, {@code eqz}, or a branch
 * on {@code k + s} itself, which tests {@code != 0}; or the same on {@code k}) becomes the ordered comparison
 * {@code k + s < L} ({@code >} when {@code s < 0}) where that gives the same result on every value the counter
 * takes. clang ends loops with {@code !=}, and HotSpot C2 makes a loop counted (range checks hoisted, unrolled)
 * only when its exit test is ordered or its stride is +-1.
 *
 * <p>Proof: let block parameter {@code k} receive on each incoming edge either an i32 constant {@code c}, {@code k}
 * itself, or {@code n = k + s} ({@code s} a non-zero constant) on the edge of a branch taken only when
 * {@code x != L}, where {@code x} is that {@code n} (or {@code k}) and {@code L} a constant. If, reading all of them
 * as signed (or all as unsigned) 32-bit numbers, each {@code c} reaches {@code L} in {@code q >= 1} steps of
 * {@code s} ({@code q >= 0} when {@code x} is {@code k}), then every value in between lies between {@code c} and
 * {@code L}, so adding {@code s} never wraps, and by induction over the edges {@code k} only ever holds
 * {@code c + j*s} for {@code j < q} ({@code j <= q}). So {@code x} is never beyond {@code L}: {@code x != L} is
 * {@code x < L} (for {@code s > 0}) in that reading, wherever it is computed. SSA makes {@code n} and the test see
 * the current {@code k}.
 */
public final class LoopExits {
    private LoopExits() {}

    /** Returns whether anything changed. */
    public static boolean run(IrFunction f) { return rewrite(f) > 0; }

    /**
     * An exit test to rewrite: {@code cmp} (ne, eq or eqz) in {@code block}, or, when {@code cmp} is null, the
     * branch ending {@code block} on {@code x} itself. {@code below}: the tested values never exceed the limit.
     */
    private record Exit(Block block, Inst cmp, int x, boolean below, boolean signed, int offset) {}

    /**
     * The test guarding a step edge; the step edges of one parameter must agree on {@code limit} and {@code onStep}
     * (the test is on {@code k + s}, not {@code k}). {@code offset}: the Wasm operator new instructions are from.
     */
    private record Guard(Block block, Inst cmp, int x, int limit, boolean onStep, int offset) {}

    private record Incoming(Block from, Terminator.Edge edge) {}

    /** Rewrites every exit test it can prove and returns how many. */
    static int rewrite(IrFunction f) {
        Inst[] defOf = new Inst[f.valueCount()];
        for (Block b : f.blocks) for (Inst inst : b.insts) for (int r : inst.results) defOf[r] = inst;
        List<List<Incoming>> incoming = new ArrayList<>(f.blockIdCount());
        for (int i = 0; i < f.blockIdCount(); i++) incoming.add(new ArrayList<>(2));
        for (Block b : f.blocks) {
            for (Terminator.Edge e : b.terminator.edges()) incoming.get(e.target()).add(new Incoming(b, e));
        }
        List<Exit> exits = new ArrayList<>();
        for (Block b : f.blocks) {
            if (b == f.entry()) continue; // its parameters come from callers
            for (int i = 0; i < b.params.size(); i++) {
                if (f.typeOf(b.params.get(i)) == ValType.I32) counter(b.params.get(i), i, incoming.get(b.id), defOf, exits);
            }
        }
        // A test shared by two counters is proved by each; rewrite it once.
        Set<Object> done = Collections.newSetFromMap(new IdentityHashMap<>());
        int count = 0;
        for (Exit e : exits) {
            if (!done.add(e.cmp != null ? e.cmp : e.block)) continue;
            apply(f, e);
            count++;
        }
        return count;
    }

    /** Adds the exit tests of parameter {@code k} (index {@code i} of its block) when they can be proved. */
    private static void counter(int k, int i, List<Incoming> in, Inst[] defOf, List<Exit> exits) {
        List<Integer> starts = new ArrayList<>();
        List<Guard> guards = new ArrayList<>();
        int step = 0;
        for (Incoming e : in) {
            int a = e.edge.args()[i];
            if (a == k) continue;
            Integer c = constant(defOf[a]);
            if (c != null) {
                starts.add(c);
                continue;
            }
            Integer s = stepOf(defOf[a], k, defOf);
            if (s == null || s == 0 || step != 0 && s != step) return;
            step = s;
            Guard g = guard(e, a, k, defOf);
            if (g == null) return;
            if (!guards.isEmpty() && (g.limit != guards.get(0).limit || g.onStep != guards.get(0).onStep)) return;
            guards.add(g);
        }
        if (guards.isEmpty() || starts.isEmpty()) return;
        Guard g0 = guards.get(0);
        boolean signed = reaches(starts, step, g0.limit, g0.onStep, true);
        if (!signed && !reaches(starts, step, g0.limit, g0.onStep, false)) return;
        for (Guard g : guards) exits.add(new Exit(g.block, g.cmp, g.x, step > 0, signed, g.offset));
    }

    /**
     * Whether each start reaches {@code limit} in whole steps of {@code s} (at least one when {@code onStep}),
     * all read as signed or all as unsigned. Both ends are in range, so the values in between are too.
     */
    private static boolean reaches(List<Integer> starts, int s, int limit, boolean onStep, boolean signed) {
        long l = signed ? limit : Integer.toUnsignedLong(limit);
        for (int start : starts) {
            long d = l - (signed ? start : Integer.toUnsignedLong(start));
            if (d % s != 0 || d / s < (onStep ? 1 : 0)) return false;
        }
        return true;
    }

    /** {@code s} when {@code def} computes {@code k + s} ({@code i32.add} either way round, or {@code i32.sub k c}). */
    private static Integer stepOf(Inst def, int k, Inst[] defOf) {
        if (def == null || def.args.length != 2) return null;
        int x = def.args[0], y = def.args[1];
        if (def.opcode == I32_ADD) {
            if (x == k) return constant(defOf[y]);
            if (y == k) return constant(defOf[x]);
        }
        if (def.opcode == I32_SUB && x == k) {
            Integer c = constant(defOf[y]);
            return c == null ? null : -c;
        }
        return null;
    }

    /** The test that must fail for {@code e} to be taken: {@code n != L} or {@code k != L}; null if there is none. */
    private static Guard guard(Incoming e, int n, int k, Inst[] defOf) {
        if (!(e.from.terminator instanceof Terminator.Branch br) || br.ifTrue() == br.ifFalse()) return null;
        boolean onTrue = e.edge == br.ifTrue();
        int cond = br.cond();
        if (cond == n || cond == k) return onTrue ? new Guard(e.from, null, cond, 0, cond == n, defOf[n].offset) : null;
        Inst cmp = defOf[cond];
        if (cmp == null) return null;
        if (cmp.opcode == I32_EQZ) {
            int x = cmp.args[0];
            return !onTrue && (x == n || x == k) ? new Guard(e.from, cmp, x, 0, x == n, cmp.offset) : null;
        }
        if (cmp.opcode != I32_NE && cmp.opcode != I32_EQ || onTrue != (cmp.opcode == I32_NE)) return null;
        for (int side = 0; side < 2; side++) {
            int x = cmp.args[side];
            Integer limit = constant(defOf[cmp.args[1 - side]]);
            if ((x == n || x == k) && limit != null) return new Guard(e.from, cmp, x, limit, x == n, cmp.offset);
        }
        return null;
    }

    private static Integer constant(Inst def) {
        return def != null && def.opcode == I32_CONST ? (int) def.c : null;
    }

    private static void apply(IrFunction f, Exit e) {
        if (e.cmp == null) {
            // br_if x tests x != 0: compare against a new zero instead.
            Terminator.Branch br = (Terminator.Branch) e.block.terminator;
            Inst zero = zero(f, e.offset);
            int cond = f.newValue(ValType.I32);
            e.block.insts.add(zero);
            e.block.insts.add(new Inst(ordered(false, true, e.below, e.signed), new int[] {e.x, zero.results[0]},
                    new int[] {cond}, 0, 0, 0, null, e.offset));
            e.block.terminator = new Terminator.Branch(cond, br.ifTrue(), br.ifFalse());
        } else if (e.cmp.opcode == I32_EQZ) {
            Inst zero = zero(f, e.offset);
            Block b = blockOf(f, e.cmp);
            b.insts.add(b.insts.indexOf(e.cmp), zero);
            e.cmp.opcode = ordered(true, true, e.below, e.signed);
            e.cmp.args = new int[] {e.x, zero.results[0]};
        } else {
            e.cmp.opcode = ordered(e.cmp.opcode == I32_EQ, e.cmp.args[0] == e.x, e.below, e.signed);
        }
    }

    /**
     * The ordered form of {@code x == L} ({@code equal}) or {@code x != L}, with {@code x} first or second, given
     * that {@code x <= L} ({@code below}) or {@code x >= L}: there, {@code x != L} is {@code x < L} or {@code x > L}
     * and {@code x == L} is {@code x >= L} or {@code x <= L}.
     */
    private static int ordered(boolean equal, boolean xFirst, boolean below, boolean signed) {
        boolean less = below != equal; // x < L (or x <= L when equal), else x > L (x >= L)
        if (!xFirst) less = !less;
        if (equal) return less ? (signed ? I32_LE_S : I32_LE_U) : (signed ? I32_GE_S : I32_GE_U);
        return less ? (signed ? I32_LT_S : I32_LT_U) : (signed ? I32_GT_S : I32_GT_U);
    }

    private static Inst zero(IrFunction f, int offset) {
        return new Inst(I32_CONST, new int[0], new int[] {f.newValue(ValType.I32)}, 0, 0, 0, null, offset);
    }

    private static Block blockOf(IrFunction f, Inst inst) {
        for (Block b : f.blocks) if (b.insts.contains(inst)) return b;
        throw new IllegalStateException("instruction not in the layout");
    }
}
