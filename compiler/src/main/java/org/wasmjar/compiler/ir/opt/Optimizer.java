package org.wasmjar.compiler.ir.opt;

import java.util.List;
import java.util.function.Predicate;
import org.wasmjar.compiler.ir.IrFunction;

/**
 * Runs the optimisation passes once, in this fixed order:
 * <ol>
 * <li>constant folding of integer operators ({@link ConstantFolding}),</li>
 * <li>branch folding: branches and switches on constants become jumps ({@link BranchFolding}),</li>
 * <li>removal of blocks unreachable from the entry ({@link UnreachableBlocks}),</li>
 * <li>copy propagation: parameters that always receive the same value are replaced by it ({@link CopyPropagation}),</li>
 * <li>dead value elimination: unused results of side-effect-free instructions ({@link DeadCode}),</li>
 * <li>loop exits: a counting loop's {@code !=} exit test becomes the ordered comparison it equals, which HotSpot
 * needs to treat the loop as counted ({@link LoopExits}).</li>
 * </ol>
 * Each step prepares the next: folding makes constant conditions, branch folding makes dead blocks, dropping
 * them removes edges so more parameters become copies, and copies leave dead instructions behind; the loop exit
 * proofs read the constants that folding and copy propagation leave.
 */
public final class Optimizer {
    private Optimizer() {}

    /** One pass: a name for diagnostics and a function that reports whether it changed anything. */
    public record Pass(String name, Predicate<IrFunction> run) {}

    public static final List<Pass> PASSES = List.of(
            new Pass("constant folding", ConstantFolding::run),
            new Pass("branch folding", BranchFolding::run),
            new Pass("unreachable blocks", UnreachableBlocks::run),
            new Pass("copy propagation", CopyPropagation::run),
            new Pass("dead code", DeadCode::run),
            new Pass("loop exits", LoopExits::run));

    public static void optimize(IrFunction f) {
        for (Pass p : PASSES) p.run().test(f);
    }
}
