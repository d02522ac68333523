package org.wasmjar.compiler.ir;

import static org.wasmjar.compiler.wasm.model.Opcodes.*;

import org.wasmjar.runtime.types.ValType;

/**
 * Operand and result types of the operators whose typing does not depend on immediates or the module
 * (numeric, conversion, plain memory access, SIMD). The IR builder uses it to type results, the verifier to
 * check arguments. Operators typed by the module (calls, globals, tables, select, references) return null.
 */
public final class Signatures {
    private Signatures() {}

    private static final ValType[] NONE = {};
    private static final int SIZE = 0x300;
    private static final ValType[][] PARAMS = new ValType[SIZE][];
    private static final ValType[][] RESULTS = new ValType[SIZE][];

    private static int index(int opcode) {
        if (opcode >= 0 && opcode < 0x100) return opcode;
        if (opcode >= 0xFC00 && opcode < 0xFD00) return 0x100 + (opcode - 0xFC00);
        if (opcode >= 0xFD000 && opcode < 0xFD100) return 0x200 + (opcode - 0xFD000);
        return -1;
    }

    /** Parameter types of a fixed-signature operator, or null if its typing depends on context. */
    public static ValType[] params(int opcode) {
        int i = index(opcode);
        return i < 0 ? null : PARAMS[i];
    }

    /** Result types of a fixed-signature operator, or null if its typing depends on context. */
    public static ValType[] results(int opcode) {
        int i = index(opcode);
        return i < 0 ? null : RESULTS[i];
    }

    /** Signature text: parameter letters, ':', result letters; i=i32 l=i64 f=f32 d=f64 v=v128. */
    private static void sig(String s, int... opcodes) {
        int colon = s.indexOf(':');
        ValType[] p = types(s.substring(0, colon));
        ValType[] r = types(s.substring(colon + 1));
        for (int op : opcodes) {
            PARAMS[index(op)] = p;
            RESULTS[index(op)] = r;
        }
    }

    private static void range(String s, int from, int to) {
        for (int op = from; op <= to; op++) sig(s, op);
    }

    private static ValType[] types(String s) {
        if (s.isEmpty()) return NONE;
        ValType[] t = new ValType[s.length()];
        for (int i = 0; i < t.length; i++) {
            t[i] = switch (s.charAt(i)) {
                case 'i' -> ValType.I32;
                case 'l' -> ValType.I64;
                case 'f' -> ValType.F32;
                case 'd' -> ValType.F64;
                case 'v' -> ValType.V128;
                default -> throw new IllegalArgumentException(s);
            };
        }
        return t;
    }

    static {
        sig("i:i", I32_LOAD, I32_LOAD8_S, I32_LOAD8_U, I32_LOAD16_S, I32_LOAD16_U);
        sig("i:l", I64_LOAD, I64_LOAD8_S, I64_LOAD8_U, I64_LOAD16_S, I64_LOAD16_U, I64_LOAD32_S, I64_LOAD32_U);
        sig("i:f", F32_LOAD);
        sig("i:d", F64_LOAD);
        sig("ii:", I32_STORE, I32_STORE8, I32_STORE16);
        sig("il:", I64_STORE, I64_STORE8, I64_STORE16, I64_STORE32);
        sig("if:", F32_STORE);
        sig("id:", F64_STORE);
        sig(":i", MEMORY_SIZE, I32_CONST);
        sig("i:i", MEMORY_GROW);
        sig(":l", I64_CONST);
        sig(":f", F32_CONST);
        sig(":d", F64_CONST);
        sig("i:i", I32_EQZ);
        range("ii:i", I32_EQ, I32_GE_U);
        sig("l:i", I64_EQZ);
        range("ll:i", I64_EQ, I64_GE_U);
        range("ff:i", F32_EQ, F32_GE);
        range("dd:i", F64_EQ, F64_GE);
        range("i:i", I32_CLZ, I32_POPCNT);
        range("ii:i", I32_ADD, I32_ROTR);
        range("l:l", I64_CLZ, I64_POPCNT);
        range("ll:l", I64_ADD, I64_ROTR);
        range("f:f", F32_ABS, F32_SQRT);
        range("ff:f", F32_ADD, F32_COPYSIGN);
        range("d:d", F64_ABS, F64_SQRT);
        range("dd:d", F64_ADD, F64_COPYSIGN);
        sig("l:i", I32_WRAP_I64);
        sig("f:i", I32_TRUNC_F32_S, I32_TRUNC_F32_U, I32_REINTERPRET_F32, I32_TRUNC_SAT_F32_S, I32_TRUNC_SAT_F32_U);
        sig("d:i", I32_TRUNC_F64_S, I32_TRUNC_F64_U, I32_TRUNC_SAT_F64_S, I32_TRUNC_SAT_F64_U);
        sig("i:l", I64_EXTEND_I32_S, I64_EXTEND_I32_U);
        sig("f:l", I64_TRUNC_F32_S, I64_TRUNC_F32_U, I64_TRUNC_SAT_F32_S, I64_TRUNC_SAT_F32_U);
        sig("d:l", I64_TRUNC_F64_S, I64_TRUNC_F64_U, I64_REINTERPRET_F64, I64_TRUNC_SAT_F64_S, I64_TRUNC_SAT_F64_U);
        sig("i:f", F32_CONVERT_I32_S, F32_CONVERT_I32_U, F32_REINTERPRET_I32);
        sig("l:f", F32_CONVERT_I64_S, F32_CONVERT_I64_U);
        sig("d:f", F32_DEMOTE_F64);
        sig("i:d", F64_CONVERT_I32_S, F64_CONVERT_I32_U);
        sig("l:d", F64_CONVERT_I64_S, F64_CONVERT_I64_U, F64_REINTERPRET_I64);
        sig("f:d", F64_PROMOTE_F32);
        sig("i:i", I32_EXTEND8_S, I32_EXTEND16_S);
        sig("l:l", I64_EXTEND8_S, I64_EXTEND16_S, I64_EXTEND32_S);
        sig("iii:", MEMORY_INIT, MEMORY_COPY, MEMORY_FILL);
        sig(":", DATA_DROP);
        simd();
    }

    /** SIMD signatures follow from the mnemonic's shape, so they are classified by name, not listed. */
    private static void simd() {
        for (int op = 0xFD000; op < 0xFD100; op++) {
            if (!isKnown(op)) continue;
            String n = name(op);
            String s;
            if (op == V128_STORE) s = "iv:";
            else if (op == V128_CONST) s = ":v";
            else if (n.startsWith("v128.load") && n.endsWith("_lane")) s = "iv:v";
            else if (n.startsWith("v128.store")) s = "iv:";
            else if (n.startsWith("v128.load")) s = "i:v";
            else if (op == V128_BITSELECT) s = "vvv:v";
            else if (n.endsWith("splat")) s = laneLetter(n) + ":v";
            else if (n.contains("extract_lane")) s = "v:" + laneLetter(n);
            else if (n.contains("replace_lane")) s = "v" + laneLetter(n) + ":v";
            else if (n.endsWith("any_true") || n.endsWith("all_true") || n.endsWith("bitmask")) s = "v:i";
            else if (n.contains(".shl") || n.contains(".shr_")) s = "vi:v";
            else if (isSimdUnary(n)) s = "v:v";
            else s = "vv:v";
            sig(s, op);
        }
    }

    private static boolean isSimdUnary(String n) {
        String op = n.substring(n.indexOf('.') + 1);
        return op.equals("not") || op.equals("abs") || op.equals("neg") || op.equals("popcnt") || op.equals("sqrt")
                || op.equals("ceil") || op.equals("floor") || op.equals("trunc") || op.equals("nearest")
                || op.startsWith("extend_") || op.startsWith("extadd_pairwise") || op.startsWith("convert")
                || op.startsWith("trunc_sat") || op.startsWith("demote") || op.startsWith("promote");
    }

    /** Scalar type letter of a lane shape prefix (i8x16, i16x8, i32x4 -> i; i64x2 -> l; f32x4 -> f; f64x2 -> d). */
    private static String laneLetter(String n) {
        if (n.startsWith("i64x2")) return "l";
        if (n.startsWith("f32x4")) return "f";
        if (n.startsWith("f64x2")) return "d";
        return "i";
    }
}
