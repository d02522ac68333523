package org.wasmjar.compiler.ir.opt;

import static org.wasmjar.compiler.wasm.model.Opcodes.*;

/** Which operators must be kept even when their results are unused: they may trap or change state. */
public final class Effects {
    /** {@link #compute} of every opcode, by {@link #slot}: dead code elimination asks once per instruction. */
    private static final boolean[] TABLE = new boolean[0x100 + 0x100 + 0x1000];

    static {
        for (int op = 0; op < 0x100; op++) TABLE[slot(op)] = compute(op);
        for (int op = 0xFC00; op < 0xFD00; op++) TABLE[slot(op)] = compute(op);
        for (int op = 0xFD000; op < 0xFE000; op++) TABLE[slot(op)] = compute(op);
    }

    private Effects() {}

    /** True for operators that may trap or write (memory, tables, globals, calls, division, trapping truncation). */
    public static boolean hasSideEffects(int opcode) {
        int slot = slot(opcode);
        return slot < 0 || TABLE[slot];
    }

    /** Index into {@link #TABLE}: one-byte opcodes, then the 0xFC and 0xFD prefixed ones; -1 for no opcode. */
    private static int slot(int opcode) {
        if (opcode >= 0 && opcode < 0x100) return opcode;
        if (opcode >= 0xFC00 && opcode < 0xFD00) return 0x100 + opcode - 0xFC00;
        if (opcode >= 0xFD000 && opcode < 0xFE000) return 0x200 + opcode - 0xFD000;
        return -1;
    }

    private static boolean compute(int opcode) {
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
