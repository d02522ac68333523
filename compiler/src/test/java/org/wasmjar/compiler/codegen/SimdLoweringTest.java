package org.wasmjar.compiler.codegen;

import static org.junit.jupiter.api.Assertions.*;
import static org.objectweb.asm.Opcodes.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;
import org.objectweb.asm.util.CheckClassAdapter;
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

    /** Compiles one instruction; with {@code quarters}, v128 arguments are stored as quarters, else as halves. */
    private static Compiled compile(Inst template, boolean quarters) {
        ValType[] params = Signatures.params(template.opcode);
        ValType[] results = Signatures.results(template.opcode);
        int[] args = new int[params.length];
        for (int k = 0; k < args.length; k++) args[k] = k;
        ValType result = results.length == 0 ? null : results[0];
        Inst inst = new Inst(template.opcode, args, result == null ? new int[0] : new int[] {params.length},
                template.a, template.b, template.c, template.extra, 0);
        boolean[] forms = new boolean[params.length + 1];
        for (int k = 0; k < params.length; k++) forms[k] = quarters && params[k] == ValType.V128;
        forms[params.length] = quarters && result == ValType.V128;

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
        int temp = next;
        InstLowering.Operands operands = new InstLowering.Operands() {
            @Override public void push(int k) { mv.visitVarInsn(JvmTypes.loadOpcode(params[k]), local[k]); }

            @Override public void pushHalf(int k, boolean high) {
                int h = high ? 1 : 0;
                if (forms[k]) {
                    mv.visitVarInsn(ILOAD, quarterLocal[k] + 2 * h);
                    mv.visitVarInsn(ILOAD, quarterLocal[k] + 2 * h + 1);
                    mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(V128Ops.class), "pack", "(II)J", false);
                } else {
                    mv.visitVarInsn(LLOAD, local[k] + 2 * h);
                }
            }

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
                    if (q % 2 == 1) mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(V128Ops.class), "pack", "(II)J", false);
                }
            }
            Emit.box(mv, ValType.V128);
        }
        if (result == ValType.F32) mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
        if (result == ValType.F64) mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
        mv.visitInsn(result == null ? RETURN : carrier(result).getOpcode(IRETURN));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        byte[] bytes = cw.toByteArray();

        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), SimdLoweringTest.class.getClassLoader(), false, new PrintWriter(problems));
        if (!problems.toString().isEmpty()) {
            StringWriter listing = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(bytes), SimdLoweringTest.class.getClassLoader(), true, new PrintWriter(listing));
            fail(Opcodes.name(inst.opcode) + (quarters ? " (quarters)" : "") + " does not verify: " + problems + listing);
        }
        try {
            Class<?> c = new Loader().define(name.replace('/', '.'), bytes);
            MethodHandle h = MethodHandles.publicLookup().findStatic(c, "run",
                    MethodType.fromMethodDescriptorString(desc.toString(), SimdLoweringTest.class.getClassLoader()));
            return new Compiled(h, end.getOffset() - start.getOffset(), LOWERING.estimateSize(inst, VectorForms.of(forms)));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
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
        for (Inst inst : everyOperator()) {
            ValType[] params = Signatures.params(inst.opcode);
            Compiled halves = compile(inst, false), quarters = compile(inst, true);
            boolean memory = Opcodes.name(inst.opcode).startsWith("v128.load") || Opcodes.name(inst.opcode).startsWith("v128.store");
            for (int trial = 0; trial < 8; trial++) {
                List<Object> args = new ArrayList<>();
                for (int k = 0; k < params.length; k++) {
                    switch (params[k]) {
                        case I32 -> args.add(memory && k == 0 ? 16 : random.nextInt());
                        case I64 -> args.add(random.nextLong());
                        case F32 -> args.add(Float.intBitsToFloat(random.nextInt()));
                        case F64 -> args.add(Double.longBitsToDouble(random.nextLong()));
                        default -> { args.add(random.nextLong()); args.add(random.nextLong()); }
                    }
                }
                byte[] mem = new byte[64];
                random.nextBytes(mem);
                byte[] mem2 = mem.clone();
                Object a = halves.run(mem, args), b = quarters.run(mem2, args);
                String what = Opcodes.name(inst.opcode) + " lane " + inst.a + " " + args;
                assertEquals(a, b, what);
                assertArrayEquals(mem, mem2, what);
            }
        }
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

    private static final class Loader extends ClassLoader {
        Loader() { super(SimdLoweringTest.class.getClassLoader()); }

        Class<?> define(String name, byte[] bytes) { return defineClass(name, bytes, 0, bytes.length); }
    }
}
