package org.wasmjar.compiler.codegen;

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
 * How each v128 value of a function is laid out in JVM locals (see {@link SimdLowering}), and what is known of its
 * lanes.
 *
 * <p><b>Quarters or halves.</b> A value takes the form its instruction produces: quarters for 32-bit lane operators,
 * halves for the others, halves at the calling convention (parameters, call results, globals). Bitwise operators
 * and {@code select} take quarters when all their (non-constant) operands are quarters; a block parameter takes
 * quarters when any value reaching it does, so a loop-carried f32x4 accumulator stays in quarters; a
 * {@code v128.load} takes the form most of its users read. Constants are emitted at each use in the form wanted.
 * Found by iterating to a fixed point: the rules only ever turn halves into quarters.
 *
 * <p><b>Even/odd halves.</b> An i16x8 value kept in halves may have its lanes in even/odd order: the first long holds
 * lanes 0, 2, 4, 6 and the second lanes 1, 3, 5, 7. Widening bytes to that order is a mask and a shift (bytes 0..7
 * of a long are already lanes 0..7 once the odd ones move down), and narrowing back is a shift and an or, where the
 * in-order layout needs a spread or gather of every lane. A value takes it when its instruction can make it
 * ({@link SimdLowering#evenOddSource}) and every use can read it as cheaply ({@link SimdLowering#readsEvenOdd}, or a
 * lane-wise operator whose own result takes it); a value that reaches a block parameter, a call, a store or any
 * other use stays in order. Found by removing candidates until none breaks those rules. Such a value is stored as
 * halves, so moving it (frames included) copies its bits unchanged.
 *
 * <p><b>Lane bounds.</b> For every v128 value, an upper bound of its 16-bit lanes and of its 32-bit lanes read as
 * unsigned numbers, so an {@code i16x8.add} that cannot carry out of a lane becomes one long add per half, and a
 * narrowing whose lanes are in range needs no saturation. Bounds come from widening loads and extensions, constants,
 * and additions, multiplications and unsigned shifts that cannot wrap; block parameters are unknown.
 */
final class VectorForms {
    /** No v128 values, or all in halves, in order, with nothing known of their lanes. */
    static final VectorForms NONE = new VectorForms(new boolean[0], new boolean[0], new int[0], new long[0]);

    static final int ANY16 = 0xFFFF;
    static final long ANY32 = 0xFFFFFFFFL;

    private final boolean[] quarters;
    private final boolean[] evenOdd;
    private final int[] max16;
    private final long[] max32;

    private VectorForms(boolean[] quarters, boolean[] evenOdd, int[] max16, long[] max32) {
        this.quarters = quarters;
        this.evenOdd = evenOdd;
        this.max16 = max16;
        this.max32 = max32;
    }

    /** Forms given value by value, in order and with no lane bounds (for tests of the lowering). */
    static VectorForms of(boolean[] quarters) { return of(quarters, new boolean[0], new int[0], new long[0]); }

    /** Forms, even/odd layouts and lane bounds given value by value (for tests of the lowering). */
    static VectorForms of(boolean[] quarters, boolean[] evenOdd, int[] max16, long[] max32) {
        return new VectorForms(quarters.clone(), evenOdd.clone(), max16.clone(), max32.clone());
    }

    /** Whether value {@code v} is stored as quarters (false for anything but a v128). */
    boolean quarters(int v) { return v < quarters.length && quarters[v]; }

    /** Whether value {@code v}, stored as halves, has its 16-bit lanes in even/odd order. */
    boolean evenOdd(int v) { return v < evenOdd.length && evenOdd[v]; }

    /** An upper bound of every 16-bit lane of value {@code v}, unsigned. */
    int max16(int v) { return v < max16.length ? max16[v] : ANY16; }

    /** An upper bound of every 32-bit lane of value {@code v}, unsigned. */
    long max32(int v) { return v < max32.length ? max32[v] : ANY32; }

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
        boolean[] evenOdd = evenOdd(fn, producer, quarters, constant);
        int[] max16 = new int[n];
        long[] max32 = new long[n];
        bounds(fn, producer, max16, max32);
        return new VectorForms(quarters, evenOdd, max16, max32);
    }

    /** The values that take the even/odd layout: candidates are dropped until every remaining one keeps the rules. */
    private static boolean[] evenOdd(IrFunction fn, Inst[] producer, boolean[] quarters, boolean[] constant) {
        int n = fn.valueCount();
        boolean[] candidate = new boolean[n];
        boolean[] escapes = new boolean[n];
        List<List<Inst>> users = new ArrayList<>(n);
        for (int v = 0; v < n; v++) users.add(null);
        boolean anyCandidate = false;
        for (int v = 0; v < n; v++) {
            Inst p = producer[v];
            candidate[v] = p != null && fn.typeOf(v) == ValType.V128 && !quarters[v] && p.results.length == 1
                    && SimdLowering.evenOddSource(p.opcode) != SimdLowering.EvenOdd.NEVER;
            anyCandidate |= candidate[v];
        }
        if (!anyCandidate) return new boolean[0];
        for (Block b : fn.blocks) {
            for (Inst inst : b.insts) {
                for (int a : inst.args) {
                    if (fn.typeOf(a) != ValType.V128) continue;
                    if (Opcodes.isSimd(inst.opcode)) {
                        if (users.get(a) == null) users.set(a, new ArrayList<>());
                        users.get(a).add(inst);
                    } else {
                        escapes[a] = true; // select, calls, global.set
                    }
                }
            }
            for (Terminator.Edge e : b.terminator.edges()) for (int a : e.args()) escapes[a] = true;
            if (b.terminator instanceof Terminator.Return r) for (int a : r.values()) escapes[a] = true;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int v = 0; v < n; v++) {
                if (!candidate[v]) continue;
                boolean keep = !escapes[v];
                Inst p = producer[v];
                if (keep && SimdLowering.evenOddSource(p.opcode) == SimdLowering.EvenOdd.LIKE_ARGS) {
                    // lane-wise: its vector operands must be even/odd too (constants are reordered as they are read)
                    boolean seen = false;
                    for (int a : p.args) {
                        if (fn.typeOf(a) != ValType.V128 || constant[a]) continue;
                        seen = true;
                        keep &= candidate[a];
                    }
                    keep &= seen;
                }
                List<Inst> uses = users.get(v);
                if (keep && uses != null) {
                    for (Inst use : uses) {
                        boolean reads = SimdLowering.readsEvenOdd(use.opcode)
                                || SimdLowering.evenOddSource(use.opcode) == SimdLowering.EvenOdd.LIKE_ARGS && candidate[use.results[0]];
                        keep &= reads;
                    }
                }
                if (!keep) {
                    candidate[v] = false;
                    changed = true;
                }
            }
        }
        return candidate;
    }

    /** Lane bounds, pass after pass until none changes (arguments may be placed after their users' blocks). */
    private static void bounds(IrFunction fn, Inst[] producer, int[] max16, long[] max32) {
        Arrays.fill(max16, ANY16);
        Arrays.fill(max32, ANY32);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : fn.blocks) {
                for (Inst inst : b.insts) {
                    if (!Opcodes.isSimd(inst.opcode) || inst.results.length != 1) continue;
                    int r = inst.results[0];
                    if (fn.typeOf(r) != ValType.V128) continue;
                    long m32 = bound32(inst, producer, max16, max32);
                    int m16 = bound16(inst, producer, max16, max32, m32);
                    if (m16 < max16[r] || m32 < max32[r]) {
                        max16[r] = Math.min(m16, max16[r]);
                        max32[r] = Math.min(m32, max32[r]);
                        changed = true;
                    }
                }
            }
        }
    }

    /** Bound of the 32-bit lanes of {@code inst}'s result. */
    private static long bound32(Inst inst, Inst[] producer, int[] max16, long[] max32) {
        int[] a = inst.args;
        return switch (inst.opcode) {
            case Opcodes.V128_CONST -> constantBound((byte[]) inst.extra, 4);
            case Opcodes.I32X4_EXTEND_LOW_I16X8_U, Opcodes.I32X4_EXTEND_HIGH_I16X8_U -> max16[a[0]];
            case Opcodes.I32X4_ADD -> atMost32(max32[a[0]] + max32[a[1]]);
            case Opcodes.I32X4_MUL -> max32[a[0]] != 0 && max32[a[1]] > ANY32 / max32[a[0]] ? ANY32 : max32[a[0]] * max32[a[1]];
            case Opcodes.I32X4_SHR_U -> max32[a[0]] >>> (shiftCount(producer[a[1]]) & 31);
            case Opcodes.V128_AND -> Math.min(max32[a[0]], max32[a[1]]);
            // two 16-bit lanes make one 32-bit lane
            default -> {
                int m16 = bound16(inst, producer, max16, max32, ANY32);
                yield m16 == ANY16 ? ANY32 : m16 * 0x10001L;
            }
        };
    }

    /** Bound of the 16-bit lanes of {@code inst}'s result, given the bound {@code m32} of its 32-bit lanes. */
    private static int bound16(Inst inst, Inst[] producer, int[] max16, long[] max32, long m32) {
        int[] a = inst.args;
        return switch (inst.opcode) {
            case Opcodes.V128_CONST -> (int) constantBound((byte[]) inst.extra, 2);
            case Opcodes.V128_LOAD8X8_U, Opcodes.I16X8_EXTEND_LOW_I8X16_U, Opcodes.I16X8_EXTEND_HIGH_I8X16_U -> 0xFF;
            case Opcodes.I16X8_ADD -> max16[a[0]] + max16[a[1]] <= ANY16 ? max16[a[0]] + max16[a[1]] : ANY16;
            case Opcodes.I16X8_SHR_U -> max16[a[0]] >>> (shiftCount(producer[a[1]]) & 15);
            case Opcodes.V128_AND -> Math.min(max16[a[0]], max16[a[1]]);
            // saturating: lanes that are never negative as i32 keep their bound, up to 0xFFFF
            case Opcodes.I16X8_NARROW_I32X4_U -> (int) Math.min(Math.max(narrowed(max32[a[0]]), narrowed(max32[a[1]])), ANY16);
            // the low 16 bits of a 32-bit lane are at most the lane, the high ones at most its top
            default -> (int) Math.min(m32, ANY16);
        };
    }

    /** The bound an unsigned-saturating narrowing keeps of a 32-bit lane bound (none once a lane may be negative). */
    private static long narrowed(long m32) { return m32 <= Integer.MAX_VALUE ? m32 : ANY32; }

    private static long atMost32(long m) { return Math.min(m, ANY32); }

    /** An i32 shift count that is a constant, else 0 (a shift by an unknown count keeps the bound). */
    private static int shiftCount(Inst producer) {
        return producer != null && producer.opcode == Opcodes.I32_CONST ? (int) producer.c : 0;
    }

    /** The largest {@code width}-byte lane of a constant, unsigned. */
    private static long constantBound(byte[] bytes, int width) {
        long max = 0;
        for (int i = 0; i < 16; i += width) {
            long lane = 0;
            for (int j = width - 1; j >= 0; j--) lane = lane << 8 | (bytes[i + j] & 0xFF);
            max = Math.max(max, lane);
        }
        return max;
    }
}
