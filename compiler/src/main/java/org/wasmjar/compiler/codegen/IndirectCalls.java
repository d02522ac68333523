package org.wasmjar.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;
import org.wasmjar.runtime.abi.Abi;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.types.FuncType;

/**
 * Direct calls for {@code call_indirect}. A call through a {@link java.lang.invoke.MethodHandle} that is not a
 * constant never inlines and costs a few nanoseconds; so for every function type that some function of the
 * module able to sit in a table (one the spec's C.refs names) has, a dispatcher
 * {@code call<t>(params..., WasmFunction callee, Instance)} calls the callee's static method directly when the
 * callee is such a function of the calling instance, switching on its index, and through its handle otherwise
 * (a host function, another instance's function, one the switch does not list). The table lookup and its checks
 * stay at the call site ({@code TableOps.indirect}).
 *
 * <p>Dispatchers with many cases switch over chunks of their cases in methods of their own
 * ({@code call<t>$<chunk>}), chosen by comparisons on the index, so every method stays under the JIT limit; they
 * live in classes {@code <prefix>Indirect<k>}, a bounded number of cases each, which bounds constant pools.
 */
final class IndirectCalls {
    /** Estimated bytecode bytes of one chunk method. */
    private static final int METHOD_BYTES = 6_000;
    /** Cases per class: each direct call adds a few constant pool entries. */
    private static final int CASES_PER_CLASS = 6_000;

    private final ModuleFacts facts;
    /** For each type index: the type index naming its dispatcher (the first with an equal type), or -1 for none. */
    private final int[] dispatcherOf;
    /** Candidate callees of each dispatcher, ascending, by its naming type index. */
    private final Map<Integer, int[]> candidates = new LinkedHashMap<>();
    private final Map<Integer, String> mainOwner = new HashMap<>();

    IndirectCalls(ModuleFacts facts, String classPrefix) {
        this.facts = facts;
        Map<FuncType, Integer> firstIndex = new HashMap<>();
        for (int t = 0; t < facts.types().size(); t++) firstIndex.putIfAbsent(facts.types().get(t), t);
        Map<Integer, List<Integer>> lists = new LinkedHashMap<>();
        for (int f = facts.importedFunctions(); f < facts.functionTypes().size(); f++) {
            if (!facts.referenced().get(f)) continue;
            Integer t = firstIndex.get(facts.functionTypes().get(f));
            if (t != null) lists.computeIfAbsent(t, k -> new ArrayList<>()).add(f);
        }
        lists.forEach((t, fs) -> candidates.put(t, fs.stream().mapToInt(Integer::intValue).toArray()));
        int casesInClass = 0, classes = 0;
        for (Map.Entry<Integer, int[]> e : candidates.entrySet()) {
            int cases = e.getValue().length;
            if (classes == 0 || casesInClass > 0 && casesInClass + cases > CASES_PER_CLASS) {
                classes++;
                casesInClass = 0;
            }
            mainOwner.put(e.getKey(), classPrefix + "Indirect" + (classes - 1));
            casesInClass += cases;
        }
        dispatcherOf = new int[facts.types().size()];
        for (int t = 0; t < dispatcherOf.length; t++) {
            int first = firstIndex.get(facts.types().get(t));
            dispatcherOf[t] = candidates.containsKey(first) ? first : -1;
        }
    }

    /** Whether {@code call_indirect} of type index {@code t} has a dispatcher (else it calls the handle). */
    boolean hasDispatcher(int t) { return dispatcherOf[t] >= 0; }

    /** Emits a call of the dispatcher for type index {@code t}; the arguments, callee and instance are pushed. */
    void emitCall(MethodVisitor mv, int t) {
        int d = dispatcherOf[t];
        mv.visitMethodInsn(INVOKESTATIC, mainOwner.get(d), "call" + d, descriptor(d), false);
    }

    /** Emits the dispatcher classes (internal name to bytes), calling functions in their owner classes. */
    Map<String, byte[]> emitClasses(String[] functionOwner) {
        Map<String, ClassWriter> writers = new LinkedHashMap<>();
        for (Map.Entry<Integer, int[]> e : candidates.entrySet()) {
            int t = e.getKey();
            int[] fs = e.getValue();
            String name = mainOwner.get(t);
            ClassWriter cw = writers.computeIfAbsent(name, IndirectCalls::open);
            List<int[]> chunks = chunks(t, fs);
            if (chunks.size() == 1) {
                dispatcher(cw, "call" + t, t, fs, functionOwner);
            } else {
                for (int c = 0; c < chunks.size(); c++) dispatcher(cw, "call" + t + "$" + c, t, chunks.get(c), functionOwner);
                chooser(cw, name, t, chunks);
            }
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        writers.forEach((name, cw) -> out.put(name, finish(cw)));
        return out;
    }

    /** Splits a dispatcher's cases into runs that fit one method each. */
    private List<int[]> chunks(int t, int[] fs) {
        int caseBytes = 16 + 2 * slots(t);
        int perMethod = Math.max(1, METHOD_BYTES / caseBytes);
        List<int[]> chunks = new ArrayList<>();
        for (int i = 0; i < fs.length; i += perMethod) {
            chunks.add(Arrays.copyOfRange(fs, i, Math.min(fs.length, i + perMethod)));
        }
        return chunks;
    }

    /** A switch over {@code fs} calling each directly, the handle for any other callee. */
    private void dispatcher(ClassWriter cw, String method, int t, int[] fs, String[] functionOwner) {
        MethodVisitor mv = begin(cw, method, t);
        Type[] params = params(t);
        int callee = slots(t), inst = callee + 1;
        Label slow = new Label();
        mv.visitVarInsn(ALOAD, callee);
        mv.visitFieldInsn(GETFIELD, Emit.WASM_FUNCTION, "instance", "L" + Emit.INSTANCE + ";");
        mv.visitVarInsn(ALOAD, inst);
        mv.visitJumpInsn(IF_ACMPNE, slow);
        mv.visitVarInsn(ALOAD, callee);
        mv.visitFieldInsn(GETFIELD, Emit.WASM_FUNCTION, "index", "I");
        Label[] cases = new Label[fs.length];
        for (int i = 0; i < cases.length; i++) cases[i] = new Label();
        int lo = fs[0], hi = fs[fs.length - 1];
        if ((long) hi - lo + 1 <= 2L * fs.length) {
            Label[] table = new Label[hi - lo + 1];
            Arrays.fill(table, slow);
            for (int i = 0; i < fs.length; i++) table[fs[i] - lo] = cases[i];
            mv.visitTableSwitchInsn(lo, hi, slow, table);
        } else {
            mv.visitLookupSwitchInsn(slow, fs, cases);
        }
        FuncType type = facts.types().get(t);
        Type result = Type.getType(Abi.methodType(type).returnType());
        for (int i = 0; i < fs.length; i++) {
            mv.visitLabel(cases[i]);
            loadParams(mv, params);
            mv.visitVarInsn(ALOAD, inst);
            mv.visitMethodInsn(INVOKESTATIC, functionOwner[fs[i]], "f" + fs[i], JvmTypes.staticDescriptor(type), false);
            mv.visitInsn(result.getOpcode(IRETURN));
        }
        mv.visitLabel(slow);
        mv.visitVarInsn(ALOAD, callee);
        mv.visitFieldInsn(GETFIELD, Emit.WASM_FUNCTION, "handle", "L" + Emit.METHOD_HANDLE + ";");
        loadParams(mv, params);
        mv.visitMethodInsn(INVOKEVIRTUAL, Emit.METHOD_HANDLE, "invokeExact", JvmTypes.descriptor(type), false);
        mv.visitInsn(result.getOpcode(IRETURN));
        end(mv);
    }

    /** {@code call<t>}: picks the chunk holding the callee's index by comparisons and calls its method. */
    private void chooser(ClassWriter cw, String owner, int t, List<int[]> chunks) {
        MethodVisitor mv = begin(cw, "call" + t, t);
        int callee = slots(t);
        choose(mv, owner, t, chunks, 0, chunks.size(), callee);
        end(mv);
    }

    private void choose(MethodVisitor mv, String owner, int t, List<int[]> chunks, int lo, int hi, int callee) {
        if (hi - lo == 1) {
            loadParams(mv, params(t));
            mv.visitVarInsn(ALOAD, callee);
            mv.visitVarInsn(ALOAD, callee + 1);
            mv.visitMethodInsn(INVOKESTATIC, owner, "call" + t + "$" + lo, descriptor(t), false);
            mv.visitInsn(Type.getType(Abi.methodType(facts.types().get(t)).returnType()).getOpcode(IRETURN));
            return;
        }
        int mid = (lo + hi) / 2;
        Label upper = new Label();
        mv.visitVarInsn(ALOAD, callee);
        mv.visitFieldInsn(GETFIELD, Emit.WASM_FUNCTION, "index", "I");
        Emit.pushInt(mv, chunks.get(mid)[0]);
        mv.visitJumpInsn(IF_ICMPGE, upper);
        choose(mv, owner, t, chunks, lo, mid, callee);
        mv.visitLabel(upper);
        choose(mv, owner, t, chunks, mid, hi, callee);
    }

    private Type[] params(int t) { return Type.getArgumentTypes(Abi.methodType(facts.types().get(t)).toMethodDescriptorString()); }

    private int slots(int t) {
        int n = 0;
        for (Type p : params(t)) n += p.getSize();
        return n;
    }

    private static void loadParams(MethodVisitor mv, Type[] params) {
        int slot = 0;
        for (Type p : params) {
            mv.visitVarInsn(p.getOpcode(ILOAD), slot);
            slot += p.getSize();
        }
    }

    private String descriptor(int t) {
        FuncType type = facts.types().get(t);
        return Abi.methodType(type)
                .appendParameterTypes(WasmFunction.class, Instance.class)
                .toMethodDescriptorString();
    }

    private MethodVisitor begin(ClassWriter cw, String method, int t) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, method, descriptor(t), null, null);
        mv.visitCode();
        return mv;
    }

    private static void end(MethodVisitor mv) {
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static ClassWriter open(String name) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override protected String getCommonSuperClass(String a, String b) { return "java/lang/Object"; }
        };
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", null);
        return cw;
    }

    private static byte[] finish(ClassWriter cw) {
        cw.visitEnd();
        return cw.toByteArray();
    }
}
