package org.wasmjar.compiler.ir.opt;

import static org.wasmjar.compiler.wasm.model.Opcodes.*;

/** Which operators must be kept even when their results are unused: they may trap or change state. */
public final class Effects {
    private Effects() {}

    /** True for operators that may trap or write (memory, tables, globals, calls, division, trapping truncation). */
    public static boolean hasSideEffects(int opcode) {
        if (isSimd(opcode)) {
            String n = name(opcode);
            return n.startsWith("v128.load") || n.startsWith("v128.store") || !isKnown(opcode);
        }
        switch (opcode) {
            case CALL, CALL_INDIRECT, GLOBAL_SET, MEMORY_GROW,
                 TABLE_GET, TABLE_SET, TABLE_GROW, TABLE_FILL, TABLE_INIT, TABLE_COPY, ELEM_DROP,
                 MEMORY_INIT, MEMORY_COPY, MEMORY_FILL, DATA_DROP,
                 I32_DIV_S, I32_DIV_U, I32_REM_S, I32_REM_U, I64_DIV_S, I64_DIV_U, I64_REM_S, I64_REM_U,
                 I32_TRUNC_F32_S, I32_TRUNC_F32_U, I32_TRUNC_F64_S, I32_TRUNC_F64_U,
                 I64_TRUNC_F32_S, I64_TRUNC_F32_U, I64_TRUNC_F64_S, I64_TRUNC_F64_U:
                return true;
            default:
                // Loads trap out of bounds; stores write.
                return (opcode >= I32_LOAD && opcode <= I64_STORE32) || !isKnown(opcode);
        }
    }
}
