package org.wasmjar.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.MethodVisitor;
import org.wasmjar.runtime.types.ValType;

/** Small typed bytecode helpers shared by the method emitters. */
final class Emit {
    static final String INSTANCE = "org/wasmjar/runtime/instance/Instance";
    static final String MEMORY = "org/wasmjar/runtime/instance/Memory";
    static final String WASM_FUNCTION = "org/wasmjar/runtime/instance/WasmFunction";
    static final String METHOD_HANDLE = "java/lang/invoke/MethodHandle";
    static final String TABLE_OPS = "org/wasmjar/runtime/abi/TableOps";
    static final String TRAP = "org/wasmjar/runtime/api/Trap";
    static final String TRAP_KIND = "org/wasmjar/runtime/api/TrapKind";
    static final String V128_CLASS = "org/wasmjar/runtime/abi/V128";
    static final String V128_OPS = "org/wasmjar/runtime/abi/V128Ops";
    /** Descriptor of a group method: frame longs, frame references, instance, entry; returns the next entry code. */
    static final String GROUP_DESCRIPTOR = "([J[Ljava/lang/Object;L" + INSTANCE + ";I)I";

    private Emit() {}

    static void pushInt(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
        else mv.visitLdcInsn(v);
    }

    /** {@code local = inst.memory.bytes}. */
    static void loadMemory(MethodVisitor mv, int instanceLocal, int memoryLocal) {
        mv.visitVarInsn(ALOAD, instanceLocal);
        mv.visitFieldInsn(GETFIELD, INSTANCE, "memory", "L" + MEMORY + ";");
        mv.visitFieldInsn(GETFIELD, MEMORY, "bytes", "[B");
        mv.visitVarInsn(ASTORE, memoryLocal);
    }

    /** Converts the numeric value on the stack to its raw bits as a long (NaN payloads survive). */
    static void toBits(MethodVisitor mv, ValType t) {
        switch (t) {
            case I32 -> mv.visitInsn(I2L);
            case I64 -> { }
            case F32 -> {
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
                mv.visitInsn(I2L);
            }
            case F64 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
            default -> throw new IllegalArgumentException("not a numeric frame type: " + t);
        }
    }

    /** Inverse of {@link #toBits}. */
    static void fromBits(MethodVisitor mv, ValType t) {
        switch (t) {
            case I32 -> mv.visitInsn(L2I);
            case I64 -> { }
            case F32 -> {
                mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
            }
            case F64 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
            default -> throw new IllegalArgumentException("not a numeric frame type: " + t);
        }
    }

    /**
     * Stores local {@code local} of type {@code t} into frame slot {@code slot} (locals 'longs'/'refs' hold the
     * arrays). A v128 takes two long slots, low half first.
     */
    static void storeFrame(MethodVisitor mv, ValType t, int local, int slot, int longs, int refs) {
        if (t == ValType.V128) {
            for (int half = 0; half < 2; half++) {
                mv.visitVarInsn(ALOAD, longs);
                pushInt(mv, slot + half);
                mv.visitVarInsn(LLOAD, local + 2 * half);
                mv.visitInsn(LASTORE);
            }
            return;
        }
        frameStoreHead(mv, t, slot, longs, refs);
        mv.visitVarInsn(JvmTypes.loadOpcode(t), local);
        frameStoreTail(mv, t);
    }

    /** First half of a frame store: pushes the frame array and the slot; the value comes next. */
    static void frameStoreHead(MethodVisitor mv, ValType t, int slot, int longs, int refs) {
        mv.visitVarInsn(ALOAD, FunctionPlan.isRef(t) ? refs : longs);
        pushInt(mv, slot);
    }

    /** Second half of a frame store, after the value was pushed. */
    static void frameStoreTail(MethodVisitor mv, ValType t) {
        if (FunctionPlan.isRef(t)) {
            mv.visitInsn(AASTORE);
        } else {
            toBits(mv, t);
            mv.visitInsn(LASTORE);
        }
    }

    /** Pushes frame slot {@code slot} as a value of type {@code t} (a v128 as its two halves, from two slots). */
    static void loadFrame(MethodVisitor mv, ValType t, int slot, int longs, int refs) {
        if (t == ValType.V128) {
            for (int half = 0; half < 2; half++) {
                mv.visitVarInsn(ALOAD, longs);
                pushInt(mv, slot + half);
                mv.visitInsn(LALOAD);
            }
        } else if (FunctionPlan.isRef(t)) {
            mv.visitVarInsn(ALOAD, refs);
            pushInt(mv, slot);
            mv.visitInsn(AALOAD);
        } else {
            mv.visitVarInsn(ALOAD, longs);
            pushInt(mv, slot);
            mv.visitInsn(LALOAD);
            fromBits(mv, t);
        }
    }

    /** Boxes the value on the stack for a multi-value Object[] (a v128, from its two halves, also as a single result). */
    static void box(MethodVisitor mv, ValType t) {
        switch (t) {
            case V128 -> mv.visitMethodInsn(INVOKESTATIC, V128_CLASS, "of", "(JJ)L" + V128_CLASS + ";", false);
            case I32 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;", false);
            case I64 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "valueOf", "(J)Ljava/lang/Long;", false);
            case F32 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "valueOf", "(F)Ljava/lang/Float;", false);
            case F64 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "valueOf", "(D)Ljava/lang/Double;", false);
            default -> { }
        }
    }

    /** Unboxes the Object on the stack taken from a multi-value Object[]. */
    static void unbox(MethodVisitor mv, ValType t) {
        switch (t) {
            case V128 -> {
                mv.visitTypeInsn(CHECKCAST, V128_CLASS);
                splitV128(mv);
            }
            case I32 -> unbox(mv, "java/lang/Integer", "intValue", "()I");
            case I64 -> unbox(mv, "java/lang/Long", "longValue", "()J");
            case F32 -> unbox(mv, "java/lang/Float", "floatValue", "()F");
            case F64 -> unbox(mv, "java/lang/Double", "doubleValue", "()D");
            default -> { }
        }
    }

    private static void unbox(MethodVisitor mv, String owner, String name, String desc) {
        mv.visitTypeInsn(CHECKCAST, owner);
        mv.visitMethodInsn(INVOKEVIRTUAL, owner, name, desc, false);
    }

    /** [V128] -> [lo, hi]. */
    static void splitV128(MethodVisitor mv) {
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, V128_CLASS, "lo", "J");
        mv.visitInsn(DUP2_X1);
        mv.visitInsn(POP2);
        mv.visitFieldInsn(GETFIELD, V128_CLASS, "hi", "J");
    }

    /** Pops a value of type {@code t} (a v128 is two longs on the stack). */
    static void pop(MethodVisitor mv, ValType t) {
        int slots = JvmTypes.slots(t);
        mv.visitInsn(slots == 1 ? POP : POP2);
        if (slots == 4) mv.visitInsn(POP2);
    }
}
