package org.wasmjar.compiler.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.runtime.types.ValType;

/**
 * Checks the structural invariants of SSA IR: every value defined once, every use defined and dominated by
 * its definition, every block terminated, edge arguments matching the target's parameters, and operand types
 * of fixed-signature instructions. Meant for tests and debugging (between optimisation passes), not the
 * compile path. Blocks unreachable from the entry are checked for everything but dominance.
 */
public final class Verifier {
    private final IrFunction f;
    private final int[] defBlock;
    private final int[] defPos;
    /** Dominator-tree preorder interval of each reachable block id; pre = -1 when unreachable. */
    private final int[] pre, post;

    private Verifier(IrFunction f) {
        this.f = f;
        defBlock = new int[f.valueCount()];
        defPos = new int[f.valueCount()];
        Arrays.fill(defBlock, -1);
        pre = new int[f.blockIdCount()];
        post = new int[f.blockIdCount()];
    }

    /** Throws {@link IllegalStateException} describing the first violation found. */
    public static void verify(IrFunction f) { new Verifier(f).run(); }

    private void run() {
        if (f.blocks.isEmpty()) fail("function has no blocks");
        boolean[] placed = new boolean[f.blockIdCount()];
        for (Block b : f.blocks) {
            if (placed[b.id]) fail("b" + b.id + " placed twice in the layout");
            placed[b.id] = true;
            if (b.terminator == null) fail("b" + b.id + " has no terminator");
        }
        for (Block b : f.blocks) {
            for (int v : b.params) define(v, b, -1);
            for (int i = 0; i < b.insts.size(); i++) {
                for (int v : b.insts.get(i).results) define(v, b, i);
            }
        }
        Block entry = f.entry();
        if (!types(entry.params).equals(f.type.params())) {
            fail("entry b" + entry.id + " parameters " + types(entry.params) + " differ from function parameters " + f.type.params());
        }
        for (Block b : f.blocks) {
            for (Terminator.Edge e : b.terminator.edges()) {
                if (e.target() < 0 || e.target() >= placed.length || !placed[e.target()]) {
                    fail("b" + b.id + ": edge to b" + e.target() + ", which is not in the layout");
                }
                Block t = f.block(e.target());
                if (e.args().length != t.params.size()) {
                    fail("b" + b.id + ": edge to b" + t.id + " passes " + e.args().length + " arguments for "
                            + t.params.size() + " parameters");
                }
            }
        }
        dominators(entry);
        for (Block b : f.blocks) {
            for (int i = 0; i < b.insts.size(); i++) checkInst(b, i, b.insts.get(i));
            checkTerminator(b);
        }
    }

    private void define(int v, Block b, int pos) {
        if (v < 0 || v >= defBlock.length) fail("b" + b.id + " defines v" + v + ", which has no type");
        if (defBlock[v] >= 0) fail("v" + v + " defined twice (b" + defBlock[v] + " and b" + b.id + ")");
        defBlock[v] = b.id;
        defPos[v] = pos;
    }

    private void use(int v, Block b, int pos, String where) {
        if (v < 0 || v >= defBlock.length || defBlock[v] < 0) fail(where + ": use of undefined value v" + v);
        if (pre[b.id] < 0) return;
        int d = defBlock[v];
        boolean ok = d == b.id ? defPos[v] < pos : pre[d] >= 0 && pre[d] <= pre[b.id] && post[b.id] <= post[d];
        if (!ok) fail(where + ": use of v" + v + " not dominated by its definition in b" + d);
    }

    private void checkInst(Block b, int i, Inst inst) {
        String where = "b" + b.id + " inst " + i + " (" + Opcodes.name(inst.opcode) + ")";
        for (int a : inst.args) use(a, b, i, where);
        ValType[] params = Signatures.params(inst.opcode);
        if (params != null) {
            expect(where, "arguments", params, inst.args);
            expect(where, "results", Signatures.results(inst.opcode), inst.results);
        } else if (inst.opcode == Opcodes.SELECT) {
            if (inst.args.length != 3 || inst.results.length != 1) fail(where + ": select needs 3 arguments and 1 result");
            ValType t = f.typeOf(inst.results[0]);
            expect(where, "arguments", new ValType[] {t, t, ValType.I32}, inst.args);
        }
    }

    private void expect(String where, String what, ValType[] types, int[] values) {
        if (types.length != values.length) fail(where + ": " + values.length + " " + what + ", expected " + types.length);
        for (int k = 0; k < types.length; k++) {
            if (f.typeOf(values[k]) != types[k]) {
                fail(where + ": " + what + " " + k + " is v" + values[k] + ":" + f.typeOf(values[k]) + ", expected " + types[k]);
            }
        }
    }

    private void checkTerminator(Block b) {
        Terminator t = b.terminator;
        int pos = b.insts.size();
        String where = "b" + b.id + " terminator";
        if (t instanceof Terminator.Branch br) {
            use(br.cond(), b, pos, where);
            if (f.typeOf(br.cond()) != ValType.I32) fail(where + ": condition v" + br.cond() + " is not i32");
        } else if (t instanceof Terminator.Switch s) {
            use(s.index(), b, pos, where);
            if (f.typeOf(s.index()) != ValType.I32) fail(where + ": index v" + s.index() + " is not i32");
        } else if (t instanceof Terminator.Return r) {
            for (int v : r.values()) use(v, b, pos, where);
            if (!types(r.values()).equals(f.type.results())) {
                fail(where + ": returns " + types(r.values()) + ", function results are " + f.type.results());
            }
        }
        for (Terminator.Edge e : t.edges()) {
            Block target = f.block(e.target());
            for (int k = 0; k < e.args().length; k++) {
                int v = e.args()[k];
                use(v, b, pos, where);
                ValType want = f.typeOf(target.params.get(k));
                if (f.typeOf(v) != want) {
                    fail(where + ": argument " + k + " to b" + target.id + " is v" + v + ":" + f.typeOf(v) + ", expected " + want);
                }
            }
        }
    }

    /**
     * Immediate dominators by Cooper, Harvey and Kennedy's iterative algorithm over reverse postorder, then a
     * preorder/postorder numbering of the dominator tree so dominance is an interval test.
     */
    private void dominators(Block entry) {
        int n = f.blockIdCount();
        int[] order = new int[n];
        int[] rpoNumber = new int[n];
        Arrays.fill(rpoNumber, -1);
        int count = postorder(entry, order);
        int[] rpo = new int[count];
        for (int i = 0; i < count; i++) {
            rpo[i] = order[count - 1 - i];
            rpoNumber[rpo[i]] = i;
        }
        List<List<Integer>> preds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) preds.add(new ArrayList<>(2));
        for (int id : rpo) for (Terminator.Edge e : f.block(id).terminator.edges()) preds.get(e.target()).add(id);
        int[] idom = new int[n];
        Arrays.fill(idom, -1);
        idom[entry.id] = entry.id;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 1; i < count; i++) {
                int b = rpo[i];
                int d = -1;
                for (int p : preds.get(b)) {
                    if (idom[p] < 0) continue;
                    d = d < 0 ? p : intersect(d, p, idom, rpoNumber);
                }
                if (d != idom[b]) { idom[b] = d; changed = true; }
            }
        }
        List<List<Integer>> children = new ArrayList<>(n);
        for (int i = 0; i < n; i++) children.add(new ArrayList<>(0));
        for (int i = 1; i < count; i++) children.get(idom[rpo[i]]).add(rpo[i]);
        Arrays.fill(pre, -1);
        int clock = 0;
        int[] stack = new int[count];
        int[] next = new int[n];
        int sp = 0;
        stack[sp++] = entry.id;
        pre[entry.id] = clock++;
        while (sp > 0) {
            int b = stack[sp - 1];
            List<Integer> c = children.get(b);
            if (next[b] < c.size()) {
                int child = c.get(next[b]++);
                pre[child] = clock++;
                stack[sp++] = child;
            } else {
                post[b] = clock++;
                sp--;
            }
        }
    }

    private static int intersect(int a, int b, int[] idom, int[] rpoNumber) {
        while (a != b) {
            while (rpoNumber[a] > rpoNumber[b]) a = idom[a];
            while (rpoNumber[b] > rpoNumber[a]) b = idom[b];
        }
        return a;
    }

    /** Blocks reachable from entry in postorder, by an explicit-stack DFS; returns how many. */
    private int postorder(Block entry, int[] out) {
        int n = f.blockIdCount();
        boolean[] seen = new boolean[n];
        int[] stack = new int[n];
        int[] next = new int[n];
        List<List<Terminator.Edge>> succ = new ArrayList<>(n);
        for (int i = 0; i < n; i++) succ.add(null);
        int sp = 0, count = 0;
        stack[sp++] = entry.id;
        seen[entry.id] = true;
        while (sp > 0) {
            int b = stack[sp - 1];
            List<Terminator.Edge> s = succ.get(b);
            if (s == null) succ.set(b, s = f.block(b).terminator.edges());
            if (next[b] < s.size()) {
                int t = s.get(next[b]++).target();
                if (!seen[t]) {
                    seen[t] = true;
                    stack[sp++] = t;
                }
            } else {
                out[count++] = b;
                sp--;
            }
        }
        return count;
    }

    private List<ValType> types(List<Integer> values) {
        List<ValType> t = new ArrayList<>(values.size());
        for (int v : values) t.add(f.typeOf(v));
        return t;
    }

    private List<ValType> types(int[] values) {
        List<ValType> t = new ArrayList<>(values.length);
        for (int v : values) t.add(f.typeOf(v));
        return t;
    }

    private void fail(String message) {
        throw new IllegalStateException("function " + f.index + (f.name != null ? " \"" + f.name + "\"" : "") + ": " + message);
    }
}
