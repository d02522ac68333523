package org.wasmjar.compiler.codegen;

import java.util.Arrays;
import java.util.List;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.runtime.types.ValType;

/**
 * How one function becomes JVM methods. A function whose estimate fits {@link Budget#wholeLimit()} is one method.
 * A larger one is split: its pieces (in layout order) are partitioned into contiguous groups, each emitted as a
 * method {@code f<i>$<g>}; {@code f<i>} becomes a dispatcher that calls groups until one returns -1. Values live
 * into a group's entry pieces travel through a frame ({@code long[]} of raw bits, a v128 in two slots;
 * {@code Object[]} of references): they are stored there when defined and loaded when a group method starts.
 * A group method returns the next piece to run encoded as {@code group | entryIndex << 16}.
 */
final class FunctionPlan {
    /** Groups one dispatcher method calls directly; more go through a level of sub-dispatchers. */
    static final int FAN_OUT = 200;

    final IrFunction fn;
    final Pieces pieces;
    /** Which v128 values are stored as quarters. */
    final VectorForms forms;
    final boolean split;
    /** How often each value is read (unread results are popped; a value read once may stay on the stack). */
    final int[] useCount;
    /**
     * The constant instruction defining each value, or null. Constants are not kept in locals or the frame:
     * every use emits the constant again, which is smaller than a local load and lets the JIT see it.
     */
    final Inst[] constant;

    // Only for split functions:
    int groupCount;
    /** First piece of each group, plus {@code count} at the end. */
    int[] groupStart;
    int[] groupOf;
    /** Index of each piece among its group's entries, or -1 when it is only entered from its own group. */
    int[] entryIndex;
    int[][] entries;
    /** Frame slot of each value (in the long or the reference array, by type), or -1. */
    int[] frameSlot;
    int longSlots, refSlots;
    /** Frame slot of each function result. */
    int[] resultSlot;
    /** Values each group method loads from the frame before dispatching to its entry piece: those it reads. */
    int[][] prologue;
    int[] groupBytes;
    /** Estimated bytes of all methods of the function. */
    int estimatedBytes;

    /** Class that holds each method, filled in by class packing: f&lt;i&gt;, then groups, then sub-dispatchers. */
    String owner;
    String[] groupOwner;
    String[] subDispatcherOwner;

    /** What {@link #split} starts from; null in a split plan. */
    private final Analysis analysis;
    private int[] localScratch;

    /**
     * Value-to-local table the method emitters of this function share (all -1 between methods), so that emitting
     * hundreds of group methods of a huge function does not allocate a table per method.
     */
    int[] localScratch() {
        if (localScratch == null) {
            localScratch = new int[fn.valueCount()];
            Arrays.fill(localScratch, -1);
        }
        return localScratch;
    }

    private int[] touchStart, touchLast;

    /**
     * Per-value scratch of {@link LocalAllocation}, shared by this function's method emitters like the local table:
     * first touch (all -1 between methods) and last touch.
     */
    int[][] touchScratch() {
        if (touchStart == null) {
            touchStart = new int[fn.valueCount()];
            Arrays.fill(touchStart, -1);
            touchLast = new int[fn.valueCount()];
        }
        return new int[][] {touchStart, touchLast};
    }

    private IntRanges ranges;

    /** Bounds of the function's i32 values, computed once for all its methods (and its measuring). */
    IntRanges ranges() {
        if (ranges == null) ranges = IntRanges.of(fn);
        return ranges;
    }

    /** {@code pieces} null for the whole function's. */
    private FunctionPlan(Analysis a, Pieces pieces, boolean split) {
        this.fn = a.fn;
        this.pieces = pieces != null ? pieces : a.whole;
        this.forms = a.forms;
        this.split = split;
        this.useCount = a.useCount;
        this.constant = a.constant;
        this.analysis = split ? null : a; // only a whole plan is split later
    }

    /**
     * What every way of cutting a function shares: its v128 forms, instruction sizes, use counts and cheap
     * constants (none depends on where pieces end), computed once however many budgets are tried.
     */
    private static final class Analysis {
        final IrFunction fn;
        final VectorForms forms;
        final Pieces.InstSizes instSizes;
        /** The function cut only at block ends. */
        final Pieces whole;
        final int[] useCount;
        final Inst[] constant;

        Analysis(IrFunction fn, Sizes sizes) {
            this.fn = fn;
            this.forms = VectorForms.of(fn);
            this.instSizes = Pieces.InstSizes.of(fn, forms, sizes);
            this.whole = cut(Integer.MAX_VALUE);
            this.useCount = new int[fn.valueCount()];
            this.constant = new Inst[fn.valueCount()];
            for (int p = 0; p < whole.count; p++) {
                whole.forEachUse(p, v -> useCount[v]++);
                for (Inst inst : whole.block[p].insts) {
                    if (sizes.isCheapConstant(inst, forms)) constant[inst.results[0]] = inst;
                }
            }
        }

        Pieces cut(int maxPieceBytes) { return new Pieces(fn, forms, instSizes, maxPieceBytes); }
    }

    /**
     * One method for the whole function, whatever its estimate ({@link #estimatedBytes}); {@link #split} gives the
     * split plan instead, for a function that does not fit {@link Budget#wholeLimit()}.
     */
    static FunctionPlan whole(IrFunction fn, Sizes sizes) {
        FunctionPlan plan = new FunctionPlan(new Analysis(fn, sizes), null, false);
        plan.estimatedBytes = 40 + sum(plan.pieces.size);
        return plan;
    }

    /** The function of this whole plan split into group methods that fit {@code budget}. */
    FunctionPlan split(Budget budget) {
        Analysis a = analysis;
        // Frame traffic is only known after grouping: shrink the groups until every method fits.
        for (int groupBudget = budget.groupBudget(); groupBudget > 0; groupBudget = groupBudget * 3 / 5) {
            FunctionPlan plan = new FunctionPlan(a, a.cut(groupBudget), true);
            if (plan.partition(groupBudget, budget.methodLimit())) return plan;
            if (max(plan.pieces.size) > budget.methodLimit()) break;
        }
        // A single operation bigger than the limit (a br_table of thousands of targets) gets a method of its own
        // that runs interpreted; the class writer still enforces the JVM's 64 KiB.
        FunctionPlan plan = new FunctionPlan(a, a.cut(budget.groupBudget()), true);
        if (plan.partition(budget.groupBudget(), Integer.MAX_VALUE)) return plan;
        throw new IllegalStateException("function " + fn.index + " has more blocks than a split function can hold");
    }

    private static int sum(int[] xs) {
        int s = 0;
        for (int x : xs) s += x;
        return s;
    }

    private static int max(int[] xs) {
        int m = 0;
        for (int x : xs) m = Math.max(m, x);
        return m;
    }

    /** Whether {@code inst} is a constant that is emitted at its uses instead of where it stands. */
    boolean isRematerialized(Inst inst) { return inst.results.length == 1 && constant[inst.results[0]] == inst; }

    /** Whether a value lives in the reference frame array. */
    static boolean isRef(ValType t) { return t == ValType.FUNCREF || t == ValType.EXTERNREF; }

    /** Number of sub-dispatchers (0 when the dispatcher calls the groups directly). */
    int subDispatcherCount() { return groupCount <= FAN_OUT ? 0 : (groupCount + FAN_OUT - 1) / FAN_OUT; }

    /** The code a group method returns (and the dispatcher decodes) to enter piece {@code p}. */
    int entryCode(int p) { return groupOf[p] | entryIndex[p] << 16; }

    /** Groups, liveness, frame and size bounds; false when some group method would exceed the limit. */
    private boolean partition(int groupBudget, int methodLimit) {
        int n = pieces.count;
        Liveness.IntList starts = new Liveness.IntList();
        int acc = 0;
        for (int p = 0; p < n; p++) {
            if (acc > 0 && pieces.isLoopHeader(p)) {
                int loop = loopBytes(p);
                if (loop <= groupBudget && acc + loop > groupBudget) acc = cut(starts, p);
            }
            if (acc > 0 && acc + pieces.size[p] > groupBudget) acc = cut(starts, p);
            if (starts.size == 0) starts.add(0);
            acc += pieces.size[p];
        }
        groupCount = starts.size;
        if (groupCount >= 65535) return false;
        groupStart = Arrays.copyOf(starts.data, groupCount + 1);
        groupStart[groupCount] = n;
        groupOf = new int[n];
        for (int g = 0; g < groupCount; g++) Arrays.fill(groupOf, groupStart[g], groupStart[g + 1], g);

        entryIndex = new int[n];
        Arrays.fill(entryIndex, -1);
        entries = new int[groupCount][];
        Liveness.IntList es = new Liveness.IntList();
        for (int g = 0; g < groupCount; g++) {
            es.size = 0;
            for (int p = groupStart[g]; p < groupStart[g + 1]; p++) {
                boolean entry = p == 0;
                for (int q : pieces.preds[p]) entry |= groupOf[q] != g;
                if (entry) {
                    entryIndex[p] = es.size;
                    es.add(p);
                }
            }
            if (es.size >= 32768) return false;
            entries[g] = Arrays.copyOf(es.data, es.size);
        }

        Liveness.IntList[] liveIn = Liveness.liveIn(pieces, fn.valueCount());
        frameSlot = new int[fn.valueCount()];
        Arrays.fill(frameSlot, -1);
        boolean[] inFrame = new boolean[fn.valueCount()];
        for (int p = 0; p < n; p++) {
            if (entryIndex[p] < 0) continue;
            Liveness.IntList live = liveIn[p];
            for (int i = 0; i < live.size; i++) inFrame[live.data[i]] = true;
            for (int v : pieces.params(p)) inFrame[v] = true;
        }
        for (int v = 0; v < inFrame.length; v++) {
            if (inFrame[v] && constant[v] == null) frameSlot[v] = newSlot(fn.typeOf(v));
        }
        List<ValType> results = fn.type.results();
        resultSlot = new int[results.size()];
        for (int i = 0; i < results.size(); i++) resultSlot[i] = newSlot(results.get(i));

        prologue = new int[groupCount][];
        groupBytes = new int[groupCount];
        int[] seen = new int[fn.valueCount()], read = new int[fn.valueCount()];
        Liveness.IntList load = new Liveness.IntList();
        int[] stores = new int[1];
        estimatedBytes = dispatcherBytes();
        for (int g = 0; g < groupCount; g++) {
            // A value only passing through the group stays in the frame untouched (SSA values never change).
            int stamp = g + 1;
            for (int p = groupStart[g]; p < groupStart[g + 1]; p++) pieces.forEachUse(p, v -> read[v] = stamp);
            load.size = 0;
            for (int e : entries[g]) {
                Liveness.IntList live = liveIn[e];
                for (int i = 0; i < live.size; i++) {
                    int v = live.data[i];
                    if (constant[v] == null && read[v] == stamp && seen[v] != stamp) { seen[v] = stamp; load.add(v); }
                }
                for (int v : pieces.params(e)) if (seen[v] != g + 1) { seen[v] = g + 1; load.add(v); }
            }
            prologue[g] = Arrays.copyOf(load.data, load.size);
            Arrays.sort(prologue[g]);
            int bytes = 40 + 4 * entries[g].length;
            for (int v : prologue[g]) bytes += Sizes.frame(fn.typeOf(v));
            for (int p = groupStart[g]; p < groupStart[g + 1]; p++) {
                bytes += pieces.size[p];
                stores[0] = 0;
                pieces.forEachDef(p, v -> { if (frameSlot[v] >= 0) stores[0] += Sizes.frame(fn.typeOf(v)); });
                bytes += stores[0];
            }
            if (bytes > methodLimit) return false;
            groupBytes[g] = bytes;
            estimatedBytes += bytes;
        }
        return true;
    }

    /** Bytes of the dispatcher and sub-dispatchers together. */
    private int dispatcherBytes() {
        int bytes = 60 + 24 * (groupCount + subDispatcherCount()) + 40 * subDispatcherCount();
        for (ValType t : fn.type.params()) bytes += Sizes.frame(t);
        for (ValType t : fn.type.results()) bytes += Sizes.frame(t) + Sizes.box(t);
        return bytes;
    }

    /** A frame slot for a value of type {@code t}: a reference slot, or long slots (two for a v128). */
    private int newSlot(ValType t) {
        if (isRef(t)) return refSlots++;
        int slot = longSlots;
        longSlots += t == ValType.V128 ? 2 : 1;
        return slot;
    }

    private static int cut(Liveness.IntList starts, int p) {
        starts.add(p);
        return 0;
    }

    /** Bytes of the loop whose header is piece {@code h}: it and the following pieces nested deeper in it. */
    private int loopBytes(int h) {
        int depth = pieces.block[h].loopDepth, bytes = pieces.size[h];
        for (int q = h + 1; q < pieces.count; q++) {
            int d = pieces.block[q].loopDepth;
            if (d < depth || (d == depth && pieces.isLoopHeader(q))) break;
            bytes += pieces.size[q];
        }
        return bytes;
    }
}
