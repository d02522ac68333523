package org.wasmjar.compiler.wasm.validate;

import static org.wasmjar.compiler.wasm.model.Opcodes.*;
import static org.wasmjar.compiler.wasm.validate.OperatorTypes.FUNCREF;
import static org.wasmjar.compiler.wasm.validate.OperatorTypes.I32;
import static org.wasmjar.compiler.wasm.validate.OperatorTypes.UNKNOWN;
import static org.wasmjar.compiler.wasm.validate.OperatorTypes.V128;
import static org.wasmjar.compiler.wasm.validate.OperatorTypes.code;

import java.util.Arrays;
import java.util.List;
import org.wasmjar.compiler.wasm.model.BlockType;
import org.wasmjar.compiler.wasm.model.FunctionBody;
import org.wasmjar.compiler.wasm.model.Instruction;
import org.wasmjar.compiler.wasm.model.LocalDecl;
import org.wasmjar.runtime.types.ValType;

/**
 * Validates function bodies with the algorithm of the spec's validation appendix: an operand stack of
 * type codes ({@link OperatorTypes#UNKNOWN} standing for any type in unreachable code) and a stack of
 * control frames. All state lives in primitive arrays reused from one body to the next, so validating
 * an instruction allocates nothing.
 */
final class CodeValidator {
    private static final byte[] NONE = {};
    /** Result lists of single-result block types, by type code, shared instead of allocated per block. */
    private static final byte[][] SINGLE = new byte[8][];

    static {
        for (byte c = 1; c < SINGLE.length; c++) SINGLE[c] = new byte[] {c};
    }

    private final Validator module;

    private byte[] vals = new byte[64];
    private int sp;

    private int[] ctrlOp = new int[16];
    private byte[][] ctrlParams = new byte[16][];
    private byte[][] ctrlResults = new byte[16][];
    private int[] ctrlHeight = new int[16];
    private boolean[] ctrlUnreachable = new boolean[16];
    private int depth;

    private int localCount;
    private byte[] localTypes = new byte[64];

    /** Block type of the block/loop/if being entered, set by {@link #blockType}. */
    private byte[] blockParams, blockResults;
    /** Offset of the instruction being checked, for error reports. */
    private int at;

    CodeValidator(Validator module) { this.module = module; }

    void validate(int typeIndex, FunctionBody body) {
        at = body.offset();
        setUpLocals(typeIndex, body.locals());
        sp = 0;
        depth = 0;
        byte[] results = module.typeResults[typeIndex];
        pushCtrl(BLOCK, NONE, results);
        List<Instruction> code = body.code();
        for (int i = 0, n = code.size(); i < n; i++) {
            if (depth == 0) throw error("operators remaining after end of function");
            Instruction in = code.get(i);
            at = in.offset();
            step(in, results);
        }
        if (depth != 0) throw error("unexpected end of section or function");
    }

    private void step(Instruction in, byte[] functionResults) {
        int op = in.opcode();
        switch (op) {
            case UNREACHABLE -> unreachable();
            case NOP -> { }
            case BLOCK, LOOP -> {
                blockType(in.blockType());
                popVals(blockParams);
                pushCtrl(op, blockParams, blockResults);
            }
            case IF -> {
                blockType(in.blockType());
                pop(I32);
                popVals(blockParams);
                pushCtrl(IF, blockParams, blockResults);
            }
            case ELSE -> {
                if (ctrlOp[depth - 1] != IF) throw error("else without if");
                int f = popCtrl();
                pushCtrl(ELSE, ctrlParams[f], ctrlResults[f]);
            }
            case END -> {
                int f = popCtrl();
                // an if without else passes its parameters through as results
                if (ctrlOp[f] == IF && !Arrays.equals(ctrlParams[f], ctrlResults[f])) throw mismatch();
                pushVals(ctrlResults[f]);
            }
            case BR -> {
                popVals(labelTypes(label(in.a())));
                unreachable();
            }
            case BR_IF -> {
                byte[] types = labelTypes(label(in.a()));
                pop(I32);
                popVals(types);
                pushVals(types);
            }
            case BR_TABLE -> brTable(in.labels());
            case RETURN -> {
                popVals(functionResults);
                unreachable();
            }
            case CALL -> {
                int t = functionType(in.a());
                popVals(module.typeParams[t]);
                pushVals(module.typeResults[t]);
            }
            case CALL_INDIRECT -> {
                if (table(in.b()) != FUNCREF) throw mismatch();
                int t = in.a();
                if (t < 0 || t >= module.typeParams.length) throw error("unknown type");
                module.checkCallable(t, at);
                pop(I32);
                popVals(module.typeParams[t]);
                pushVals(module.typeResults[t]);
            }
            case DROP -> popAny();
            case SELECT -> select();
            case SELECT_T -> {
                ValType[] types = (ValType[]) in.extra();
                if (types.length != 1) throw error("invalid result arity");
                byte t = code(types[0]);
                pop(I32);
                pop(t);
                pop(t);
                push(t);
            }
            case LOCAL_GET -> push(localType(in.a()));
            case LOCAL_SET -> pop(localType(in.a()));
            case LOCAL_TEE -> {
                byte t = localType(in.a());
                pop(t);
                push(t);
            }
            case GLOBAL_GET -> push(module.globalTypes[global(in.a())]);
            case GLOBAL_SET -> {
                int g = global(in.a());
                if (!module.globalMutable[g]) throw error("global is immutable");
                pop(module.globalTypes[g]);
            }
            case TABLE_GET -> {
                byte t = table(in.a());
                pop(I32);
                push(t);
            }
            case TABLE_SET -> {
                byte t = table(in.a());
                pop(t);
                pop(I32);
            }
            case MEMORY_SIZE -> {
                memory(in.a());
                push(I32);
            }
            case MEMORY_GROW -> {
                memory(in.a());
                pop(I32);
                push(I32);
            }
            case REF_NULL -> push(code((ValType) in.extra()));
            case REF_IS_NULL -> {
                byte t = popAny();
                if (t != UNKNOWN && !OperatorTypes.isRef(t)) throw mismatch();
                push(I32);
            }
            case REF_FUNC -> {
                functionType(in.a());
                if (!module.declaredFunctions.get(in.a())) throw error("undeclared function reference");
                push(FUNCREF);
            }
            case MEMORY_INIT -> {
                memory(in.b());
                dataSegment(in.a());
                popI32s(3);
            }
            case DATA_DROP -> dataSegment(in.a());
            case MEMORY_COPY -> {
                memory(in.a());
                memory(in.b());
                popI32s(3);
            }
            case MEMORY_FILL -> {
                memory(in.a());
                popI32s(3);
            }
            case TABLE_INIT -> {
                byte t = table(in.b());
                if (elemSegment(in.a()) != t) throw mismatch();
                popI32s(3);
            }
            case ELEM_DROP -> elemSegment(in.a());
            case TABLE_COPY -> {
                if (table(in.a()) != table(in.b())) throw mismatch();
                popI32s(3);
            }
            case TABLE_GROW -> {
                byte t = table(in.a());
                pop(I32);
                pop(t);
                push(I32);
            }
            case TABLE_SIZE -> {
                table(in.a());
                push(I32);
            }
            case TABLE_FILL -> {
                byte t = table(in.a());
                pop(I32);
                pop(t);
                pop(I32);
            }
            case I8X16_SHUFFLE -> {
                for (byte lane : (byte[]) in.extra()) if ((lane & 0xFF) >= 32) throw error("invalid lane index");
                pop(V128);
                pop(V128);
                push(V128);
            }
            default -> fixedSignature(in);
        }
    }

    /** Operators typed by {@link OperatorTypes}: numeric, conversions, loads/stores and most of SIMD. */
    private void fixedSignature(Instruction in) {
        int op = in.opcode();
        int sig = OperatorTypes.signature(op);
        if (sig == 0) throw error("unknown operator " + name(op));
        int alignment = OperatorTypes.naturalAlignment(op);
        if (alignment >= 0) {
            memory(in.b());
            if (Integer.compareUnsigned(in.a(), alignment) > 0) throw error("alignment must not be larger than natural");
        }
        int lanes = OperatorTypes.lanes(op);
        if (lanes > 0) {
            int lane = alignment >= 0 ? (Integer) in.extra() : in.a();
            if (Integer.compareUnsigned(lane, lanes) >= 0) throw error("invalid lane index");
        }
        for (int i = OperatorTypes.paramCount(sig) - 1; i >= 0; i--) pop(OperatorTypes.param(sig, i));
        byte result = OperatorTypes.result(sig);
        if (result != UNKNOWN) push(result);
    }

    private void select() {
        pop(I32);
        byte t1 = popAny();
        byte t2 = popAny();
        // untyped select is for numeric and vector operands only
        if (t1 > V128 || t2 > V128) throw mismatch();
        if (t1 != t2 && t1 != UNKNOWN && t2 != UNKNOWN) throw mismatch();
        push(t1 == UNKNOWN ? t2 : t1);
    }

    private void brTable(int[] labels) {
        pop(I32);
        int defaultFrame = label(labels[labels.length - 1]);
        int arity = labelTypes(defaultFrame).length;
        for (int label : labels) {
            byte[] types = labelTypes(label(label));
            if (types.length != arity) throw mismatch();
            checkTop(types);
        }
        popVals(labelTypes(defaultFrame));
        unreachable();
    }

    /** Checks that the top of the stack matches {@code types} without popping (spec: pop then push back). */
    private void checkTop(byte[] types) {
        int height = ctrlHeight[depth - 1];
        for (int i = types.length - 1, p = sp - 1; i >= 0; i--, p--) {
            if (p < height) {
                if (ctrlUnreachable[depth - 1]) return;
                throw mismatch();
            }
            byte actual = vals[p];
            if (actual != types[i] && actual != UNKNOWN) throw mismatch();
        }
    }

    // ---- operand stack

    private void push(byte t) {
        if (sp == vals.length) vals = Arrays.copyOf(vals, sp * 2);
        vals[sp++] = t;
    }

    private void pushVals(byte[] types) {
        for (byte t : types) push(t);
    }

    private byte popAny() {
        if (sp == ctrlHeight[depth - 1]) {
            if (ctrlUnreachable[depth - 1]) return UNKNOWN;
            throw mismatch();
        }
        return vals[--sp];
    }

    private void pop(byte expected) {
        byte actual = popAny();
        if (actual != expected && actual != UNKNOWN && expected != UNKNOWN) throw mismatch();
    }

    private void popVals(byte[] types) {
        for (int i = types.length - 1; i >= 0; i--) pop(types[i]);
    }

    private void popI32s(int n) {
        for (int i = 0; i < n; i++) pop(I32);
    }

    // ---- control stack

    private void pushCtrl(int op, byte[] params, byte[] results) {
        if (depth == ctrlOp.length) {
            int n = depth * 2;
            ctrlOp = Arrays.copyOf(ctrlOp, n);
            ctrlParams = Arrays.copyOf(ctrlParams, n);
            ctrlResults = Arrays.copyOf(ctrlResults, n);
            ctrlHeight = Arrays.copyOf(ctrlHeight, n);
            ctrlUnreachable = Arrays.copyOf(ctrlUnreachable, n);
        }
        ctrlOp[depth] = op;
        ctrlParams[depth] = params;
        ctrlResults[depth] = results;
        ctrlHeight[depth] = sp;
        ctrlUnreachable[depth] = false;
        depth++;
        pushVals(params);
    }

    /** Pops the innermost frame after checking its results; returns its index (its slots stay readable). */
    private int popCtrl() {
        int f = depth - 1;
        popVals(ctrlResults[f]);
        if (sp != ctrlHeight[f]) throw mismatch();
        depth--;
        return f;
    }

    private void unreachable() {
        sp = ctrlHeight[depth - 1];
        ctrlUnreachable[depth - 1] = true;
    }

    /** The frame index a branch depth refers to. */
    private int label(int relativeDepth) {
        if (Integer.compareUnsigned(relativeDepth, depth) >= 0) throw error("unknown label");
        return depth - 1 - relativeDepth;
    }

    private byte[] labelTypes(int frame) {
        return ctrlOp[frame] == LOOP ? ctrlParams[frame] : ctrlResults[frame];
    }

    private void blockType(BlockType bt) {
        if (bt.typeIndex() >= 0) {
            if (bt.typeIndex() >= module.typeParams.length) throw error("unknown type");
            blockParams = module.typeParams[bt.typeIndex()];
            blockResults = module.typeResults[bt.typeIndex()];
        } else {
            blockParams = NONE;
            blockResults = bt.result() == null ? NONE : SINGLE[code(bt.result())];
        }
    }

    // ---- locals

    private void setUpLocals(int typeIndex, List<LocalDecl> decls) {
        byte[] params = module.typeParams[typeIndex];
        long total = params.length;
        for (LocalDecl d : decls) {
            if (d.count() < 0) throw error("too many locals");
            total += d.count();
            if (total > ImplementationLimits.MAX_LOCALS) {
                throw new ImplementationLimitException("more than " + ImplementationLimits.MAX_LOCALS + " locals in one function", at);
            }
        }
        localCount = (int) total;
        if (localTypes.length < localCount) localTypes = new byte[localCount];
        System.arraycopy(params, 0, localTypes, 0, params.length);
        int k = params.length;
        for (LocalDecl d : decls) {
            int n = (int) d.count();
            Arrays.fill(localTypes, k, k + n, code(d.type()));
            k += n;
        }
    }

    private byte localType(int index) {
        if (index < 0 || index >= localCount) throw error("unknown local " + Integer.toUnsignedString(index));
        return localTypes[index];
    }

    // ---- index spaces

    private int functionType(int f) {
        if (f < 0 || f >= module.functionTypes.length) throw error("unknown function " + Integer.toUnsignedString(f));
        return module.functionTypes[f];
    }

    private byte table(int t) {
        if (t < 0 || t >= module.tableTypes.length) throw error("unknown table " + Integer.toUnsignedString(t));
        return module.tableTypes[t];
    }

    private void memory(int m) {
        if (m < 0 || m >= module.memoryCount) throw error("unknown memory " + Integer.toUnsignedString(m));
    }

    private int global(int g) {
        if (g < 0 || g >= module.globalTypes.length) throw error("unknown global " + Integer.toUnsignedString(g));
        return g;
    }

    private byte elemSegment(int e) {
        if (e < 0 || e >= module.elemTypes.length) throw error("unknown elem segment " + Integer.toUnsignedString(e));
        return module.elemTypes[e];
    }

    private void dataSegment(int d) {
        if (d < 0 || d >= module.dataSegments) throw error("unknown data segment " + Integer.toUnsignedString(d));
        // a binary-format rule (data segments come after the code), kept here in case the parser lets it pass
        if (!module.hasDataCount) throw error("data count section required");
    }

    private InvalidModuleException mismatch() { return error("type mismatch"); }

    private InvalidModuleException error(String reason) { return new InvalidModuleException(reason, at); }
}
