package org.wasmjar.compiler.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;

/**
 * The function's blocks in layout order, each cut into consecutive pieces of at most a given estimated size
 * (a block too big for one method continues in the next piece, as if it jumped there). Pieces are numbered
 * densely in layout order; they are the unit of liveness, grouping and emission.
 */
final class Pieces {
    /** An edge between pieces: {@code params} are the target block's parameters that receive {@code args}. */
    record Edge(int target, int[] args, int[] params) {}

    final IrFunction fn;
    /** How the function's v128 values are stored, which sizes depend on. */
    final VectorForms forms;
    final int count;
    final Block[] block;
    /** Instruction range {@code [from, to)} of the piece within its block. */
    final int[] from, to;
    /** Estimated bytecode bytes of each piece (instructions and terminator, no frame traffic). */
    final int[] size;
    final int[][] succ, preds;
    private final int[] firstPiece;

    Pieces(IrFunction fn, VectorForms forms, Sizes sizes, int maxPieceBytes) {
        this.fn = fn;
        this.forms = forms;
        List<int[]> ranges = new ArrayList<>();
        List<Block> owners = new ArrayList<>();
        List<Integer> sz = new ArrayList<>();
        firstPiece = new int[fn.blockIdCount()];
        Arrays.fill(firstPiece, -1);
        for (Block b : fn.blocks) {
            firstPiece[b.id] = ranges.size();
            int start = 0, acc = 0;
            for (int i = 0; i < b.insts.size(); i++) {
                int s = sizes.inst(fn, forms, b.insts.get(i));
                if (acc > 0 && acc + s > maxPieceBytes) {
                    ranges.add(new int[] {start, i});
                    owners.add(b);
                    sz.add(acc + Sizes.JUMP);
                    start = i;
                    acc = 0;
                }
                acc += s;
            }
            ranges.add(new int[] {start, b.insts.size()});
            owners.add(b);
            sz.add(acc + sizes.terminator(fn, b.terminator));
        }
        count = ranges.size();
        block = owners.toArray(new Block[0]);
        from = new int[count];
        to = new int[count];
        size = new int[count];
        for (int p = 0; p < count; p++) {
            from[p] = ranges.get(p)[0];
            to[p] = ranges.get(p)[1];
            size[p] = sz.get(p);
        }
        succ = new int[count][];
        int[] predCount = new int[count];
        for (int p = 0; p < count; p++) {
            List<Edge> es = edges(p);
            succ[p] = new int[es.size()];
            for (int i = 0; i < es.size(); i++) {
                succ[p][i] = es.get(i).target;
                predCount[es.get(i).target]++;
            }
        }
        preds = new int[count][];
        for (int p = 0; p < count; p++) preds[p] = new int[predCount[p]];
        int[] fill = new int[count];
        for (int p = 0; p < count; p++) for (int s : succ[p]) preds[s][fill[s]++] = p;
    }

    boolean isBlockStart(int p) { return from[p] == 0; }

    /** Whether the piece ends with its block's terminator (otherwise it falls into the next piece). */
    boolean endsBlock(int p) { return to[p] == block[p].insts.size(); }

    List<Inst> insts(int p) { return block[p].insts.subList(from[p], to[p]); }

    /** Parameters defined at the start of the piece (its block's, for a block's first piece). */
    List<Integer> params(int p) { return isBlockStart(p) ? block[p].params : List.of(); }

    boolean isLoopHeader(int p) { return isBlockStart(p) && block[p].loopHeader; }

    Edge edge(Terminator.Edge e) {
        Block target = fn.block(e.target());
        int[] params = target.params.stream().mapToInt(Integer::intValue).toArray();
        return new Edge(firstPiece[e.target()], e.args(), params);
    }

    /** Fall-through edge of a piece that does not end its block. */
    Edge fallThrough(int p) { return new Edge(p + 1, new int[0], new int[0]); }

    /** Every outgoing edge of the piece, in terminator order (a Switch's default last). */
    List<Edge> edges(int p) {
        if (!endsBlock(p)) return List.of(fallThrough(p));
        List<Edge> out = new ArrayList<>();
        Terminator t = block[p].terminator;
        if (t instanceof Terminator.Jump j) out.add(edge(j.edge()));
        else if (t instanceof Terminator.Branch b) { out.add(edge(b.ifTrue())); out.add(edge(b.ifFalse())); }
        else if (t instanceof Terminator.Switch s) {
            for (Terminator.Edge e : s.targets()) out.add(edge(e));
            out.add(edge(s.otherwise()));
        }
        return out;
    }

    /** Values the piece reads: instruction arguments and terminator operands (edge arguments included). */
    void forEachUse(int p, java.util.function.IntConsumer use) {
        for (Inst inst : insts(p)) for (int a : inst.args) use.accept(a);
        if (!endsBlock(p)) return;
        Terminator t = block[p].terminator;
        if (t instanceof Terminator.Branch b) use.accept(b.cond());
        else if (t instanceof Terminator.Switch s) use.accept(s.index());
        else if (t instanceof Terminator.Return r) for (int v : r.values()) use.accept(v);
        for (Edge e : edges(p)) for (int a : e.args) use.accept(a);
    }

    /** Values the piece defines: its parameters and instruction results. */
    void forEachDef(int p, java.util.function.IntConsumer def) {
        for (int v : params(p)) def.accept(v);
        for (Inst inst : insts(p)) for (int r : inst.results) def.accept(r);
    }
}
