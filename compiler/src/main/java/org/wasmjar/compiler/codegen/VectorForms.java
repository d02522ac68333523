package org.wasmjar.compiler.codegen;

import java.util.ArrayList;
import java.util.List;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.runtime.types.ValType;

/**
 * Which v128 values of a function live as four int quarters rather than two long halves (see
 * {@link SimdLowering}). A value takes the form its instruction produces: quarters for 32-bit lane operators,
 * halves for the others, halves at the calling convention (parameters, call results, globals). Bitwise operators
 * and {@code select} take quarters when all their (non-constant) operands are quarters; a block parameter takes
 * quarters when any value reaching it does, so a loop-carried f32x4 accumulator stays in quarters; a
 * {@code v128.load} takes the form most of its users read. Constants are emitted at each use in the form wanted.
 * Found by iterating to a fixed point: the rules only ever turn halves into quarters.
 */
final class VectorForms {
    /** No v128 values, or all in halves. */
    static final VectorForms NONE = new VectorForms(new boolean[0]);

    private final boolean[] quarters;

    private VectorForms(boolean[] quarters) { this.quarters = quarters; }

    /** Forms given value by value (for tests of the lowering). */
    static VectorForms of(boolean[] quarters) { return new VectorForms(quarters.clone()); }

    /** Whether value {@code v} is stored as quarters (false for anything but a v128). */
    boolean quarters(int v) { return v < quarters.length && quarters[v]; }

    /** How a value whose form depends on others finds it. */
    private enum Rule { LIKE_ARGS, LIKE_INCOMING }

    static VectorForms of(IrFunction fn) {
        int n = fn.valueCount();
        boolean any = false;
        for (int v = 0; v < n && !any; v++) any = fn.typeOf(v) == ValType.V128;
        if (!any) return NONE;

        boolean[] quarters = new boolean[n];
        boolean[] constant = new boolean[n];
        Rule[] rule = new Rule[n];
        Inst[] producer = new Inst[n];
        List<List<Integer>> incoming = new ArrayList<>(n);
        for (int v = 0; v < n; v++) incoming.add(null);
        int[] votes = new int[n];

        for (Block b : fn.blocks) {
            if (b != fn.entry()) for (int p : b.params) if (fn.typeOf(p) == ValType.V128) rule[p] = Rule.LIKE_INCOMING;
            for (Inst inst : b.insts) {
                for (int r : inst.results) producer[r] = inst;
                if (Opcodes.isSimd(inst.opcode)) {
                    SimdLowering.Shape shape = SimdLowering.shape(inst);
                    if (shape.reads() != null) {
                        for (int a : inst.args) if (fn.typeOf(a) == ValType.V128) votes[a] += shape.reads() == SimdLowering.Form.QUARTERS ? 1 : -1;
                    }
                }
            }
            for (Terminator.Edge e : b.terminator.edges()) {
                Block target = fn.block(e.target());
                for (int i = 0; i < e.args().length; i++) {
                    int p = target.params.get(i);
                    if (fn.typeOf(p) != ValType.V128) continue;
                    if (incoming.get(p) == null) incoming.set(p, new ArrayList<>());
                    incoming.get(p).add(e.args()[i]);
                }
            }
        }
        for (int v = 0; v < n; v++) {
            Inst inst = producer[v];
            if (fn.typeOf(v) != ValType.V128 || inst == null) continue;
            if (inst.opcode == Opcodes.SELECT || inst.opcode == Opcodes.SELECT_T) {
                rule[v] = Rule.LIKE_ARGS;
            } else if (Opcodes.isSimd(inst.opcode)) {
                switch (SimdLowering.shape(inst).result()) {
                    case QUARTERS -> quarters[v] = true;
                    case LIKE_ARGS -> rule[v] = Rule.LIKE_ARGS;
                    case ANY -> {
                        if (inst.opcode == Opcodes.V128_CONST) constant[v] = true;
                        else quarters[v] = votes[v] > 0;
                    }
                    case HALVES -> { }
                }
            }
        }

        boolean changed = true;
        while (changed) {
            changed = false;
            for (int v = 0; v < n; v++) {
                if (quarters[v] || rule[v] == null) continue;
                boolean q;
                if (rule[v] == Rule.LIKE_ARGS) {
                    q = true;
                    boolean seen = false;
                    int[] args = producer[v].args;
                    // select's condition is no vector; bitwise operators take vectors only
                    for (int a : args) {
                        if (fn.typeOf(a) != ValType.V128 || constant[a]) continue;
                        seen = true;
                        q &= quarters[a];
                    }
                    q &= seen;
                } else {
                    q = false;
                    List<Integer> in = incoming.get(v);
                    if (in != null) for (int a : in) q |= !constant[a] && quarters[a];
                }
                if (q) {
                    quarters[v] = true;
                    changed = true;
                }
            }
        }
        return new VectorForms(quarters);
    }
}
