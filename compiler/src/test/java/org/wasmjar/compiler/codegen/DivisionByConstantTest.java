package org.wasmjar.compiler.codegen;

import static org.junit.jupiter.api.Assertions.*;
import static org.wasmjar.compiler.codegen.CodegenFixture.*;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/**
 * Division and remainder by a constant, which the emitter turns into plain JVM arithmetic where no trap is possible,
 * against the same operator with the divisor passed as an argument (the trapping helper of {@code Numerics}).
 */
class DivisionByConstantTest {
    private static final int[] I32 = {0, 1, -1, 2, 7, 10, 16, -7, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x80000001, 123456789};
    private static final long[] I64 = {0, 1, -1, 2, 7, 10, 16, -7, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, -(1L << 40) + 3};

    @Test void i32DivisionsByConstantsMatchTheHelper() throws Throwable {
        int[] ops = {Opcodes.I32_DIV_S, Opcodes.I32_DIV_U, Opcodes.I32_REM_S, Opcodes.I32_REM_U};
        int plain = 0;
        for (int op : ops) {
            for (int d : I32) {
                if (OpLowering.isPlainDivision(op, d)) plain++;
                check(op, ValType.I32, d);
            }
        }
        assertTrue(plain > 40, "most of these divisors need no trap check: " + plain);
    }

    @Test void i64DivisionsByConstantsMatchTheHelper() throws Throwable {
        int[] ops = {Opcodes.I64_DIV_S, Opcodes.I64_DIV_U, Opcodes.I64_REM_S, Opcodes.I64_REM_U};
        for (int op : ops) for (long d : I64) check(op, ValType.I64, d);
        assertTrue(OpLowering.isPlainDivision(Opcodes.I64_DIV_U, Long.MIN_VALUE), "2^63 is a power of two");
        assertFalse(OpLowering.isPlainDivision(Opcodes.I64_DIV_U, 10));
        assertFalse(OpLowering.isPlainDivision(Opcodes.I64_DIV_S, -1));
        assertFalse(OpLowering.isPlainDivision(Opcodes.I32_REM_U, 0));
    }

    /** Function 0 computes {@code op(a, b)} from two arguments; function 1 computes {@code op(a, divisor)}. */
    private static void check(int op, ValType t, long divisor) throws Throwable {
        FuncType two = type(List.of(t, t), List.of(t)), one = type(List.of(t), List.of(t));
        List<IrFunction> fns = List.of(byArgument(op, two, t), byConstant(op, one, t, divisor));
        ValidatedModule m = module(List.of(two, one), List.of(), List.of(0, 1), false, List.of());
        CompiledModule cm = ModuleGenerator.generate(m, fns);
        verify(cm);
        assertEquals(OpLowering.isPlainDivision(op, divisor), !callsHelper(cm, "f1"), Opcodes.name(op) + " by " + divisor);
        MethodHandle[] h = load(cm, 2);
        for (Object a : values(t)) {
            Object b = t == ValType.I32 ? (Object) (int) divisor : (Object) divisor;
            String what = Opcodes.name(op) + " " + a + " " + b;
            Object expected, actual;
            try {
                expected = h[0].invokeWithArguments(a, b, instance(m));
            } catch (Trap e) {
                expected = e.kind();
            }
            try {
                actual = h[1].invokeWithArguments(a, instance(m));
            } catch (Trap e) {
                actual = e.kind();
            }
            assertEquals(expected, actual, what);
        }
    }

    private static boolean callsHelper(CompiledModule cm, String method) {
        for (byte[] bytes : cm.classes().values()) {
            ClassNode cn = new ClassNode();
            new ClassReader(bytes).accept(cn, 0);
            for (MethodNode mn : cn.methods) {
                if (!mn.name.equals(method)) continue;
                for (AbstractInsnNode insn : mn.instructions) {
                    if (insn instanceof MethodInsnNode call && call.owner.endsWith("/Numerics")) return true;
                }
            }
        }
        return false;
    }

    private static IrFunction byArgument(int op, FuncType type, ValType t) {
        Fn fn = new Fn(0, type);
        Block entry = fn.block();
        int a = fn.param(entry, t), b = fn.param(entry, t);
        entry.terminator = new Terminator.Return(new int[] {fn.op(entry, op, t, a, b)});
        return fn.f;
    }

    private static IrFunction byConstant(int op, FuncType type, ValType t, long divisor) {
        Fn fn = new Fn(1, type);
        Block entry = fn.block();
        int a = fn.param(entry, t);
        int d = t == ValType.I32 ? fn.i32(entry, (int) divisor) : fn.i64(entry, divisor);
        entry.terminator = new Terminator.Return(new int[] {fn.op(entry, op, t, a, d)});
        return fn.f;
    }

    private static List<Object> values(ValType t) {
        List<Object> out = new ArrayList<>();
        if (t == ValType.I32) for (int v : I32) out.add(v);
        else for (long v : I64) out.add(v);
        return out;
    }
}
