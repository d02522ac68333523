package org.wasmjar.compiler.ir.opt;

import org.wasmjar.compiler.ir.Terminator;

/** Rebuilds terminators after values were replaced and block parameters removed. */
final class Rewrite {
    private Rewrite() {}

    /**
     * {@code t} with every value {@code v} replaced by {@code repl[v]}. {@code kept[blockId]}, when not null,
     * says which of that block's former parameters remain; edges into it keep only those arguments.
     */
    static Terminator terminator(Terminator t, int[] repl, boolean[][] kept) {
        if (t instanceof Terminator.Jump j) return new Terminator.Jump(edge(j.edge(), repl, kept));
        if (t instanceof Terminator.Branch br) {
            return new Terminator.Branch(repl[br.cond()], edge(br.ifTrue(), repl, kept), edge(br.ifFalse(), repl, kept));
        }
        if (t instanceof Terminator.Switch s) {
            Terminator.Edge[] targets = new Terminator.Edge[s.targets().length];
            for (int i = 0; i < targets.length; i++) targets[i] = edge(s.targets()[i], repl, kept);
            return new Terminator.Switch(repl[s.index()], targets, edge(s.otherwise(), repl, kept));
        }
        if (t instanceof Terminator.Return r) {
            int[] v = new int[r.values().length];
            for (int i = 0; i < v.length; i++) v[i] = repl[r.values()[i]];
            return new Terminator.Return(v);
        }
        return t;
    }

    private static Terminator.Edge edge(Terminator.Edge e, int[] repl, boolean[][] kept) {
        boolean[] keep = kept[e.target()];
        int[] old = e.args();
        int count = 0;
        for (int i = 0; i < old.length; i++) if (keep == null || keep[i]) count++;
        int[] args = new int[count];
        int n = 0;
        for (int i = 0; i < old.length; i++) if (keep == null || keep[i]) args[n++] = repl[old[i]];
        return new Terminator.Edge(e.target(), args);
    }
}
