package org.wasmjar.compiler.codegen;

import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.runtime.types.ValType;

/** Upper bounds of the bytecode bytes the emitter produces, for method planning. */
final class Sizes {
    /** A local load or store (wide form). */
    static final int LOCAL = 4;
    /** Moving one value between a local and the frame arrays, conversion included. */
    static final int FRAME = 14;
    /**
     * Moving a v128 between locals, or a local and the frame, converting between halves and quarters: the
     * worst is an edge copy of halves into quarters, four cut quarters (8 bytes each) and four int stores.
     */
    static final int FRAME_V128 = 48;
    /** Pushing a v128 as two halves, packing them from quarters if need be (a long or int load per part). */
    static final int LOAD_V128 = 22;
    /** Storing a v128 result: four int stores at most. */
    static final int STORE_V128 = 17;
    /** A goto (wide jumps are never needed in methods under 32 KB). */
    static final int JUMP = 3;
    /** Reloading the memory array from the instance. */
    static final int MEMORY_RELOAD = 11;
    /** Unboxing one result of a multi-value call, or boxing one multi-value result (a v128 takes {@link #BOX_V128}). */
    static final int BOX = 20;
    static final int BOX_V128 = 30;

    private final InstLowering lowering;
    private final boolean hasMemory;

    Sizes(InstLowering lowering, boolean hasMemory) {
        this.lowering = lowering;
        this.hasMemory = hasMemory;
    }

    /** {@code inst} of {@code fn}, whose v128 values are stored as {@code forms} says. */
    int inst(IrFunction fn, VectorForms forms, Inst inst) {
        int n = 0;
        // a SIMD instruction's estimate includes its operand pushes
        if (!Opcodes.isSimd(inst.opcode)) for (int a : inst.args) n += fn.typeOf(a) == ValType.V128 ? LOAD_V128 : LOCAL;
        for (int r : inst.results) n += fn.typeOf(r) == ValType.V128 ? STORE_V128 : LOCAL + 1;
        if (inst.results.length > 1) {
            for (int r : inst.results) n += box(fn.typeOf(r));
            n += LOCAL + 1;
        } else if (inst.results.length == 1 && fn.typeOf(inst.results[0]) == ValType.V128
                && (inst.opcode == Opcodes.CALL || inst.opcode == Opcodes.CALL_INDIRECT)) {
            n += BOX_V128; // a call returns a v128 boxed
        }
        return n + switch (inst.opcode) {
            case Opcodes.CALL -> 20 + (hasMemory ? MEMORY_RELOAD : 0);
            case Opcodes.CALL_INDIRECT -> 30 + (hasMemory ? MEMORY_RELOAD : 0);
            // each arm copies a v128 in the result's form (the args above count loads as halves only)
            case Opcodes.SELECT, Opcodes.SELECT_T -> 2 * LOCAL + 10
                    + (fn.typeOf(inst.results[0]) == ValType.V128 ? 2 * FRAME_V128 : 0);
            // only memory.grow replaces the memory array (calls are counted above)
            default -> lowering.estimateSize(inst, forms) + (hasMemory && inst.opcode == Opcodes.MEMORY_GROW ? MEMORY_RELOAD : 0);
        };
    }

    /** A constant that costs no more to emit than loading it from its local(s) (so it is emitted at each use). */
    boolean isCheapConstant(Inst inst, VectorForms forms) {
        int locals = switch (inst.opcode) {
            case Opcodes.I32_CONST, Opcodes.I64_CONST, Opcodes.F32_CONST, Opcodes.F64_CONST -> 1;
            case Opcodes.V128_CONST -> 2;
            default -> 0;
        };
        return locals > 0 && inst.results.length == 1 && lowering.estimateSize(inst, forms) <= locals * LOCAL;
    }

    int terminator(IrFunction fn, Terminator t) {
        if (t instanceof Terminator.Jump j) return edge(fn, j.edge());
        if (t instanceof Terminator.Branch b) return LOCAL + 3 + edge(fn, b.ifTrue()) + edge(fn, b.ifFalse());
        if (t instanceof Terminator.Switch s) {
            SwitchTable table = new SwitchTable(s);
            int cases = table.distinct.size();
            int n = 2 * LOCAL + 16 + edge(fn, s.otherwise());
            n += table.inline() ? 4 * s.targets().length : 20 + table.chunks() * (24 + 4 * cases);
            for (Terminator.Edge e : table.distinct) n += edge(fn, e);
            return n;
        }
        if (t instanceof Terminator.Return r) {
            int n = 8;
            for (int v : r.values()) n += (fn.typeOf(v) == ValType.V128 ? LOAD_V128 : LOCAL) + box(fn.typeOf(v));
            return n;
        }
        return 12;
    }

    /** An edge's parallel copy (or, leaving a group, its frame stores) and the jump. */
    static int edge(IrFunction fn, Terminator.Edge e) {
        int n = 6;
        for (int a : e.args()) n += frame(fn.typeOf(a));
        return n;
    }

    /** Moving a value of type {@code t} between a local and the frame. */
    static int frame(ValType t) { return t == ValType.V128 ? FRAME_V128 : FRAME; }

    /** Boxing or unboxing a value of type {@code t}. */
    static int box(ValType t) { return t == ValType.V128 ? BOX_V128 : BOX; }
}
