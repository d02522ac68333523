package org.wasmjar.compiler.ir.opt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;

/**
 * Pass 4: a block parameter that receives the same value on every incoming edge (or itself, around a loop)
 * is that value: its uses are replaced, and it is removed from the block and from every edge into it. A
 * worklist revisits the parameters fed by a replaced one, so chains of copies collapse to a fixpoint in
 * one run. Only edges from blocks in the layout count.
 */
public final class CopyPropagation {
    private CopyPropagation() {}

    /** Returns whether anything changed. */
    public static boolean run(IrFunction f) {
        int n = f.valueCount();
        int[] repl = new int[n];
        for (int v = 0; v < n; v++) repl[v] = v;
        List<List<Terminator.Edge>> incoming = new ArrayList<>(f.blockIdCount());
        for (int i = 0; i < f.blockIdCount(); i++) incoming.add(new ArrayList<>(2));
        for (Block b : f.blocks) for (Terminator.Edge e : b.terminator.edges()) incoming.get(e.target()).add(e);

        // For each value, the (block id, parameter index) slots it is passed to, packed into a long.
        List<List<Long>> feeds = new ArrayList<>(n);
        for (int v = 0; v < n; v++) feeds.add(null);
        ArrayDeque<Long> work = new ArrayDeque<>();
        for (Block b : f.blocks) {
            if (b == f.entry()) continue;
            for (int i = 0; i < b.params.size(); i++) work.add(slot(b.id, i));
            for (Terminator.Edge e : incoming.get(b.id)) {
                for (int i = 0; i < e.args().length; i++) {
                    List<Long> l = feeds.get(e.args()[i]);
                    if (l == null) feeds.set(e.args()[i], l = new ArrayList<>(1));
                    l.add(slot(b.id, i));
                }
            }
        }
        boolean changed = false;
        while (!work.isEmpty()) {
            long s = work.pop();
            Block b = f.block((int) (s >>> 32));
            int i = (int) s;
            int p = b.params.get(i);
            if (repl[p] != p) continue;
            int same = -1;
            boolean trivial = true;
            for (Terminator.Edge e : incoming.get(b.id)) {
                int a = resolve(repl, e.args()[i]);
                if (a == p || a == same) continue;
                if (same >= 0) { trivial = false; break; }
                same = a;
            }
            if (!trivial || same < 0) continue;
            repl[p] = same;
            changed = true;
            List<Long> fed = feeds.get(p);
            if (fed != null) {
                work.addAll(fed);
                List<Long> into = feeds.get(same);
                if (into == null) feeds.set(same, fed);
                else into.addAll(fed);
            }
        }
        if (changed) rewrite(f, repl);
        return changed;
    }

    private static long slot(int block, int param) { return (long) block << 32 | param; }

    private static int resolve(int[] repl, int v) {
        while (repl[v] != v) v = repl[v];
        return v;
    }

    private static void rewrite(IrFunction f, int[] repl) {
        for (int v = 0; v < repl.length; v++) repl[v] = resolve(repl, v);
        boolean[][] kept = new boolean[f.blockIdCount()][];
        for (Block b : f.blocks) {
            boolean[] keep = new boolean[b.params.size()];
            boolean removed = false;
            for (int i = 0; i < keep.length; i++) {
                int p = b.params.get(i);
                keep[i] = repl[p] == p;
                removed |= !keep[i];
            }
            if (removed) {
                kept[b.id] = keep;
                b.params.removeIf(p -> repl[p] != p);
            }
            for (Inst inst : b.insts) {
                for (int k = 0; k < inst.args.length; k++) inst.args[k] = repl[inst.args[k]];
            }
        }
        for (Block b : f.blocks) b.terminator = Rewrite.terminator(b.terminator, repl, kept);
    }
}
