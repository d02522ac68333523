package org.wasmjar.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;
import org.objectweb.asm.util.CheckClassAdapter;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.wasm.model.ConstExpr;
import org.wasmjar.compiler.wasm.model.Global;
import org.wasmjar.compiler.wasm.model.Names;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.compiler.wasm.model.WasmModule;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.types.GlobalType;
import org.wasmjar.runtime.types.ModuleInfo;
import org.wasmjar.runtime.types.ValType;

/**
 * Wraps one {@link OpLowering#emit} in a generated static method {@code run(Instance, byte[] memory, args...)},
 * verifies the class with ASM's {@link CheckClassAdapter} and loads it. Floats cross the method boundary as their
 * raw bits (f32 as int, f64 as long) so that the test sees NaN payloads exactly; references as Object.
 */
final class OpHarness {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** A loaded operator: its handle, the bytes emit produced, and what emit returned. */
    record Compiled(MethodHandle handle, int emittedBytes, boolean reloadMemory) {
        Object call(Instance inst, byte[] mem, Object... args) throws Throwable {
            List<Object> all = new ArrayList<>();
            all.add(inst);
            all.add(mem);
            all.addAll(Arrays.asList(args));
            return handle.invokeWithArguments(all);
        }
    }

    private OpHarness() {}

    /** A validated module with these globals; nothing else is needed by OpLowering. */
    static ValidatedModule module(List<GlobalType> globals) throws Exception {
        List<Global> defs = globals.stream().map(g -> new Global(g, new ConstExpr(List.of(), 0))).toList();
        WasmModule m = new WasmModule(List.of(), List.of(), List.of(), List.of(), List.of(), defs, List.of(), -1,
                List.of(), -1, List.of(), List.of(), Names.EMPTY, List.of());
        Constructor<ValidatedModule> c = ValidatedModule.class.getDeclaredConstructor(WasmModule.class, ModuleInfo.class, BitSet.class);
        c.setAccessible(true);
        return c.newInstance(m, null, new BitSet());
    }

    static ModuleInfo emptyInfo() {
        return new ModuleInfo(null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), -1,
                List.of(), List.of(), List.of());
    }

    static Inst inst(int opcode, int a, int b, long c) {
        return new Inst(opcode, new int[0], new int[0], a, b, c, null, 0);
    }

    /** {@code result} null means no result. */
    static Compiled compile(OpLowering lowering, Inst inst, List<ValType> params, ValType result) {
        String name = "gen/Op" + COUNTER.incrementAndGet();
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", null);
        StringBuilder desc = new StringBuilder("(" + Type.getDescriptor(Instance.class) + "[B");
        for (ValType p : params) desc.append(carrier(p).getDescriptor());
        desc.append(')').append(result == null ? "V" : carrier(result).getDescriptor());
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "run", desc.toString(), null, null);
        mv.visitCode();
        int local = 2;
        for (ValType p : params) {
            mv.visitVarInsn(carrier(p).getOpcode(ILOAD), local);
            local += carrier(p).getSize();
            if (p == ValType.F32) mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
            if (p == ValType.F64) mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        }
        Label start = new Label();
        Label end = new Label();
        mv.visitLabel(start);
        boolean reload = lowering.emit(mv, inst, 0, 1);
        mv.visitLabel(end);
        MethodHandle h = finish(cw, mv, result, carrier(result == null ? ValType.I32 : result), name, desc.toString(),
                Opcodes.name(inst.opcode));
        return new Compiled(h, end.getOffset() - start.getOffset(), reload);
    }

    /**
     * Ends method {@code run} of class {@code name}, whose result of Wasm type {@code result} (null: none) is on the
     * stack and leaves as {@code carrier} (floats as their raw bits); verifies the class, failing with ASM's listing
     * of the method, and loads it in a loader of its own.
     */
    static MethodHandle finish(ClassWriter cw, MethodVisitor mv, ValType result, Type carrier, String name, String desc,
                               String what) {
        if (result == ValType.F32) mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
        if (result == ValType.F64) mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
        mv.visitInsn(result == null ? RETURN : carrier.getOpcode(IRETURN));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        byte[] bytes = cw.toByteArray();

        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), OpHarness.class.getClassLoader(), false, new PrintWriter(problems));
        if (!problems.toString().isEmpty()) {
            StringWriter listing = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(bytes), OpHarness.class.getClassLoader(), true, new PrintWriter(listing));
            fail("generated code for " + what + " does not verify: " + problems + listing);
        }
        Loader loader = new Loader();
        try {
            return MethodHandles.publicLookup().findStatic(loader.define(name.replace('/', '.'), bytes), "run",
                    MethodType.fromMethodDescriptorString(desc, loader));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The JVM type a value of {@code t} crosses the harness boundary as. */
    private static Type carrier(ValType t) {
        return switch (t) {
            case I32, F32 -> Type.INT_TYPE;
            case I64, F64 -> Type.LONG_TYPE;
            default -> Type.getType(Object.class);
        };
    }

    private static final class Loader extends ClassLoader {
        Loader() { super(OpHarness.class.getClassLoader()); }

        Class<?> define(String name, byte[] bytes) { return defineClass(name, bytes, 0, bytes.length); }
    }
}
