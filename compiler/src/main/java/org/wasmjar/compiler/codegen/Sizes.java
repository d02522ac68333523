package org.wasmjar.compiler.codegen;

import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;
import org.wasmjar.compiler.wasm.model.Opcodes;

/** Upper bounds of the bytecode bytes the emitter produces, for method planning. */
final class Sizes {
    /** A local load or store (wide form). */
    static final int LOCAL = 4;
    /** Moving one value between a local and the frame arrays, conversion included. */
    static final int FRAME = 14;
    /** A goto (wide jumps are never needed in methods under 32 KB). */
    static final int JUMP = 3;
    /** Reloading the memory array from the instance. */
    static final int MEMORY_RELOAD = 11;
    /** Unboxing one result of a multi-value call, or boxing one multi-value result. */
    static final int BOX = 20;

    private final InstLowering lowering;
    private final boolean hasMemory;

    Sizes(InstLowering lowering, boolean hasMemory) {
        this.lowering = lowering;
        this.hasMemory = hasMemory;
    }

    int inst(Inst inst) {
        int n = inst.args.length * LOCAL + inst.results.length * (LOCAL + 1);
        if (inst.results.length > 1) n += inst.results.length * BOX + LOCAL + 1;
        return n + switch (inst.opcode) {
            case Opcodes.CALL -> 20 + (hasMemory ? MEMORY_RELOAD : 0);
            case Opcodes.CALL_INDIRECT -> 30 + (hasMemory ? MEMORY_RELOAD : 0);
            case Opcodes.SELECT, Opcodes.SELECT_T -> 2 * LOCAL + 10;
            default -> lowering.estimateSize(inst) + (hasMemory ? MEMORY_RELOAD : 0);
        };
    }

    /** A constant that costs no more to emit than a local load (so it is emitted at each use). */
    boolean isCheapConstant(Inst inst) {
        boolean constant = switch (inst.opcode) {
            case Opcodes.I32_CONST, Opcodes.I64_CONST, Opcodes.F32_CONST, Opcodes.F64_CONST -> true;
            default -> false;
        };
        return constant && inst.results.length == 1 && lowering.estimateSize(inst) <= LOCAL;
    }

    int terminator(IrFunction fn, Terminator t) {
        if (t instanceof Terminator.Jump j) return edge(j.edge());
        if (t instanceof Terminator.Branch b) return LOCAL + 3 + edge(b.ifTrue()) + edge(b.ifFalse());
        if (t instanceof Terminator.Switch s) {
            SwitchTable table = new SwitchTable(s);
            int cases = table.distinct.size();
            int n = 2 * LOCAL + 16 + edge(s.otherwise());
            n += table.inline() ? 4 * s.targets().length : 20 + table.chunks() * (24 + 4 * cases);
            for (Terminator.Edge e : table.distinct) n += edge(e);
            return n;
        }
        if (t instanceof Terminator.Return r) return r.values().length * (LOCAL + BOX) + 8;
        return 12;
    }

    /** An edge's parallel copy (or, leaving a group, its frame stores) and the jump. */
    static int edge(Terminator.Edge e) { return e.args().length * FRAME + 6; }
}
