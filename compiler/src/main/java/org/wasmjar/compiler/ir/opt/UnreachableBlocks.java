package org.wasmjar.compiler.ir.opt;

import java.util.ArrayDeque;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;

/** Pass 3: blocks no path from the entry reaches are dropped from the layout (the rest keep their order). */
public final class UnreachableBlocks {
    private UnreachableBlocks() {}

    /** Returns whether anything changed. */
    public static boolean run(IrFunction f) {
        boolean[] reached = reachable(f);
        return f.blocks.removeIf(b -> !reached[b.id]);
    }

    /** Reachability from the entry, indexed by block id. */
    static boolean[] reachable(IrFunction f) {
        boolean[] reached = new boolean[f.blockIdCount()];
        ArrayDeque<Block> work = new ArrayDeque<>();
        work.push(f.entry());
        reached[f.entry().id] = true;
        while (!work.isEmpty()) {
            Block b = work.pop();
            for (Terminator.Edge e : b.terminator.edges()) {
                if (!reached[e.target()]) {
                    reached[e.target()] = true;
                    work.push(f.block(e.target()));
                }
            }
        }
        return reached;
    }
}
