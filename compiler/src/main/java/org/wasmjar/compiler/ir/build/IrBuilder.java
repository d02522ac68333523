package org.wasmjar.compiler.ir.build;

import static org.wasmjar.compiler.wasm.model.Opcodes.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Signatures;
import org.wasmjar.compiler.wasm.model.BlockType;
import org.wasmjar.compiler.wasm.model.FunctionBody;
import org.wasmjar.compiler.wasm.model.Instruction;
import org.wasmjar.compiler.wasm.model.LocalDecl;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/**
 * Translates one validated function body into SSA IR in a single pass over its operators. Wasm locals are
 * {@link SsaBuilder} variables; the operand stack holds value ids. Blocks are placed in source order (a
 * construct's continuation after its body), so every loop is a contiguous run of the layout. Code after
 * {@code br}, {@code br_table}, {@code return} and {@code unreachable} (or after a construct nothing leaves)
 * is skipped up to the enclosing {@code else} or {@code end}, since it may be typed stack-polymorphically.
 */
public final class IrBuilder {
    private enum Kind { FUNCTION, BLOCK, LOOP, IF }

    private static final class Frame {
        final Kind kind;
        final List<ValType> params, results;
        /** Operand stack height below the construct's parameters. */
        final int height;
        /** Branch target: a block's or if's continuation, a loop's header; null for the function. */
        final Block target;
        SsaBuilder.PendingBranch openElse;
        int[] ifParams;
        boolean unreachable;

        Frame(Kind kind, List<ValType> params, List<ValType> results, int height, Block target) {
            this.kind = kind;
            this.params = params;
            this.results = results;
            this.height = height;
            this.target = target;
        }

        int labelArity() { return kind == Kind.LOOP ? params.size() : results.size(); }
    }

    private final ValidatedModule m;
    private final IrFunction f;
    private final SsaBuilder ssa;
    private final List<Frame> frames = new ArrayList<>();
    private int[] stack = new int[32];
    private int sp;
    private int loopDepth;
    /** Nesting depth of constructs opened inside dead code, which is skipped. */
    private int deadDepth;

    private IrBuilder(ValidatedModule m, IrFunction f) {
        this.m = m;
        this.f = f;
        this.ssa = new SsaBuilder(f);
    }

    /** Builds the IR of a defined function, {@code functionIndex} in the function index space. */
    public static IrFunction build(ValidatedModule m, int functionIndex) {
        int defined = functionIndex - m.importedFunctionCount();
        if (defined < 0 || defined >= m.module().codes().size()) {
            throw new IllegalArgumentException("function " + functionIndex + " is not a defined function");
        }
        FuncType type = m.functionType(functionIndex);
        List<String> names = m.info() == null ? null : m.info().functionNames();
        String name = names != null && functionIndex < names.size() ? names.get(functionIndex) : null;
        IrFunction f = new IrFunction(functionIndex, name, type);
        new IrBuilder(m, f).translate(m.module().codes().get(defined));
        return f;
    }

    private void translate(FunctionBody body) {
        FuncType type = f.type;
        Block entry = ssa.createBlock(type.params(), 0);
        f.place(entry);
        ssa.switchTo(entry);
        ssa.sealBlock(entry);
        int var = 0;
        for (ValType t : type.params()) {
            ssa.declareVar(var, t);
            ssa.defVar(var, entry.params.get(var));
            var++;
        }
        for (LocalDecl d : body.locals()) {
            for (long i = 0; i < d.count(); i++) ssa.declareVar(var++, d.type());
        }
        frames.add(new Frame(Kind.FUNCTION, List.of(), type.results(), 0, null));
        for (Instruction in : body.code()) {
            if (frames.isEmpty()) throw new IllegalStateException("operators after the function's end");
            if (top().unreachable) skip(in);
            else op(in);
        }
        if (!frames.isEmpty()) throw new IllegalStateException("function body without final end");
        ssa.finish();
    }

    private Frame top() { return frames.get(frames.size() - 1); }

    private void skip(Instruction in) {
        switch (in.opcode()) {
            case BLOCK, LOOP, IF -> deadDepth++;
            case ELSE -> { if (deadDepth == 0) doElse(); }
            case END -> { if (deadDepth == 0) doEnd(); else deadDepth--; }
            default -> { }
        }
    }

    private void op(Instruction in) {
        int op = in.opcode();
        switch (op) {
            case NOP -> { }
            case UNREACHABLE -> { ssa.unreachable(); markDead(); }
            case BLOCK -> {
                BlockType bt = in.blockType();
                List<ValType> params = params(bt), results = results(bt);
                Block cont = ssa.createBlock(results, loopDepth);
                frames.add(new Frame(Kind.BLOCK, params, results, sp - params.size(), cont));
            }
            case LOOP -> {
                BlockType bt = in.blockType();
                List<ValType> params = params(bt), results = results(bt);
                Block header = ssa.createBlock(params, ++loopDepth);
                header.loopHeader = true;
                ssa.jump(header, popN(params.size()));
                frames.add(new Frame(Kind.LOOP, params, results, sp, header));
                start(header);
                pushAll(header.params);
            }
            case IF -> {
                BlockType bt = in.blockType();
                List<ValType> params = params(bt), results = results(bt);
                int cond = pop();
                Block cont = ssa.createBlock(results, loopDepth);
                Block then = ssa.createBlock(List.of(), loopDepth);
                Frame fr = new Frame(Kind.IF, params, results, sp - params.size(), cont);
                fr.ifParams = Arrays.copyOfRange(stack, sp - params.size(), sp);
                fr.openElse = ssa.branch(cond, then, new int[0], null, null);
                frames.add(fr);
                ssa.sealBlock(then);
                start(then);
            }
            case ELSE -> doElse();
            case END -> doEnd();
            case BR -> { branch(in.a()); markDead(); }
            case BR_IF -> brIf(in.a());
            case BR_TABLE -> { brTable(in.labels()); markDead(); }
            case RETURN -> { ssa.ret(popN(f.type.results().size())); markDead(); }
            case DROP -> sp--;
            case LOCAL_GET -> push(ssa.useVar(in.a()));
            case LOCAL_SET -> ssa.defVar(in.a(), pop());
            case LOCAL_TEE -> ssa.defVar(in.a(), stack[sp - 1]);
            case SELECT, SELECT_T -> {
                int[] args = popN(3);
                ValType t = op == SELECT_T ? ((ValType[]) in.extra())[0] : f.typeOf(args[0]);
                emit(SELECT, in, args, t);
            }
            case CALL -> {
                FuncType ft = m.functionType(in.a());
                emit(op, in, popN(ft.params().size()), ft.results());
            }
            case CALL_INDIRECT -> {
                FuncType ft = m.type(in.a());
                emit(op, in, popN(ft.params().size() + 1), ft.results());
            }
            case GLOBAL_GET -> emit(op, in, popN(0), m.globalType(in.a()).type());
            case GLOBAL_SET -> emit(op, in, popN(1), List.of());
            case TABLE_GET -> emit(op, in, popN(1), m.tableType(in.a()).elemType());
            case TABLE_SET -> emit(op, in, popN(2), List.of());
            case TABLE_SIZE -> emit(op, in, popN(0), ValType.I32);
            case TABLE_GROW -> emit(op, in, popN(2), ValType.I32);
            case TABLE_FILL, TABLE_INIT, TABLE_COPY -> emit(op, in, popN(3), List.of());
            case ELEM_DROP -> emit(op, in, popN(0), List.of());
            case REF_NULL -> emit(op, in, popN(0), (ValType) in.extra());
            case REF_IS_NULL -> emit(op, in, popN(1), ValType.I32);
            case REF_FUNC -> emit(op, in, popN(0), ValType.FUNCREF);
            default -> {
                ValType[] params = Signatures.params(op);
                ValType[] results = Signatures.results(op);
                if (params == null) throw new IllegalStateException("no IR translation for " + name(op) + " at " + in.offset());
                emit(op, in, popN(params.length), Arrays.asList(results));
            }
        }
    }

    private void doElse() {
        Frame fr = top();
        if (!fr.unreachable) ssa.jump(fr.target, popN(fr.results.size()));
        Block otherwise = ssa.createBlock(List.of(), loopDepth);
        ssa.completeBranch(fr.openElse, otherwise, new int[0]);
        fr.openElse = null;
        ssa.sealBlock(otherwise);
        start(otherwise);
        sp = fr.height;
        pushAll(fr.ifParams);
        fr.unreachable = false;
        deadDepth = 0;
    }

    private void doEnd() {
        Frame fr = frames.remove(frames.size() - 1);
        deadDepth = 0;
        switch (fr.kind) {
            case FUNCTION -> { if (!fr.unreachable) ssa.ret(popN(fr.results.size())); }
            case BLOCK, IF -> {
                if (!fr.unreachable) ssa.jump(fr.target, popN(fr.results.size()));
                if (fr.openElse != null) ssa.completeBranch(fr.openElse, fr.target, fr.ifParams);
                ssa.sealBlock(fr.target);
                sp = fr.height;
                if (ssa.hasPredecessors(fr.target)) {
                    start(fr.target);
                    pushAll(fr.target.params);
                } else {
                    top().unreachable = true;
                }
            }
            case LOOP -> {
                ssa.sealBlock(fr.target);
                loopDepth--;
                if (fr.unreachable) {
                    sp = fr.height;
                    top().unreachable = true;
                } else {
                    // A fresh block after the loop keeps the loop's blocks exactly the run header..body end.
                    Block exit = ssa.createBlock(List.of(), loopDepth);
                    ssa.jump(exit, new int[0]);
                    ssa.sealBlock(exit);
                    start(exit);
                }
            }
        }
    }

    private void branch(int depth) {
        Frame target = frames.get(frames.size() - 1 - depth);
        if (target.kind == Kind.FUNCTION) ssa.ret(topN(f.type.results().size()));
        else ssa.jump(target.target, topN(target.labelArity()));
    }

    private void brIf(int depth) {
        int cond = pop();
        Frame target = frames.get(frames.size() - 1 - depth);
        Block fall = ssa.createBlock(List.of(), loopDepth);
        if (target.kind == Kind.FUNCTION) {
            Block exit = ssa.createBlock(List.of(), loopDepth);
            ssa.branch(cond, exit, new int[0], fall, new int[0]);
            ssa.sealBlock(exit);
            start(exit);
            ssa.ret(topN(f.type.results().size()));
        } else {
            ssa.branch(cond, target.target, topN(target.labelArity()), fall, new int[0]);
        }
        ssa.sealBlock(fall);
        start(fall);
    }

    private void brTable(int[] labels) {
        int index = pop();
        Block[] targets = new Block[labels.length];
        int[][] args = new int[labels.length][];
        Block exit = null;
        for (int i = 0; i < labels.length; i++) {
            Frame target = frames.get(frames.size() - 1 - labels[i]);
            if (target.kind == Kind.FUNCTION) {
                if (exit == null) exit = ssa.createBlock(List.of(), loopDepth);
                targets[i] = exit;
                args[i] = new int[0];
            } else {
                targets[i] = target.target;
                args[i] = topN(target.labelArity());
            }
        }
        ssa.switchOn(index, targets, args);
        if (exit != null) {
            ssa.sealBlock(exit);
            start(exit);
            ssa.ret(topN(f.type.results().size()));
        }
    }

    private void markDead() {
        Frame fr = top();
        fr.unreachable = true;
        sp = fr.height;
    }

    private void start(Block b) {
        f.place(b);
        ssa.switchTo(b);
    }

    private void emit(int op, Instruction in, int[] args, ValType result) { emit(op, in, args, List.of(result)); }

    private void emit(int op, Instruction in, int[] args, List<ValType> resultTypes) {
        int[] results = new int[resultTypes.size()];
        for (int i = 0; i < results.length; i++) results[i] = ssa.newValue(resultTypes.get(i));
        Object extra = op == SELECT ? null : in.extra();
        ssa.append(new Inst(op, args, results, in.a(), in.b(), in.c(), extra, in.offset()));
        for (int r : results) push(r);
    }

    private List<ValType> params(BlockType bt) {
        return bt.typeIndex() >= 0 ? m.type(bt.typeIndex()).params() : List.of();
    }

    private List<ValType> results(BlockType bt) {
        if (bt.typeIndex() >= 0) return m.type(bt.typeIndex()).results();
        return bt.result() == null ? List.of() : List.of(bt.result());
    }

    private void push(int v) {
        if (sp == stack.length) stack = Arrays.copyOf(stack, sp * 2);
        stack[sp++] = v;
    }

    private void pushAll(List<Integer> values) { for (int v : values) push(v); }

    private void pushAll(int[] values) { for (int v : values) push(v); }

    private int pop() { return stack[--sp]; }

    private int[] popN(int n) {
        sp -= n;
        return Arrays.copyOfRange(stack, sp, sp + n);
    }

    private int[] topN(int n) { return Arrays.copyOfRange(stack, sp - n, sp); }
}
