package org.wasmjar.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;
import static org.wasmjar.compiler.wasm.model.Opcodes.*;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.runtime.abi.MemorySites;
import org.wasmjar.runtime.abi.MemoryOps;
import org.wasmjar.runtime.abi.Numerics;
import org.wasmjar.runtime.abi.TableOps;
import org.wasmjar.runtime.instance.Global;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.Memory;
import org.wasmjar.runtime.instance.Table;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.types.ValType;

/**
 * Lowers one non-control IR instruction to JVM bytecode. What the JVM does exactly is emitted inline
 * ({@code iadd}, {@code lcmp}, {@code f2i} for saturating truncation, raw-bit reinterprets, ...); where Wasm and
 * the JVM differ it calls a tiny static helper in {@code org.wasmjar.runtime.abi} that HotSpot inlines. Memory
 * loads and stores are invokedynamic sites of {@link MemorySites}.
 * Comparisons produce 0/1 through a local two-way branch (the shape javac emits, which the JIT folds into a
 * following conditional jump), so generated classes need frames computed over the whole operand stack.
 * Handles every opcode except call, call_indirect and select; SIMD ones through {@link #emitSimd}
 * ({@link SimdLowering}). A v128 global moves as its two long halves.
 */
public final class OpLowering {
    private static final String NUMERICS = Type.getInternalName(Numerics.class);
    private static final Handle MEMORY_SITES = new Handle(H_INVOKESTATIC, Type.getInternalName(MemorySites.class),
            "bootstrap", MethodType.methodType(CallSite.class, MethodHandles.Lookup.class, String.class,
                    MethodType.class, int.class).toMethodDescriptorString(), false);
    private static final String MEMORY_OPS = Type.getInternalName(MemoryOps.class);
    private static final String TABLE_OPS = Type.getInternalName(TableOps.class);
    private static final String INSTANCE = Type.getInternalName(Instance.class);
    private static final String MEMORY = Type.getInternalName(Memory.class);
    private static final String TABLE = Type.getInternalName(Table.class);
    private static final String GLOBAL = Type.getInternalName(Global.class);
    private static final String INSTANCE_D = "L" + INSTANCE + ";";
    private static final String OBJECT_D = "Ljava/lang/Object;";

    private final ValidatedModule module;

    public OpLowering(ValidatedModule module) { this.module = module; }

    /**
     * Emits one IR instruction whose args the caller has already pushed on the JVM operand stack in order (deepest
     * first); leaves its single result (if any) on the stack. {@code instanceLocal} holds the {@link Instance},
     * {@code memoryLocal} the {@code byte[]} of memory 0 (or -1 when there is no memory).
     *
     * @return true when the memory {@code byte[]} may have been replaced ({@code memory.grow}), so the caller
     *         reloads its memory local
     */
    public boolean emit(MethodVisitor mv, Inst inst, int instanceLocal, int memoryLocal) {
        int op = inst.opcode;
        if (emitNumeric(mv, inst)) return false;
        switch (op) {
            case V128_CONST -> SimdLowering.constant(mv, inst, false);
            case I32_LOAD -> load(mv, inst, memoryLocal, "load", "I");
            case I64_LOAD -> load(mv, inst, memoryLocal, "load", "J");
            case F32_LOAD -> load(mv, inst, memoryLocal, "load", "F");
            case F64_LOAD -> load(mv, inst, memoryLocal, "load", "D");
            case I32_LOAD8_S -> load(mv, inst, memoryLocal, "load8", "B");
            case I32_LOAD8_U -> { load(mv, inst, memoryLocal, "load8", "B"); zeroExtendByte(mv); }
            case I32_LOAD16_S -> load(mv, inst, memoryLocal, "load16", "S");
            case I32_LOAD16_U -> { load(mv, inst, memoryLocal, "load16", "S"); mv.visitInsn(I2C); }
            case I64_LOAD8_S -> { load(mv, inst, memoryLocal, "load8", "B"); mv.visitInsn(I2L); }
            case I64_LOAD8_U -> { load(mv, inst, memoryLocal, "load8", "B"); zeroExtendByte(mv); mv.visitInsn(I2L); }
            case I64_LOAD16_S -> { load(mv, inst, memoryLocal, "load16", "S"); mv.visitInsn(I2L); }
            case I64_LOAD16_U -> { load(mv, inst, memoryLocal, "load16", "S"); mv.visitInsn(I2C); mv.visitInsn(I2L); }
            case I64_LOAD32_S -> { load(mv, inst, memoryLocal, "load", "I"); mv.visitInsn(I2L); }
            case I64_LOAD32_U -> { load(mv, inst, memoryLocal, "load", "I"); unsignedI32ToLong(mv); }
            case I32_STORE -> store(mv, inst, memoryLocal, "store", "I");
            case I64_STORE -> store(mv, inst, memoryLocal, "store", "J");
            case F32_STORE -> store(mv, inst, memoryLocal, "store", "F");
            case F64_STORE -> store(mv, inst, memoryLocal, "store", "D");
            case I32_STORE8 -> { mv.visitInsn(I2B); store(mv, inst, memoryLocal, "store8", "B"); }
            case I32_STORE16 -> { mv.visitInsn(I2S); store(mv, inst, memoryLocal, "store16", "S"); }
            case I64_STORE8 -> { mv.visitInsn(L2I); mv.visitInsn(I2B); store(mv, inst, memoryLocal, "store8", "B"); }
            case I64_STORE16 -> { mv.visitInsn(L2I); mv.visitInsn(I2S); store(mv, inst, memoryLocal, "store16", "S"); }
            case I64_STORE32 -> { mv.visitInsn(L2I); store(mv, inst, memoryLocal, "store", "I"); }
            case MEMORY_SIZE -> {
                mv.visitVarInsn(ALOAD, memoryLocal);
                mv.visitInsn(ARRAYLENGTH);
                pushInt(mv, 16); // log2 of the page size
                mv.visitInsn(IUSHR);
            }
            case MEMORY_GROW -> {
                instanceField(mv, instanceLocal, "memory", "L" + MEMORY + ";");
                mv.visitInsn(SWAP);
                mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "grow", "(I)I", false);
                return true;
            }
            case MEMORY_INIT -> {
                pushInt(mv, inst.a);
                mv.visitVarInsn(ALOAD, instanceLocal);
                invoke(mv, MEMORY_OPS, "init", "(IIII" + INSTANCE_D + ")V");
            }
            case DATA_DROP -> helperWithIndex(mv, MEMORY_OPS, "dataDrop", inst.a, instanceLocal);
            case MEMORY_COPY -> {
                mv.visitVarInsn(ALOAD, instanceLocal);
                invoke(mv, MEMORY_OPS, "copy", "(III" + INSTANCE_D + ")V");
            }
            case MEMORY_FILL -> {
                mv.visitVarInsn(ALOAD, instanceLocal);
                invoke(mv, MEMORY_OPS, "fill", "(III" + INSTANCE_D + ")V");
            }
            case GLOBAL_GET -> {
                globalCell(mv, inst.a, instanceLocal);
                ValType t = module.globalType(inst.a).type();
                if (t == ValType.V128) { // [g] -> [lo, hi]
                    mv.visitInsn(DUP);
                    mv.visitFieldInsn(GETFIELD, GLOBAL, "v128lo", "J");
                    mv.visitInsn(DUP2_X1);
                    mv.visitInsn(POP2);
                    mv.visitFieldInsn(GETFIELD, GLOBAL, "v128hi", "J");
                } else {
                    mv.visitFieldInsn(GETFIELD, GLOBAL, globalField(t), globalDescriptor(t));
                }
            }
            case GLOBAL_SET -> {
                ValType t = module.globalType(inst.a).type();
                if (t == ValType.V128) { // [lo, hi]: each half goes under the global cell, then into its field
                    for (String field : new String[] {"v128hi", "v128lo"}) {
                        globalCell(mv, inst.a, instanceLocal);
                        mv.visitInsn(DUP_X2);
                        mv.visitInsn(POP);
                        mv.visitFieldInsn(PUTFIELD, GLOBAL, field, "J");
                    }
                    return false;
                }
                globalCell(mv, inst.a, instanceLocal);
                if (JvmTypes.slots(t) == 2) { // [v, g] -> [g, v]
                    mv.visitInsn(DUP_X2);
                    mv.visitInsn(POP);
                } else {
                    mv.visitInsn(SWAP);
                }
                mv.visitFieldInsn(PUTFIELD, GLOBAL, globalField(t), globalDescriptor(t));
            }
            case REF_NULL -> mv.visitInsn(ACONST_NULL);
            case REF_IS_NULL -> mv.visitMethodInsn(INVOKESTATIC, "java/util/Objects", "isNull", "(" + OBJECT_D + ")Z", false);
            case REF_FUNC -> {
                instanceField(mv, instanceLocal, "functions", "[" + Type.getDescriptor(WasmFunction.class));
                pushInt(mv, inst.a);
                mv.visitInsn(AALOAD);
            }
            case TABLE_GET -> tableHelper(mv, "get", "(II" + INSTANCE_D + ")" + OBJECT_D, instanceLocal, inst.a);
            case TABLE_SET -> tableHelper(mv, "set", "(I" + OBJECT_D + "I" + INSTANCE_D + ")V", instanceLocal, inst.a);
            case TABLE_GROW -> tableHelper(mv, "grow", "(" + OBJECT_D + "II" + INSTANCE_D + ")I", instanceLocal, inst.a);
            case TABLE_FILL -> tableHelper(mv, "fill", "(I" + OBJECT_D + "II" + INSTANCE_D + ")V", instanceLocal, inst.a);
            case TABLE_COPY -> tableHelper(mv, "copy", "(IIIII" + INSTANCE_D + ")V", instanceLocal, inst.a, inst.b);
            case TABLE_INIT -> tableHelper(mv, "init", "(IIIII" + INSTANCE_D + ")V", instanceLocal, inst.a, inst.b);
            case ELEM_DROP -> helperWithIndex(mv, TABLE_OPS, "elemDrop", inst.a, instanceLocal);
            case TABLE_SIZE -> {
                instanceField(mv, instanceLocal, "tables", "[L" + TABLE + ";");
                pushInt(mv, inst.a);
                mv.visitInsn(AALOAD);
                mv.visitFieldInsn(GETFIELD, TABLE, "size", "I");
            }
            default -> throw new IllegalArgumentException("OpLowering does not handle " + Opcodes.name(op));
        }
        return false;
    }

    /**
     * Emits a SIMD instruction, reading its arguments through {@code operands} (see {@link SimdLowering});
     * leaves its result on the stack, a v128 as halves or quarters.
     *
     * @return false: no SIMD instruction replaces the memory array
     */
    public boolean emitSimd(MethodVisitor mv, Inst inst, InstLowering.Operands operands, int memoryLocal) {
        SimdLowering.emit(mv, inst, operands, memoryLocal);
        return false;
    }

    /** Upper estimate of the bytecode bytes {@link #emit} produces for {@code inst}, with no v128 in quarters. */
    public int estimateSize(Inst inst) { return estimateSize(inst, VectorForms.NONE); }

    /**
     * Upper estimate of the bytecode bytes {@link #emit} or {@link #emitSimd} produce for {@code inst}: emits it
     * into a byte counter. For SIMD instructions this includes their operand pushes: a wide local load, or the
     * conversion when a v128 is read in the form it is not stored in ({@code forms}).
     */
    int estimateSize(Inst inst, VectorForms forms) {
        SizeCounter counter = new SizeCounter();
        if (Opcodes.isSimd(inst.opcode)) {
            InstLowering.Operands pushes = new SimdLowering.Operands() {
                @Override public VectorForms forms() { return forms; }

                @Override public void push(int k) { counter.size += Sizes.LOCAL; }

                // packing two int loads: iload, iload, invokestatic
                @Override public void pushHalf(int k, boolean high) { counter.size += isQuarters(k) ? 11 : Sizes.LOCAL; }

                // cutting from a long load: lload, bipush 32, lushr, l2i
                @Override public void pushQuarter(int k, int q) { counter.size += isQuarters(k) ? Sizes.LOCAL : 8; }

                @Override public boolean isQuarters(int k) { return forms.quarters(inst.args[k]); }

                @Override public boolean resultInQuarters() { return inst.results.length == 1 && forms.quarters(inst.results[0]); }
            };
            SimdLowering.emit(counter, inst, pushes, SizeCounter.WIDE_LOCAL);
        } else {
            emit(counter, inst, SizeCounter.WIDE_LOCAL, SizeCounter.WIDE_LOCAL);
            // a division by a constant may be emitted plain instead (emitPlainDivision): up to 12 bytes counting its
            // two ldc2_w as the measure does, its divisor not pushed (the estimate counts that push as an argument)
            if (isDivision(inst.opcode)) counter.size = Math.max(counter.size, 12 - Sizes.LOCAL);
        }
        return counter.size;
    }

    /** Constants, arithmetic, comparisons and conversions: everything without memory, tables or globals. */
    private static boolean emitNumeric(MethodVisitor mv, Inst inst) {
        switch (inst.opcode) {
            case I32_CONST -> pushInt(mv, (int) inst.c);
            case I64_CONST -> pushLong(mv, inst.c);
            case F32_CONST -> pushFloat(mv, (int) inst.c);
            case F64_CONST -> pushDouble(mv, inst.c);

            case I32_EQZ, I32_EQ, I32_NE, I32_LT_S, I32_GT_S, I32_LE_S, I32_GE_S, I32_LT_U, I32_GT_U, I32_LE_U, I32_GE_U,
                    I64_EQZ, I64_EQ, I64_NE, I64_LT_S, I64_GT_S, I64_LE_S, I64_GE_S, I64_LT_U, I64_GT_U, I64_LE_U, I64_GE_U,
                    F32_EQ, F32_NE, F32_LT, F32_GT, F32_LE, F32_GE, F64_EQ, F64_NE, F64_LT, F64_GT, F64_LE, F64_GE ->
                    Comparisons.emitValue(mv, inst.opcode);

            case I32_CLZ -> invoke(mv, "java/lang/Integer", "numberOfLeadingZeros", "(I)I");
            case I32_CTZ -> invoke(mv, "java/lang/Integer", "numberOfTrailingZeros", "(I)I");
            case I32_POPCNT -> invoke(mv, "java/lang/Integer", "bitCount", "(I)I");
            case I32_ADD -> mv.visitInsn(IADD);
            case I32_SUB -> mv.visitInsn(ISUB);
            case I32_MUL -> mv.visitInsn(IMUL);
            case I32_DIV_S -> numerics(mv, "i32DivS", "(II)I");
            case I32_DIV_U -> numerics(mv, "i32DivU", "(II)I");
            case I32_REM_S -> numerics(mv, "i32RemS", "(II)I");
            case I32_REM_U -> numerics(mv, "i32RemU", "(II)I");
            case I32_AND -> mv.visitInsn(IAND);
            case I32_OR -> mv.visitInsn(IOR);
            case I32_XOR -> mv.visitInsn(IXOR);
            // the JVM masks shift counts to 5 (int) or 6 (long) bits, exactly as Wasm does
            case I32_SHL -> mv.visitInsn(ISHL);
            case I32_SHR_S -> mv.visitInsn(ISHR);
            case I32_SHR_U -> mv.visitInsn(IUSHR);
            case I32_ROTL -> invoke(mv, "java/lang/Integer", "rotateLeft", "(II)I");
            case I32_ROTR -> invoke(mv, "java/lang/Integer", "rotateRight", "(II)I");

            case I64_CLZ -> { invoke(mv, "java/lang/Long", "numberOfLeadingZeros", "(J)I"); mv.visitInsn(I2L); }
            case I64_CTZ -> { invoke(mv, "java/lang/Long", "numberOfTrailingZeros", "(J)I"); mv.visitInsn(I2L); }
            case I64_POPCNT -> { invoke(mv, "java/lang/Long", "bitCount", "(J)I"); mv.visitInsn(I2L); }
            case I64_ADD -> mv.visitInsn(LADD);
            case I64_SUB -> mv.visitInsn(LSUB);
            case I64_MUL -> mv.visitInsn(LMUL);
            case I64_DIV_S -> numerics(mv, "i64DivS", "(JJ)J");
            case I64_DIV_U -> numerics(mv, "i64DivU", "(JJ)J");
            case I64_REM_S -> numerics(mv, "i64RemS", "(JJ)J");
            case I64_REM_U -> numerics(mv, "i64RemU", "(JJ)J");
            case I64_AND -> mv.visitInsn(LAND);
            case I64_OR -> mv.visitInsn(LOR);
            case I64_XOR -> mv.visitInsn(LXOR);
            case I64_SHL -> { mv.visitInsn(L2I); mv.visitInsn(LSHL); }
            case I64_SHR_S -> { mv.visitInsn(L2I); mv.visitInsn(LSHR); }
            case I64_SHR_U -> { mv.visitInsn(L2I); mv.visitInsn(LUSHR); }
            case I64_ROTL -> { mv.visitInsn(L2I); invoke(mv, "java/lang/Long", "rotateLeft", "(JI)J"); }
            case I64_ROTR -> { mv.visitInsn(L2I); invoke(mv, "java/lang/Long", "rotateRight", "(JI)J"); }

            // abs, neg and copysign touch only the sign bit, even of a NaN: done on the raw bits
            case F32_ABS -> f32Bits(mv, 0x7FFFFFFF, IAND);
            case F32_NEG -> f32Bits(mv, 0x80000000, IXOR);
            case F32_CEIL -> numerics(mv, "f32Ceil", "(F)F");
            case F32_FLOOR -> numerics(mv, "f32Floor", "(F)F");
            case F32_TRUNC -> numerics(mv, "f32Trunc", "(F)F");
            case F32_NEAREST -> numerics(mv, "f32Nearest", "(F)F");
            case F32_SQRT -> { // the double square root rounded to float is the correctly rounded float one
                mv.visitInsn(F2D);
                invoke(mv, "java/lang/Math", "sqrt", "(D)D");
                mv.visitInsn(D2F);
            }
            case F32_ADD -> mv.visitInsn(FADD);
            case F32_SUB -> mv.visitInsn(FSUB);
            case F32_MUL -> mv.visitInsn(FMUL);
            case F32_DIV -> mv.visitInsn(FDIV);
            case F32_MIN -> numerics(mv, "f32Min", "(FF)F");
            case F32_MAX -> numerics(mv, "f32Max", "(FF)F");
            case F32_COPYSIGN -> invoke(mv, "java/lang/Math", "copySign", "(FF)F");
            case F64_ABS -> f64Bits(mv, Long.MAX_VALUE, LAND);
            case F64_NEG -> f64Bits(mv, Long.MIN_VALUE, LXOR);
            case F64_CEIL -> numerics(mv, "f64Ceil", "(D)D");
            case F64_FLOOR -> numerics(mv, "f64Floor", "(D)D");
            case F64_TRUNC -> numerics(mv, "f64Trunc", "(D)D");
            case F64_NEAREST -> numerics(mv, "f64Nearest", "(D)D");
            case F64_SQRT -> invoke(mv, "java/lang/Math", "sqrt", "(D)D");
            case F64_ADD -> mv.visitInsn(DADD);
            case F64_SUB -> mv.visitInsn(DSUB);
            case F64_MUL -> mv.visitInsn(DMUL);
            case F64_DIV -> mv.visitInsn(DDIV);
            case F64_MIN -> numerics(mv, "f64Min", "(DD)D");
            case F64_MAX -> numerics(mv, "f64Max", "(DD)D");
            case F64_COPYSIGN -> invoke(mv, "java/lang/Math", "copySign", "(DD)D");

            case I32_WRAP_I64 -> mv.visitInsn(L2I);
            case I32_TRUNC_F32_S -> numerics(mv, "i32TruncF32S", "(F)I");
            case I32_TRUNC_F32_U -> numerics(mv, "i32TruncF32U", "(F)I");
            case I32_TRUNC_F64_S -> numerics(mv, "i32TruncF64S", "(D)I");
            case I32_TRUNC_F64_U -> numerics(mv, "i32TruncF64U", "(D)I");
            case I64_EXTEND_I32_S -> mv.visitInsn(I2L);
            case I64_EXTEND_I32_U -> unsignedI32ToLong(mv);
            case I64_TRUNC_F32_S -> numerics(mv, "i64TruncF32S", "(F)J");
            case I64_TRUNC_F32_U -> numerics(mv, "i64TruncF32U", "(F)J");
            case I64_TRUNC_F64_S -> numerics(mv, "i64TruncF64S", "(D)J");
            case I64_TRUNC_F64_U -> numerics(mv, "i64TruncF64U", "(D)J");
            case F32_CONVERT_I32_S -> mv.visitInsn(I2F);
            case F32_CONVERT_I32_U -> { unsignedI32ToLong(mv); mv.visitInsn(L2F); } // u32 fits a long: one rounding
            case F32_CONVERT_I64_S -> mv.visitInsn(L2F);
            case F32_CONVERT_I64_U -> numerics(mv, "f32ConvertI64U", "(J)F");
            case F32_DEMOTE_F64 -> mv.visitInsn(D2F);
            case F64_CONVERT_I32_S -> mv.visitInsn(I2D);
            case F64_CONVERT_I32_U -> { unsignedI32ToLong(mv); mv.visitInsn(L2D); }
            case F64_CONVERT_I64_S -> mv.visitInsn(L2D);
            case F64_CONVERT_I64_U -> numerics(mv, "f64ConvertI64U", "(J)D");
            case F64_PROMOTE_F32 -> mv.visitInsn(F2D);
            case I32_REINTERPRET_F32 -> invoke(mv, "java/lang/Float", "floatToRawIntBits", "(F)I");
            case I64_REINTERPRET_F64 -> invoke(mv, "java/lang/Double", "doubleToRawLongBits", "(D)J");
            case F32_REINTERPRET_I32 -> invoke(mv, "java/lang/Float", "intBitsToFloat", "(I)F");
            case F64_REINTERPRET_I64 -> invoke(mv, "java/lang/Double", "longBitsToDouble", "(J)D");
            case I32_EXTEND8_S -> mv.visitInsn(I2B);
            case I32_EXTEND16_S -> mv.visitInsn(I2S);
            case I64_EXTEND8_S -> { mv.visitInsn(L2I); mv.visitInsn(I2B); mv.visitInsn(I2L); }
            case I64_EXTEND16_S -> { mv.visitInsn(L2I); mv.visitInsn(I2S); mv.visitInsn(I2L); }
            case I64_EXTEND32_S -> { mv.visitInsn(L2I); mv.visitInsn(I2L); }
            // the JVM's f2i/d2i/f2l/d2l already map NaN to 0 and saturate: exactly the signed trunc_sat
            case I32_TRUNC_SAT_F32_S -> mv.visitInsn(F2I);
            case I32_TRUNC_SAT_F32_U -> numerics(mv, "i32TruncSatF32U", "(F)I");
            case I32_TRUNC_SAT_F64_S -> mv.visitInsn(D2I);
            case I32_TRUNC_SAT_F64_U -> numerics(mv, "i32TruncSatF64U", "(D)I");
            case I64_TRUNC_SAT_F32_S -> mv.visitInsn(F2L);
            case I64_TRUNC_SAT_F32_U -> numerics(mv, "i64TruncSatF32U", "(F)J");
            case I64_TRUNC_SAT_F64_S -> mv.visitInsn(D2L);
            case I64_TRUNC_SAT_F64_U -> numerics(mv, "i64TruncSatF64U", "(D)J");
            default -> { return false; }
        }
        return true;
    }

    // ---- constants

    static void pushInt(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
        else mv.visitLdcInsn(v);
    }

    static void pushLong(MethodVisitor mv, long v) {
        if (v == 0 || v == 1) mv.visitInsn(LCONST_0 + (int) v);
        else mv.visitLdcInsn(v);
    }

    /** A NaN is built from its bits at run time: the constant pool does not promise to keep a NaN's payload. */
    private static void pushFloat(MethodVisitor mv, int bits) {
        float f = Float.intBitsToFloat(bits);
        if (f != f) {
            pushInt(mv, bits);
            invoke(mv, "java/lang/Float", "intBitsToFloat", "(I)F");
        } else if (bits == 0) {
            mv.visitInsn(FCONST_0); // +0 only: -0.0f == 0.0f, so compare bits
        } else if (f == 1f || f == 2f) {
            mv.visitInsn(FCONST_0 + (int) f);
        } else {
            mv.visitLdcInsn(f);
        }
    }

    private static void pushDouble(MethodVisitor mv, long bits) {
        double d = Double.longBitsToDouble(bits);
        if (d != d) {
            mv.visitLdcInsn(bits);
            invoke(mv, "java/lang/Double", "longBitsToDouble", "(J)D");
        } else if (bits == 0) {
            mv.visitInsn(DCONST_0);
        } else if (d == 1.0) {
            mv.visitInsn(DCONST_1);
        } else {
            mv.visitLdcInsn(d);
        }
    }

    // ---- arithmetic helpers

    private static void f32Bits(MethodVisitor mv, int mask, int opcode) {
        invoke(mv, "java/lang/Float", "floatToRawIntBits", "(F)I");
        pushInt(mv, mask);
        mv.visitInsn(opcode);
        invoke(mv, "java/lang/Float", "intBitsToFloat", "(I)F");
    }

    private static void f64Bits(MethodVisitor mv, long mask, int opcode) {
        invoke(mv, "java/lang/Double", "doubleToRawLongBits", "(D)J");
        mv.visitLdcInsn(mask);
        mv.visitInsn(opcode);
        invoke(mv, "java/lang/Double", "longBitsToDouble", "(J)D");
    }

    private static void unsignedI32ToLong(MethodVisitor mv) {
        mv.visitInsn(I2L);
        mv.visitLdcInsn(0xFFFFFFFFL);
        mv.visitInsn(LAND);
    }

    private static void numerics(MethodVisitor mv, String name, String descriptor) { invoke(mv, NUMERICS, name, descriptor); }

    private static void invoke(MethodVisitor mv, String owner, String name, String descriptor) {
        mv.visitMethodInsn(INVOKESTATIC, owner, name, descriptor, false);
    }

    // ---- division by a constant

    /**
     * Whether integer division or remainder {@code opcode} by the constant {@code divisor} can be plain JVM arithmetic:
     * it cannot trap (no zero divisor, no -1 for a signed division) and the JVM computes the Wasm result. Then the
     * code needs no call to {@link Numerics}, which C2 leaves a call in large methods, hiding the constant divisor
     * from its division by multiplication.
     */
    public static boolean isPlainDivision(int opcode, long divisor) {
        int d = (int) divisor;
        return switch (opcode) {
            case I32_DIV_S -> d != 0 && d != -1;
            case I32_REM_S, I32_DIV_U, I32_REM_U -> d != 0;
            case I64_DIV_S -> divisor != 0 && divisor != -1;
            case I64_REM_S -> divisor != 0;
            // unsigned 64-bit: only powers of two are a plain shift or mask
            case I64_DIV_U, I64_REM_U -> divisor != 0 && (divisor & (divisor - 1)) == 0;
            default -> false;
        };
    }

    private static boolean isDivision(int opcode) {
        return switch (opcode) {
            case I32_DIV_S, I32_DIV_U, I32_REM_S, I32_REM_U, I64_DIV_S, I64_DIV_U, I64_REM_S, I64_REM_U -> true;
            default -> false;
        };
    }

    /** [dividend] -> [result] for an {@link #isPlainDivision} {@code opcode} by {@code divisor} (not pushed). */
    public static void emitPlainDivision(MethodVisitor mv, int opcode, long divisor) {
        int d = (int) divisor;
        switch (opcode) {
            case I32_DIV_S -> { pushInt(mv, d); mv.visitInsn(IDIV); }
            case I32_REM_S -> { pushInt(mv, d); mv.visitInsn(IREM); }
            case I32_DIV_U, I32_REM_U -> {
                unsignedI32ToLong(mv);
                pushLong(mv, Integer.toUnsignedLong(d));
                mv.visitInsn(opcode == I32_DIV_U ? LDIV : LREM);
                mv.visitInsn(L2I);
            }
            case I64_DIV_S -> { pushLong(mv, divisor); mv.visitInsn(LDIV); }
            case I64_REM_S -> { pushLong(mv, divisor); mv.visitInsn(LREM); }
            case I64_DIV_U -> { pushInt(mv, Long.numberOfTrailingZeros(divisor)); mv.visitInsn(LUSHR); }
            case I64_REM_U -> { pushLong(mv, divisor - 1); mv.visitInsn(LAND); }
            default -> throw new IllegalArgumentException("not a plain division: " + Opcodes.name(opcode));
        }
    }

    // ---- memory

    /**
     * [base] -> [value]: an access site of {@link MemorySites} named {@code name}, returning {@code type}, with the
     * memarg offset as its static argument (an invokedynamic, so that C2 inlines it in methods of any size).
     */
    private static void load(MethodVisitor mv, Inst inst, int memoryLocal, String name, String type) {
        memorySite(mv, memoryLocal, name, "(I[B)" + type, Integer.toUnsignedLong((int) inst.c));
    }

    /** [base, value] -> []: an access site of {@link MemorySites} named {@code name}, storing a {@code type}. */
    private static void store(MethodVisitor mv, Inst inst, int memoryLocal, String name, String type) {
        memorySite(mv, memoryLocal, name, "(I" + type + "[B)V", Integer.toUnsignedLong((int) inst.c));
    }

    /** [base] -> [index]: the {@link MemorySites} {@code address} site, {@code base + offset} checked not to wrap. */
    static void addressSite(MethodVisitor mv, long offset) {
        mv.visitInvokeDynamicInsn("address", "(I)I", MEMORY_SITES, siteOffset(offset));
    }

    /**
     * Pushes the memory array and invokes {@link MemorySites} site {@code name} of type {@code descriptor} at
     * {@code offset} (unsigned; one of 2^31 or more, always out of bounds, is passed as a negative int, which the
     * site reads so).
     */
    static void memorySite(MethodVisitor mv, int memoryLocal, String name, String descriptor, long offset) {
        mv.visitVarInsn(ALOAD, memoryLocal);
        mv.visitInvokeDynamicInsn(name, descriptor, MEMORY_SITES, siteOffset(offset));
    }

    private static int siteOffset(long offset) { return offset > Integer.MAX_VALUE ? Integer.MIN_VALUE : (int) offset; }

    private static void zeroExtendByte(MethodVisitor mv) {
        pushInt(mv, 0xFF);
        mv.visitInsn(IAND);
    }

    // ---- instance state

    private static void instanceField(MethodVisitor mv, int instanceLocal, String name, String descriptor) {
        mv.visitVarInsn(ALOAD, instanceLocal);
        mv.visitFieldInsn(GETFIELD, INSTANCE, name, descriptor);
    }

    private static void globalCell(MethodVisitor mv, int index, int instanceLocal) {
        instanceField(mv, instanceLocal, "globals", "[L" + GLOBAL + ";");
        pushInt(mv, index);
        mv.visitInsn(AALOAD);
    }

    private static String globalField(ValType t) {
        return switch (t) {
            case I32 -> "i32";
            case I64 -> "i64";
            case F32 -> "f32";
            case F64 -> "f64";
            case FUNCREF, EXTERNREF -> "ref";
            case V128 -> throw new IllegalArgumentException("a v128 global is two fields");
        };
    }

    private static String globalDescriptor(ValType t) { return JvmTypes.asmType(t).getDescriptor(); }

    /** [operands] -> [result]: pushes the immediates, the instance, then calls {@code TableOps.name}. */
    private static void tableHelper(MethodVisitor mv, String name, String descriptor, int instanceLocal, int... immediates) {
        for (int i : immediates) pushInt(mv, i);
        mv.visitVarInsn(ALOAD, instanceLocal);
        invoke(mv, TABLE_OPS, name, descriptor);
    }

    private static void helperWithIndex(MethodVisitor mv, String owner, String name, int index, int instanceLocal) {
        pushInt(mv, index);
        mv.visitVarInsn(ALOAD, instanceLocal);
        invoke(mv, owner, name, "(I" + INSTANCE_D + ")V");
    }

    /**
     * Counts the bytes the visited instructions take, at their largest: every constant as {@code ldc_w}, every local
     * as a {@code wide} access (estimates pass local 256), every jump as a 3-byte branch (ours are short).
     */
    private static final class SizeCounter extends MethodVisitor {
        static final int WIDE_LOCAL = 256;
        int size;

        SizeCounter() { super(ASM9); }

        @Override public void visitInsn(int opcode) { size += 1; }

        @Override public void visitIntInsn(int opcode, int operand) { size += opcode == SIPUSH ? 3 : 2; }

        @Override public void visitVarInsn(int opcode, int var) { size += var >= 256 ? 4 : var > 3 ? 2 : 1; }

        @Override public void visitTypeInsn(int opcode, String type) { size += 3; }

        @Override public void visitFieldInsn(int opcode, String owner, String name, String descriptor) { size += 3; }

        @Override public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            size += opcode == INVOKEINTERFACE ? 5 : 3;
        }

        @Override public void visitJumpInsn(int opcode, Label label) { size += 3; }

        @Override public void visitLdcInsn(Object value) { size += 3; }

        @Override public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
            size += 5;
        }
    }
}
