package org.wasmjar.compiler.ir.opt;

import static org.wasmjar.compiler.wasm.model.Opcodes.*;

import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;

/**
 * Pass 1: integer operators whose arguments are all constants become constants, with exact Wasm semantics
 * (shift counts modulo the width, unsigned comparisons). Division and remainder fold only when they cannot
 * trap. Float operators are left alone. The instruction is rewritten in place, keeping its result value.
 */
public final class ConstantFolding {
    private ConstantFolding() {}

    /** Returns whether anything changed. */
    public static boolean run(IrFunction f) {
        Inst[] constOf = new Inst[f.valueCount()];
        boolean any = false;
        boolean changed = true;
        // Definitions precede uses in the layout for structured code, so one sweep usually suffices.
        while (changed) {
            changed = false;
            for (Block b : f.blocks) {
                for (Inst inst : b.insts) {
                    if (isConst(inst)) {
                        constOf[inst.results[0]] = inst;
                    } else if (fold(inst, constOf)) {
                        constOf[inst.results[0]] = inst;
                        changed = true;
                        any = true;
                    }
                }
            }
        }
        return any;
    }

    private static boolean isConst(Inst inst) { return inst.opcode == I32_CONST || inst.opcode == I64_CONST; }

    private static boolean fold(Inst inst, Inst[] constOf) {
        int[] args = inst.args;
        if (args.length == 0 || args.length > 2 || inst.results.length != 1) return false;
        Inst x = constOf[args[0]];
        if (x == null) return false;
        Inst y = null;
        if (args.length == 2) {
            y = constOf[args[1]];
            if (y == null) return false;
        }
        int op = inst.opcode;
        if (y == null) return unary(inst, op, x.c);
        if (x.opcode == I32_CONST && y.opcode == I32_CONST) return binary32(inst, op, (int) x.c, (int) y.c);
        if (x.opcode == I64_CONST && y.opcode == I64_CONST) return binary64(inst, op, x.c, y.c);
        return false;
    }

    private static boolean unary(Inst inst, int op, long c) {
        int i = (int) c;
        switch (op) {
            case I32_EQZ: return i32(inst, i == 0 ? 1 : 0);
            case I32_CLZ: return i32(inst, Integer.numberOfLeadingZeros(i));
            case I32_CTZ: return i32(inst, Integer.numberOfTrailingZeros(i));
            case I32_POPCNT: return i32(inst, Integer.bitCount(i));
            case I32_EXTEND8_S: return i32(inst, (byte) i);
            case I32_EXTEND16_S: return i32(inst, (short) i);
            case I64_EQZ: return i32(inst, c == 0 ? 1 : 0);
            case I64_CLZ: return i64(inst, Long.numberOfLeadingZeros(c));
            case I64_CTZ: return i64(inst, Long.numberOfTrailingZeros(c));
            case I64_POPCNT: return i64(inst, Long.bitCount(c));
            case I64_EXTEND8_S: return i64(inst, (byte) c);
            case I64_EXTEND16_S: return i64(inst, (short) c);
            case I64_EXTEND32_S, I64_EXTEND_I32_S: return i64(inst, (int) c);
            case I64_EXTEND_I32_U: return i64(inst, c & 0xFFFFFFFFL);
            case I32_WRAP_I64: return i32(inst, (int) c);
            default: return false;
        }
    }

    private static boolean binary32(Inst inst, int op, int x, int y) {
        switch (op) {
            case I32_ADD: return i32(inst, x + y);
            case I32_SUB: return i32(inst, x - y);
            case I32_MUL: return i32(inst, x * y);
            case I32_AND: return i32(inst, x & y);
            case I32_OR: return i32(inst, x | y);
            case I32_XOR: return i32(inst, x ^ y);
            case I32_SHL: return i32(inst, x << y); // Java masks the count to 5 bits, as Wasm does
            case I32_SHR_S: return i32(inst, x >> y);
            case I32_SHR_U: return i32(inst, x >>> y);
            case I32_ROTL: return i32(inst, Integer.rotateLeft(x, y));
            case I32_ROTR: return i32(inst, Integer.rotateRight(x, y));
            case I32_EQ: return bool(inst, x == y);
            case I32_NE: return bool(inst, x != y);
            case I32_LT_S: return bool(inst, x < y);
            case I32_LT_U: return bool(inst, Integer.compareUnsigned(x, y) < 0);
            case I32_GT_S: return bool(inst, x > y);
            case I32_GT_U: return bool(inst, Integer.compareUnsigned(x, y) > 0);
            case I32_LE_S: return bool(inst, x <= y);
            case I32_LE_U: return bool(inst, Integer.compareUnsigned(x, y) <= 0);
            case I32_GE_S: return bool(inst, x >= y);
            case I32_GE_U: return bool(inst, Integer.compareUnsigned(x, y) >= 0);
            case I32_DIV_S: return y != 0 && !(x == Integer.MIN_VALUE && y == -1) && i32(inst, x / y);
            case I32_DIV_U: return y != 0 && i32(inst, Integer.divideUnsigned(x, y));
            case I32_REM_S: return y != 0 && i32(inst, x % y); // MIN_VALUE % -1 is 0 in both Java and Wasm
            case I32_REM_U: return y != 0 && i32(inst, Integer.remainderUnsigned(x, y));
            default: return false;
        }
    }

    private static boolean binary64(Inst inst, int op, long x, long y) {
        int s = (int) y; // shift and rotate counts: Java masks to 6 bits, as Wasm does
        switch (op) {
            case I64_ADD: return i64(inst, x + y);
            case I64_SUB: return i64(inst, x - y);
            case I64_MUL: return i64(inst, x * y);
            case I64_AND: return i64(inst, x & y);
            case I64_OR: return i64(inst, x | y);
            case I64_XOR: return i64(inst, x ^ y);
            case I64_SHL: return i64(inst, x << s);
            case I64_SHR_S: return i64(inst, x >> s);
            case I64_SHR_U: return i64(inst, x >>> s);
            case I64_ROTL: return i64(inst, Long.rotateLeft(x, s));
            case I64_ROTR: return i64(inst, Long.rotateRight(x, s));
            case I64_EQ: return bool(inst, x == y);
            case I64_NE: return bool(inst, x != y);
            case I64_LT_S: return bool(inst, x < y);
            case I64_LT_U: return bool(inst, Long.compareUnsigned(x, y) < 0);
            case I64_GT_S: return bool(inst, x > y);
            case I64_GT_U: return bool(inst, Long.compareUnsigned(x, y) > 0);
            case I64_LE_S: return bool(inst, x <= y);
            case I64_LE_U: return bool(inst, Long.compareUnsigned(x, y) <= 0);
            case I64_GE_S: return bool(inst, x >= y);
            case I64_GE_U: return bool(inst, Long.compareUnsigned(x, y) >= 0);
            case I64_DIV_S: return y != 0 && !(x == Long.MIN_VALUE && y == -1) && i64(inst, x / y);
            case I64_DIV_U: return y != 0 && i64(inst, Long.divideUnsigned(x, y));
            case I64_REM_S: return y != 0 && i64(inst, x % y);
            case I64_REM_U: return y != 0 && i64(inst, Long.remainderUnsigned(x, y));
            default: return false;
        }
    }

    private static boolean bool(Inst inst, boolean v) { return i32(inst, v ? 1 : 0); }

    private static boolean i32(Inst inst, int v) { return become(inst, I32_CONST, v); }

    private static boolean i64(Inst inst, long v) { return become(inst, I64_CONST, v); }

    private static boolean become(Inst inst, int op, long value) {
        inst.opcode = op;
        inst.args = new int[0];
        inst.a = 0;
        inst.b = 0;
        inst.c = value;
        inst.extra = null;
        return true;
    }
}
