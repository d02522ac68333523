package org.wasmjar.compiler.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.runtime.types.ValType;

/**
 * Signed bounds of i32 values, found by iterating to a fixpoint over the function (loop parameters that keep
 * growing are widened to unknown). A branch narrows the values it compares on each of its edges, which bounds
 * loop counters: in {@code i = i + 8; br_if loop (i <u 4088)} the counter stays in {@code [0, 4087]}.
 *
 * <p>Code generation uses this to emit an unsigned comparison of two values known to be non-negative as a
 * signed one: clang compares loop counters unsigned, and HotSpot only recognises counted loops (for range-check
 * elimination and unrolling) whose exit test is a signed comparison.
 */
final class IntRanges {
    private static final long MIN = Integer.MIN_VALUE, MAX = Integer.MAX_VALUE;
    /** Rounds after which a block parameter's growing bounds are widened to the limits. */
    private static final int WIDEN_AFTER = 4;

    private final IrFunction fn;
    /** Bounds of each value; {@code lo > hi} while a value has not been reached yet. */
    private final long[] lo, hi;
    /** Incoming edges of each block (by id): source block and edge. */
    private final List<List<Incoming>> incoming = new ArrayList<>();

    private record Incoming(Block from, Terminator.Edge edge) {}

    private IntRanges(IrFunction fn) {
        this.fn = fn;
        int n = fn.valueCount();
        lo = new long[n];
        hi = new long[n];
        Arrays.fill(lo, 1);
        Arrays.fill(hi, 0);
    }

    static IntRanges of(IrFunction fn) {
        IntRanges r = new IntRanges(fn);
        r.solve();
        return r;
    }

    /** Whether {@code v} (an i32) is known to be at least 0 wherever it is read. */
    boolean nonNegative(int v) { return lo[v] <= hi[v] && lo[v] >= 0; }

    private void solve() {
        for (int i = 0; i < fn.blockIdCount(); i++) incoming.add(new ArrayList<>());
        for (Block b : fn.blocks) {
            Terminator t = b.terminator;
            if (t instanceof Terminator.Jump j) add(b, j.edge());
            else if (t instanceof Terminator.Branch br) { add(b, br.ifTrue()); add(b, br.ifFalse()); }
            else if (t instanceof Terminator.Switch s) {
                for (Terminator.Edge e : s.targets()) add(b, e);
                add(b, s.otherwise());
            }
        }
        // The entry block's parameters are the function's: unknown.
        for (int p : fn.entry().params) top(p);
        // Up to a fixpoint, widening growing bounds to the limit after a few rounds; then a few rounds that let
        // branch conditions narrow the widened bounds again (each keeps the result sound).
        boolean changed = true;
        for (int round = 0; changed; round++) changed = round(round < WIDEN_AFTER ? Mode.JOIN : Mode.WIDEN);
        for (int round = 0; round < NARROWING_ROUNDS && round(Mode.NARROW); round++) { }
    }

    private enum Mode { JOIN, WIDEN, NARROW }

    private static final int NARROWING_ROUNDS = 3;

    private boolean round(Mode mode) {
        boolean changed = false;
        for (Block b : fn.blocks) {
            if (b != fn.entry()) changed |= params(b, mode);
            for (Inst inst : b.insts) changed |= transfer(inst);
        }
        return changed;
    }

    private void add(Block from, Terminator.Edge e) { incoming.get(e.target()).add(new Incoming(from, e)); }

    /**
     * Joins each parameter over the incoming edges (narrowed by their branches). WIDEN moves a growing bound to
     * the limit and keeps a shrinking one; NARROW takes the join as it is.
     */
    private boolean params(Block b, Mode mode) {
        boolean changed = false;
        for (int i = 0; i < b.params.size(); i++) {
            int p = b.params.get(i);
            if (fn.typeOf(p) != ValType.I32) continue;
            long l = 1, h = 0;
            for (Incoming in : incoming.get(b.id)) {
                long[] r = onEdge(in.from, in.edge, in.edge.args()[i]);
                if (r[0] > r[1]) continue;
                if (l > h) { l = r[0]; h = r[1]; } else { l = Math.min(l, r[0]); h = Math.max(h, r[1]); }
            }
            if (mode == Mode.WIDEN && known(p)) {
                l = l < lo[p] ? MIN : lo[p];
                h = h > hi[p] ? MAX : hi[p];
            }
            if (mode == Mode.NARROW && l > h) continue;
            if (l == lo[p] && h == hi[p]) continue;
            lo[p] = l;
            hi[p] = h;
            changed = true;
        }
        return changed;
    }

    /** Bounds of {@code v} on an edge out of {@code from}, narrowed when the edge is taken only on a comparison. */
    private long[] onEdge(Block from, Terminator.Edge edge, int v) {
        long[] r = {lo[v], hi[v]};
        if (fn.typeOf(v) != ValType.I32 || !(from.terminator instanceof Terminator.Branch br)) return r;
        if (br.ifTrue() == br.ifFalse()) return r;
        boolean when = edge == br.ifTrue();
        Inst cmp = definition(from, br.cond());
        if (cmp != null && cmp.opcode == Opcodes.I32_EQZ && cmp.args.length == 1) {
            when = !when;
            cmp = definition(from, cmp.args[0]);
        }
        if (cmp == null || cmp.args.length != 2 || fn.typeOf(cmp.args[0]) != ValType.I32) return r;
        int x = cmp.args[0], y = cmp.args[1];
        // Normalise to "a < b" or "a <= b", unsigned or signed.
        int a, b;
        boolean strict, unsigned;
        switch (cmp.opcode) {
            case Opcodes.I32_LT_U, Opcodes.I32_LT_S -> { a = when ? x : y; b = when ? y : x; strict = when; }
            case Opcodes.I32_GE_U, Opcodes.I32_GE_S -> { a = when ? y : x; b = when ? x : y; strict = !when; }
            case Opcodes.I32_GT_U, Opcodes.I32_GT_S -> { a = when ? y : x; b = when ? x : y; strict = when; }
            case Opcodes.I32_LE_U, Opcodes.I32_LE_S -> { a = when ? x : y; b = when ? y : x; strict = !when; }
            default -> { return r; }
        }
        unsigned = cmp.opcode == Opcodes.I32_LT_U || cmp.opcode == Opcodes.I32_GE_U
                || cmp.opcode == Opcodes.I32_GT_U || cmp.opcode == Opcodes.I32_LE_U;
        long limit = hi[b] - (strict ? 1 : 0);
        if (v == a && lo[b] <= hi[b]) {
            if (unsigned && lo[b] >= 0) { r[0] = Math.max(r[0], 0); r[1] = Math.min(r[1], limit); }
            if (!unsigned) r[1] = Math.min(r[1], limit);
        }
        if (v == b && !unsigned && lo[a] <= hi[a]) r[0] = Math.max(r[0], lo[a] + (strict ? 1 : 0));
        return r;
    }

    /** The instruction of {@code block} defining {@code v}, or null. */
    private static Inst definition(Block block, int v) {
        for (int i = block.insts.size() - 1; i >= 0; i--) {
            Inst inst = block.insts.get(i);
            for (int r : inst.results) if (r == v) return inst;
        }
        return null;
    }

    /** Bounds of an instruction's i32 result from its arguments'; stays unreached while an i32 argument is. */
    private boolean transfer(Inst inst) {
        if (inst.results.length > 1) {
            boolean changed = false;
            for (int r : inst.results) {
                if (fn.typeOf(r) == ValType.I32 && (lo[r] != MIN || hi[r] != MAX)) { top(r); changed = true; }
            }
            return changed;
        }
        if (inst.results.length != 1 || fn.typeOf(inst.results[0]) != ValType.I32) return false;
        for (int a : inst.args) if (fn.typeOf(a) == ValType.I32 && !known(a)) return false;
        int r = inst.results[0];
        long l = MIN, h = MAX;
        switch (inst.opcode) {
            case Opcodes.I32_CONST -> { l = (int) inst.c; h = (int) inst.c; }
            case Opcodes.I32_ADD -> {
                l = lo[inst.args[0]] + lo[inst.args[1]];
                h = hi[inst.args[0]] + hi[inst.args[1]];
            }
            case Opcodes.I32_SUB -> {
                l = lo[inst.args[0]] - hi[inst.args[1]];
                h = hi[inst.args[0]] - lo[inst.args[1]];
            }
            case Opcodes.I32_AND -> {
                for (int a : inst.args) if (lo[a] >= 0) { l = 0; h = Math.min(h, hi[a]); }
            }
            case Opcodes.I32_SHR_U -> {
                int s = inst.args[1];
                if (lo[s] == hi[s] && (lo[s] & 31) != 0) { l = 0; h = 0xFFFFFFFFL >>> (lo[s] & 31); }
            }
            case Opcodes.I32_REM_U -> {
                int d = inst.args[1];
                if (lo[d] == hi[d] && lo[d] > 0) { l = 0; h = lo[d] - 1; }
            }
            case Opcodes.I32_LOAD8_U -> { l = 0; h = 0xFF; }
            case Opcodes.I32_LOAD16_U -> { l = 0; h = 0xFFFF; }
            case Opcodes.I32_CLZ, Opcodes.I32_CTZ, Opcodes.I32_POPCNT -> { l = 0; h = 32; }
            default -> {
                if (Comparisons.is(inst.opcode)) { l = 0; h = 1; }
            }
        }
        if (l < MIN || h > MAX) { l = MIN; h = MAX; }
        if (l == lo[r] && h == hi[r]) return false;
        lo[r] = l;
        hi[r] = h;
        return true;
    }

    private boolean known(int v) { return lo[v] <= hi[v]; }

    private void top(int v) {
        lo[v] = MIN;
        hi[v] = MAX;
    }
}
