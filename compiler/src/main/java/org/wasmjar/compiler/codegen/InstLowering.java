package org.wasmjar.compiler.codegen;

import org.objectweb.asm.MethodVisitor;
import org.wasmjar.compiler.ir.Inst;

/**
 * Emits single IR instructions whose arguments are already on the operand stack (what {@link OpLowering} does);
 * an interface so the method planner can be tested with a small instruction set of its own. SIMD instructions
 * read their arguments through {@link Operands} instead, because each half of a v128 result needs its own.
 */
interface InstLowering {
    /** Emits {@code inst}; returns true when the memory array may have been replaced. */
    boolean emit(MethodVisitor mv, Inst inst, int instanceLocal, int memoryLocal);

    /**
     * Emits a SIMD instruction (one whose opcode {@link org.wasmjar.compiler.wasm.model.Opcodes#isSimd}), pushing
     * its arguments through {@code operands} where it needs them; leaves its result on the stack (a v128 as its
     * low half under its high half). Returns true when the memory array may have been replaced.
     */
    boolean emitSimd(MethodVisitor mv, Inst inst, Operands operands, int instanceLocal, int memoryLocal);

    /**
     * Upper bound of the bytes {@link #emit} (or {@link #emitSimd}, its operand pushes included) produces for
     * {@code inst} in a function whose v128 values are stored as {@code forms} says.
     */
    int estimateSize(Inst inst, VectorForms forms);

    /**
     * Pushes the arguments of the instruction being emitted, each as often as the lowering needs it. A v128 argument
     * is read as long halves or int quarters (see {@link SimdLowering}), converted when it is stored the other way.
     */
    interface Operands {
        /** Pushes argument {@code k}, a scalar. */
        void push(int k);

        /** Pushes the low or the high half of argument {@code k}, a v128, as a long. */
        void pushHalf(int k, boolean high);

        /** Pushes quarter {@code q} (bytes {@code 4q..4q+3}) of argument {@code k}, a v128, as an int. */
        void pushQuarter(int k, int q);

        /** Whether v128 argument {@code k} is stored as quarters (so reading quarters costs no conversion). */
        boolean isQuarters(int k);

        /** Whether the result must be pushed as quarters, for instructions whose result form is chosen for them. */
        boolean resultInQuarters();
    }
}
