package org.wasmjar.compiler.codegen;

import org.objectweb.asm.MethodVisitor;
import org.wasmjar.compiler.ir.Inst;

/**
 * Emits single IR instructions whose arguments are already on the operand stack (what {@link OpLowering} does);
 * an interface so the method planner can be tested with a small instruction set of its own.
 */
interface InstLowering {
    /** Emits {@code inst}; returns true when the memory array may have been replaced. */
    boolean emit(MethodVisitor mv, Inst inst, int instanceLocal, int memoryLocal);

    /** Upper bound of the bytes {@link #emit} produces for {@code inst}. */
    int estimateSize(Inst inst);
}
