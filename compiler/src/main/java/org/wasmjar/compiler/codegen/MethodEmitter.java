package org.wasmjar.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.Terminator;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/**
 * Emits the body of one method: a whole function, or one group of a split function. Every SSA value lives in
 * its own JVM local (a v128 in four slots: two long halves or four int quarters, as {@link VectorForms} decides);
 * the operand stack is empty at every block start (block parameters are locals that edges copy into), which
 * HotSpot needs to compile loops on-stack.
 */
final class MethodEmitter {
    /** What every method of a module shares: module facts, instruction lowering, where each function lives. */
    record Context(ModuleFacts facts, InstLowering lowering, String[] functionOwner, IndirectCalls indirect) {}

    private final Context ctx;
    private final FunctionPlan plan;
    private final Pieces pieces;
    private final MethodVisitor mv;
    /** Group emitted, or -1 for a whole function. */
    private final int group;
    private final int first, end;
    private final int[] local;
    private final Label[] labels;
    private int nextLocal;
    /** A value left on the operand stack for the next instruction, which takes it as its first argument; or -1. */
    private int onStack = -1;
    /** Whether the instruction being emitted leaves its result on the stack (see {@link #staysOnStack}). */
    private boolean keep;
    /** A comparison read only by the piece's branch or the next select, emitted by {@link #jumpIf}; or null. */
    private Inst fusedCompare;
    /** Values given a local in this method, to clear the plan's shared local table afterwards. */
    private final Liveness.IntList assigned = new Liveness.IntList();
    private int instLocal, memLocal = -1, arrayLocal = -1;
    /** The SIMD instruction being emitted, whose arguments {@link #operands} pushes. */
    private Inst simd;
    private final InstLowering.Operands operands = new SimdLowering.Operands() {
        @Override public VectorForms forms() { return plan.forms; }

        @Override public void push(int k) { load(simd.args[k]); }

        @Override public void pushHalf(int k, boolean high) { loadHalf(simd.args[k], high); }

        @Override public void pushQuarter(int k, int q) { loadQuarter(simd.args[k], q); }

        @Override public boolean isQuarters(int k) { return quarters(simd.args[k]); }

        @Override public boolean resultInQuarters() { return simd.results.length == 1 && quarters(simd.results[0]); }
    };
    private static final int FRAME_LONGS = 0, FRAME_REFS = 1, ENTRY = 3;

    private MethodEmitter(Context ctx, FunctionPlan plan, MethodVisitor mv, int group) {
        this.ctx = ctx;
        this.plan = plan;
        this.pieces = plan.pieces;
        this.mv = mv;
        this.group = group;
        this.first = group < 0 ? 0 : plan.groupStart[group];
        this.end = group < 0 ? pieces.count : plan.groupStart[group + 1];
        this.local = plan.localScratch();
        this.labels = new Label[end - first];
        for (int i = 0; i < labels.length; i++) labels[i] = new Label();
    }

    /** Emits {@code f<i>} for a function that is not split. */
    static void emitWhole(Context ctx, FunctionPlan plan, MethodVisitor mv) {
        MethodEmitter e = new MethodEmitter(ctx, plan, mv, -1);
        for (int v : plan.pieces.params(0)) e.localOf(v); // the entry block's parameters are the method's
        e.instLocal = e.nextLocal++;
        e.body();
    }

    /** Emits {@code f<i>$<group>} of a split function. */
    static void emitGroup(Context ctx, FunctionPlan plan, int group, MethodVisitor mv) {
        MethodEmitter e = new MethodEmitter(ctx, plan, mv, group);
        e.instLocal = 2;
        e.nextLocal = 4;
        e.body();
    }

    private void body() {
        if (ctx.facts().hasMemory()) {
            memLocal = nextLocal++;
            Emit.loadMemory(mv, instLocal, memLocal);
        }
        if (plan.fn.valueCount() >= LocalAllocation.WORTH_IT) {
            int[] entryValues = group >= 0 ? plan.prologue[group] : new int[0];
            nextLocal = LocalAllocation.assign(plan, first, end, entryValues, nextLocal, local, assigned);
        }
        if (group >= 0) dispatchEntry();
        for (int p = first; p < end; p++) piece(p);
        for (int i = 0; i < assigned.size; i++) local[assigned.data[i]] = -1;
    }

    /** Loads the group's frame values and jumps to the entry piece the caller asked for. */
    private void dispatchEntry() {
        for (int v : plan.prologue[group]) {
            if (quarters(v)) {
                // each long slot splits into two quarters
                for (int half = 0; half < 2; half++) {
                    mv.visitVarInsn(ALOAD, FRAME_LONGS);
                    Emit.pushInt(mv, plan.frameSlot[v] + half);
                    mv.visitInsn(LALOAD);
                    mv.visitInsn(DUP2);
                    mv.visitInsn(L2I);
                    mv.visitVarInsn(ISTORE, localOf(v) + 2 * half);
                    Emit.pushInt(mv, 32);
                    mv.visitInsn(LUSHR);
                    mv.visitInsn(L2I);
                    mv.visitVarInsn(ISTORE, localOf(v) + 2 * half + 1);
                }
            } else {
                Emit.loadFrame(mv, type(v), plan.frameSlot[v], FRAME_LONGS, FRAME_REFS);
                store(v);
            }
        }
        int[] entries = plan.entries[group];
        if (entries.length == 0) {
            // Nothing enters this group (dead code); its pieces are never reached.
            mv.visitInsn(ICONST_M1);
            mv.visitInsn(IRETURN);
        } else if (entries.length > 1 || entries[0] != first) {
            Label[] targets = new Label[entries.length];
            for (int i = 0; i < entries.length; i++) targets[i] = label(entries[i]);
            mv.visitVarInsn(ILOAD, ENTRY);
            mv.visitTableSwitchInsn(0, entries.length - 1, targets[0], targets);
        }
    }

    private void piece(int p) {
        mv.visitLabel(label(p));
        for (int v : pieces.params(p)) toFrame(v);
        List<Inst> insts = pieces.insts(p);
        fusedCompare = null;
        for (int i = 0; i < insts.size(); i++) {
            Inst inst = insts.get(i);
            if (plan.isRematerialized(inst)) continue;
            keep = staysOnStack(p, insts, i);
            if (Comparisons.is(inst.opcode)
                    && (keep && isBranchCondition(p, inst.results[0]) || isSelectCondition(insts, i))) {
                fusedCompare = inst; // emitted with the branch or select: compare and jump, no 0/1 in between
                continue;
            }
            inst(inst);
        }
        int next = p + 1 < end ? p + 1 : -1;
        if (!pieces.endsBlock(p)) {
            edge(pieces.fallThrough(p), next);
            return;
        }
        Terminator t = pieces.block[p].terminator;
        if (t instanceof Terminator.Jump j) {
            edge(pieces.edge(j.edge()), next);
        } else if (t instanceof Terminator.Branch b) {
            Pieces.Edge yes = pieces.edge(b.ifTrue()), no = pieces.edge(b.ifFalse());
            if (isPlainJump(yes)) {
                jumpIf(b.cond(), true, label(yes.target()));
                edge(no, next);
            } else if (isPlainJump(no)) {
                jumpIf(b.cond(), false, label(no.target()));
                edge(yes, next);
            } else {
                Label otherwise = new Label();
                jumpIf(b.cond(), false, otherwise);
                edge(yes, -1);
                mv.visitLabel(otherwise);
                edge(no, next);
            }
        } else if (t instanceof Terminator.Switch s) {
            switchTerminator(s, next);
        } else if (t instanceof Terminator.Return r) {
            ret(r.values());
        } else {
            mv.visitTypeInsn(NEW, Emit.TRAP);
            mv.visitInsn(DUP);
            mv.visitFieldInsn(GETSTATIC, Emit.TRAP_KIND, "UNREACHABLE", "L" + Emit.TRAP_KIND + ";");
            mv.visitMethodInsn(INVOKESPECIAL, Emit.TRAP, "<init>", "(L" + Emit.TRAP_KIND + ";)V", false);
            mv.visitInsn(ATHROW);
        }
    }

    /**
     * The comparison to emit for {@code inst}: an unsigned i32 one becomes signed when both operands are known to
     * be non-negative, which HotSpot optimises better.
     */
    private int comparison(Inst inst) {
        int signed = Comparisons.signedForm(inst.opcode);
        if (signed < 0) return inst.opcode;
        IntRanges ranges = plan.ranges();
        return ranges.nonNegative(inst.args[0]) && ranges.nonNegative(inst.args[1]) ? signed : inst.opcode;
    }

    /** Whether the result of {@code insts[i]} is read only as the condition of the next instruction, a select. */
    private boolean isSelectCondition(List<Inst> insts, int i) {
        int r = insts.get(i).results[0];
        if (plan.useCount[r] != 1 || inFrame(r)) return false;
        for (int j = i + 1; j < insts.size(); j++) {
            Inst next = insts.get(j);
            if (plan.isRematerialized(next)) continue;
            return (next.opcode == Opcodes.SELECT || next.opcode == Opcodes.SELECT_T)
                    && next.args[2] == r && needed(next.results[0]);
        }
        return false;
    }

    /** Whether value {@code v} is the condition of the piece's branch terminator. */
    private boolean isBranchCondition(int p, int v) {
        return pieces.endsBlock(p) && pieces.block[p].terminator instanceof Terminator.Branch b && b.cond() == v;
    }

    /** Jumps to {@code target} when {@code cond} is {@code when} (non-zero for true). */
    private void jumpIf(int cond, boolean when, Label target) {
        if (fusedCompare != null && fusedCompare.results[0] == cond) {
            for (int a : fusedCompare.args) load(a);
            Comparisons.emitJump(mv, comparison(fusedCompare), target, when);
            fusedCompare = null;
        } else {
            load(cond);
            mv.visitJumpInsn(when ? IFNE : IFEQ, target);
        }
    }

    private void switchTerminator(Terminator.Switch s, int next) {
        Pieces.Edge otherwise = pieces.edge(s.otherwise());
        if (s.targets().length == 0) {
            edge(otherwise, next);
            return;
        }
        SwitchTable table = new SwitchTable(s);
        Pieces.Edge[] edges = new Pieces.Edge[table.distinct.size()];
        Label[] caseLabels = new Label[edges.length];
        boolean[] trampoline = new boolean[edges.length];
        for (int k = 0; k < edges.length; k++) {
            edges[k] = pieces.edge(table.distinct.get(k));
            trampoline[k] = !isPlainJump(edges[k]);
            caseLabels[k] = trampoline[k] ? new Label() : label(edges[k].target());
        }
        Label dflt = isPlainJump(otherwise) ? label(otherwise.target()) : new Label();
        if (table.inline()) {
            Label[] targets = new Label[table.caseOf.length];
            for (int i = 0; i < targets.length; i++) targets[i] = caseLabels[table.caseOf[i]];
            load(s.index());
            mv.visitTableSwitchInsn(0, targets.length - 1, dflt, targets);
        } else {
            lookupSwitch(s.index(), table, caseLabels, dflt);
        }
        for (int k = 0; k < edges.length; k++) {
            if (!trampoline[k]) continue;
            mv.visitLabel(caseLabels[k]);
            edge(edges[k], -1);
        }
        if (!isPlainJump(otherwise)) {
            mv.visitLabel(dflt);
            edge(otherwise, -1);
        }
    }

    /** A long br_table: range check, then per chunk {@code caseNumber = chunkString.charAt(index % CHUNK) - 1}. */
    private void lookupSwitch(int index, SwitchTable table, Label[] caseLabels, Label dflt) {
        load(index);
        mv.visitJumpInsn(IFLT, dflt);
        load(index);
        Emit.pushInt(mv, table.caseOf.length);
        mv.visitJumpInsn(IF_ICMPGE, dflt);
        Label[] chunks = new Label[table.chunks()];
        for (int c = 0; c < chunks.length; c++) chunks[c] = new Label();
        load(index);
        Emit.pushInt(mv, SwitchTable.CHUNK);
        mv.visitInsn(IDIV);
        mv.visitTableSwitchInsn(0, chunks.length - 1, dflt, chunks);
        for (int c = 0; c < chunks.length; c++) {
            mv.visitLabel(chunks[c]);
            mv.visitLdcInsn(table.chunk(c));
            load(index);
            Emit.pushInt(mv, SwitchTable.CHUNK);
            mv.visitInsn(IREM);
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "charAt", "(I)C", false);
            mv.visitTableSwitchInsn(1, caseLabels.length, dflt, caseLabels);
        }
    }

    private void ret(int[] values) {
        List<ValType> results = plan.fn.type.results();
        if (group >= 0) {
            for (int i = 0; i < values.length; i++) {
                storeFrame(values[i], results.get(i), plan.resultSlot[i]);
            }
            mv.visitInsn(ICONST_M1);
            mv.visitInsn(IRETURN);
        } else if (values.length == 0) {
            mv.visitInsn(RETURN);
        } else if (values.length == 1) {
            load(values[0]);
            if (results.get(0) == ValType.V128) Emit.box(mv, ValType.V128);
            mv.visitInsn(JvmTypes.returnOpcode(results.get(0)));
        } else {
            Emit.pushInt(mv, values.length);
            mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
            for (int i = 0; i < values.length; i++) {
                mv.visitInsn(DUP);
                Emit.pushInt(mv, i);
                load(values[i]);
                Emit.box(mv, results.get(i));
                mv.visitInsn(AASTORE);
            }
            mv.visitInsn(ARETURN);
        }
    }

    /** Whether taking the edge is just a jump: the target is in this method and no parameter needs a copy. */
    private boolean isPlainJump(Pieces.Edge e) {
        if (!inMethod(e.target())) return false;
        for (int i = 0; i < e.args().length; i++) if (e.args()[i] != e.params()[i]) return false;
        return true;
    }

    /** Takes an edge: copies arguments into the target's parameters, then jumps (unless the target is {@code next}). */
    private void edge(Pieces.Edge e, int next) {
        int[] args = e.args(), params = e.params();
        if (!inMethod(e.target())) {
            for (int i = 0; i < args.length; i++) {
                storeFrame(args[i], type(args[i]), plan.frameSlot[params[i]]);
            }
            Emit.pushInt(mv, plan.entryCode(e.target()));
            mv.visitInsn(IRETURN);
            return;
        }
        // Parallel copy: push every argument first, so a parameter overwritten early is still read correctly.
        for (int i = 0; i < args.length; i++) {
            if (args[i] != params[i]) loadAs(args[i], quarters(params[i]));
        }
        for (int i = args.length - 1; i >= 0; i--) {
            if (args[i] != params[i]) store(params[i]);
        }
        if (e.target() != next) mv.visitJumpInsn(GOTO, label(e.target()));
    }

    private void inst(Inst inst) {
        switch (inst.opcode) {
            case Opcodes.CALL -> call(inst);
            case Opcodes.CALL_INDIRECT -> callIndirect(inst);
            case Opcodes.SELECT, Opcodes.SELECT_T -> select(inst);
            default -> {
                boolean memoryChanged;
                if (Opcodes.isSimd(inst.opcode)) {
                    simd = inst;
                    memoryChanged = ctx.lowering().emitSimd(mv, inst, operands, instLocal, memLocal);
                    simd = null;
                } else if (Comparisons.is(inst.opcode)) {
                    for (int a : inst.args) load(a);
                    Comparisons.emitValue(mv, comparison(inst));
                    memoryChanged = false;
                } else if (tryPlainDivision(inst)) {
                    memoryChanged = false;
                } else {
                    for (int a : inst.args) load(a);
                    memoryChanged = ctx.lowering().emit(mv, inst, instLocal, memLocal);
                }
                if (inst.results.length == 1) define(inst.results[0]);
                if (memoryChanged && memLocal >= 0) Emit.loadMemory(mv, instLocal, memLocal);
            }
        }
    }

    /** Emits a division or remainder by a constant that needs no trap check as plain arithmetic, if it is one. */
    private boolean tryPlainDivision(Inst inst) {
        if (inst.args.length != 2) return false;
        Inst divisor = plan.constant[inst.args[1]];
        if (divisor == null || !OpLowering.isPlainDivision(inst.opcode, divisor.c)) return false;
        load(inst.args[0]);
        OpLowering.emitPlainDivision(mv, inst.opcode, divisor.c);
        return true;
    }

    private void call(Inst inst) {
        int callee = inst.a;
        FuncType type = ctx.facts().functionTypes().get(callee);
        if (callee < ctx.facts().importedFunctions()) {
            mv.visitVarInsn(ALOAD, instLocal);
            mv.visitFieldInsn(GETFIELD, Emit.INSTANCE, "functions", "[L" + Emit.WASM_FUNCTION + ";");
            Emit.pushInt(mv, callee);
            mv.visitInsn(AALOAD);
            mv.visitFieldInsn(GETFIELD, Emit.WASM_FUNCTION, "handle", "L" + Emit.METHOD_HANDLE + ";");
            for (int a : inst.args) load(a);
            mv.visitMethodInsn(INVOKEVIRTUAL, Emit.METHOD_HANDLE, "invokeExact", JvmTypes.descriptor(type), false);
        } else {
            for (int a : inst.args) load(a);
            mv.visitVarInsn(ALOAD, instLocal);
            mv.visitMethodInsn(INVOKESTATIC, ctx.functionOwner()[callee], "f" + callee, JvmTypes.staticDescriptor(type), false);
        }
        callResults(inst, type);
    }

    /** The callee is looked up and checked by TableOps.indirect; a dispatcher calls it directly if it can. */
    private void callIndirect(Inst inst) {
        FuncType type = ctx.facts().types().get(inst.a);
        int n = inst.args.length - 1;
        if (ctx.indirect().hasDispatcher(inst.a)) {
            for (int i = 0; i < n; i++) load(inst.args[i]);
            lookUpCallee(inst, n);
            mv.visitVarInsn(ALOAD, instLocal);
            ctx.indirect().emitCall(mv, inst.a);
        } else {
            lookUpCallee(inst, n);
            mv.visitFieldInsn(GETFIELD, Emit.WASM_FUNCTION, "handle", "L" + Emit.METHOD_HANDLE + ";");
            for (int i = 0; i < n; i++) load(inst.args[i]);
            mv.visitMethodInsn(INVOKEVIRTUAL, Emit.METHOD_HANDLE, "invokeExact", JvmTypes.descriptor(type), false);
        }
        callResults(inst, type);
    }

    private void lookUpCallee(Inst inst, int elementArg) {
        mv.visitVarInsn(ALOAD, instLocal);
        Emit.pushInt(mv, inst.b);
        load(inst.args[elementArg]);
        Emit.pushInt(mv, inst.a);
        mv.visitMethodInsn(INVOKESTATIC, Emit.TABLE_OPS, "indirect",
                "(L" + Emit.INSTANCE + ";III)L" + Emit.WASM_FUNCTION + ";", false);
    }

    /** Moves a call's results (one value, or an Object[] of several) into their locals; reloads memory. */
    private void callResults(Inst inst, FuncType type) {
        List<ValType> results = type.results();
        if (results.size() == 1) {
            if (results.get(0) == ValType.V128) Emit.splitV128(mv);
            define(inst.results[0]);
        } else if (results.size() > 1) {
            if (arrayLocal < 0) arrayLocal = nextLocal++;
            mv.visitVarInsn(ASTORE, arrayLocal);
            for (int i = 0; i < results.size(); i++) {
                int v = inst.results[i];
                if (!needed(v)) continue;
                mv.visitVarInsn(ALOAD, arrayLocal);
                Emit.pushInt(mv, i);
                mv.visitInsn(AALOAD);
                Emit.unbox(mv, results.get(i));
                store(v);
                toFrame(v);
            }
        }
        if (memLocal >= 0) Emit.loadMemory(mv, instLocal, memLocal);
    }

    /** {@code select}: the result local gets v1 or v2 in two arms, so no value sits on the stack at the join. */
    private void select(Inst inst) {
        int r = inst.results[0];
        if (!needed(r)) return;
        Label second = new Label(), join = new Label();
        jumpIf(inst.args[2], false, second);
        loadAs(inst.args[0], quarters(r));
        store(r);
        mv.visitJumpInsn(GOTO, join);
        mv.visitLabel(second);
        loadAs(inst.args[1], quarters(r));
        store(r);
        mv.visitLabel(join);
        toFrame(r);
    }

    /**
     * Whether the single result of {@code insts[i]} can stay on the operand stack: it is read once, as the first
     * argument of the next emitted instruction (or as the branch condition, switch index or returned value right
     * after), so nothing else is pushed before it is consumed and no block boundary intervenes.
     */
    private boolean staysOnStack(int p, List<Inst> insts, int i) {
        Inst inst = insts.get(i);
        if (inst.results.length != 1) return false;
        int r = inst.results[0];
        if (plan.useCount[r] != 1 || inFrame(r) || type(r) == ValType.V128) return false;
        if (inst.opcode == Opcodes.SELECT || inst.opcode == Opcodes.SELECT_T) return false;
        for (int j = i + 1; j < insts.size(); j++) {
            Inst next = insts.get(j);
            if (plan.isRematerialized(next)) continue;
            // A SIMD instruction reads its arguments where it needs them, not first.
            if (next.args.length == 0 || next.args[0] != r || Opcodes.isSimd(next.opcode)) return false;
            return switch (next.opcode) {
                case Opcodes.CALL -> next.a >= ctx.facts().importedFunctions();
                case Opcodes.CALL_INDIRECT, Opcodes.SELECT, Opcodes.SELECT_T -> false;
                default -> true;
            };
        }
        if (!pieces.endsBlock(p)) return false;
        Terminator t = pieces.block[p].terminator;
        if (t instanceof Terminator.Branch b) return b.cond() == r;
        if (t instanceof Terminator.Switch s) {
            return s.index() == r && s.targets().length > 0 && s.targets().length <= SwitchTable.INLINE_LIMIT;
        }
        if (t instanceof Terminator.Return ret) return group < 0 && ret.values().length == 1 && ret.values()[0] == r;
        return false;
    }

    /** Takes the value on the stack as the definition of {@code v}. */
    private void define(int v) {
        if (keep) {
            onStack = v;
            return;
        }
        if (!needed(v)) {
            Emit.pop(mv, type(v));
            return;
        }
        store(v);
        toFrame(v);
    }

    private boolean needed(int v) { return plan.useCount[v] > 0 || inFrame(v); }

    private boolean inFrame(int v) { return group >= 0 && plan.frameSlot[v] >= 0; }

    /** In a group method, a frame value is written to the frame where it is defined. */
    private void toFrame(int v) {
        if (group < 0 || plan.frameSlot[v] < 0) return;
        if (type(v) == ValType.V128) storeFrame(v, ValType.V128, plan.frameSlot[v]);
        else Emit.storeFrame(mv, type(v), localOf(v), plan.frameSlot[v], FRAME_LONGS, FRAME_REFS);
    }

    /** Writes value {@code v} (a local or a constant) to a frame slot (a v128 as its halves, to two). */
    private void storeFrame(int v, ValType t, int slot) {
        if (t == ValType.V128) {
            for (int half = 0; half < 2; half++) {
                mv.visitVarInsn(ALOAD, FRAME_LONGS);
                Emit.pushInt(mv, slot + half);
                loadHalf(v, half == 1);
                mv.visitInsn(LASTORE);
            }
            return;
        }
        Emit.frameStoreHead(mv, t, slot, FRAME_LONGS, FRAME_REFS);
        load(v);
        Emit.frameStoreTail(mv, t);
    }

    private boolean quarters(int v) { return plan.forms.quarters(v); }

    /** Pushes value {@code v}; a v128 as its halves (the form of the calling convention and the frame). */
    private void load(int v) {
        if (v == onStack) {
            onStack = -1;
        } else if (type(v) == ValType.V128) {
            loadAs(v, false);
        } else if (plan.constant[v] != null) {
            ctx.lowering().emit(mv, plan.constant[v], instLocal, memLocal);
        } else {
            mv.visitVarInsn(JvmTypes.loadOpcode(type(v)), localOf(v));
        }
    }

    /** Pushes v128 value {@code v} as four quarters or as two halves. */
    private void loadAs(int v, boolean quarters) {
        if (type(v) != ValType.V128) {
            load(v);
        } else if (quarters) {
            for (int q = 0; q < 4; q++) loadQuarter(v, q);
        } else {
            loadHalf(v, false);
            loadHalf(v, true);
        }
    }

    /** Pushes one half of v128 value {@code v}, packing two quarters when it is stored as quarters. */
    private void loadHalf(int v, boolean high) {
        int h = high ? 1 : 0;
        if (plan.constant[v] != null) {
            SimdLowering.constantHalf(mv, plan.constant[v], high);
        } else if (quarters(v)) {
            mv.visitVarInsn(ILOAD, localOf(v) + 2 * h);
            mv.visitVarInsn(ILOAD, localOf(v) + 2 * h + 1);
            mv.visitMethodInsn(INVOKESTATIC, Emit.V128_OPS, "pack", "(II)J", false);
        } else {
            mv.visitVarInsn(LLOAD, localOf(v) + 2 * h);
        }
    }

    /** Pushes quarter {@code q} of v128 value {@code v}, cut from a half when it is stored as halves. */
    private void loadQuarter(int v, int q) {
        if (plan.constant[v] != null) {
            SimdLowering.constantQuarter(mv, plan.constant[v], q);
        } else if (quarters(v)) {
            mv.visitVarInsn(ILOAD, localOf(v) + q);
        } else {
            mv.visitVarInsn(LLOAD, localOf(v) + 2 * (q / 2));
            if (q % 2 == 1) {
                Emit.pushInt(mv, 32);
                mv.visitInsn(LUSHR);
            }
            mv.visitInsn(L2I);
        }
    }

    /** Takes value {@code v} off the stack into its local(s); a v128 in the form it is stored in, last part on top. */
    private void store(int v) {
        if (type(v) != ValType.V128) {
            mv.visitVarInsn(JvmTypes.storeOpcode(type(v)), localOf(v));
        } else if (quarters(v)) {
            for (int q = 3; q >= 0; q--) mv.visitVarInsn(ISTORE, localOf(v) + q);
        } else {
            mv.visitVarInsn(LSTORE, localOf(v) + 2);
            mv.visitVarInsn(LSTORE, localOf(v));
        }
    }

    private int localOf(int v) {
        if (local[v] < 0) {
            assigned.add(v);
            local[v] = nextLocal;
            nextLocal += JvmTypes.slots(type(v));
        }
        return local[v];
    }

    private ValType type(int v) { return plan.fn.typeOf(v); }

    private boolean inMethod(int piece) { return piece >= first && piece < end; }

    private Label label(int piece) { return labels[piece - first]; }
}
