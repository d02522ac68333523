package org.wasmjar.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.runtime.load.CompiledModule;

/**
 * Turns a module's IR functions into code classes {@code wasmjar/generated/Code<k>}: plans each function's
 * methods ({@link FunctionPlan}), packs methods into classes (at most {@link #FUNCTIONS_PER_CLASS} functions and
 * about {@link #BYTES_PER_CLASS} estimated code bytes each, which keeps constant pools far below their limit),
 * then emits them. Output is deterministic: the same input gives the same bytes.
 */
public final class ModuleGenerator {
    static final String CLASS_PREFIX = "wasmjar/generated/Code";
    /** Keeps registerFunctions (about 8 bytes per function) under the JIT limit too. */
    static final int FUNCTIONS_PER_CLASS = 800;
    static final int BYTES_PER_CLASS = 60_000;

    private ModuleGenerator() {}

    /** Generates the code classes for {@code functions}, the IR of every defined function in index order. */
    public static CompiledModule generate(ValidatedModule m, List<IrFunction> functions) {
        return generate(m, functions, Budget.DEFAULT);
    }

    static CompiledModule generate(ValidatedModule m, List<IrFunction> functions, Budget budget) {
        OpLowering ops = new OpLowering(m);
        InstLowering lowering = new InstLowering() {
            @Override public boolean emit(MethodVisitor mv, Inst inst, int instanceLocal, int memoryLocal) {
                return ops.emit(mv, inst, instanceLocal, memoryLocal);
            }

            @Override public boolean emitSimd(MethodVisitor mv, Inst inst, Operands operands, int instanceLocal, int memoryLocal) {
                return ops.emitSimd(mv, inst, operands, memoryLocal);
            }

            @Override public int estimateSize(Inst inst, VectorForms forms) { return ops.estimateSize(inst, forms); }
        };
        return generate(ModuleFacts.of(m), lowering, functions, budget);
    }

    static CompiledModule generate(ModuleFacts facts, InstLowering lowering, List<IrFunction> functions, Budget budget) {
        Sizes sizes = new Sizes(lowering, facts.hasMemory());
        List<FunctionPlan> plans = new ArrayList<>(functions.size());
        String[] anyOwner = new String[facts.functionTypes().size()];
        Arrays.fill(anyOwner, CLASS_PREFIX + 0);
        IndirectCalls indirect = new IndirectCalls(facts, CLASS_PREFIX);
        MethodEmitter.Context measuring = new MethodEmitter.Context(facts, lowering, anyOwner, indirect);
        for (IrFunction fn : functions) {
            SwitchSplitting.run(fn, sizes);
            FunctionPlan plan = FunctionPlan.of(fn, sizes, budget);
            // Estimates are upper bounds, often far above the real size: a function they would split is emitted
            // whole once and measured, and stays whole when it really fits (split code costs frame traffic).
            if (plan.split) {
                FunctionPlan whole = FunctionPlan.whole(fn, sizes);
                if (whole.estimatedBytes <= MEASURE_WHOLE_UP_TO && wholeSize(measuring, whole) <= budget.wholeLimit()) {
                    plan = FunctionPlan.whole(fn, sizes);
                }
            }
            plans.add(plan);
        }

        List<List<FunctionPlan>> registered = new ArrayList<>();
        String[] functionOwner = new String[facts.functionTypes().size()];
        MethodEmitter.Context ctx = new MethodEmitter.Context(facts, lowering, functionOwner, indirect);
        Packer packer = new Packer(registered);
        for (FunctionPlan plan : plans) {
            plan.owner = packer.place(plan.split ? 60 : plan.estimatedBytes, true, plan);
            functionOwner[plan.fn.index] = plan.owner;
            if (!plan.split) continue;
            plan.groupOwner = new String[plan.groupCount];
            for (int g = 0; g < plan.groupCount; g++) plan.groupOwner[g] = packer.place(plan.groupBytes[g], false, null);
            plan.subDispatcherOwner = new String[plan.subDispatcherCount()];
            for (int k = 0; k < plan.subDispatcherOwner.length; k++) plan.subDispatcherOwner[k] = packer.place(300, false, null);
        }

        Map<String, byte[]> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < packer.classCount; c++) {
            String name = CLASS_PREFIX + c;
            ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
                // Frames only merge our own locals, typed Object, Object[], long[], byte[] or Instance, never
                // two different classes that must stay precise; this avoids loading classes while compiling.
                @Override protected String getCommonSuperClass(String a, String b) { return "java/lang/Object"; }
            };
            cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", null);
            for (FunctionPlan plan : plans) emitMethodsIn(name, cw, ctx, plan);
            registerFunctions(cw, name, registered.get(c));
            cw.visitEnd();
            out.put(name, cw.toByteArray());
            names.add(name);
        }
        out.putAll(indirect.emitClasses(functionOwner));
        return new CompiledModule(facts.info(), out, names);
    }

    /** Functions estimated above this are split without measuring (estimates exceed real sizes by up to ~5x). */
    private static final int MEASURE_WHOLE_UP_TO = 40_000;

    /** Bytecode bytes of {@code plan} (a whole-function plan) emitted as one method. */
    private static int wholeSize(MethodEmitter.Context ctx, FunctionPlan plan) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, CLASS_PREFIX + "Measure", null, "java/lang/Object", null);
        MethodVisitor mv = begin(cw, "f", JvmTypes.staticDescriptor(plan.fn.type));
        MethodEmitter.emitWhole(ctx, plan, mv);
        end(mv);
        cw.visitEnd();
        return methodSizes(cw.toByteArray()).get("f");
    }

    private static void emitMethodsIn(String owner, ClassWriter cw, MethodEmitter.Context ctx, FunctionPlan plan) {
        String base = "f" + plan.fn.index;
        if (owner.equals(plan.owner)) {
            MethodVisitor mv = begin(cw, base, JvmTypes.staticDescriptor(plan.fn.type));
            if (plan.split) Dispatcher.emitEntry(plan, mv);
            else MethodEmitter.emitWhole(ctx, plan, mv);
            end(mv);
        }
        if (!plan.split) return;
        for (int g = 0; g < plan.groupCount; g++) {
            if (!owner.equals(plan.groupOwner[g])) continue;
            MethodVisitor mv = begin(cw, base + "$" + g, Emit.GROUP_DESCRIPTOR);
            MethodEmitter.emitGroup(ctx, plan, g, mv);
            end(mv);
        }
        for (int k = 0; k < plan.subDispatcherOwner.length; k++) {
            if (!owner.equals(plan.subDispatcherOwner[k])) continue;
            MethodVisitor mv = begin(cw, base + "$d" + k, Emit.GROUP_DESCRIPTOR);
            Dispatcher.emitSub(plan, k, mv);
            end(mv);
        }
    }

    private static MethodVisitor begin(ClassWriter cw, String name, String descriptor) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, name, descriptor, null, null);
        mv.visitCode();
        return mv;
    }

    private static void end(MethodVisitor mv) {
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@code registerFunctions(MethodHandle[] out)}: {@code out[i] = <constant handle of f<i>>} for each function here. */
    private static void registerFunctions(ClassWriter cw, String owner, List<FunctionPlan> plans) {
        MethodVisitor mv = begin(cw, "registerFunctions", "([Ljava/lang/invoke/MethodHandle;)V");
        for (FunctionPlan plan : plans) {
            mv.visitVarInsn(ALOAD, 0);
            Emit.pushInt(mv, plan.fn.index);
            mv.visitLdcInsn(new Handle(H_INVOKESTATIC, owner, "f" + plan.fn.index,
                    JvmTypes.staticDescriptor(plan.fn.type), false));
            mv.visitInsn(AASTORE);
        }
        mv.visitInsn(RETURN);
        end(mv);
    }

    /** Assigns methods to classes in order, opening a new class when the current one is full. */
    private static final class Packer {
        final List<List<FunctionPlan>> registered;
        int classCount, functions, bytes;

        Packer(List<List<FunctionPlan>> registered) { this.registered = registered; }

        String place(int methodBytes, boolean function, FunctionPlan plan) {
            boolean full = classCount == 0 || bytes + methodBytes > BYTES_PER_CLASS
                    || (function && functions >= FUNCTIONS_PER_CLASS);
            if (full && (classCount == 0 || bytes > 0)) {
                classCount++;
                registered.add(new ArrayList<>());
                functions = 0;
                bytes = 0;
            }
            bytes += methodBytes + 20;
            if (function) {
                functions++;
                registered.get(classCount - 1).add(plan);
            }
            return CLASS_PREFIX + (classCount - 1);
        }
    }

    /** Bytes of the largest method's code array among all generated classes. */
    public static int largestMethodSize(CompiledModule m) {
        int max = 0;
        for (byte[] bytes : m.classes().values()) {
            for (int size : methodSizes(bytes).values()) max = Math.max(max, size);
        }
        return max;
    }

    /** Code array length of each method of a class file, by name (read from the Code attributes). */
    static Map<String, Integer> methodSizes(byte[] classFile) {
        ClassReader cr = new ClassReader(classFile);
        char[] buf = new char[cr.getMaxStringLength()];
        int at = cr.header + 6;
        at += 2 + 2 * cr.readUnsignedShort(at);
        at = skipMembers(cr, at);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        int methods = cr.readUnsignedShort(at);
        at += 2;
        for (int i = 0; i < methods; i++) {
            String name = cr.readUTF8(at + 2, buf);
            int attributes = cr.readUnsignedShort(at + 6);
            at += 8;
            for (int a = 0; a < attributes; a++) {
                if ("Code".equals(cr.readUTF8(at, buf))) sizes.put(name, cr.readInt(at + 10));
                at += 6 + cr.readInt(at + 2);
            }
        }
        return sizes;
    }

    /** Skips the fields table (or any member table) starting at {@code at}; returns the offset after it. */
    private static int skipMembers(ClassReader cr, int at) {
        int count = cr.readUnsignedShort(at);
        at += 2;
        for (int i = 0; i < count; i++) {
            int attributes = cr.readUnsignedShort(at + 6);
            at += 8;
            for (int a = 0; a < attributes; a++) at += 6 + cr.readInt(at + 2);
        }
        return at;
    }
}
