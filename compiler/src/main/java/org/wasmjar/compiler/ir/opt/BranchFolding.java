package org.wasmjar.compiler.ir.opt;

import static org.wasmjar.compiler.wasm.model.Opcodes.I32_CONST;

import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;

/** Pass 2: a branch or switch on a constant becomes a jump to the edge it would take. */
public final class BranchFolding {
    private BranchFolding() {}

    /** Returns whether anything changed. */
    public static boolean run(IrFunction f) {
        Inst[] constOf = new Inst[f.valueCount()];
        for (Block b : f.blocks) {
            for (Inst inst : b.insts) if (inst.opcode == I32_CONST) constOf[inst.results[0]] = inst;
        }
        boolean changed = false;
        for (Block b : f.blocks) {
            Terminator.Edge taken = null;
            if (b.terminator instanceof Terminator.Branch br && constOf[br.cond()] != null) {
                taken = (int) constOf[br.cond()].c != 0 ? br.ifTrue() : br.ifFalse();
            } else if (b.terminator instanceof Terminator.Switch s && constOf[s.index()] != null) {
                int i = (int) constOf[s.index()].c;
                taken = Integer.compareUnsigned(i, s.targets().length) < 0 ? s.targets()[i] : s.otherwise();
            }
            if (taken != null) {
                b.terminator = new Terminator.Jump(taken);
                changed = true;
            }
        }
        return changed;
    }
}
