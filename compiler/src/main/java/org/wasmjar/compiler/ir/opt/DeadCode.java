package org.wasmjar.compiler.ir.opt;

import static org.wasmjar.compiler.wasm.model.Opcodes.*;

import java.util.Arrays;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;

/**
 * Pass 5: instructions without side effects ({@link Effects}) whose results nothing live uses are removed;
 * so are divisions and remainders by a constant that cannot trap (non-zero, and not -1 when signed).
 * Liveness is a mark from the roots (terminator operands, edge arguments, arguments of effectful
 * instructions) back through the defining instructions, so dead chains go in one run.
 */
public final class DeadCode {
    private DeadCode() {}

    /** Returns whether anything changed. */
    public static boolean run(IrFunction f) {
        int n = f.valueCount();
        Inst[] defOf = new Inst[n];
        for (Block b : f.blocks) for (Inst inst : b.insts) for (int r : inst.results) defOf[r] = inst;
        boolean[] live = new boolean[n];
        int[] work = new int[16];
        int sp = 0;
        for (Block b : f.blocks) {
            for (Inst inst : b.insts) {
                if (effectful(inst, defOf)) for (int a : inst.args) work = push(work, sp++, a);
            }
            Terminator t = b.terminator;
            if (t instanceof Terminator.Branch br) work = push(work, sp++, br.cond());
            else if (t instanceof Terminator.Switch s) work = push(work, sp++, s.index());
            else if (t instanceof Terminator.Return r) for (int v : r.values()) work = push(work, sp++, v);
            for (Terminator.Edge e : t.edges()) for (int v : e.args()) work = push(work, sp++, v);
        }
        while (sp > 0) {
            int v = work[--sp];
            if (live[v]) continue;
            live[v] = true;
            Inst d = defOf[v];
            if (d != null) for (int a : d.args) if (!live[a]) work = push(work, sp++, a);
        }
        boolean changed = false;
        for (Block b : f.blocks) changed |= b.insts.removeIf(inst -> !anyLive(inst, live) && !effectful(inst, defOf));
        return changed;
    }

    private static boolean effectful(Inst inst, Inst[] defOf) {
        if (!Effects.hasSideEffects(inst.opcode)) return false;
        switch (inst.opcode) {
            case I32_DIV_U, I32_REM_U, I32_REM_S, I64_DIV_U, I64_REM_U, I64_REM_S:
                return constant(defOf[inst.args[1]]) == null || constant(defOf[inst.args[1]]) == 0;
            case I32_DIV_S, I64_DIV_S: {
                Long c = constant(defOf[inst.args[1]]);
                long d = c == null ? 0 : inst.opcode == I32_DIV_S ? (int) (long) c : c;
                return d == 0 || d == -1;
            }
            default:
                return true;
        }
    }

    /** The value of an integer constant instruction (i32 truncated to its 32 bits, sign-extended), else null. */
    private static Long constant(Inst def) {
        if (def == null) return null;
        if (def.opcode == I32_CONST) return (long) (int) def.c;
        if (def.opcode == I64_CONST) return def.c;
        return null;
    }

    private static boolean anyLive(Inst inst, boolean[] live) {
        for (int r : inst.results) if (live[r]) return true;
        return false;
    }

    private static int[] push(int[] work, int sp, int v) {
        if (sp == work.length) work = Arrays.copyOf(work, sp * 2);
        work[sp] = v;
        return work;
    }
}
