package org.wasmjar.compiler.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator.Branch;
import org.wasmjar.compiler.ir.Terminator.Edge;
import org.wasmjar.compiler.ir.Terminator.Switch;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.runtime.types.ValType;

/**
 * Splits a {@code br_table} too big for one method into chunks: consecutive runs of table entries, each a new
 * block switching on {@code index - firstEntry}, reached through a balanced tree of unsigned comparisons on the
 * index. Every distinct target costs an edge stub (copies of its arguments) in the method holding the switch, so
 * one table with hundreds of targets, or fewer targets carrying many arguments (as Go's resumption tables do),
 * would make a method over the 8 KB JIT limit; chunk blocks can go to different methods.
 */
final class SwitchSplitting {
    /** Entries of one chunk, so a switch keeps at most this many distinct targets besides its default. */
    static final int CHUNK = 256;
    /** Estimated bytes of one chunk's switch: well under a group's budget, so a group holds it with other code. */
    static final int CHUNK_BYTES = 3_000;

    private SwitchSplitting() {}

    static void run(IrFunction fn, Sizes sizes) {
        for (int i = 0; i < fn.blocks.size(); i++) {
            Block b = fn.blocks.get(i);
            if (b.terminator instanceof Switch s && tooBig(fn, sizes, s)) split(fn, b, s);
        }
    }

    private static boolean tooBig(IrFunction fn, Sizes sizes, Switch s) {
        return s.targets().length > 1 && (distinctTargets(s) > CHUNK || sizes.terminator(fn, s) > CHUNK_BYTES);
    }

    /** Distinct targets of the table entries (the default aside). */
    private static int distinctTargets(Switch s) {
        Set<Integer> targets = new HashSet<>();
        for (Edge e : s.targets()) targets.add(e.target());
        return targets.size();
    }

    /** Cuts the table into runs of at most {@link #CHUNK} entries and about {@link #CHUNK_BYTES} each. */
    private static List<Integer> chunkStarts(IrFunction fn, Switch s) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        int fixed = 2 * Sizes.LOCAL + 16 + Sizes.edge(fn, s.otherwise());
        int bytes = fixed;
        List<Edge> distinct = new ArrayList<>();
        Edge[] targets = s.targets();
        for (int i = 0; i < targets.length; i++) {
            Edge e = targets[i];
            boolean isNew = distinct.stream().noneMatch(d -> d.target() == e.target() && Arrays.equals(d.args(), e.args()));
            int cost = 4 + (isNew ? Sizes.edge(fn, e) : 0);
            int entries = i - starts.get(starts.size() - 1);
            if (entries > 0 && (entries >= CHUNK || bytes + cost > CHUNK_BYTES)) {
                starts.add(i);
                distinct.clear();
                bytes = fixed;
                cost = 4 + Sizes.edge(fn, e);
            }
            if (isNew || distinct.isEmpty()) distinct.add(e);
            bytes += cost;
        }
        return starts;
    }

    private static void split(IrFunction fn, Block b, Switch s) {
        List<Integer> starts = chunkStarts(fn, s);
        if (starts.size() < 2) return; // one entry alone is this big: nothing to cut
        int n = s.targets().length;
        int at = fn.blocks.indexOf(b) + 1;
        List<Block> chunks = new ArrayList<>();
        for (int c = 0; c < starts.size(); c++) {
            int lo = starts.get(c), hi = c + 1 < starts.size() ? starts.get(c + 1) : n;
            Block chunk = newBlock(fn, b, at++);
            int index = lo == 0 ? s.index() : result(fn, chunk, Opcodes.I32_SUB, s.index(), constant(fn, chunk, lo));
            // An index past the table (negative as an int too) lands in the last chunk, whose switch takes otherwise.
            chunk.terminator = new Switch(index, Arrays.copyOfRange(s.targets(), lo, hi), s.otherwise());
            chunks.add(chunk);
        }
        decide(fn, b, s.index(), starts, chunks, 0, chunks.size(), at);
    }

    /**
     * Makes {@code into} go to the chunk among {@code [lo, hi)} holding the index: a branch on
     * {@code index <u start of the middle chunk} to two halves, new blocks inserted at {@code at}.
     */
    private static void decide(IrFunction fn, Block into, int index, List<Integer> starts, List<Block> chunks,
                               int lo, int hi, int at) {
        int mid = (lo + hi) / 2;
        int below = result(fn, into, Opcodes.I32_LT_U, index, constant(fn, into, starts.get(mid)));
        into.terminator = new Branch(below, side(fn, into, index, starts, chunks, lo, mid, at),
                side(fn, into, index, starts, chunks, mid, hi, at));
    }

    private static Edge side(IrFunction fn, Block parent, int index, List<Integer> starts, List<Block> chunks,
                             int lo, int hi, int at) {
        if (hi - lo == 1) return new Edge(chunks.get(lo).id, new int[0]);
        Block node = newBlock(fn, parent, at);
        decide(fn, node, index, starts, chunks, lo, hi, at);
        return new Edge(node.id, new int[0]);
    }

    private static Block newBlock(IrFunction fn, Block like, int at) {
        Block b = fn.newBlock();
        b.loopDepth = like.loopDepth;
        fn.blocks.add(at, b);
        return b;
    }

    private static int constant(IrFunction fn, Block b, int value) {
        int v = fn.newValue(ValType.I32);
        b.insts.add(new Inst(Opcodes.I32_CONST, new int[0], new int[] {v}, 0, 0, value, null, 0));
        return v;
    }

    private static int result(IrFunction fn, Block b, int opcode, int left, int right) {
        int v = fn.newValue(ValType.I32);
        b.insts.add(new Inst(opcode, new int[] {left, right}, new int[] {v}, 0, 0, 0, null, 0));
        return v;
    }
}
