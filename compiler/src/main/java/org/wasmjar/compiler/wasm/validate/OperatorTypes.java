package org.wasmjar.compiler.wasm.validate;

import static org.wasmjar.compiler.wasm.model.Opcodes.*;

import org.wasmjar.runtime.types.ValType;

/**
 * Type signatures of the operators whose typing is fixed (numeric, conversion, plain memory access and
 * SIMD), as flat tables indexed by {@link #index(int)}, so the body validator checks them without a
 * per-operator case. Value types are byte codes: {@link #UNKNOWN} (the spec's bottom) or ordinal + 1.
 */
final class OperatorTypes {
    private OperatorTypes() {}

    static final byte UNKNOWN = 0;
    static final byte I32 = 1, I64 = 2, F32 = 3, F64 = 4, V128 = 5, FUNCREF = 6, EXTERNREF = 7;

    private static final ValType[] VAL_TYPES = ValType.values();

    static byte code(ValType t) { return (byte) (t.ordinal() + 1); }

    static ValType valType(byte code) { return VAL_TYPES[code - 1]; }

    static boolean isRef(byte code) { return code == FUNCREF || code == EXTERNREF; }

    /**
     * Signature word: bit 24 marks a defined entry; bits 0-3 the result (0 for none); bits 4-5 the
     * parameter count; parameters from bit 8 on, 4 bits each, first parameter lowest.
     */
    private static final int DEFINED = 1 << 24;
    private static final int TABLE_SIZE = 0x300;
    private static final int[] SIGNATURES = new int[TABLE_SIZE];
    /** Natural alignment exponent + 1 of memory operators, 0 for the rest. */
    private static final byte[] ALIGNMENT = new byte[TABLE_SIZE];
    /** Lane count of operators with a lane immediate, 0 for the rest. */
    private static final byte[] LANES = new byte[TABLE_SIZE];

    /** Table slot of an opcode, or -1 if it has none. */
    static int index(int opcode) {
        if (opcode >= 0 && opcode < 0x100) return opcode;
        if (opcode >= 0xFC00 && opcode < 0xFD00) return 0x100 + (opcode - 0xFC00);
        if (opcode >= 0xFD000 && opcode < 0xFD100) return 0x200 + (opcode - 0xFD000);
        return -1;
    }

    /** The signature word of an operator, 0 if its typing is not table-driven. */
    static int signature(int opcode) {
        int i = index(opcode);
        return i < 0 ? 0 : SIGNATURES[i];
    }

    static int paramCount(int sig) { return (sig >>> 4) & 3; }

    static byte param(int sig, int i) { return (byte) ((sig >>> (8 + 4 * i)) & 0xF); }

    static byte result(int sig) { return (byte) (sig & 0xF); }

    /** Natural alignment exponent of a memory operator, or -1 if the operator does not access memory. */
    static int naturalAlignment(int opcode) { return ALIGNMENT[index(opcode)] - 1; }

    /** Number of lanes a lane immediate selects from, or 0 if the operator has none. */
    static int lanes(int opcode) { return LANES[index(opcode)]; }

    private static void def(int opcode, byte result, byte... params) {
        if (!isKnown(opcode)) return;
        int sig = DEFINED | result | params.length << 4;
        for (int i = 0; i < params.length; i++) sig |= params[i] << (8 + 4 * i);
        SIGNATURES[index(opcode)] = sig;
    }

    private static void range(int from, int to, byte result, byte... params) {
        for (int op = from; op <= to; op++) def(op, result, params);
    }

    private static void mem(int opcode, int alignment, byte result, byte... params) {
        def(opcode, result, params);
        ALIGNMENT[index(opcode)] = (byte) (alignment + 1);
    }

    private static void lane(int opcode, int lanes, byte result, byte... params) {
        def(opcode, result, params);
        LANES[index(opcode)] = (byte) lanes;
    }

    private static void memLane(int opcode, int alignment, byte result, byte... params) {
        mem(opcode, alignment, result, params);
        LANES[index(opcode)] = (byte) (16 >> alignment);
    }

    /** Suffixes of the one-operand SIMD operators (initialised before the tables that use it). */
    private static final String[] SIMD_UNARY = {
        ".not", ".abs", ".neg", ".popcnt", ".sqrt", ".ceil", ".floor", ".trunc", ".nearest",
    };

    static {
        mem(I32_LOAD, 2, I32, I32);
        mem(I64_LOAD, 3, I64, I32);
        mem(F32_LOAD, 2, F32, I32);
        mem(F64_LOAD, 3, F64, I32);
        mem(I32_LOAD8_S, 0, I32, I32);
        mem(I32_LOAD8_U, 0, I32, I32);
        mem(I32_LOAD16_S, 1, I32, I32);
        mem(I32_LOAD16_U, 1, I32, I32);
        mem(I64_LOAD8_S, 0, I64, I32);
        mem(I64_LOAD8_U, 0, I64, I32);
        mem(I64_LOAD16_S, 1, I64, I32);
        mem(I64_LOAD16_U, 1, I64, I32);
        mem(I64_LOAD32_S, 2, I64, I32);
        mem(I64_LOAD32_U, 2, I64, I32);
        mem(I32_STORE, 2, UNKNOWN, I32, I32);
        mem(I64_STORE, 3, UNKNOWN, I32, I64);
        mem(F32_STORE, 2, UNKNOWN, I32, F32);
        mem(F64_STORE, 3, UNKNOWN, I32, F64);
        mem(I32_STORE8, 0, UNKNOWN, I32, I32);
        mem(I32_STORE16, 1, UNKNOWN, I32, I32);
        mem(I64_STORE8, 0, UNKNOWN, I32, I64);
        mem(I64_STORE16, 1, UNKNOWN, I32, I64);
        mem(I64_STORE32, 2, UNKNOWN, I32, I64);

        def(I32_CONST, I32);
        def(I64_CONST, I64);
        def(F32_CONST, F32);
        def(F64_CONST, F64);
        def(I32_EQZ, I32, I32);
        range(I32_EQ, I32_GE_U, I32, I32, I32);
        def(I64_EQZ, I32, I64);
        range(I64_EQ, I64_GE_U, I32, I64, I64);
        range(F32_EQ, F32_GE, I32, F32, F32);
        range(F64_EQ, F64_GE, I32, F64, F64);
        range(I32_CLZ, I32_POPCNT, I32, I32);
        range(I32_ADD, I32_ROTR, I32, I32, I32);
        range(I64_CLZ, I64_POPCNT, I64, I64);
        range(I64_ADD, I64_ROTR, I64, I64, I64);
        range(F32_ABS, F32_SQRT, F32, F32);
        range(F32_ADD, F32_COPYSIGN, F32, F32, F32);
        range(F64_ABS, F64_SQRT, F64, F64);
        range(F64_ADD, F64_COPYSIGN, F64, F64, F64);
        def(I32_WRAP_I64, I32, I64);
        range(I32_TRUNC_F32_S, I32_TRUNC_F32_U, I32, F32);
        range(I32_TRUNC_F64_S, I32_TRUNC_F64_U, I32, F64);
        range(I64_EXTEND_I32_S, I64_EXTEND_I32_U, I64, I32);
        range(I64_TRUNC_F32_S, I64_TRUNC_F32_U, I64, F32);
        range(I64_TRUNC_F64_S, I64_TRUNC_F64_U, I64, F64);
        range(F32_CONVERT_I32_S, F32_CONVERT_I32_U, F32, I32);
        range(F32_CONVERT_I64_S, F32_CONVERT_I64_U, F32, I64);
        def(F32_DEMOTE_F64, F32, F64);
        range(F64_CONVERT_I32_S, F64_CONVERT_I32_U, F64, I32);
        range(F64_CONVERT_I64_S, F64_CONVERT_I64_U, F64, I64);
        def(F64_PROMOTE_F32, F64, F32);
        def(I32_REINTERPRET_F32, I32, F32);
        def(I64_REINTERPRET_F64, I64, F64);
        def(F32_REINTERPRET_I32, F32, I32);
        def(F64_REINTERPRET_I64, F64, I64);
        range(I32_EXTEND8_S, I32_EXTEND16_S, I32, I32);
        range(I64_EXTEND8_S, I64_EXTEND32_S, I64, I64);
        range(I32_TRUNC_SAT_F32_S, I32_TRUNC_SAT_F32_U, I32, F32);
        range(I32_TRUNC_SAT_F64_S, I32_TRUNC_SAT_F64_U, I32, F64);
        range(I64_TRUNC_SAT_F32_S, I64_TRUNC_SAT_F32_U, I64, F32);
        range(I64_TRUNC_SAT_F64_S, I64_TRUNC_SAT_F64_U, I64, F64);

        defineSimd();
    }

    private static void defineSimd() {
        mem(V128_LOAD, 4, V128, I32);
        for (int op = V128_LOAD8X8_S; op <= V128_LOAD32X2_U; op++) mem(op, 3, V128, I32);
        mem(V128_LOAD8_SPLAT, 0, V128, I32);
        mem(V128_LOAD16_SPLAT, 1, V128, I32);
        mem(V128_LOAD32_SPLAT, 2, V128, I32);
        mem(V128_LOAD64_SPLAT, 3, V128, I32);
        mem(V128_STORE, 4, UNKNOWN, I32, V128);
        mem(V128_LOAD32_ZERO, 2, V128, I32);
        mem(V128_LOAD64_ZERO, 3, V128, I32);
        for (int i = 0; i < 4; i++) {
            memLane(V128_LOAD8_LANE + i, i, V128, I32, V128);
            memLane(V128_STORE8_LANE + i, i, UNKNOWN, I32, V128);
        }
        def(V128_CONST, V128);
        // shuffle's lane immediates are 16 bytes; the body validator checks them itself
        def(I8X16_SHUFFLE, V128, V128, V128);
        def(I8X16_SWIZZLE, V128, V128, V128);
        def(I8X16_SPLAT, V128, I32);
        def(I16X8_SPLAT, V128, I32);
        def(I32X4_SPLAT, V128, I32);
        def(I64X2_SPLAT, V128, I64);
        def(F32X4_SPLAT, V128, F32);
        def(F64X2_SPLAT, V128, F64);
        lane(I8X16_EXTRACT_LANE_S, 16, I32, V128);
        lane(I8X16_EXTRACT_LANE_U, 16, I32, V128);
        lane(I8X16_REPLACE_LANE, 16, V128, V128, I32);
        lane(I16X8_EXTRACT_LANE_S, 8, I32, V128);
        lane(I16X8_EXTRACT_LANE_U, 8, I32, V128);
        lane(I16X8_REPLACE_LANE, 8, V128, V128, I32);
        lane(I32X4_EXTRACT_LANE, 4, I32, V128);
        lane(I32X4_REPLACE_LANE, 4, V128, V128, I32);
        lane(I64X2_EXTRACT_LANE, 2, I64, V128);
        lane(I64X2_REPLACE_LANE, 2, V128, V128, I64);
        lane(F32X4_EXTRACT_LANE, 4, F32, V128);
        lane(F32X4_REPLACE_LANE, 4, V128, V128, F32);
        lane(F64X2_EXTRACT_LANE, 2, F64, V128);
        lane(F64X2_REPLACE_LANE, 2, V128, V128, F64);

        // The rest are lane-wise: v128 in, v128 out, except the tests (-> i32), the shifts (v128 i32 ->
        // v128) and bitselect (three v128). Unary and binary ones are told apart by name below.
        for (int op = I8X16_EQ; op <= F64X2_CONVERT_LOW_I32X4_U; op++) {
            if (!isKnown(op) || (op >= V128_LOAD8_LANE && op <= V128_LOAD64_ZERO)) continue;
            String n = name(op);
            if (op == V128_BITSELECT) def(op, V128, V128, V128, V128);
            else if (n.endsWith("any_true") || n.endsWith("all_true") || n.endsWith("bitmask")) def(op, I32, V128);
            else if (n.endsWith(".shl") || n.endsWith(".shr_s") || n.endsWith(".shr_u")) def(op, V128, V128, I32);
            else if (isSimdUnary(n)) def(op, V128, V128);
            else def(op, V128, V128, V128);
        }
    }

    private static boolean isSimdUnary(String name) {
        for (String s : SIMD_UNARY) if (name.endsWith(s)) return true;
        // conversions: extend, extadd_pairwise, trunc_sat, convert, demote, promote (narrow is binary)
        return name.contains("extend_") || name.contains("extadd_") || name.contains("trunc_sat")
            || name.contains("convert_") || name.contains("demote_") || name.contains("promote_");
    }
}
