package org.wasmjar.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.wasmjar.runtime.types.ValType;

/**
 * Emits the methods that drive a split function: {@code f<i>} takes a frame (its long slots reused from the last
 * call, see {@code Frames.takeLongs}), stores the parameters and loops calling group methods (directly, or through
 * sub-dispatchers {@code f<i>$d<k>} when there are more than {@link FunctionPlan#FAN_OUT} groups) until one returns
 * -1; then it returns the results from the frame.
 */
final class Dispatcher {
    private Dispatcher() {}

    private static final String FRAMES = "org/wasmjar/runtime/abi/Frames";

    /** {@code f<i>(params..., Instance)} of a split function. */
    static void emitEntry(FunctionPlan plan, MethodVisitor mv) {
        List<ValType> params = plan.fn.type.params();
        List<Integer> entryParams = plan.pieces.params(0);
        int[] paramLocal = new int[params.size()];
        int next = 0;
        for (int i = 0; i < params.size(); i++) {
            paramLocal[i] = next;
            next += JvmTypes.slots(params.get(i));
        }
        int inst = next, longs = next + 1, refs = next + 2, code = next + 3;
        int frameBytes = 32 + plan.longSlots * 8 + plan.refSlots * 8;
        Label tryStart = new Label(), tryEnd = new Label(), handler = new Label();
        mv.visitTryCatchBlock(tryStart, tryEnd, handler, null);
        if (plan.longSlots == 0) {
            mv.visitInsn(ACONST_NULL);
        } else {
            mv.visitVarInsn(ALOAD, inst);
            Emit.pushInt(mv, plan.fn.index);
            Emit.pushInt(mv, plan.longSlots);
            mv.visitMethodInsn(INVOKESTATIC, FRAMES, "takeLongs", "(L" + Emit.INSTANCE + ";II)[J", false);
        }
        mv.visitVarInsn(ASTORE, longs);
        newRefs(mv, plan.refSlots, refs);
        frameAccounting(mv, inst, frameBytes, "enter");
        mv.visitLabel(tryStart);
        for (int i = 0; i < params.size(); i++) {
            int slot = plan.frameSlot[entryParams.get(i)];
            if (slot >= 0) Emit.storeFrame(mv, params.get(i), paramLocal[i], slot, longs, refs);
        }
        Emit.pushInt(mv, plan.entryCode(0));
        mv.visitVarInsn(ISTORE, code);
        Label loop = new Label(), done = new Label();
        mv.visitLabel(loop);
        mv.visitVarInsn(ILOAD, code);
        mv.visitInsn(ICONST_M1);
        mv.visitJumpInsn(IF_ICMPEQ, done);
        int subs = plan.subDispatcherCount();
        mv.visitVarInsn(ILOAD, code);
        Emit.pushInt(mv, 0xFFFF);
        mv.visitInsn(IAND);
        if (subs == 0) {
            calls(plan, mv, 0, plan.groupCount, true, longs, refs, inst, code, loop);
        } else {
            Emit.pushInt(mv, FunctionPlan.FAN_OUT);
            mv.visitInsn(IDIV);
            calls(plan, mv, 0, subs, false, longs, refs, inst, code, loop);
        }
        mv.visitLabel(done);
        mv.visitLabel(tryEnd);
        frameAccounting(mv, inst, frameBytes, "exit");
        if (plan.longSlots > 0) {
            mv.visitVarInsn(ALOAD, inst);
            Emit.pushInt(mv, plan.fn.index);
            mv.visitVarInsn(ALOAD, longs);
            mv.visitMethodInsn(INVOKESTATIC, FRAMES, "giveBackLongs", "(L" + Emit.INSTANCE + ";I[J)V", false);
        }
        emitReturn(plan, mv, longs, refs);
        // A trap or exception leaving the function gives its frame back too.
        mv.visitLabel(handler);
        frameAccounting(mv, inst, frameBytes, "exit");
        mv.visitInsn(ATHROW);
    }

    private static void frameAccounting(MethodVisitor mv, int inst, int frameBytes, String method) {
        mv.visitVarInsn(ALOAD, inst);
        Emit.pushInt(mv, frameBytes);
        mv.visitMethodInsn(INVOKESTATIC, FRAMES, method, "(L" + Emit.INSTANCE + ";I)V", false);
    }

    private static void emitReturn(FunctionPlan plan, MethodVisitor mv, int longs, int refs) {
        List<ValType> results = plan.fn.type.results();
        if (results.isEmpty()) {
            mv.visitInsn(RETURN);
        } else if (results.size() == 1) {
            Emit.loadFrame(mv, results.get(0), plan.resultSlot[0], longs, refs);
            if (results.get(0) == ValType.V128) Emit.box(mv, ValType.V128);
            mv.visitInsn(JvmTypes.returnOpcode(results.get(0)));
        } else {
            Emit.pushInt(mv, results.size());
            mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
            for (int i = 0; i < results.size(); i++) {
                mv.visitInsn(DUP);
                Emit.pushInt(mv, i);
                Emit.loadFrame(mv, results.get(i), plan.resultSlot[i], longs, refs);
                Emit.box(mv, results.get(i));
                mv.visitInsn(AASTORE);
            }
            mv.visitInsn(ARETURN);
        }
    }

    /** {@code f<i>$d<k>(long[], Object[], Instance, int code)}: runs its groups until the code leaves its range. */
    static void emitSub(FunctionPlan plan, int k, MethodVisitor mv) {
        int longs = 0, refs = 1, inst = 2, code = 3;
        int lo = k * FunctionPlan.FAN_OUT, hi = Math.min(plan.groupCount, lo + FunctionPlan.FAN_OUT);
        Label loop = new Label(), done = new Label();
        mv.visitLabel(loop);
        mv.visitVarInsn(ILOAD, code);
        mv.visitInsn(ICONST_M1);
        mv.visitJumpInsn(IF_ICMPEQ, done);
        mv.visitVarInsn(ILOAD, code);
        Emit.pushInt(mv, 0xFFFF);
        mv.visitInsn(IAND);
        Emit.pushInt(mv, lo);
        mv.visitInsn(ISUB);
        calls(plan, mv, lo, hi, true, longs, refs, inst, code, loop, done);
        mv.visitLabel(done);
        mv.visitVarInsn(ILOAD, code);
        mv.visitInsn(IRETURN);
    }

    private static void calls(FunctionPlan plan, MethodVisitor mv, int lo, int hi, boolean groups,
                              int longs, int refs, int inst, int code, Label loop) {
        calls(plan, mv, lo, hi, groups, longs, refs, inst, code, loop, null);
    }

    /**
     * A tableswitch on the key on the stack (0 for {@code lo}) to calls of groups (or sub-dispatchers)
     * {@code lo..hi-1}, each storing the returned code and jumping back to {@code loop}. An out-of-range key goes
     * to {@code outside}, or (when null, which cannot happen) to the first call.
     */
    private static void calls(FunctionPlan plan, MethodVisitor mv, int lo, int hi, boolean groups,
                              int longs, int refs, int inst, int code, Label loop, Label outside) {
        Label[] cases = new Label[hi - lo];
        for (int i = 0; i < cases.length; i++) cases[i] = new Label();
        mv.visitTableSwitchInsn(0, cases.length - 1, outside != null ? outside : cases[0], cases);
        String name = "f" + plan.fn.index;
        for (int i = 0; i < cases.length; i++) {
            mv.visitLabel(cases[i]);
            mv.visitVarInsn(ALOAD, longs);
            mv.visitVarInsn(ALOAD, refs);
            mv.visitVarInsn(ALOAD, inst);
            mv.visitVarInsn(ILOAD, code);
            if (groups) {
                Emit.pushInt(mv, 16);
                mv.visitInsn(IUSHR);
                mv.visitMethodInsn(INVOKESTATIC, plan.groupOwner[lo + i], name + "$" + (lo + i), Emit.GROUP_DESCRIPTOR, false);
            } else {
                mv.visitMethodInsn(INVOKESTATIC, plan.subDispatcherOwner[lo + i], name + "$d" + (lo + i), Emit.GROUP_DESCRIPTOR, false);
            }
            mv.visitVarInsn(ISTORE, code);
            mv.visitJumpInsn(GOTO, loop);
        }
    }

    private static void newRefs(MethodVisitor mv, int size, int local) {
        if (size == 0) {
            mv.visitInsn(ACONST_NULL);
        } else {
            Emit.pushInt(mv, size);
            mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        }
        mv.visitVarInsn(ASTORE, local);
    }
}
