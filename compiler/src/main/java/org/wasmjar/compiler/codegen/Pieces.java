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

    private static final int[] NONE = {};

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
    /** Parameters of each block by id, as an array (filled when first needed). */
    private final int[][] blockParams;

    /** Pieces of at most {@code maxPieceBytes}, estimating each instruction with {@code sizes}. */
    Pieces(IrFunction fn, VectorForms forms, Sizes sizes, int maxPieceBytes) {
        this(fn, forms, InstSizes.of(fn, forms, sizes), maxPieceBytes);
    }

    /** The same from sizes estimated before, so that re-cutting a function with another budget is cheap. */
    Pieces(IrFunction fn, VectorForms forms, InstSizes sizes, int maxPieceBytes) {
        this.fn = fn;
        this.forms = forms;
        List<Block> blocks = fn.blocks;
        // Most blocks make one piece: start with room for those and grow if one is cut.
        int capacity = blocks.size();
        int[] from = new int[capacity], to = new int[capacity], size = new int[capacity];
        Block[] owner = new Block[capacity];
        int n = 0;
        firstPiece = new int[fn.blockIdCount()];
        Arrays.fill(firstPiece, -1);
        blockParams = new int[fn.blockIdCount()][];
        for (int bi = 0; bi < blocks.size(); bi++) {
            Block b = blocks.get(bi);
            firstPiece[b.id] = n;
            int[] instSize = sizes.inst[bi];
            int start = 0, acc = 0;
            // A piece ends where the next instruction would pass the limit (it jumps on), and at the block's end.
            for (int i = 0; i <= instSize.length; i++) {
                boolean blockEnd = i == instSize.length;
                int s = blockEnd ? 0 : instSize[i];
                if (blockEnd || acc > 0 && acc + s > maxPieceBytes) {
                    if (n == capacity) {
                        capacity = capacity * 2 + 1;
                        from = Arrays.copyOf(from, capacity);
                        to = Arrays.copyOf(to, capacity);
                        size = Arrays.copyOf(size, capacity);
                        owner = Arrays.copyOf(owner, capacity);
                    }
                    from[n] = start;
                    to[n] = i;
                    size[n] = acc + (blockEnd ? sizes.terminator[bi] : Sizes.JUMP);
                    owner[n++] = b;
                    start = i;
                    acc = 0;
                }
                acc += s;
            }
        }
        count = n;
        this.block = n == owner.length ? owner : Arrays.copyOf(owner, n);
        this.from = n == from.length ? from : Arrays.copyOf(from, n);
        this.to = n == to.length ? to : Arrays.copyOf(to, n);
        this.size = n == size.length ? size : Arrays.copyOf(size, n);

        succ = new int[n][];
        int[] predCount = new int[n];
        for (int p = 0; p < n; p++) {
            int[] s = successors(p);
            succ[p] = s;
            for (int t : s) predCount[t]++;
        }
        preds = new int[n][];
        for (int p = 0; p < n; p++) preds[p] = predCount[p] == 0 ? NONE : new int[predCount[p]];
        int[] fill = new int[n];
        for (int p = 0; p < n; p++) for (int s : succ[p]) preds[s][fill[s]++] = p;
    }

    /** Targets of the piece's edges, in the order of {@link #edges}. */
    private int[] successors(int p) {
        if (!endsBlock(p)) return new int[] {p + 1};
        Terminator t = block[p].terminator;
        if (t instanceof Terminator.Jump j) return new int[] {firstPiece[j.edge().target()]};
        if (t instanceof Terminator.Branch b) {
            return new int[] {firstPiece[b.ifTrue().target()], firstPiece[b.ifFalse().target()]};
        }
        if (t instanceof Terminator.Switch s) {
            Terminator.Edge[] targets = s.targets();
            int[] out = new int[targets.length + 1];
            for (int i = 0; i < targets.length; i++) out[i] = firstPiece[targets[i].target()];
            out[targets.length] = firstPiece[s.otherwise().target()];
            return out;
        }
        return NONE;
    }

    boolean isBlockStart(int p) { return from[p] == 0; }

    /** Whether the piece ends with its block's terminator (otherwise it falls into the next piece). */
    boolean endsBlock(int p) { return to[p] == block[p].insts.size(); }

    List<Inst> insts(int p) { return block[p].insts.subList(from[p], to[p]); }

    /** Parameters defined at the start of the piece (its block's, for a block's first piece). */
    List<Integer> params(int p) { return isBlockStart(p) ? block[p].params : List.of(); }

    boolean isLoopHeader(int p) { return isBlockStart(p) && block[p].loopHeader; }

    Edge edge(Terminator.Edge e) {
        return new Edge(firstPiece[e.target()], e.args(), paramsOf(e.target()));
    }

    /** The parameters of block {@code id}; callers only read the array. */
    private int[] paramsOf(int id) {
        int[] params = blockParams[id];
        if (params == null) {
            List<Integer> list = fn.block(id).params;
            params = new int[list.size()];
            for (int i = 0; i < params.length; i++) params[i] = list.get(i);
            blockParams[id] = params;
        }
        return params;
    }

    /** Fall-through edge of a piece that does not end its block. */
    Edge fallThrough(int p) { return new Edge(p + 1, NONE, NONE); }

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
        List<Inst> insts = block[p].insts;
        for (int i = from[p], end = to[p]; i < end; i++) for (int a : insts.get(i).args) use.accept(a);
        if (!endsBlock(p)) return;
        Terminator t = block[p].terminator;
        if (t instanceof Terminator.Jump j) {
            for (int a : j.edge().args()) use.accept(a);
        } else if (t instanceof Terminator.Branch b) {
            use.accept(b.cond());
            for (int a : b.ifTrue().args()) use.accept(a);
            for (int a : b.ifFalse().args()) use.accept(a);
        } else if (t instanceof Terminator.Switch s) {
            use.accept(s.index());
            for (Terminator.Edge e : s.targets()) for (int a : e.args()) use.accept(a);
            for (int a : s.otherwise().args()) use.accept(a);
        } else if (t instanceof Terminator.Return r) {
            for (int v : r.values()) use.accept(v);
        }
    }

    /** Values the piece defines: its parameters and instruction results. */
    void forEachDef(int p, java.util.function.IntConsumer def) {
        if (isBlockStart(p)) for (int v : block[p].params) def.accept(v);
        List<Inst> insts = block[p].insts;
        for (int i = from[p], end = to[p]; i < end; i++) for (int r : insts.get(i).results) def.accept(r);
    }

    /** Estimated bytes of every instruction and terminator of a function, by layout position. */
    static final class InstSizes {
        /** {@code inst[b][i]}: instruction {@code i} of the {@code b}-th block in layout order. */
        final int[][] inst;
        final int[] terminator;

        private InstSizes(int[][] inst, int[] terminator) {
            this.inst = inst;
            this.terminator = terminator;
        }

        static InstSizes of(IrFunction fn, VectorForms forms, Sizes sizes) {
            List<Block> blocks = fn.blocks;
            int[][] inst = new int[blocks.size()][];
            int[] terminator = new int[blocks.size()];
            for (int bi = 0; bi < blocks.size(); bi++) {
                Block b = blocks.get(bi);
                int[] s = new int[b.insts.size()];
                for (int i = 0; i < s.length; i++) s[i] = sizes.inst(fn, forms, b.insts.get(i));
                inst[bi] = s;
                terminator[bi] = sizes.terminator(fn, b.terminator);
            }
            return new InstSizes(inst, terminator);
        }
    }
}
