package org.wasmjar.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.wasmjar.compiler.CompileListener;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.runtime.load.CompiledModule;

/**
 * Turns a module's IR functions into code classes {@code <package>Code<k>}: plans each function's methods
 * ({@link FunctionPlan}), packs methods into classes (at most {@link #FUNCTIONS_PER_CLASS} functions and about
 * {@link #BYTES_PER_CLASS} estimated code bytes each, which keeps constant pools far below their limit), then emits
 * them. Functions are planned, and classes emitted, on several threads ({@link Parallel}); output is deterministic:
 * the same input gives the same bytes.
 */
public final class ModuleGenerator {
    /** The package of classes generated without a module's own (by {@link #generate(ValidatedModule, List)}). */
    public static final String DEFAULT_PACKAGE = "wasmjar/generated/";
    /** Keeps registerFunctions (about 8 bytes per function) under the JIT limit too. */
    static final int FUNCTIONS_PER_CLASS = 800;
    static final int BYTES_PER_CLASS = 60_000;

    private ModuleGenerator() {}

    /** Generates the code classes for {@code functions}, the IR of every defined function in index order. */
    public static CompiledModule generate(ValidatedModule m, List<IrFunction> functions) {
        return generate(m, functions, Budget.DEFAULT);
    }

    static CompiledModule generate(ValidatedModule m, List<IrFunction> functions, Budget budget) {
        return generate(ModuleFacts.of(m), lowering(m), DEFAULT_PACKAGE, functions.size(), functions::get,
                k -> instructionCount(functions.get(k)), budget, CompileListener.NONE);
    }

    /**
     * Generates the code classes of {@code m} in the package {@code directory} (an internal name prefix ending in
     * {@code /}). {@code irOf} gives the optimised IR of a defined function by its index; it is called once per
     * function, from several threads at a time. Each function's IR is dropped once its classes are emitted.
     */
    public static CompiledModule generate(ValidatedModule m, String directory, IntFunction<IrFunction> irOf,
                                         CompileListener listener) {
        int first = m.importedFunctionCount();
        return generate(ModuleFacts.of(m), lowering(m), directory, m.functionCount() - first,
                k -> irOf.apply(first + k), k -> m.module().codes().get(k).code().size(), Budget.DEFAULT, listener);
    }

    private static InstLowering lowering(ValidatedModule m) {
        OpLowering ops = new OpLowering(m);
        return new InstLowering() {
            @Override public boolean emit(MethodVisitor mv, Inst inst, int instanceLocal, int memoryLocal) {
                return ops.emit(mv, inst, instanceLocal, memoryLocal);
            }

            @Override public boolean emitSimd(MethodVisitor mv, Inst inst, Operands operands, int instanceLocal, int memoryLocal) {
                return ops.emitSimd(mv, inst, operands, memoryLocal);
            }

            @Override public int estimateSize(Inst inst, VectorForms forms) { return ops.estimateSize(inst, forms); }
        };
    }

    static CompiledModule generate(ModuleFacts facts, InstLowering lowering, List<IrFunction> functions, Budget budget) {
        return generate(facts, lowering, DEFAULT_PACKAGE, functions.size(), functions::get,
                k -> instructionCount(functions.get(k)), budget, CompileListener.NONE);
    }

    private static int instructionCount(IrFunction fn) {
        int n = 0;
        for (Block b : fn.blocks) n += b.insts.size();
        return n;
    }

    /**
     * The {@code count} functions come from {@code function} by position (0 for the first defined function);
     * {@code size} tells roughly how much work each is.
     */
    private static CompiledModule generate(ModuleFacts facts, InstLowering lowering, String directory, int count,
                                           IntFunction<IrFunction> function, IntUnaryOperator size, Budget budget,
                                           CompileListener listener) {
        String classPrefix = directory + "Code";
        Sizes sizes = new Sizes(lowering, facts.hasMemory());
        String[] anyOwner = new String[facts.functionTypes().size()];
        Arrays.fill(anyOwner, classPrefix + 0);
        IndirectCalls indirect = new IndirectCalls(facts, classPrefix);
        MethodEmitter.Context measuring = new MethodEmitter.Context(facts, lowering, anyOwner, indirect);
        FunctionPlan[] plans = new FunctionPlan[count];
        listener.stage(CompileListener.Stage.FUNCTIONS, count);
        Parallel.Counter planned = new Parallel.Counter(listener::progress);
        int[] bySize = heaviestFirst(count, size);
        long work = 0;
        for (int k = 0; k < count; k++) work += size.applyAsInt(k);
        // Planning takes about a microsecond per instruction; threads cost a few hundred microseconds to start.
        Parallel.forEach(count, work >= PARALLEL_INSTRUCTIONS ? 2 : Integer.MAX_VALUE, i -> {
            int k = bySize[i];
            IrFunction fn = function.apply(k);
            SwitchSplitting.run(fn, sizes);
            FunctionPlan plan = FunctionPlan.whole(fn, sizes);
            // Estimates are upper bounds, often far above the real size: a function they would split is emitted
            // whole once and measured, and stays whole when it really fits (split code costs frame traffic).
            if (plan.estimatedBytes > budget.wholeLimit()) {
                int measured = plan.estimatedBytes > MEASURE_WHOLE_UP_TO ? -1 : wholeSize(measuring, plan);
                if (measured < 0 || measured > budget.measuredLimit()) plan = split(measuring, plan, measured, budget);
            }
            plans[k] = plan;
            planned.add(1);
        });

        String[] functionOwner = new String[facts.functionTypes().size()];
        MethodEmitter.Context ctx = new MethodEmitter.Context(facts, lowering, functionOwner, indirect);
        Packer packer = new Packer(classPrefix);
        for (int k = 0; k < count; k++) {
            FunctionPlan plan = plans[k];
            plans[k] = null; // the packer's lists hold it now, until its classes are emitted
            plan.owner = packer.place(plan.split ? 60 : plan.estimatedBytes, true, plan);
            functionOwner[plan.fn.index] = plan.owner;
            if (!plan.split) continue;
            plan.groupOwner = new String[plan.groupCount];
            for (int g = 0; g < plan.groupCount; g++) {
                plan.groupOwner[g] = packer.place(plan.groupBytes[g], false, plan);
            }
            plan.subDispatcherOwner = new String[plan.subDispatcherCount()];
            for (int j = 0; j < plan.subDispatcherOwner.length; j++) {
                plan.subDispatcherOwner[j] = packer.place(300, false, plan);
            }
        }

        // A split function's methods can fill several classes: classes sharing a function are emitted by one task,
        // since the emitters of one function share its local table.
        int classCount = packer.classCount();
        List<Integer> runStarts = new ArrayList<>();
        for (int c = 0; c < classCount; c++) if (!packer.sharesFunctionWithPrevious.get(c)) runStarts.add(c);
        runStarts.add(classCount);
        byte[][] classBytes = new byte[classCount][];
        listener.stage(CompileListener.Stage.CLASSES, classCount);
        Parallel.Counter emitted = new Parallel.Counter(listener::progress);
        int[] byLength = heaviestFirst(runStarts.size() - 1, r -> runStarts.get(r + 1) - runStarts.get(r));
        Parallel.forEach(runStarts.size() - 1, 2, i -> {
            int r = byLength[i];
            for (int c = runStarts.get(r); c < runStarts.get(r + 1); c++) {
                classBytes[c] = emitClass(classPrefix + c, ctx, packer.members.get(c), packer.registered.get(c));
                packer.members.set(c, null);
                packer.registered.set(c, null);
                emitted.add(1);
            }
        });

        Map<String, byte[]> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classCount; c++) {
            out.put(classPrefix + c, classBytes[c]);
            names.add(classPrefix + c);
        }
        out.putAll(indirect.emitClasses(functionOwner));
        return new CompiledModule(facts.info(), out, names);
    }

    /**
     * Positions {@code 0..count-1}, the largest {@code size} first (ties in order): a big task started last would
     * leave the other threads idle at the end.
     */
    private static int[] heaviestFirst(int count, IntUnaryOperator size) {
        long[] keyed = new long[count];
        for (int i = 0; i < count; i++) keyed[i] = (long) -size.applyAsInt(i) << 32 | i;
        Arrays.sort(keyed);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) order[i] = (int) keyed[i];
        return order;
    }

    /** Class {@code name}: the methods it holds of each of {@code members}, then registerFunctions. */
    private static byte[] emitClass(String name, MethodEmitter.Context ctx, List<FunctionPlan> members,
                                    List<FunctionPlan> registered) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            // Frames only merge our own locals, typed Object, Object[], long[], byte[] or Instance, never
            // two different classes that must stay precise; this avoids loading classes while compiling.
            @Override protected String getCommonSuperClass(String a, String b) { return "java/lang/Object"; }
        };
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", null);
        for (FunctionPlan plan : members) emitMethodsIn(name, cw, ctx, plan);
        registerFunctions(cw, name, registered);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Instructions below which a module's functions are planned on the calling thread alone. */
    private static final int PARALLEL_INSTRUCTIONS = 2_000;

    /** Functions estimated above this are split without measuring (estimates exceed real sizes by up to ~5x). */
    private static final int MEASURE_WHOLE_UP_TO = 160_000;

    /**
     * The split plan of {@code whole}, whose whole method measured {@code measured} bytes (-1: not measured). The
     * estimates behind a split overshoot several times, so a plan is also made with budgets scaled by the measured
     * ratio; it is kept when it has fewer groups and each of its group methods really fits the method limit.
     */
    private static FunctionPlan split(MethodEmitter.Context measuring, FunctionPlan whole, int measured, Budget budget) {
        FunctionPlan safe = whole.split(budget);
        if (measured <= 0 || safe.groupCount < 2) return safe;
        double scale = Math.min(MAX_SCALE, CALIBRATION_MARGIN * whole.estimatedBytes / measured);
        if (scale < 1.25) return safe;
        Budget scaled = new Budget(budget.wholeLimit(), (int) (budget.groupBudget() * scale),
                (int) (budget.methodLimit() * scale), budget.measuredLimit());
        FunctionPlan bold = whole.split(scaled);
        if (bold.groupCount >= safe.groupCount) return safe;
        for (int g = 0; g < bold.groupCount; g++) {
            int group = g;
            int size = measure(Emit.GROUP_DESCRIPTOR, mv -> MethodEmitter.emitGroup(measuring, bold, group, mv));
            if (size > budget.methodLimit()) return safe;
        }
        return bold;
    }

    /** How much of the estimate-to-real ratio a scaled plan uses, and its cap. */
    private static final double CALIBRATION_MARGIN = 0.8, MAX_SCALE = 4.0;

    /** Bytecode bytes of {@code plan} (a whole-function plan) emitted as one method, at most (see {@link #measure}). */
    private static int wholeSize(MethodEmitter.Context ctx, FunctionPlan plan) {
        return measure(JvmTypes.staticDescriptor(plan.fn.type), mv -> MethodEmitter.emitWhole(ctx, plan, mv));
    }

    /**
     * Bytecode bytes of the method {@code body} emits, at most: its measured length plus one byte per {@code ldc},
     * which becomes {@code ldc_w} in a class whose constant pool passes 255 entries. Integer.MAX_VALUE for a
     * method over the JVM's 64 KiB.
     */
    private static int measure(String descriptor, java.util.function.Consumer<MethodVisitor> body) {
        // Only the code's length counts: no frames or maximums to compute.
        ClassWriter cw = new ClassWriter(0);
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, DEFAULT_PACKAGE + "Measure", null, "java/lang/Object", null);
        int[] ldcs = {0};
        MethodVisitor mv = new MethodVisitor(ASM9, begin(cw, "f", descriptor)) {
            @Override public void visitLdcInsn(Object value) {
                if (!(value instanceof Long || value instanceof Double)) ldcs[0]++;
                super.visitLdcInsn(value);
            }
        };
        body.accept(mv);
        end(mv);
        cw.visitEnd();
        try {
            return methodSizes(cw.toByteArray()).get("f") + ldcs[0];
        } catch (org.objectweb.asm.MethodTooLargeException e) {
            return Integer.MAX_VALUE;
        }
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

    /**
     * Assigns methods to classes in order, opening a new class when the current one is full (a function's methods
     * are placed one after another); records for each class the functions with a method in it ({@code members}, in
     * order), those it registers, and whether one of its functions has methods in the class before.
     */
    private static final class Packer {
        final String classPrefix;
        final List<List<FunctionPlan>> members = new ArrayList<>(), registered = new ArrayList<>();
        final BitSet sharesFunctionWithPrevious = new BitSet();
        int functions, bytes;

        Packer(String classPrefix) { this.classPrefix = classPrefix; }

        int classCount() { return members.size(); }

        String place(int methodBytes, boolean function, FunctionPlan plan) {
            int classCount = members.size();
            boolean full = classCount == 0 || bytes + methodBytes > BYTES_PER_CLASS
                    || (function && functions >= FUNCTIONS_PER_CLASS);
            if (full && (classCount == 0 || bytes > 0)) {
                classCount++;
                members.add(new ArrayList<>());
                registered.add(new ArrayList<>());
                functions = 0;
                bytes = 0;
            }
            bytes += methodBytes + 20;
            int c = classCount - 1;
            if (function) {
                functions++;
                registered.get(c).add(plan);
            }
            List<FunctionPlan> here = members.get(c);
            if (here.isEmpty() || here.get(here.size() - 1) != plan) {
                here.add(plan);
                if (!function) sharesFunctionWithPrevious.set(c);
            }
            return classPrefix + c;
        }
    }

    /** Bytes of the largest method's code array among all generated classes. */
    public static int largestMethodSize(CompiledModule m) {
        byte[][] classes = m.classes().values().toArray(new byte[0][]);
        int[] largest = new int[classes.length];
        Parallel.forEach(classes.length, 64, c -> {
            for (int size : methodSizes(classes[c]).values()) largest[c] = Math.max(largest[c], size);
        });
        return Arrays.stream(largest).max().orElse(0);
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
