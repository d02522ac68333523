package org.wasmjar.compiler.ir.build;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.runtime.types.ValType;

/**
 * SSA construction after Braun et al. 2013, "Simple and Efficient Construction of SSA Form": variables are
 * declared, defined and used per block; a block is sealed once all its predecessors are known. Instead of phi
 * nodes, blocks get parameters and edges carry arguments. Trivial parameters (all incoming arguments the same
 * value or the parameter itself) are removed as they appear. Reads walk predecessor chains with an explicit
 * stack, so deep or long control flow cannot overflow the Java stack.
 * <p>While building, terminators and edge arguments are kept here; {@link #finish()} writes them into the
 * {@link IrFunction} with every removed parameter replaced by its value.
 */
public final class SsaBuilder {
    private static final int NOT_TRIVIAL = -2;

    private final IrFunction f;
    private ValType[] varTypes = new ValType[16];
    private final List<State> states = new ArrayList<>();
    private State current;
    /** Replacement of each value (itself when not replaced); removed parameters point at their value. */
    private int[] forward = new int[64];
    private Phi[] phiOf = new Phi[64];
    private int knownValues;

    private static final class Phi {
        final int value;
        final int var;
        final State block;
        int[] ops;
        int filled;
        boolean removed;
        /** Parameters with this one among their operands (null for none yet: most never get any). */
        List<Phi> users;

        Phi(int value, int var, State block) {
            this.value = value;
            this.var = var;
            this.block = block;
        }
    }

    /** An edge while building: the target's label arguments; variable arguments are the target phis' operands. */
    private static final class Edge {
        final State to;
        final int[] args;
        final int predIndex;

        Edge(State to, int[] args, int predIndex) {
            this.to = to;
            this.args = args;
            this.predIndex = predIndex;
        }
    }

    private enum Kind { JUMP, BRANCH, SWITCH, RETURN, UNREACHABLE }

    /** A terminator while building; a branch's false edge may be filled in later (else-less {@code if}). */
    public static final class PendingBranch {
        private final Kind kind;
        private final State block;
        private final int operand;
        private final Edge[] edges;
        private final int[] values;

        private PendingBranch(Kind kind, State block, int operand, Edge[] edges, int[] values) {
            this.kind = kind;
            this.block = block;
            this.operand = operand;
            this.edges = edges;
            this.values = values;
        }
    }

    private static final class State {
        final Block block;
        final List<State> preds = new ArrayList<>(2);
        final IntIntMap defs = new IntIntMap();
        final List<Phi> phis = new ArrayList<>(0);
        final List<Phi> incomplete = new ArrayList<>(0);
        /** The parameters that were not removed, once building is over (see {@link #livePhis}). */
        Phi[] live;
        boolean sealed;
        PendingBranch term;

        State(Block block) { this.block = block; }
    }

    /** A parameter whose operands are being read; the blocks of its reader's chain start at {@code chainStart}. */
    private record Frame(Phi phi, int chainStart) {}

    /** Stack of the walks in progress, reused by every read. */
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    /**
     * Single-predecessor blocks passed on the way to a definition, to memoise the result in: one segment per
     * frame, stacked, so that no read allocates lists.
     */
    private final ArrayList<State> chains = new ArrayList<>();
    /** Parameters to check for triviality after one was removed, reused. */
    private final ArrayDeque<Phi> trivialWork = new ArrayDeque<>();

    public SsaBuilder(IrFunction f) { this.f = f; }

    public IrFunction function() { return f; }

    public void declareVar(int var, ValType type) {
        if (var >= varTypes.length) varTypes = Arrays.copyOf(varTypes, Math.max(var + 1, varTypes.length * 2));
        varTypes[var] = type;
    }

    /** Creates a block (not placed) with parameters of the given types, at the given loop depth. */
    public Block createBlock(List<ValType> params, int loopDepth) {
        Block b = f.newBlock();
        b.loopDepth = loopDepth;
        for (ValType t : params) b.params.add(newValue(t));
        states.add(new State(b));
        return b;
    }

    public int newValue(ValType t) {
        int v = f.newValue(t);
        if (v >= forward.length) {
            forward = Arrays.copyOf(forward, Math.max(v + 1, forward.length * 2));
            phiOf = Arrays.copyOf(phiOf, forward.length);
        }
        for (; knownValues <= v; knownValues++) forward[knownValues] = knownValues;
        return v;
    }

    public void switchTo(Block b) { current = state(b); }

    public Block currentBlock() { return current.block; }

    public void append(Inst inst) { current.block.insts.add(inst); }

    public void defVar(int var, int value) { current.defs.put(var, value); }

    public int useVar(int var) { return readVariable(var, current); }

    /** Declares that all predecessors of {@code b} are known; fills the parameters it got while open. */
    public void sealBlock(Block b) {
        State s = state(b);
        if (s.sealed) return;
        s.sealed = true;
        for (Phi p : s.incomplete) fillPhi(p);
        s.incomplete.clear();
    }

    public void jump(Block target, int[] args) {
        terminate(new PendingBranch(Kind.JUMP, current, -1, new Edge[] {edge(target, args)}, null));
    }

    /** A conditional branch; {@code ifFalse} may be null, to be given later with {@link #completeBranch}. */
    public PendingBranch branch(int cond, Block ifTrue, int[] trueArgs, Block ifFalse, int[] falseArgs) {
        Edge t = edge(ifTrue, trueArgs);
        Edge e = ifFalse == null ? null : edge(ifFalse, falseArgs);
        PendingBranch pb = new PendingBranch(Kind.BRANCH, current, cond, new Edge[] {t, e}, null);
        terminate(pb);
        return pb;
    }

    /** Gives the false edge of a branch made with a null {@code ifFalse}. */
    public void completeBranch(PendingBranch pb, Block ifFalse, int[] falseArgs) {
        if (pb.edges[1] != null) throw new IllegalStateException("branch already complete");
        pb.edges[1] = edgeFrom(pb.block, state(ifFalse), falseArgs);
    }

    /** {@code br_table}: {@code targets[i]} with {@code args[i]}, the default last in both arrays. */
    public void switchOn(int index, Block[] targets, int[][] args) {
        Edge[] edges = new Edge[targets.length];
        for (int i = 0; i < targets.length; i++) edges[i] = edge(targets[i], args[i]);
        terminate(new PendingBranch(Kind.SWITCH, current, index, edges, null));
    }

    public void ret(int[] values) { terminate(new PendingBranch(Kind.RETURN, current, -1, new Edge[0], values)); }

    public void unreachable() { terminate(new PendingBranch(Kind.UNREACHABLE, current, -1, new Edge[0], null)); }

    /** Whether any edge leads to {@code b} so far. */
    public boolean hasPredecessors(Block b) { return !state(b).preds.isEmpty(); }

    /** Writes parameters, terminators and resolved value uses into the function. Call once, at the end. */
    public void finish() {
        for (State s : states) {
            for (Phi p : s.phis) if (!p.removed) s.block.params.add(p.value);
            for (Inst inst : s.block.insts) {
                int[] a = inst.args;
                for (int i = 0; i < a.length; i++) a[i] = resolve(a[i]);
            }
            if (s.term != null) s.block.terminator = materialize(s.term);
        }
    }

    private Terminator materialize(PendingBranch t) {
        return switch (t.kind) {
            case JUMP -> new Terminator.Jump(edgeOf(t.edges[0]));
            case BRANCH -> new Terminator.Branch(resolve(t.operand), edgeOf(t.edges[0]), edgeOf(t.edges[1]));
            case SWITCH -> {
                Terminator.Edge[] targets = new Terminator.Edge[t.edges.length - 1];
                for (int i = 0; i < targets.length; i++) targets[i] = edgeOf(t.edges[i]);
                yield new Terminator.Switch(resolve(t.operand), targets, edgeOf(t.edges[targets.length]));
            }
            case RETURN -> {
                int[] v = t.values.clone();
                for (int i = 0; i < v.length; i++) v[i] = resolve(v[i]);
                yield new Terminator.Return(v);
            }
            case UNREACHABLE -> new Terminator.Unreachable();
        };
    }

    private Terminator.Edge edgeOf(Edge e) {
        if (e == null) throw new IllegalStateException("branch without a false edge");
        Phi[] live = livePhis(e.to);
        int[] args = new int[e.args.length + live.length];
        int n = 0;
        for (int a : e.args) args[n++] = resolve(a);
        for (Phi p : live) args[n++] = resolve(p.ops[e.predIndex]);
        return new Terminator.Edge(e.to.block.id, args);
    }

    /** The block's parameters that stayed, found once: a loop header with many edges is asked once per edge. */
    private static Phi[] livePhis(State s) {
        if (s.live == null) {
            int n = 0;
            for (Phi p : s.phis) if (!p.removed) n++;
            s.live = new Phi[n];
            n = 0;
            for (Phi p : s.phis) if (!p.removed) s.live[n++] = p;
        }
        return s.live;
    }

    private void terminate(PendingBranch t) {
        if (current.term != null) throw new IllegalStateException("block b" + current.block.id + " already terminated");
        current.term = t;
    }

    private Edge edge(Block target, int[] args) { return edgeFrom(current, state(target), args); }

    private Edge edgeFrom(State from, State to, int[] args) {
        if (to.sealed) throw new IllegalStateException("edge into sealed block b" + to.block.id);
        to.preds.add(from);
        return new Edge(to, args.clone(), to.preds.size() - 1);
    }

    private State state(Block b) { return states.get(b.id); }

    int resolve(int v) {
        int r = v;
        while (forward[r] != r) r = forward[r];
        while (forward[v] != r) { int next = forward[v]; forward[v] = r; v = next; }
        return r;
    }

    private Phi newPhi(State b, int var) {
        Phi p = new Phi(newValue(varTypes[var]), var, b);
        phiOf[p.value] = p;
        b.phis.add(p);
        return p;
    }

    private int readVariable(int var, State start) {
        int v = start.defs.get(var);
        if (v >= 0) return resolve(v);
        return walk(var, start);
    }

    private void fillPhi(Phi p) {
        int n = p.block.preds.size();
        p.ops = new int[n];
        if (n == 0) {
            tryRemoveTrivial(p);
            return;
        }
        frames.push(new Frame(p, chains.size()));
        walk(p.var, p.block.preds.get(0));
    }

    /**
     * Reads {@code var} at the end of {@code b}. Single-predecessor chains are followed and memoised; a merge
     * gets a new parameter whose operands are read with the frame stack standing in for recursion. Returns the
     * value for the bottom frame's read (or, when called with a frame, the completed parameter's value).
     */
    private int walk(int var, State b) {
        int chainStart = chains.size();
        int result;
        descend:
        while (true) {
            while (true) {
                int v = b.defs.get(var);
                if (v >= 0) { result = resolve(v); break; }
                if (!b.sealed) {
                    Phi p = newPhi(b, var);
                    b.incomplete.add(p);
                    b.defs.put(var, p.value);
                    result = p.value;
                    break;
                }
                int n = b.preds.size();
                if (n == 1) { chains.add(b); b = b.preds.get(0); continue; }
                if (n == 0) {
                    result = zero(b, var, b.block.insts.size());
                    b.defs.put(var, result);
                    break;
                }
                Phi p = newPhi(b, var);
                p.ops = new int[n];
                b.defs.put(var, p.value);
                frames.push(new Frame(p, chainStart));
                chainStart = chains.size();
                b = b.preds.get(0);
            }
            while (true) {
                for (int i = chainStart; i < chains.size(); i++) chains.get(i).defs.put(var, result);
                chains.subList(chainStart, chains.size()).clear();
                Frame fr = frames.peek();
                if (fr == null) return result;
                Phi p = fr.phi;
                setOperand(p, p.filled++, result);
                if (p.filled < p.ops.length) {
                    b = p.block.preds.get(p.filled);
                    continue descend;
                }
                frames.pop();
                result = tryRemoveTrivial(p);
                chainStart = fr.chainStart;
            }
        }
    }

    private void setOperand(Phi p, int i, int v) {
        p.ops[i] = v;
        Phi q = phiOf[v];
        if (q != null && q != p) {
            if (q.users == null) q.users = new ArrayList<>(2);
            q.users.add(p);
        }
    }

    /** Removes {@code p} if trivial, then every parameter that became trivial through it; returns p's value. */
    private int tryRemoveTrivial(Phi p) {
        int same = trivialValue(p);
        if (same == NOT_TRIVIAL) return p.value;
        remove(p, same);
        if (p.users == null) return resolve(p.value);
        ArrayDeque<Phi> work = trivialWork;
        work.addAll(p.users);
        while (!work.isEmpty()) {
            Phi u = work.pop();
            if (u.removed || u.ops == null || u.filled < u.ops.length) continue;
            int s = trivialValue(u);
            if (s != NOT_TRIVIAL) {
                remove(u, s);
                if (u.users != null) work.addAll(u.users);
            }
        }
        return resolve(p.value);
    }

    private int trivialValue(Phi p) {
        int same = -1;
        for (int op : p.ops) {
            int o = resolve(op);
            if (o == same || o == p.value) continue;
            if (same >= 0) return NOT_TRIVIAL;
            same = o;
        }
        // Only a block no edge reaches reads a parameter of itself alone: the variable is its zero there.
        return same >= 0 ? same : zero(p.block, p.var, 0);
    }

    private void remove(Phi p, int same) {
        p.removed = true;
        forward[p.value] = same;
        Phi q = phiOf[same];
        if (q != null && p.users != null) {
            if (q.users == null) q.users = new ArrayList<>(p.users.size());
            q.users.addAll(p.users);
        }
    }

    /** A local's initial value (zero or null), defined at {@code position} in {@code b}. */
    private int zero(State b, int var, int position) {
        ValType t = varTypes[var];
        int v = newValue(t);
        int op = switch (t) {
            case I32 -> Opcodes.I32_CONST;
            case I64 -> Opcodes.I64_CONST;
            case F32 -> Opcodes.F32_CONST;
            case F64 -> Opcodes.F64_CONST;
            case V128 -> Opcodes.V128_CONST;
            case FUNCREF, EXTERNREF -> Opcodes.REF_NULL;
        };
        Object extra = t == ValType.V128 ? new byte[16] : t.isRef() ? t : null;
        b.block.insts.add(position, new Inst(op, new int[0], new int[] {v}, 0, 0, 0, extra, -1));
        return v;
    }
}
