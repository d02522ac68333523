package org.wasmjar.compiler.codegen;

import static org.junit.jupiter.api.Assertions.*;
import static org.objectweb.asm.Opcodes.*;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.Signatures;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.runtime.abi.V128;
import org.wasmjar.runtime.abi.V128Ops;
import org.wasmjar.runtime.types.ValType;

/**
 * {@link SimdLowering} emitted into real methods, with v128 arguments stored as halves and as quarters: every SIMD
 * operator verifies and stays within its size estimate, both storage forms give the same bits, and the inline
 * shuffle forms agree with the byte-by-byte helper. (The operators' semantics are the spec suite's business: its
 * 56 {@code simd_*.wast} scripts run through {@code wasmjar wast}.)
 */
class SimdLoweringTest {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final OpLowering LOWERING;
    private static final String OPS = Type.getInternalName(V128Ops.class);

    static {
        try {
            LOWERING = new OpLowering(OpHarness.module(List.of()));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@code run(byte[] memory, args...)}: a v128 is two long parameters; results come back as V128 or raw bits. */
    private record Compiled(MethodHandle handle, int emittedBytes, int estimate) {
        Object run(byte[] mem, List<Object> args) throws Throwable {
            List<Object> all = new ArrayList<>();
            all.add(mem);
            all.addAll(args);
            return handle.invokeWithArguments(all);
        }
    }

    /**
     * How the v128 values of a compiled instruction are stored: as quarters, or as halves in order or in even/odd
     * order (the arguments, and the result where the instruction can leave it so), and what their lanes are known to
     * be bounded by.
     */
    private record Variant(boolean quarters, boolean evenOdd, int max16, long max32) {
        static final Variant HALVES = new Variant(false, false, VectorForms.ANY16, VectorForms.ANY32);
        static final Variant QUARTERS = new Variant(true, false, VectorForms.ANY16, VectorForms.ANY32);
        static final Variant EVEN_ODD = new Variant(false, true, VectorForms.ANY16, VectorForms.ANY32);

        Variant bounded(int m16, long m32) { return new Variant(quarters, evenOdd, m16, m32); }

        @Override public String toString() {
            return (quarters ? "quarters" : evenOdd ? "even/odd" : "halves")
                    + (max16 != VectorForms.ANY16 || max32 != VectorForms.ANY32 ? " bounded" : "");
        }
    }

    private static Compiled compile(Inst template, boolean quarters) { return compile(template, quarters ? Variant.QUARTERS : Variant.HALVES); }

    /** Compiles one instruction with its v128 values stored as {@code variant} says; they come and go in order. */
    private static Compiled compile(Inst template, Variant variant) {
        boolean quarters = variant.quarters();
        ValType[] params = Signatures.params(template.opcode);
        ValType[] results = Signatures.results(template.opcode);
        int[] args = new int[params.length];
        for (int k = 0; k < args.length; k++) args[k] = k;
        ValType result = results.length == 0 ? null : results[0];
        Inst inst = new Inst(template.opcode, args, result == null ? new int[0] : new int[] {params.length},
                template.a, template.b, template.c, template.extra, 0);
        boolean[] forms = new boolean[params.length + 1];
        boolean[] evenOdd = new boolean[params.length + 1];
        int[] max16 = new int[params.length + 1];
        long[] max32 = new long[params.length + 1];
        for (int k = 0; k < params.length; k++) {
            forms[k] = quarters && params[k] == ValType.V128;
            evenOdd[k] = variant.evenOdd() && params[k] == ValType.V128;
            max16[k] = variant.max16();
            max32[k] = variant.max32();
        }
        forms[params.length] = quarters && result == ValType.V128;
        evenOdd[params.length] = variant.evenOdd() && result == ValType.V128
                && SimdLowering.evenOddSource(template.opcode) != SimdLowering.EvenOdd.NEVER;
        max16[params.length] = VectorForms.ANY16;
        max32[params.length] = VectorForms.ANY32;
        VectorForms known = VectorForms.of(forms, evenOdd, max16, max32);

        StringBuilder desc = new StringBuilder("([B");
        int[] local = new int[params.length];
        int next = 1;
        for (int k = 0; k < params.length; k++) {
            local[k] = next;
            desc.append(params[k] == ValType.V128 ? "JJ" : JvmTypes.asmType(params[k]).getDescriptor());
            next += JvmTypes.slots(params[k]);
        }
        desc.append(')').append(result == null ? "V" : carrier(result).getDescriptor());

        String name = "gen/Simd" + COUNTER.incrementAndGet();
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "run", desc.toString(), null, null);
        mv.visitCode();
        // v128 arguments to be read as quarters move from their two long parameters into four int locals
        int[] quarterLocal = new int[params.length];
        for (int k = 0; k < params.length; k++) {
            if (!forms[k]) continue;
            quarterLocal[k] = next;
            for (int q = 0; q < 4; q++) {
                mv.visitVarInsn(LLOAD, local[k] + 2 * (q / 2));
                if (q % 2 == 1) {
                    mv.visitIntInsn(BIPUSH, 32);
                    mv.visitInsn(LUSHR);
                }
                mv.visitInsn(L2I);
                mv.visitVarInsn(ISTORE, next++);
            }
        }
        // v128 arguments to be read in even/odd order move into two long locals of their own, even lanes first
        for (int k = 0; k < params.length; k++) {
            if (!evenOdd[k]) continue;
            for (String lanes : new String[] {"evenLanes16", "oddLanes16"}) {
                mv.visitVarInsn(LLOAD, local[k]);
                mv.visitVarInsn(LLOAD, local[k] + 2);
                mv.visitMethodInsn(INVOKESTATIC, OPS, lanes, "(JJ)J", false);
                mv.visitVarInsn(LSTORE, next);
                next += 2;
            }
            local[k] = next - 4;
        }
        int temp = next;
        InstLowering.Operands operands = new SimdLowering.Operands() {
            @Override public VectorForms forms() { return known; }

            @Override public void push(int k) { mv.visitVarInsn(JvmTypes.loadOpcode(params[k]), local[k]); }

            @Override public void pushHalf(int k, boolean high) {
                int h = high ? 1 : 0;
                if (forms[k]) {
                    mv.visitVarInsn(ILOAD, quarterLocal[k] + 2 * h);
                    mv.visitVarInsn(ILOAD, quarterLocal[k] + 2 * h + 1);
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "pack", "(II)J", false);
                } else {
                    mv.visitVarInsn(LLOAD, local[k] + 2 * h);
                }
            }

            // as generated code does, a value stored as halves is cut into quarters whatever its lane order
            @Override public void pushQuarter(int k, int q) {
                if (forms[k]) {
                    mv.visitVarInsn(ILOAD, quarterLocal[k] + q);
                    return;
                }
                mv.visitVarInsn(LLOAD, local[k] + 2 * (q / 2));
                if (q % 2 == 1) {
                    mv.visitIntInsn(BIPUSH, 32);
                    mv.visitInsn(LUSHR);
                }
                mv.visitInsn(L2I);
            }

            @Override public boolean isQuarters(int k) { return forms[k]; }

            @Override public boolean resultInQuarters() { return forms[params.length]; }
        };
        Label start = new Label(), end = new Label();
        mv.visitLabel(start);
        SimdLowering.emit(mv, inst, operands, 0);
        mv.visitLabel(end);
        if (result == ValType.V128) {
            SimdLowering.Form form = SimdLowering.shape(inst).result();
            boolean inQuarters = form == SimdLowering.Form.QUARTERS
                    || (form != SimdLowering.Form.HALVES && forms[params.length]);
            if (inQuarters) {
                for (int q = 3; q >= 0; q--) mv.visitVarInsn(ISTORE, temp + q);
                for (int q = 0; q < 4; q++) {
                    mv.visitVarInsn(ILOAD, temp + q);
                    if (q % 2 == 1) mv.visitMethodInsn(INVOKESTATIC, OPS, "pack", "(II)J", false);
                }
            } else if (evenOdd[params.length]) {
                mv.visitVarInsn(LSTORE, temp + 2);
                mv.visitVarInsn(LSTORE, temp);
                for (int shift : new int[] {0, 32}) {
                    for (int h = 0; h < 2; h++) {
                        mv.visitVarInsn(LLOAD, temp + 2 * h);
                        mv.visitIntInsn(BIPUSH, shift);
                        mv.visitInsn(LUSHR);
                    }
                    mv.visitMethodInsn(INVOKESTATIC, OPS, "interleave16", "(JJ)J", false);
                }
            }
            Emit.box(mv, ValType.V128);
        }
        MethodHandle h = OpHarness.finish(cw, mv, result, carrier(result == null ? ValType.I32 : result), name, desc.toString(),
                Opcodes.name(inst.opcode) + " (" + variant + ")");
        return new Compiled(h, end.getOffset() - start.getOffset(), LOWERING.estimateSize(inst, known));
    }

    /** Floats come back as their raw bits, so NaN payloads compare exactly. */
    private static Type carrier(ValType t) {
        return switch (t) {
            case F32 -> Type.INT_TYPE;
            case F64 -> Type.LONG_TYPE;
            default -> JvmTypes.asmType(t);
        };
    }

    /** An instruction with the immediates its opcode needs (lane, shuffle mask, constant, memarg offset). */
    private static Inst inst(int opcode, int lane, int offset, byte[] bytes) {
        Object extra = null;
        String n = Opcodes.name(opcode);
        if (opcode == Opcodes.V128_CONST || opcode == Opcodes.I8X16_SHUFFLE) extra = bytes;
        else if (n.endsWith("_lane") && n.startsWith("v128.")) extra = lane;
        return new Inst(opcode, new int[0], new int[0], n.startsWith("v128.") ? 0 : lane, 0, Integer.toUnsignedLong(offset), extra, 0);
    }

    /** Every SIMD operator, with its first and last lane, two shuffle masks and both a zero and a large offset. */
    private static List<Inst> everyOperator() {
        byte[] pattern = new byte[16], words = new byte[16];
        for (int i = 0; i < 16; i++) {
            pattern[i] = (byte) ((7 * i + 3) % 32);
            words[i] = (byte) (4 * ((5 * (i / 4) + 2) % 8) + i % 4);
        }
        List<Inst> all = new ArrayList<>();
        for (int op = 0xFD000; op < 0xFD100; op++) {
            if (!Opcodes.isKnown(op)) continue;
            String n = Opcodes.name(op);
            int lanes = n.startsWith("i8x16") ? 16 : n.startsWith("i16x8") ? 8 : n.startsWith("i64x2") || n.startsWith("f64x2") ? 2 : 4;
            if (n.startsWith("v128.")) lanes = n.contains("8_lane") ? 16 : n.contains("16_lane") ? 8 : n.contains("32_lane") ? 4 : 2;
            for (int lane : new int[] {0, lanes - 1}) {
                for (byte[] bytes : List.of(pattern, words)) {
                    for (int offset : new int[] {0, 8}) all.add(inst(op, lane, offset, bytes));
                }
            }
        }
        return all;
    }

    @Test
    void everyOperatorVerifiesWithinItsEstimate() {
        int count = 0;
        for (Inst inst : everyOperator()) {
            for (boolean quarters : new boolean[] {false, true}) {
                Compiled c = compile(inst, quarters);
                assertTrue(c.estimate() >= c.emittedBytes(), Opcodes.name(inst.opcode) + (quarters ? " (quarters)" : "")
                        + ": estimate " + c.estimate() + " < " + c.emittedBytes() + " bytes");
                count++;
            }
            int lane = inst.extra instanceof Integer l ? l : inst.a;
            byte[] bytes = inst.extra instanceof byte[] b ? b : null;
            Compiled huge = compile(inst(inst.opcode, lane, -1, bytes), false);
            assertTrue(huge.estimate() >= huge.emittedBytes(), Opcodes.name(inst.opcode) + " with offset 2^32-1");
        }
        assertEquals(236 * 8 * 2, count, "SIMD operators");
    }

    @Test
    void halvesAndQuartersGiveTheSameBits() throws Throwable {
        Random random = new Random(16);
        for (Inst inst : everyOperator()) assertSameBits(inst, Variant.HALVES, Variant.QUARTERS, random);
    }

    /** Every operator reads even/odd operands right, and those that can leave their result even/odd do. */
    @Test
    void evenOddGivesTheSameBits() throws Throwable {
        Random random = new Random(17);
        int sources = 0;
        for (Inst inst : everyOperator()) {
            if (!Arrays.asList(Signatures.params(inst.opcode)).contains(ValType.V128)
                    && SimdLowering.evenOddSource(inst.opcode) == SimdLowering.EvenOdd.NEVER) continue;
            assertSameBits(inst, Variant.HALVES, Variant.EVEN_ODD, random);
            if (SimdLowering.evenOddSource(inst.opcode) != SimdLowering.EvenOdd.NEVER) sources++;
            if (estimatorKnowsForms()) {
                Compiled c = compile(inst, Variant.EVEN_ODD);
                assertTrue(c.estimate() >= c.emittedBytes(), Opcodes.name(inst.opcode) + " (even/odd): estimate "
                        + c.estimate() + " < " + c.emittedBytes() + " bytes");
            }
        }
        assertEquals(42 * 8, sources, "operators with an even/odd result");
    }

    /**
     * Whether {@link OpLowering#estimateSize} sizes instructions with the even/odd layouts and lane bounds of its
     * forms: it does once its operand probe is a {@link SimdLowering.Operands}; before that, generated code never
     * has such values (the method emitter's operands do not tell them either), so there is nothing to bound.
     */
    private static boolean estimatorKnowsForms() {
        Inst add = new Inst(Opcodes.I8X16_ADD, new int[] {0, 1}, new int[] {2}, 0, 0, 0, null, 0);
        VectorForms evenOdd = VectorForms.of(new boolean[3], new boolean[] {true, true, false}, new int[0], new long[0]);
        return LOWERING.estimateSize(add, evenOdd) != LOWERING.estimateSize(add, VectorForms.NONE);
    }

    /** Where lanes are known to be in range, adds skip carry handling and narrowings saturation: same bits. */
    @Test
    void boundedLanesGiveTheSameBits() throws Throwable {
        Random random = new Random(18);
        int[][] bounds = {{0xFF, 0xFF00FF}, {0x7F, 0x7F007F}, {0x7FFF, 0x7FFF7FFF}, {0xFFFF, 0xFFFF}, {0x7FFF, 0x7FFF}};
        for (int op : new int[] {Opcodes.I16X8_ADD, Opcodes.I16X8_NARROW_I32X4_S, Opcodes.I16X8_NARROW_I32X4_U,
                Opcodes.I8X16_NARROW_I16X8_S, Opcodes.I8X16_NARROW_I16X8_U}) {
            Inst inst = inst(op, 0, 0, null);
            for (int[] b : bounds) {
                for (Variant v : List.of(Variant.HALVES, Variant.EVEN_ODD)) {
                    assertSameBits(inst, Variant.HALVES, v.bounded(b[0], b[1]), random);
                }
            }
        }
    }

    /**
     * Random arguments (v128 lanes within {@code b}'s bounds), the same for both variants of {@code inst}: the
     * results and the memory after must be equal.
     */
    private static void assertSameBits(Inst inst, Variant a, Variant b, Random random) throws Throwable {
        ValType[] params = Signatures.params(inst.opcode);
        Compiled first = compile(inst, a), second = compile(inst, b);
        boolean memory = Opcodes.name(inst.opcode).startsWith("v128.load") || Opcodes.name(inst.opcode).startsWith("v128.store");
        for (int trial = 0; trial < 8; trial++) {
            List<Object> args = new ArrayList<>();
            for (int k = 0; k < params.length; k++) {
                switch (params[k]) {
                    case I32 -> args.add(memory && k == 0 ? 16 : random.nextInt());
                    case I64 -> args.add(random.nextLong());
                    case F32 -> args.add(Float.intBitsToFloat(random.nextInt()));
                    case F64 -> args.add(Double.longBitsToDouble(random.nextLong()));
                    default -> {
                        args.add(boundedHalf(random, b));
                        args.add(boundedHalf(random, b));
                    }
                }
            }
            byte[] mem = new byte[64];
            random.nextBytes(mem);
            byte[] mem2 = mem.clone();
            Object x = first.run(mem, args), y = second.run(mem2, args);
            String what = Opcodes.name(inst.opcode) + " lane " + inst.a + " " + a + " vs " + b + " " + args;
            assertEquals(x, y, what);
            assertArrayEquals(mem, mem2, what);
        }
    }

    /** Two 32-bit lanes, each at most {@code v.max32()}, of 16-bit lanes at most {@code v.max16()}. */
    private static long boundedHalf(Random random, Variant v) {
        long half = 0;
        for (int i = 0; i < 2; i++) {
            long lane = random.nextInt(v.max16() + 1) | (long) random.nextInt(v.max16() + 1) << 16;
            if (lane > v.max32()) lane = (random.nextLong() & Long.MAX_VALUE) % (v.max32() + 1);
            half |= lane << 32 * i;
        }
        return half;
    }

    @Test
    void inlineShuffleFormsMatchTheHelper() throws Throwable {
        List<byte[]> masks = new ArrayList<>();
        masks.add(mask(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)); // identity: quarters
        masks.add(mask(24, 25, 26, 27, 28, 29, 30, 31, 16, 17, 18, 19, 20, 21, 22, 23)); // b's halves swapped
        masks.add(mask(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18)); // funnel shifts across operands
        masks.add(mask(17, 18, 19, 20, 21, 22, 23, 24, 9, 10, 11, 12, 13, 14, 15, 16));
        masks.add(mask(4, 5, 6, 7, 0, 1, 2, 3, 28, 29, 30, 31, 8, 9, 10, 11)); // 32-bit lanes
        masks.add(mask(8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7));
        Random random = new Random(5);
        for (int k = 0; k < 20; k++) {
            byte[] m = new byte[16];
            for (int i = 0; i < 16; i++) m[i] = (byte) random.nextInt(32);
            masks.add(m);
        }
        for (byte[] m : masks) {
            for (boolean quarters : new boolean[] {false, true}) {
                Compiled c = compile(inst(Opcodes.I8X16_SHUFFLE, 0, 0, m), quarters);
                for (int k = 0; k < 5; k++) {
                    long aLo = random.nextLong(), aHi = random.nextLong(), bLo = random.nextLong(), bHi = random.nextLong();
                    long selLo = 0, selHi = 0;
                    for (int i = 7; i >= 0; i--) {
                        selLo = selLo << 8 | m[i];
                        selHi = selHi << 8 | m[i + 8];
                    }
                    V128 expected = new V128(V128Ops.shuffle(aLo, aHi, bLo, bHi, selLo), V128Ops.shuffle(aLo, aHi, bLo, bHi, selHi));
                    assertEquals(expected, c.run(null, List.of(aLo, aHi, bLo, bHi)), Arrays.toString(m));
                }
            }
        }
    }

    private static byte[] mask(int... lanes) {
        byte[] m = new byte[16];
        for (int i = 0; i < 16; i++) m[i] = (byte) lanes[i];
        return m;
    }
}
