package org.wasmjar.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;
import static org.wasmjar.compiler.wasm.model.Opcodes.*;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Scalar comparisons, with their operands on the stack: as an i32 0/1 value, or fused with the conditional branch
 * that reads them (a compare and one jump instead of materialising 0/1 and testing it, which is smaller and what
 * the interpreter and C1 run faster).
 */
final class Comparisons {
    private Comparisons() {}

    private static final int NONE = 0, INT_UNSIGNED = 1, LONG_UNSIGNED = 2, EQZ_LONG = 3;

    /** Whether {@code opcode} is a scalar comparison (or eqz). */
    static boolean is(int opcode) { return jump(opcode) != 0; }

    /** The signed i32 comparison that equals unsigned {@code opcode} on non-negative operands, or -1. */
    static int signedForm(int opcode) {
        return switch (opcode) {
            case I32_LT_U -> I32_LT_S;
            case I32_GT_U -> I32_GT_S;
            case I32_LE_U -> I32_LE_S;
            case I32_GE_U -> I32_GE_S;
            default -> -1;
        };
    }

    /** Replaces the operands with 1 when the comparison holds, else 0. */
    static void emitValue(MethodVisitor mv, int opcode) {
        Label yes = new Label(), end = new Label();
        emitJump(mv, opcode, yes, true);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(yes);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(end);
    }

    /** Consumes the operands and jumps to {@code target} when the comparison's result is {@code when}. */
    static void emitJump(MethodVisitor mv, int opcode, Label target, boolean when) {
        switch (prelude(opcode)) {
            case INT_UNSIGNED -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
            case LONG_UNSIGNED -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
            case EQZ_LONG -> { mv.visitInsn(LCONST_0); mv.visitInsn(LCMP); }
            default -> { if (compareOpcode(opcode) != 0) mv.visitInsn(compareOpcode(opcode)); }
        }
        int jump = jump(opcode);
        // The negated jump on the same compare result is the exact negation, NaN cases included.
        mv.visitJumpInsn(when ? jump : negate(jump), target);
    }

    private static int prelude(int opcode) {
        return switch (opcode) {
            case I32_LT_U, I32_GT_U, I32_LE_U, I32_GE_U -> INT_UNSIGNED;
            case I64_LT_U, I64_GT_U, I64_LE_U, I64_GE_U -> LONG_UNSIGNED;
            case I64_EQZ -> EQZ_LONG;
            default -> NONE;
        };
    }

    /** lcmp, or the fcmp/dcmp variant that makes every NaN comparison false (true for ne); 0 for none. */
    private static int compareOpcode(int opcode) {
        return switch (opcode) {
            case I64_EQ, I64_NE, I64_LT_S, I64_GT_S, I64_LE_S, I64_GE_S -> LCMP;
            case F32_EQ, F32_NE, F32_GT, F32_GE -> FCMPL;
            case F32_LT, F32_LE -> FCMPG;
            case F64_EQ, F64_NE, F64_GT, F64_GE -> DCMPL;
            case F64_LT, F64_LE -> DCMPG;
            default -> 0;
        };
    }

    /** The jump taken when the comparison holds (0 when {@code opcode} is no comparison). */
    private static int jump(int opcode) {
        return switch (opcode) {
            case I32_EQZ -> IFEQ;
            case I32_EQ -> IF_ICMPEQ;
            case I32_NE -> IF_ICMPNE;
            case I32_LT_S -> IF_ICMPLT;
            case I32_GT_S -> IF_ICMPGT;
            case I32_LE_S -> IF_ICMPLE;
            case I32_GE_S -> IF_ICMPGE;
            case I32_LT_U, I64_LT_U, I64_LT_S, F32_LT, F64_LT -> IFLT;
            case I32_GT_U, I64_GT_U, I64_GT_S, F32_GT, F64_GT -> IFGT;
            case I32_LE_U, I64_LE_U, I64_LE_S, F32_LE, F64_LE -> IFLE;
            case I32_GE_U, I64_GE_U, I64_GE_S, F32_GE, F64_GE -> IFGE;
            case I64_EQZ, I64_EQ, F32_EQ, F64_EQ -> IFEQ;
            case I64_NE, F32_NE, F64_NE -> IFNE;
            default -> 0;
        };
    }

    private static int negate(int jump) {
        return switch (jump) {
            case IFEQ -> IFNE;
            case IFNE -> IFEQ;
            case IFLT -> IFGE;
            case IFGE -> IFLT;
            case IFGT -> IFLE;
            case IFLE -> IFGT;
            case IF_ICMPEQ -> IF_ICMPNE;
            case IF_ICMPNE -> IF_ICMPEQ;
            case IF_ICMPLT -> IF_ICMPGE;
            case IF_ICMPGE -> IF_ICMPLT;
            case IF_ICMPGT -> IF_ICMPLE;
            case IF_ICMPLE -> IF_ICMPGT;
            default -> throw new IllegalArgumentException("not a conditional jump: " + jump);
        };
    }
}
