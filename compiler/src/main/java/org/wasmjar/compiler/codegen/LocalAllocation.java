package org.wasmjar.compiler.codegen;

import java.util.Arrays;
import java.util.PriorityQueue;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.Terminator;
import org.wasmjar.runtime.types.ValType;

/**
 * Shares JVM locals between SSA values whose live ranges do not overlap, so that a method of thousands of values
 * uses a few hundred locals: fewer {@code wide} loads and stores make methods smaller, which lets more functions
 * stay whole (and under the JIT's inlining limits). A value's range is the span of layout positions from its
 * first to its last touch (definition, use, edge copy, frame load), stretched to the end of every loop that it
 * enters from outside: only a loop's back edges lead backwards in the layout, so that span covers every point
 * where the value is live. Locals are only shared between values of the same JVM shape, which keeps stack map
 * frames simple.
 */
final class LocalAllocation {
    /** Functions of fewer values keep one local per value: sharing would not shrink them. */
    static final int WORTH_IT = 16;

    private final FunctionPlan plan;
    private final Pieces pieces;
    private final int first, end;
    /** First and last touch of each value, by position; the plan's scratch, start all -1 between methods. */
    private final int[] start, last;
    private final Liveness.IntList touched = new Liveness.IntList();
    private int pos;

    private LocalAllocation(FunctionPlan plan, int first, int end) {
        this.plan = plan;
        this.pieces = plan.pieces;
        this.first = first;
        this.end = end;
        int[][] scratch = plan.touchScratch();
        start = scratch[0];
        last = scratch[1];
    }

    /**
     * Gives each value of pieces {@code [first, end)} that has no local yet (and is not a rematerialised constant)
     * a local from {@code base} on, writing {@code local[v]} and adding {@code v} to {@code assigned}.
     * {@code entryValues} are defined before the first piece (a group's frame loads). Returns the first local
     * past those used.
     */
    static int assign(FunctionPlan plan, int first, int end, int[] entryValues, int base, int[] local,
                      Liveness.IntList assigned) {
        LocalAllocation a = new LocalAllocation(plan, first, end);
        a.collect(entryValues);
        int next = a.allocate(base, local, assigned);
        for (int i = 0; i < a.touched.size; i++) a.start[a.touched.data[i]] = -1;
        return next;
    }

    private void collect(int[] entryValues) {
        for (int v : entryValues) touch(v);
        pos++;
        int[] startPos = new int[end - first];
        int[] loopEnd = new int[end - first];
        Arrays.fill(loopEnd, -1);
        for (int p = first; p < end; p++) {
            startPos[p - first] = pos++;
            for (int v : pieces.params(p)) touch(v);
            for (Inst inst : pieces.insts(p)) {
                for (int a : inst.args) touch(a);
                for (int r : inst.results) touch(r);
                pos++;
            }
            if (pieces.endsBlock(p)) {
                Terminator t = pieces.block[p].terminator;
                if (t instanceof Terminator.Branch b) touch(b.cond());
                else if (t instanceof Terminator.Switch sw) touch(sw.index());
                else if (t instanceof Terminator.Return r) for (int v : r.values()) touch(v);
            }
            for (Pieces.Edge e : pieces.edges(p)) {
                for (int a : e.args()) touch(a);
                if (e.target() < first || e.target() >= end) continue;
                // The edge copy writes the target's parameters here, at the source's end.
                for (int param : e.params()) touch(param);
                if (e.target() <= p) loopEnd[e.target() - first] = pos;
            }
            pos++;
        }
        stretchOverLoops(startPos, loopEnd);
    }

    /** A value defined before a loop and touched inside it is live up to the loop's last back edge. */
    private void stretchOverLoops(int[] startPos, int[] loopEnd) {
        for (int p = first; p < end; p++) {
            int le = loopEnd[p - first];
            if (le < 0) continue;
            int h = startPos[p - first];
            for (int i = 0; i < touched.size; i++) {
                int v = touched.data[i];
                if (start[v] < h && last[v] >= h && last[v] < le) last[v] = le;
            }
        }
    }

    private void touch(int v) {
        if (plan.constant[v] != null) return;
        if (start[v] < 0) {
            start[v] = pos;
            touched.add(v);
        }
        last[v] = pos; // positions only grow
    }

    private int allocate(int base, int[] local, Liveness.IntList assigned) {
        // By first touch, then value: start << 32 | v sorts as (start, v).
        long[] keys = new long[touched.size];
        int n = 0;
        for (int i = 0; i < touched.size; i++) {
            int v = touched.data[i];
            if (local[v] < 0) keys[n++] = (long) start[v] << 32 | v;
        }
        Arrays.sort(keys, 0, n);
        PriorityQueue<Integer> active = new PriorityQueue<>((x, y) -> Integer.compare(last[x], last[y]));
        Liveness.IntList[] free = new Liveness.IntList[SHAPES];
        for (int k = 0; k < SHAPES; k++) free[k] = new Liveness.IntList();
        int next = base;
        for (int k = 0; k < n; k++) {
            int v = (int) keys[k];
            while (!active.isEmpty() && last[active.peek()] < start[v]) {
                int done = active.poll();
                free[shape(done)].add(local[done]);
            }
            Liveness.IntList pool = free[shape(v)];
            if (pool.size > 0) {
                local[v] = pool.data[--pool.size];
            } else {
                local[v] = next;
                next += JvmTypes.slots(plan.fn.typeOf(v));
            }
            assigned.add(v);
            active.add(v);
        }
        return next;
    }

    private static final int SHAPES = 7;

    /** Values of one shape can share a local: int, long, float, double, reference, v128 quarters, v128 halves. */
    private int shape(int v) {
        ValType t = plan.fn.typeOf(v);
        return switch (t) {
            case I32 -> 0;
            case I64 -> 1;
            case F32 -> 2;
            case F64 -> 3;
            case V128 -> plan.forms.quarters(v) ? 5 : 6;
            default -> 4;
        };
    }
}
