package org.wasmjar.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;
import static org.wasmjar.compiler.wasm.model.Opcodes.*;

import java.util.function.IntConsumer;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.runtime.abi.MemorySites;
import org.wasmjar.runtime.abi.V128Floats;
import org.wasmjar.runtime.abi.V128Ops;

/**
 * Lowers SIMD instructions. A v128 value lives in JVM locals in one of two forms (see
 * {@link org.wasmjar.runtime.abi.V128} for the byte order): two long <em>halves</em>, or four int
 * <em>quarters</em>. Each operator works in the form that suits its lanes: 8-, 16- and 64-bit lanes on halves
 * (SWAR arithmetic for the narrow lanes), 32-bit lanes on quarters, one lane per int, so a chain of f32x4 operators
 * runs on floats with no packing between them. An instruction pushes its result, halves (low first) or quarters
 * (lane 0 first), and reads its arguments through {@link InstLowering.Operands} in the form it wants, which converts
 * when a value is stored in the other. Bitwise operators and {@code v128.load} take whichever form the
 * {@link VectorForms} analysis chose for their result. Lanes are computed by small static helpers in
 * {@code org.wasmjar.runtime.abi} ({@link V128Ops}, {@link V128Floats}) that HotSpot inlines, or by plain int and
 * long arithmetic emitted inline. Memory is read and written a part (8 to 64 bits) at a time through
 * {@link MemorySites} access sites, a 16-byte store highest part first so that a store that traps writes nothing.
 *
 * <p>When the operands are {@link Operands}, which know the function's {@link VectorForms}, two more things are
 * used: i16x8 values in even/odd halves (widened from bytes by a mask and a shift, narrowed back by a shift and an
 * or; lane-wise operators work on them as on halves in order), and lane bounds (an {@code i16x8.add} that cannot
 * carry out of a lane is a long add per half, a narrowing of lanes already in range skips saturation). Any operand
 * is read correctly whatever its layout: one in even/odd order is put in order where an operator needs that.
 */
final class SimdLowering {
    /** How an instruction leaves its v128 result. */
    enum Form {
        HALVES, QUARTERS,
        /** Quarters when every v128 argument is stored as quarters (bitwise operators). */
        LIKE_ARGS,
        /** Either, as the uses of the value prefer ({@code v128.load}, {@code v128.const}). */
        ANY
    }

    /**
     * What a dry run of an instruction's lowering shows: the form of its result (null when it has no v128 result),
     * and the form it reads its v128 arguments in (null when it reads none, or picks the form they are stored in).
     */
    record Shape(Form result, Form reads) {}

    /** Operands that also tell the function's forms, even/odd layouts and lane bounds. */
    interface Operands extends InstLowering.Operands {
        VectorForms forms();
    }

    /** Whether an instruction can leave its i16x8 result in even/odd halves. */
    enum EvenOdd {
        NEVER,
        /** At no extra cost whatever its operands (widening, narrowing from i32x4). */
        OWN,
        /** Lane-wise: when its vector operands are even/odd too. */
        LIKE_ARGS
    }

    private static final String OPS = Type.getInternalName(V128Ops.class);
    private static final String FLOATS = Type.getInternalName(V128Floats.class);
    private static final String BIN = "(JJ)J", UN = "(J)J", SHIFT = "(JI)J", REDUCE = "(JJ)I";
    private static final String IBIN = "(II)I", IUN = "(I)I";
    private static final boolean[] BOTH_HALVES = {false, true};

    private final MethodVisitor mv;
    private final Inst inst;
    private final InstLowering.Operands in;
    private final int memoryLocal;
    private final VectorForms forms;
    private Form produced;

    private SimdLowering(MethodVisitor mv, Inst inst, InstLowering.Operands in, int memoryLocal) {
        this.mv = mv;
        this.inst = inst;
        this.in = in;
        this.memoryLocal = memoryLocal;
        this.forms = in instanceof Operands o ? o.forms() : VectorForms.NONE;
    }

    /** Whether {@code opcode}'s result can be even/odd (see {@link VectorForms}); lowered so whenever it is. */
    static EvenOdd evenOddSource(int opcode) {
        return switch (opcode) {
            case V128_LOAD8X8_S, V128_LOAD8X8_U, I16X8_EXTEND_LOW_I8X16_S, I16X8_EXTEND_HIGH_I8X16_S,
                    I16X8_EXTEND_LOW_I8X16_U, I16X8_EXTEND_HIGH_I8X16_U, I16X8_NARROW_I32X4_S, I16X8_NARROW_I32X4_U -> EvenOdd.OWN;
            case I16X8_EQ, I16X8_NE, I16X8_LT_S, I16X8_LT_U, I16X8_GT_S, I16X8_GT_U, I16X8_LE_S, I16X8_LE_U, I16X8_GE_S,
                    I16X8_GE_U, I16X8_ABS, I16X8_NEG, I16X8_Q15MULR_SAT_S, I16X8_SHL, I16X8_SHR_S, I16X8_SHR_U, I16X8_ADD,
                    I16X8_ADD_SAT_S, I16X8_ADD_SAT_U, I16X8_SUB, I16X8_SUB_SAT_S, I16X8_SUB_SAT_U, I16X8_MUL, I16X8_MIN_S,
                    I16X8_MIN_U, I16X8_MAX_S, I16X8_MAX_U, I16X8_AVGR_U,
                    V128_NOT, V128_AND, V128_OR, V128_XOR, V128_ANDNOT, V128_BITSELECT -> EvenOdd.LIKE_ARGS;
            default -> EvenOdd.NEVER;
        };
    }

    /** Whether {@code opcode} reads an even/odd operand as cheaply as one in order. */
    static boolean readsEvenOdd(int opcode) {
        return switch (opcode) {
            case I32X4_EXTEND_LOW_I16X8_S, I32X4_EXTEND_HIGH_I16X8_S, I32X4_EXTEND_LOW_I16X8_U, I32X4_EXTEND_HIGH_I16X8_U,
                    I8X16_NARROW_I16X8_S, I8X16_NARROW_I16X8_U, I16X8_EXTRACT_LANE_S, I16X8_EXTRACT_LANE_U,
                    I16X8_ALL_TRUE, V128_ANY_TRUE -> true;
            default -> false;
        };
    }

    /** Emits {@code inst}, a SIMD instruction; {@code memoryLocal} holds memory 0's {@code byte[]}. */
    static void emit(MethodVisitor mv, Inst inst, InstLowering.Operands operands, int memoryLocal) {
        new SimdLowering(mv, inst, operands, memoryLocal).lower();
    }

    /** The form of {@code inst}'s result and arguments, found by lowering it into nothing. */
    static Shape shape(Inst inst) {
        Form[] reads = {null};
        boolean[] picks = {false};
        InstLowering.Operands probe = new InstLowering.Operands() {
            @Override public void push(int k) { }

            @Override public void pushHalf(int k, boolean high) { reads[0] = Form.HALVES; }

            @Override public void pushQuarter(int k, int q) { reads[0] = Form.QUARTERS; }

            @Override public boolean isQuarters(int k) {
                picks[0] = true;
                return false;
            }

            @Override public boolean resultInQuarters() {
                picks[0] = true;
                return false;
            }
        };
        SimdLowering dry = new SimdLowering(new MethodVisitor(ASM9) { }, inst, probe, 0);
        dry.lower();
        return new Shape(dry.produced, picks[0] ? null : reads[0]);
    }

    /** Pushes a {@code v128.const} in halves or quarters. */
    static void constant(MethodVisitor mv, Inst constant, boolean quarters) {
        if (quarters) {
            for (int q = 0; q < 4; q++) constantQuarter(mv, constant, q);
        } else {
            constantHalf(mv, constant, false);
            constantHalf(mv, constant, true);
        }
    }

    static void constantHalf(MethodVisitor mv, Inst constant, boolean high) {
        byte[] bytes = (byte[]) constant.extra;
        long v = 0;
        for (int i = 7; i >= 0; i--) v = v << 8 | (bytes[(high ? 8 : 0) + i] & 0xFF);
        pushLong(mv, v);
    }

    static void constantQuarter(MethodVisitor mv, Inst constant, int q) {
        byte[] bytes = (byte[]) constant.extra;
        int v = 0;
        for (int i = 3; i >= 0; i--) v = v << 8 | (bytes[4 * q + i] & 0xFF);
        OpLowering.pushInt(mv, v);
    }

    private void lower() {
        int op = inst.opcode;
        switch (op) {
            case V128_CONST -> {
                produced = Form.ANY;
                constant(mv, inst, in.resultInQuarters());
            }

            // ---- memory
            case V128_LOAD -> {
                if (in.resultInQuarters()) quarters(q -> loadPart(32, 4 * q));
                else halves(high -> loadPart(64, high ? 8 : 0));
                produced = Form.ANY;
            }
            case V128_LOAD8X8_S -> widen(() -> access("load", "J"), true);
            case V128_LOAD8X8_U -> widen(() -> access("load", "J"), false);
            case V128_LOAD16X4_S -> quarters(q -> loadPart(16, 2 * q));
            case V128_LOAD16X4_U -> quarters(q -> {
                loadPart(16, 2 * q);
                andInt(0xFFFF);
            });
            case V128_LOAD32X2_S -> halves(high -> {
                loadPart(32, high ? 4 : 0);
                mv.visitInsn(I2L);
            });
            case V128_LOAD32X2_U -> halves(high -> {
                loadPart(32, high ? 4 : 0);
                unsignedToLong();
            });
            case V128_LOAD8_SPLAT -> splatHalves(() -> { access("load8", "B"); ops("splat8", "(I)J"); });
            case V128_LOAD16_SPLAT -> splatHalves(() -> { access("load16", "S"); ops("splat16", "(I)J"); });
            case V128_LOAD32_SPLAT -> splatQuarters(() -> access("load", "I"));
            case V128_LOAD64_SPLAT -> splatHalves(() -> access("load", "J"));
            case V128_LOAD32_ZERO -> {
                produced = Form.QUARTERS;
                access("load", "I");
                for (int q = 1; q < 4; q++) mv.visitInsn(ICONST_0);
            }
            case V128_LOAD64_ZERO -> {
                produced = Form.HALVES;
                access("load", "J");
                mv.visitInsn(LCONST_0);
            }
            case V128_STORE -> {
                // The highest part first: if any byte is out of bounds that store traps, before anything is written.
                if (in.isQuarters(1)) {
                    for (int q = 3; q >= 0; q--) {
                        in.push(0);
                        quarter(1, q);
                        site("store", "(II[B)V", 4 * q);
                    }
                } else {
                    for (boolean high : new boolean[] {true, false}) {
                        in.push(0);
                        half(1, high);
                        site("store", "(IJ[B)V", high ? 8 : 0);
                    }
                }
            }
            case V128_LOAD8_LANE -> loadLaneInHalf(8, "insert8");
            case V128_LOAD16_LANE -> loadLaneInHalf(16, "insert16");
            case V128_LOAD32_LANE -> {
                int lane = memoryLane();
                quarters(q -> {
                    if (q == lane) access("load", "I");
                    else quarter(1, q);
                });
            }
            case V128_LOAD64_LANE -> {
                int lane = memoryLane();
                halves(high -> {
                    if (high == (lane == 1)) access("load", "J");
                    else half(1, high);
                });
            }
            case V128_STORE8_LANE -> storeLane(8);
            case V128_STORE16_LANE -> storeLane(16);
            case V128_STORE32_LANE -> {
                in.push(0);
                quarter(1, memoryLane());
                site("store", "(II[B)V", 0);
            }
            case V128_STORE64_LANE -> {
                in.push(0);
                half(1, memoryLane() == 1);
                site("store", "(IJ[B)V", 0);
            }

            // ---- lanes
            case I8X16_SHUFFLE -> shuffle();
            case I8X16_SWIZZLE -> halves(high -> {
                half(0, false);
                half(0, true);
                half(1, high);
                ops("swizzle", "(JJJ)J");
            });
            case I8X16_SPLAT -> splatHalves(() -> { in.push(0); ops("splat8", "(I)J"); });
            case I16X8_SPLAT -> splatHalves(() -> { in.push(0); ops("splat16", "(I)J"); });
            case I32X4_SPLAT -> splatQuarters(() -> in.push(0));
            case I64X2_SPLAT -> splatHalves(() -> in.push(0));
            case F32X4_SPLAT -> splatQuarters(() -> { in.push(0); floatBits(); });
            case F64X2_SPLAT -> splatHalves(() -> { in.push(0); doubleBits(); });
            case I8X16_EXTRACT_LANE_S -> { extractFromHalf(8); mv.visitInsn(L2I); mv.visitInsn(I2B); }
            case I8X16_EXTRACT_LANE_U -> { extractFromHalf(8); mv.visitInsn(L2I); andInt(0xFF); }
            case I16X8_EXTRACT_LANE_S -> { extractFromHalf(16); mv.visitInsn(L2I); mv.visitInsn(I2S); }
            case I16X8_EXTRACT_LANE_U -> { extractFromHalf(16); mv.visitInsn(L2I); andInt(0xFFFF); }
            case I32X4_EXTRACT_LANE -> quarter(0, inst.a);
            case F32X4_EXTRACT_LANE -> {
                quarter(0, inst.a);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
            }
            case I64X2_EXTRACT_LANE -> half(0, inst.a == 1);
            case F64X2_EXTRACT_LANE -> {
                half(0, inst.a == 1);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
            }
            case I8X16_REPLACE_LANE -> replaceInHalf(8, "insert8");
            case I16X8_REPLACE_LANE -> replaceInHalf(16, "insert16");
            case I32X4_REPLACE_LANE, F32X4_REPLACE_LANE -> quarters(q -> {
                if (q != inst.a) {
                    quarter(0, q);
                } else {
                    in.push(1);
                    if (op == F32X4_REPLACE_LANE) floatBits();
                }
            });
            case I64X2_REPLACE_LANE, F64X2_REPLACE_LANE -> halves(high -> {
                if (high != (inst.a == 1)) {
                    half(0, high);
                } else {
                    in.push(1);
                    if (op == F64X2_REPLACE_LANE) doubleBits();
                }
            });

            // ---- comparisons: gt is lt swapped, le and ge are inverted lt (for floats, le swapped)
            case I8X16_EQ -> lanewise(OPS, "i8x16Eq");
            case I8X16_NE -> lanewise(OPS, "i8x16Eq", false, true);
            case I8X16_LT_S -> lanewise(OPS, "i8x16LtS");
            case I8X16_LT_U -> lanewise(OPS, "i8x16LtU");
            case I8X16_GT_S -> lanewise(OPS, "i8x16LtS", true, false);
            case I8X16_GT_U -> lanewise(OPS, "i8x16LtU", true, false);
            case I8X16_LE_S -> lanewise(OPS, "i8x16LtS", true, true);
            case I8X16_LE_U -> lanewise(OPS, "i8x16LtU", true, true);
            case I8X16_GE_S -> lanewise(OPS, "i8x16LtS", false, true);
            case I8X16_GE_U -> lanewise(OPS, "i8x16LtU", false, true);
            case I16X8_EQ -> lanewise(OPS, "i16x8Eq");
            case I16X8_NE -> lanewise(OPS, "i16x8Eq", false, true);
            case I16X8_LT_S -> lanewise(OPS, "i16x8LtS");
            case I16X8_LT_U -> lanewise(OPS, "i16x8LtU");
            case I16X8_GT_S -> lanewise(OPS, "i16x8LtS", true, false);
            case I16X8_GT_U -> lanewise(OPS, "i16x8LtU", true, false);
            case I16X8_LE_S -> lanewise(OPS, "i16x8LtS", true, true);
            case I16X8_LE_U -> lanewise(OPS, "i16x8LtU", true, true);
            case I16X8_GE_S -> lanewise(OPS, "i16x8LtS", false, true);
            case I16X8_GE_U -> lanewise(OPS, "i16x8LtU", false, true);
            case I32X4_EQ -> lanewise32(OPS, "i32x4Eq", false, false);
            case I32X4_NE -> lanewise32(OPS, "i32x4Eq", false, true);
            case I32X4_LT_S -> lanewise32(OPS, "i32x4LtS", false, false);
            case I32X4_LT_U -> lanewise32(OPS, "i32x4LtU", false, false);
            case I32X4_GT_S -> lanewise32(OPS, "i32x4LtS", true, false);
            case I32X4_GT_U -> lanewise32(OPS, "i32x4LtU", true, false);
            case I32X4_LE_S -> lanewise32(OPS, "i32x4LtS", true, true);
            case I32X4_LE_U -> lanewise32(OPS, "i32x4LtU", true, true);
            case I32X4_GE_S -> lanewise32(OPS, "i32x4LtS", false, true);
            case I32X4_GE_U -> lanewise32(OPS, "i32x4LtU", false, true);
            case I64X2_EQ -> lanewise(OPS, "i64x2Eq");
            case I64X2_NE -> lanewise(OPS, "i64x2Eq", false, true);
            case I64X2_LT_S -> lanewise(OPS, "i64x2LtS");
            case I64X2_GT_S -> lanewise(OPS, "i64x2LtS", true, false);
            case I64X2_LE_S -> lanewise(OPS, "i64x2LtS", true, true);
            case I64X2_GE_S -> lanewise(OPS, "i64x2LtS", false, true);
            // a NaN makes every float comparison but ne false, so these are not inversions
            case F32X4_EQ -> lanewise32(FLOATS, "f32x4Eq", false, false);
            case F32X4_NE -> lanewise32(FLOATS, "f32x4Ne", false, false);
            case F32X4_LT -> lanewise32(FLOATS, "f32x4Lt", false, false);
            case F32X4_GT -> lanewise32(FLOATS, "f32x4Lt", true, false);
            case F32X4_LE -> lanewise32(FLOATS, "f32x4Le", false, false);
            case F32X4_GE -> lanewise32(FLOATS, "f32x4Le", true, false);
            case F64X2_EQ -> lanewise(FLOATS, "f64x2Eq");
            case F64X2_NE -> lanewise(FLOATS, "f64x2Ne");
            case F64X2_LT -> lanewise(FLOATS, "f64x2Lt");
            case F64X2_GT -> lanewise(FLOATS, "f64x2Lt", true, false);
            case F64X2_LE -> lanewise(FLOATS, "f64x2Le");
            case F64X2_GE -> lanewise(FLOATS, "f64x2Le", true, false);

            // ---- bitwise: in the form the arguments are in
            case V128_NOT -> bitwise(1, 0, true);
            case V128_AND -> bitwise(2, LAND, false);
            case V128_OR -> bitwise(2, LOR, false);
            case V128_XOR -> bitwise(2, LXOR, false);
            case V128_ANDNOT -> bitwise(2, LAND, true);
            case V128_BITSELECT -> {
                produced = Form.LIKE_ARGS;
                if (in.resultInQuarters()) {
                    for (int q = 0; q < 4; q++) {
                        for (int k = 0; k < 3; k++) quarter(k, q);
                        ops("bitselect", "(III)I");
                    }
                } else {
                    for (boolean high : BOTH_HALVES) {
                        for (int k = 0; k < 3; k++) lanes(k, high);
                        ops("bitselect", "(JJJ)J");
                    }
                }
            }
            case V128_ANY_TRUE -> {
                if (in.isQuarters(0)) {
                    for (int q = 0; q < 4; q++) quarter(0, q);
                    ops("anyTrue", "(IIII)I");
                } else {
                    reduceAnyOrder("anyTrue");
                }
            }

            // ---- i8x16
            case I8X16_ABS -> unary(OPS, "i8x16Abs");
            case I8X16_NEG -> unary(OPS, "i8x16Neg");
            case I8X16_POPCNT -> unary(OPS, "i8x16Popcnt");
            case I8X16_ALL_TRUE -> reduce(OPS, "i8x16AllTrue");
            case I8X16_BITMASK -> reduce(OPS, "i8x16Bitmask");
            case I8X16_NARROW_I16X8_S -> narrowToBytes(true);
            case I8X16_NARROW_I16X8_U -> narrowToBytes(false);
            case I8X16_SHL -> shift("i8x16Shl");
            case I8X16_SHR_S -> shift("i8x16ShrS");
            case I8X16_SHR_U -> shift("i8x16ShrU");
            case I8X16_ADD -> lanewise(OPS, "i8x16Add");
            case I8X16_ADD_SAT_S -> lanewise(OPS, "i8x16AddSatS");
            case I8X16_ADD_SAT_U -> lanewise(OPS, "i8x16AddSatU");
            case I8X16_SUB -> lanewise(OPS, "i8x16Sub");
            case I8X16_SUB_SAT_S -> lanewise(OPS, "i8x16SubSatS");
            case I8X16_SUB_SAT_U -> lanewise(OPS, "i8x16SubSatU");
            case I8X16_MIN_S -> lanewise(OPS, "i8x16MinS");
            case I8X16_MIN_U -> lanewise(OPS, "i8x16MinU");
            case I8X16_MAX_S -> lanewise(OPS, "i8x16MaxS");
            case I8X16_MAX_U -> lanewise(OPS, "i8x16MaxU");
            case I8X16_AVGR_U -> lanewise(OPS, "i8x16AvgrU");

            // ---- i16x8
            case I16X8_EXTADD_PAIRWISE_I8X16_S -> unary(OPS, "i16x8ExtaddPairwiseS");
            case I16X8_EXTADD_PAIRWISE_I8X16_U -> unary(OPS, "i16x8ExtaddPairwiseU");
            case I16X8_ABS -> unary(OPS, "i16x8Abs");
            case I16X8_NEG -> unary(OPS, "i16x8Neg");
            case I16X8_Q15MULR_SAT_S -> lanewise(OPS, "i16x8Q15mulrSatS");
            case I16X8_ALL_TRUE -> reduceAnyOrder("i16x8AllTrue");
            case I16X8_BITMASK -> reduce(OPS, "i16x8Bitmask");
            case I16X8_NARROW_I32X4_S -> narrowToWords(true);
            case I16X8_NARROW_I32X4_U -> narrowToWords(false);
            case I16X8_EXTEND_LOW_I8X16_S -> widen(() -> half(0, false), true);
            case I16X8_EXTEND_HIGH_I8X16_S -> widen(() -> half(0, true), true);
            case I16X8_EXTEND_LOW_I8X16_U -> widen(() -> half(0, false), false);
            case I16X8_EXTEND_HIGH_I8X16_U -> widen(() -> half(0, true), false);
            case I16X8_SHL -> shift("i16x8Shl");
            case I16X8_SHR_S -> shift("i16x8ShrS");
            case I16X8_SHR_U -> shift("i16x8ShrU");
            case I16X8_ADD -> {
                // lanes that cannot carry out add as whole longs
                if (forms.max16(inst.args[0]) + forms.max16(inst.args[1]) <= VectorForms.ANY16) inline(LADD);
                else lanewise(OPS, "i16x8Add");
            }
            case I16X8_ADD_SAT_S -> lanewise(OPS, "i16x8AddSatS");
            case I16X8_ADD_SAT_U -> lanewise(OPS, "i16x8AddSatU");
            case I16X8_SUB -> lanewise(OPS, "i16x8Sub");
            case I16X8_SUB_SAT_S -> lanewise(OPS, "i16x8SubSatS");
            case I16X8_SUB_SAT_U -> lanewise(OPS, "i16x8SubSatU");
            case I16X8_MUL -> lanewise(OPS, "i16x8Mul");
            case I16X8_MIN_S -> lanewise(OPS, "i16x8MinS");
            case I16X8_MIN_U -> lanewise(OPS, "i16x8MinU");
            case I16X8_MAX_S -> lanewise(OPS, "i16x8MaxS");
            case I16X8_MAX_U -> lanewise(OPS, "i16x8MaxU");
            case I16X8_AVGR_U -> lanewise(OPS, "i16x8AvgrU");
            case I16X8_EXTMUL_LOW_I8X16_S -> fromHalves(false, "i16x8ExtmulLowS", "i16x8ExtmulHighS");
            case I16X8_EXTMUL_HIGH_I8X16_S -> fromHalves(true, "i16x8ExtmulLowS", "i16x8ExtmulHighS");
            case I16X8_EXTMUL_LOW_I8X16_U -> fromHalves(false, "i16x8ExtmulLowU", "i16x8ExtmulHighU");
            case I16X8_EXTMUL_HIGH_I8X16_U -> fromHalves(true, "i16x8ExtmulLowU", "i16x8ExtmulHighU");

            // ---- i32x4: one int per lane
            case I32X4_EXTADD_PAIRWISE_I16X8_S -> unary32(OPS, "i32x4ExtaddPairwiseS");
            case I32X4_EXTADD_PAIRWISE_I16X8_U -> unary32(OPS, "i32x4ExtaddPairwiseU");
            case I32X4_ABS -> quarters(q -> {
                quarter(0, q);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "abs", IUN, false);
            });
            case I32X4_NEG -> quarters(q -> { quarter(0, q); mv.visitInsn(INEG); });
            case I32X4_ALL_TRUE -> reduce32("i32x4AllTrue");
            case I32X4_BITMASK -> reduce32("i32x4Bitmask");
            case I32X4_EXTEND_LOW_I16X8_S -> extend16(false, true);
            case I32X4_EXTEND_HIGH_I16X8_S -> extend16(true, true);
            case I32X4_EXTEND_LOW_I16X8_U -> extend16(false, false);
            case I32X4_EXTEND_HIGH_I16X8_U -> extend16(true, false);
            case I32X4_SHL -> shift32(ISHL);
            case I32X4_SHR_S -> shift32(ISHR);
            case I32X4_SHR_U -> shift32(IUSHR);
            case I32X4_ADD -> inline32(IADD);
            case I32X4_SUB -> inline32(ISUB);
            case I32X4_MUL -> inline32(IMUL);
            case I32X4_MIN_S -> lanewise32("java/lang/Math", "min", false, false);
            case I32X4_MIN_U -> lanewise32(OPS, "i32x4MinU", false, false);
            case I32X4_MAX_S -> lanewise32("java/lang/Math", "max", false, false);
            case I32X4_MAX_U -> lanewise32(OPS, "i32x4MaxU", false, false);
            case I32X4_DOT_I16X8_S -> lanewise32(OPS, "i32x4Dot", false, false);
            case I32X4_EXTMUL_LOW_I16X8_S -> extmul16(false, true);
            case I32X4_EXTMUL_HIGH_I16X8_S -> extmul16(true, true);
            case I32X4_EXTMUL_LOW_I16X8_U -> extmul16(false, false);
            case I32X4_EXTMUL_HIGH_I16X8_U -> extmul16(true, false);

            // ---- i64x2: one long per lane
            case I64X2_ABS -> halves(high -> {
                half(0, high);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "abs", UN, false);
            });
            case I64X2_NEG -> halves(high -> { half(0, high); mv.visitInsn(LNEG); });
            case I64X2_ALL_TRUE -> reduce(OPS, "i64x2AllTrue");
            case I64X2_BITMASK -> reduce(OPS, "i64x2Bitmask");
            case I64X2_EXTEND_LOW_I32X4_S -> extend32(0, true);
            case I64X2_EXTEND_HIGH_I32X4_S -> extend32(2, true);
            case I64X2_EXTEND_LOW_I32X4_U -> extend32(0, false);
            case I64X2_EXTEND_HIGH_I32X4_U -> extend32(2, false);
            // the JVM takes long shift counts modulo 64, as Wasm does
            case I64X2_SHL -> shiftInline(LSHL);
            case I64X2_SHR_S -> shiftInline(LSHR);
            case I64X2_SHR_U -> shiftInline(LUSHR);
            case I64X2_ADD -> inline(LADD);
            case I64X2_SUB -> inline(LSUB);
            case I64X2_MUL -> inline(LMUL);
            case I64X2_EXTMUL_LOW_I32X4_S -> extmul32(0, true);
            case I64X2_EXTMUL_HIGH_I32X4_S -> extmul32(2, true);
            case I64X2_EXTMUL_LOW_I32X4_U -> extmul32(0, false);
            case I64X2_EXTMUL_HIGH_I32X4_U -> extmul32(2, false);

            // ---- floats: abs and neg touch only sign bits, even of a NaN
            case F32X4_ABS -> quarters(q -> { quarter(0, q); andInt(0x7FFFFFFF); });
            case F32X4_NEG -> quarters(q -> {
                quarter(0, q);
                OpLowering.pushInt(mv, Integer.MIN_VALUE);
                mv.visitInsn(IXOR);
            });
            case F64X2_ABS -> signBits(Long.MAX_VALUE, LAND);
            case F64X2_NEG -> signBits(Long.MIN_VALUE, LXOR);
            case F32X4_SQRT -> unary32(FLOATS, "f32x4Sqrt");
            case F32X4_CEIL -> unary32(FLOATS, "f32x4Ceil");
            case F32X4_FLOOR -> unary32(FLOATS, "f32x4Floor");
            case F32X4_TRUNC -> unary32(FLOATS, "f32x4Trunc");
            case F32X4_NEAREST -> unary32(FLOATS, "f32x4Nearest");
            case F32X4_ADD -> lanewise32(FLOATS, "f32x4Add", false, false);
            case F32X4_SUB -> lanewise32(FLOATS, "f32x4Sub", false, false);
            case F32X4_MUL -> lanewise32(FLOATS, "f32x4Mul", false, false);
            case F32X4_DIV -> lanewise32(FLOATS, "f32x4Div", false, false);
            case F32X4_MIN -> lanewise32(FLOATS, "f32x4Min", false, false);
            case F32X4_MAX -> lanewise32(FLOATS, "f32x4Max", false, false);
            case F32X4_PMIN -> lanewise32(FLOATS, "f32x4Pmin", false, false);
            case F32X4_PMAX -> lanewise32(FLOATS, "f32x4Pmax", false, false);
            case F64X2_SQRT -> unary(FLOATS, "f64x2Sqrt");
            case F64X2_CEIL -> unary(FLOATS, "f64x2Ceil");
            case F64X2_FLOOR -> unary(FLOATS, "f64x2Floor");
            case F64X2_TRUNC -> unary(FLOATS, "f64x2Trunc");
            case F64X2_NEAREST -> unary(FLOATS, "f64x2Nearest");
            case F64X2_ADD -> lanewise(FLOATS, "f64x2Add");
            case F64X2_SUB -> lanewise(FLOATS, "f64x2Sub");
            case F64X2_MUL -> lanewise(FLOATS, "f64x2Mul");
            case F64X2_DIV -> lanewise(FLOATS, "f64x2Div");
            case F64X2_MIN -> lanewise(FLOATS, "f64x2Min");
            case F64X2_MAX -> lanewise(FLOATS, "f64x2Max");
            case F64X2_PMIN -> lanewise(FLOATS, "f64x2Pmin");
            case F64X2_PMAX -> lanewise(FLOATS, "f64x2Pmax");

            // ---- conversions
            case I32X4_TRUNC_SAT_F32X4_S -> unary32(FLOATS, "i32x4TruncSatS");
            case I32X4_TRUNC_SAT_F32X4_U -> unary32(FLOATS, "i32x4TruncSatU");
            case F32X4_CONVERT_I32X4_S -> unary32(FLOATS, "f32x4ConvertS");
            case F32X4_CONVERT_I32X4_U -> unary32(FLOATS, "f32x4ConvertU");
            case I32X4_TRUNC_SAT_F64X2_S_ZERO -> halvesToQuarters("i32x4TruncSatF64S");
            case I32X4_TRUNC_SAT_F64X2_U_ZERO -> halvesToQuarters("i32x4TruncSatF64U");
            case F32X4_DEMOTE_F64X2_ZERO -> halvesToQuarters("f32x4Demote");
            case F64X2_PROMOTE_LOW_F32X4 -> quartersToHalves("f64x2Promote");
            case F64X2_CONVERT_LOW_I32X4_S -> quartersToHalves("f64x2ConvertS");
            case F64X2_CONVERT_LOW_I32X4_U -> quartersToHalves("f64x2ConvertU");
            default -> throw new IllegalArgumentException("SimdLowering does not handle " + Opcodes.name(op));
        }
    }

    // ---- operands: read in order unless said otherwise

    private boolean evenOdd(int k) { return forms.evenOdd(inst.args[k]); }

    private boolean resultEvenOdd() { return inst.results.length == 1 && forms.evenOdd(inst.results[0]); }

    /** Pushes half {@code high} of v128 operand {@code k} with its lanes in order. */
    private void half(int k, boolean high) {
        if (!evenOdd(k)) {
            in.pushHalf(k, high);
            return;
        }
        // lanes 0..3 (4..7) are the low (high) two lanes of the even half and of the odd half, interleaved
        for (boolean odd : BOTH_HALVES) {
            in.pushHalf(k, odd);
            if (high) shiftBy(32, LUSHR);
        }
        ops("interleave16", BIN);
    }

    /** Pushes quarter {@code q} of v128 operand {@code k} with its lanes in order. */
    private void quarter(int k, int q) {
        if (!evenOdd(k)) {
            in.pushQuarter(k, q);
            return;
        }
        in.pushHalf(k, false);
        in.pushHalf(k, true);
        OpLowering.pushInt(mv, 16 * q);
        ops("evenOddQuarter", "(JJI)I");
    }

    /** Pushes half {@code high} of v128 operand {@code k} in the layout of the result: in order or even/odd. */
    private void lanes(int k, boolean high) {
        if (!resultEvenOdd()) {
            half(k, high);
        } else if (evenOdd(k)) {
            in.pushHalf(k, high);
        } else {
            in.pushHalf(k, false);
            in.pushHalf(k, true);
            ops(high ? "oddLanes16" : "evenLanes16", BIN);
        }
    }

    // ---- result forms

    /** A result made of two halves, low first. */
    private void halves(java.util.function.Consumer<Boolean> half) {
        produced = Form.HALVES;
        for (boolean high : BOTH_HALVES) half.accept(high);
    }

    /** A result made of four quarters, lane 0 first. */
    private void quarters(IntConsumer quarter) {
        produced = Form.QUARTERS;
        for (int q = 0; q < 4; q++) quarter.accept(q);
    }

    private void splatHalves(Runnable value) {
        produced = Form.HALVES;
        value.run();
        mv.visitInsn(DUP2);
    }

    private void splatQuarters(Runnable value) {
        produced = Form.QUARTERS;
        value.run();
        for (int q = 1; q < 4; q++) mv.visitInsn(DUP);
    }

    // ---- operators on halves

    /** Lane-wise binary on halves: each result half from the same halves of both operands. */
    private void lanewise(String owner, String name) { lanewise(owner, name, false, false); }

    /** Lane-wise binary on halves with the operands swapped and/or the result inverted. */
    private void lanewise(String owner, String name, boolean swap, boolean invert) {
        halves(high -> {
            lanes(swap ? 1 : 0, high);
            lanes(swap ? 0 : 1, high);
            mv.visitMethodInsn(INVOKESTATIC, owner, name, BIN, false);
            if (invert) not();
        });
    }

    private void unary(String owner, String name) {
        halves(high -> {
            lanes(0, high);
            mv.visitMethodInsn(INVOKESTATIC, owner, name, UN, false);
        });
    }

    private void inline(int opcode) {
        halves(high -> {
            lanes(0, high);
            lanes(1, high);
            mv.visitInsn(opcode);
        });
    }

    private void signBits(long mask, int opcode) {
        halves(high -> {
            half(0, high);
            pushLong(mv, mask);
            mv.visitInsn(opcode);
        });
    }

    /** A vector of halves shifted by the i32 argument 1. */
    private void shift(String name) {
        halves(high -> {
            lanes(0, high);
            in.push(1);
            ops(name, SHIFT);
        });
    }

    private void shiftInline(int opcode) {
        halves(high -> {
            half(0, high);
            in.push(1);
            mv.visitInsn(opcode);
        });
    }

    /** A scalar from the whole vector read as halves (any_true, all_true, bitmask). */
    private void reduce(String owner, String name) {
        half(0, false);
        half(0, true);
        mv.visitMethodInsn(INVOKESTATIC, owner, name, REDUCE, false);
    }

    /** A reduction that does not depend on the order of the 16-bit lanes, so it reads even/odd halves as they are. */
    private void reduceAnyOrder(String name) {
        in.pushHalf(0, false);
        in.pushHalf(0, true);
        ops(name, REDUCE);
    }

    /**
     * i8x16.narrow_i16x8: the low result half from operand 0's eight lanes, the high one from operand 1's. Lanes
     * known to be in range need no saturation; an even/odd operand's bytes are its even lanes or-ed with its odd
     * lanes shifted up a byte.
     */
    private void narrowToBytes(boolean signed) {
        produced = Form.HALVES;
        for (int k = 0; k < 2; k++) {
            boolean inRange = forms.max16(inst.args[k]) <= (signed ? 0x7F : 0xFF);
            if (evenOdd(k)) {
                in.pushHalf(k, false);
                in.pushHalf(k, true);
                ops(inRange ? "joinBytes" : signed ? "i8x16NarrowEvenOddS" : "i8x16NarrowEvenOddU", BIN);
            } else {
                half(k, false);
                half(k, true);
                ops(inRange ? "gatherBytes" : signed ? "i8x16NarrowS" : "i8x16NarrowU", BIN);
            }
        }
    }

    /**
     * i16x8.narrow_i32x4: lanes 0..3 from operand 0's quarters, 4..7 from operand 1's, packed in order (a half from
     * each operand) or even/odd (quarters 0 and 2 of both operands, then 1 and 3). Lanes known to be in range are
     * packed without saturation.
     */
    private void narrowToWords(boolean signed) {
        produced = Form.HALVES;
        int limit = signed ? 0x7FFF : 0xFFFF;
        boolean inRange = forms.max32(inst.args[0]) <= limit && forms.max32(inst.args[1]) <= limit;
        String pack = inRange ? "pack16" : signed ? "i16x8NarrowS" : "i16x8NarrowU";
        boolean evenOdd = resultEvenOdd();
        for (int part = 0; part < 2; part++) {
            for (int i = 0; i < 4; i++) {
                if (evenOdd) quarter(i / 2, 2 * (i % 2) + part);
                else quarter(part, i);
            }
            ops(pack, "(IIII)J");
        }
    }

    /**
     * i16x8 lanes widened from the eight bytes of the long {@code bytes} pushes (loaded once): in order, the lower
     * four bytes then the upper four; even/odd, the even bytes then the odd ones.
     */
    private void widen(Runnable bytes, boolean signed) {
        produced = Form.HALVES;
        String s = signed ? "S" : "U";
        boolean evenOdd = resultEvenOdd();
        bytes.run();
        mv.visitInsn(DUP2);
        ops(evenOdd ? "evenBytes" + s : "i16x8ExtendLow" + s, UN);
        // [bytes, first] -> [first, bytes]
        mv.visitInsn(DUP2_X2);
        mv.visitInsn(POP2);
        ops(evenOdd ? "oddBytes" + s : "i16x8ExtendHigh" + s, UN);
    }

    /** Widening products (extmul) of one half of both operands. */
    private void fromHalves(boolean high, String lower, String upper) {
        produced = Form.HALVES;
        for (String name : new String[] {lower, upper}) {
            half(0, high);
            half(1, high);
            ops(name, BIN);
        }
    }

    /** i64x2 lanes from i32 lanes {@code first} and {@code first + 1}, sign- or zero-extended. */
    private void extend32(int first, boolean signed) {
        halves(high -> {
            quarter(0, first + (high ? 1 : 0));
            if (signed) mv.visitInsn(I2L);
            else unsignedToLong();
        });
    }

    private void extmul32(int first, boolean signed) {
        halves(high -> {
            for (int k = 0; k < 2; k++) {
                quarter(k, first + (high ? 1 : 0));
                if (signed) mv.visitInsn(I2L);
                else unsignedToLong();
            }
            mv.visitInsn(LMUL);
        });
    }

    /** Two 32-bit lanes from the halves of operand 0 (lanes 0 and 1), then two zero lanes. */
    private void halvesToQuarters(String name) {
        quarters(q -> {
            if (q < 2) {
                half(0, q == 1);
                floats(name, "(J)I");
            } else {
                mv.visitInsn(ICONST_0);
            }
        });
    }

    /** Two 64-bit lanes from quarters 0 and 1 of operand 0. */
    private void quartersToHalves(String name) {
        halves(high -> {
            quarter(0, high ? 1 : 0);
            floats(name, "(I)J");
        });
    }

    /** Pushes the half holding lane {@code inst.a} of {@code bits}-bit lanes, shifted so the lane is at bit 0. */
    private void extractFromHalf(int bits) {
        int perHalf = 64 / bits;
        int shift;
        if (bits == 16 && evenOdd(0)) {
            // lane i is slot i / 2 of the even or the odd half
            in.pushHalf(0, inst.a % 2 == 1);
            shift = 16 * (inst.a / 2);
        } else {
            half(0, inst.a >= perHalf);
            shift = bits * (inst.a % perHalf);
        }
        if (shift != 0) shiftBy(shift, LUSHR);
    }

    /** {@code replace_lane} of 8- or 16-bit lanes: the half holding the lane gets it inserted, the other is copied. */
    private void replaceInHalf(int bits, String insert) {
        int perHalf = 64 / bits;
        halves(high -> {
            half(0, high);
            if (high == inst.a >= perHalf) {
                in.push(1);
                OpLowering.pushInt(mv, bits * (inst.a % perHalf));
                ops(insert, "(JII)J");
            }
        });
    }

    // ---- operators on quarters

    /** Lane-wise binary on quarters, optionally with the operands swapped and/or the result inverted. */
    private void lanewise32(String owner, String name, boolean swap, boolean invert) {
        quarters(q -> {
            quarter(swap ? 1 : 0, q);
            quarter(swap ? 0 : 1, q);
            mv.visitMethodInsn(INVOKESTATIC, owner, name, IBIN, false);
            if (invert) {
                mv.visitInsn(ICONST_M1);
                mv.visitInsn(IXOR);
            }
        });
    }

    private void unary32(String owner, String name) {
        quarters(q -> {
            quarter(0, q);
            mv.visitMethodInsn(INVOKESTATIC, owner, name, IUN, false);
        });
    }

    private void inline32(int opcode) {
        quarters(q -> {
            quarter(0, q);
            quarter(1, q);
            mv.visitInsn(opcode);
        });
    }

    /** The JVM takes int shift counts modulo 32, as Wasm does. */
    private void shift32(int opcode) {
        quarters(q -> {
            quarter(0, q);
            in.push(1);
            mv.visitInsn(opcode);
        });
    }

    private void reduce32(String name) {
        for (int q = 0; q < 4; q++) quarter(0, q);
        ops(name, "(IIII)I");
    }

    /** i32 lane {@code q} from i16 lane {@code q} of the low or high half: quarter {@code q / 2}, its low or high 16 bits. */
    private void extend16(boolean high, boolean signed) {
        boolean evenOdd = evenOdd(0);
        quarters(q -> {
            if (evenOdd) {
                // i16 lane q (or 4 + q) is slot q / 2 (or 2 + q / 2) of the even or the odd half
                in.pushHalf(0, q % 2 == 1);
                int shift = 16 * (q / 2 + (high ? 2 : 0));
                if (shift != 0) shiftBy(shift, LUSHR);
                mv.visitInsn(L2I);
                half16(false, signed);
            } else {
                quarter(0, q / 2 + (high ? 2 : 0));
                half16(q % 2 == 1, signed);
            }
        });
    }

    private void extmul16(boolean high, boolean signed) {
        quarters(q -> {
            for (int k = 0; k < 2; k++) {
                quarter(k, q / 2 + (high ? 2 : 0));
                half16(q % 2 == 1, signed);
            }
            mv.visitInsn(IMUL);
        });
    }

    /** The int on the stack's low or high 16 bits, sign- or zero-extended. */
    private void half16(boolean upper, boolean signed) {
        if (upper) shiftBy(16, signed ? ISHR : IUSHR);
        else if (signed) mv.visitInsn(I2S);
        else andInt(0xFFFF);
    }

    // ---- bitwise, in either form

    /**
     * A bitwise operator in the form chosen for its result (its arguments' form): each part combines the same part
     * of the {@code arity} operands with {@code longOpcode} (or nothing, for 0), the last operand inverted first
     * when {@code invertLast} (andnot, not).
     */
    private void bitwise(int arity, int longOpcode, boolean invertLast) {
        produced = Form.LIKE_ARGS;
        boolean quarters = in.resultInQuarters();
        for (int part = 0; part < (quarters ? 4 : 2); part++) {
            for (int k = 0; k < arity; k++) {
                if (quarters) quarter(k, part);
                else lanes(k, part == 1);
            }
            if (invertLast) {
                if (quarters) {
                    mv.visitInsn(ICONST_M1);
                    mv.visitInsn(IXOR);
                } else {
                    not();
                }
            }
            // IAND, IOR, IXOR are one below LAND, LOR, LXOR
            if (longOpcode != 0) mv.visitInsn(quarters ? longOpcode - 1 : longOpcode);
        }
    }

    // ---- shuffle

    /**
     * {@code i8x16.shuffle}. When every result lane is a whole 32-bit lane of an operand, it just picks quarters;
     * otherwise each result half takes the cheapest form that fits its eight indices: a copy of one source half,
     * a funnel shift of two adjacent source halves (any eight consecutive bytes), or the byte-by-byte helper.
     */
    private void shuffle() {
        byte[] sel = (byte[]) inst.extra;
        boolean words = true;
        for (int q = 0; q < 4; q++) words &= consecutive(sel, 4 * q, 4) && sel[4 * q] % 4 == 0;
        if (words) {
            quarters(q -> quarter(sel[4 * q] >> 4, (sel[4 * q] >> 2) & 3));
            return;
        }
        halves(high -> {
            int h = high ? 1 : 0;
            int first = sel[8 * h];
            if (consecutive(sel, 8 * h, 8)) {
                int src = first >> 3, bytes = first & 7;
                source(src);
                if (bytes != 0) {
                    shiftBy(8 * bytes, LUSHR);
                    source(src + 1);
                    shiftBy(64 - 8 * bytes, LSHL);
                    mv.visitInsn(LOR);
                }
            } else {
                for (int s = 0; s < 4; s++) source(s);
                long selector = 0;
                for (int i = 7; i >= 0; i--) selector = selector << 8 | (sel[8 * h + i] & 0xFF);
                pushLong(mv, selector);
                ops("shuffle", "(JJJJJ)J");
            }
        });
    }

    private static boolean consecutive(byte[] sel, int from, int n) {
        for (int i = 1; i < n; i++) if (sel[from + i] != sel[from] + i) return false;
        return true;
    }

    /** Source half {@code s} of a shuffle: 0 and 1 are operand 0's halves, 2 and 3 operand 1's. */
    private void source(int s) { half(s >> 1, (s & 1) == 1); }

    // ---- memory

    private int offset() { return (int) inst.c; }

    private int memoryLane() { return (Integer) inst.extra; }

    /**
     * [] -> [part]: the {@code bits}-bit part at {@code delta} bytes into the vector at the address argument. The
     * parts share one computed index (which C2 checks once), plus their delta: the part at delta 0 is read first,
     * so a base of 2^31 or more (a negative index) traps there before a delta could wrap it into the array.
     */
    private void loadPart(int bits, int delta) {
        in.push(0);
        if (offset() != 0) OpLowering.addressSite(mv, Integer.toUnsignedLong(offset()));
        if (delta != 0) {
            OpLowering.pushInt(mv, delta);
            mv.visitInsn(IADD);
        }
        if (bits == 16) OpLowering.memorySite(mv, memoryLocal, "load16", "(I[B)S", 0); // sign-extended
        else OpLowering.memorySite(mv, memoryLocal, "load", bits == 64 ? "(I[B)J" : "(I[B)I", 0);
    }

    /** [] -> [value]: a scalar load ({@code type} I, J, or B or S zero-extended) at the address argument. */
    private void access(String name, String type) {
        in.push(0);
        site(name, "(I[B)" + type, 0);
        if (type.equals("B")) andInt(0xFF);
        if (type.equals("S")) mv.visitInsn(I2C);
    }

    /**
     * [address(, value)] -> [result]: the {@link MemorySites} access site {@code name} of type {@code descriptor}, at
     * the memarg offset plus {@code delta} (a part's place in the vector).
     */
    private void site(String name, String descriptor, int delta) {
        OpLowering.memorySite(mv, memoryLocal, name, descriptor, Integer.toUnsignedLong(offset()) + delta);
    }

    private void loadLaneInHalf(int bits, String insert) {
        int perHalf = 64 / bits;
        int lane = memoryLane();
        halves(high -> {
            half(1, high);
            if (high == lane >= perHalf) {
                if (bits == 8) access("load8", "B");
                else access("load16", "S");
                OpLowering.pushInt(mv, bits * (lane % perHalf));
                ops(insert, "(JII)J");
            }
        });
    }

    private void storeLane(int bits) {
        int perHalf = 64 / bits;
        int lane = memoryLane();
        in.push(0);
        half(1, lane >= perHalf);
        int shift = bits * (lane % perHalf);
        if (shift != 0) shiftBy(shift, LUSHR);
        mv.visitInsn(L2I);
        if (bits == 8) {
            mv.visitInsn(I2B);
            site("store8", "(IB[B)V", 0);
        } else {
            mv.visitInsn(I2S);
            site("store16", "(IS[B)V", 0);
        }
    }

    // ---- bytecode helpers

    private void ops(String name, String descriptor) { mv.visitMethodInsn(INVOKESTATIC, OPS, name, descriptor, false); }

    private void floats(String name, String descriptor) { mv.visitMethodInsn(INVOKESTATIC, FLOATS, name, descriptor, false); }

    private void floatBits() { mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false); }

    private void doubleBits() { mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false); }

    private void unsignedToLong() { mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "toUnsignedLong", "(I)J", false); }

    private void not() {
        pushLong(mv, -1L);
        mv.visitInsn(LXOR);
    }

    private void andInt(int mask) {
        OpLowering.pushInt(mv, mask);
        mv.visitInsn(IAND);
    }

    private void shiftBy(int bits, int opcode) {
        OpLowering.pushInt(mv, bits);
        mv.visitInsn(opcode);
    }

    private static void pushLong(MethodVisitor mv, long v) {
        if (v == 0 || v == 1) mv.visitInsn(LCONST_0 + (int) v);
        else mv.visitLdcInsn(v);
    }
}
