package org.wasmjar.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.util.CheckClassAdapter;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;
import org.wasmjar.compiler.wasm.model.FunctionBody;
import org.wasmjar.compiler.wasm.model.Instruction;
import org.wasmjar.compiler.wasm.model.Names;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.compiler.wasm.model.WasmModule;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.compiler.wasm.validate.Validator;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.Memory;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.Import;
import org.wasmjar.runtime.types.Limits;
import org.wasmjar.runtime.types.MemoryType;
import org.wasmjar.runtime.types.TableType;
import org.wasmjar.runtime.types.ValType;

/** Builds modules and IR by hand, loads generated classes and checks their bytecode. */
final class CodegenFixture {
    private CodegenFixture() {}

    static FuncType type(List<ValType> params, List<ValType> results) { return new FuncType(params, results); }

    /**
     * A validated module with the given types, imported functions (type indices) and defined functions (type
     * indices). Bodies are {@code unreachable}: only their types matter, the IR is built by hand.
     */
    static ValidatedModule module(List<FuncType> types, List<Integer> imported, List<Integer> defined,
                                  boolean memory, List<TableType> tables) {
        List<Import> imports = new ArrayList<>();
        for (int i = 0; i < imported.size(); i++) imports.add(Import.func("env", "h" + i, imported.get(i)));
        List<FunctionBody> codes = new ArrayList<>();
        for (int i = 0; i < defined.size(); i++) {
            codes.add(new FunctionBody(List.of(), List.of(Instruction.of(Opcodes.UNREACHABLE, 0), Instruction.of(Opcodes.END, 1)), 0));
        }
        List<MemoryType> memories = memory ? List.of(new MemoryType(new Limits(1, -1))) : List.of();
        WasmModule m = new WasmModule(types, imports, defined, tables, memories, List.of(), List.of(), -1, List.of(),
                -1, codes, List.of(), Names.EMPTY, List.of());
        return Validator.validate(m);
    }

    static TableType funcTable(int size) { return new TableType(ValType.FUNCREF, new Limits(size, -1)); }

    static Instance instance(ValidatedModule m) {
        Instance inst = new Instance(m.info());
        if (!m.module().memories().isEmpty()) inst.memory = new Memory(1, -1);
        inst.functions = new org.wasmjar.runtime.instance.WasmFunction[m.functionCount()];
        return inst;
    }

    /** Defines the generated classes in a fresh loader and collects every function's handle via registerFunctions. */
    static MethodHandle[] load(CompiledModule cm, int functionCount) throws Throwable {
        Map<String, byte[]> classes = cm.classes();
        ClassLoader loader = new ClassLoader(CodegenFixture.class.getClassLoader()) {
            @Override protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name.replace('.', '/'));
                if (b == null) throw new ClassNotFoundException(name);
                return defineClass(name, b, 0, b.length);
            }
        };
        MethodHandle[] out = new MethodHandle[functionCount];
        for (String name : cm.codeClasses()) {
            loader.loadClass(name.replace('/', '.')).getMethod("registerFunctions", MethodHandle[].class).invoke(null, (Object) out);
        }
        return out;
    }

    /** ASM's verifier over every class (types, stack heights, frames); fails with its report. */
    static void verify(CompiledModule cm) {
        for (Map.Entry<String, byte[]> e : cm.classes().entrySet()) {
            StringWriter report = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(e.getValue()), CodegenFixture.class.getClassLoader(), false, new PrintWriter(report));
            assertEquals("", report.toString(), "verification of " + e.getKey());
        }
    }

    /**
     * Asserts the operand stack is empty at branch targets: at every target when {@code allTargets}, else at
     * the targets of backward jumps (loop headers, where HotSpot starts on-stack replacement).
     */
    static void assertEmptyStackAtTargets(CompiledModule cm, boolean allTargets) throws AnalyzerException {
        for (byte[] bytes : cm.classes().values()) {
            ClassNode cn = new ClassNode();
            new ClassReader(bytes).accept(cn, 0);
            for (MethodNode mn : cn.methods) {
                Frame<BasicValue>[] frames = new Analyzer<>(new BasicInterpreter()).analyze(cn.name, mn);
                for (int i = 0; i < mn.instructions.size(); i++) {
                    AbstractInsnNode insn = mn.instructions.get(i);
                    List<LabelNode> targets = new ArrayList<>();
                    if (insn instanceof JumpInsnNode j) targets.add(j.label);
                    if (insn instanceof TableSwitchInsnNode t) { targets.addAll(t.labels); targets.add(t.dflt); }
                    if (insn instanceof LookupSwitchInsnNode l) { targets.addAll(l.labels); targets.add(l.dflt); }
                    for (LabelNode target : targets) {
                        int at = mn.instructions.indexOf(target);
                        if (!allTargets && at > i) continue;
                        Frame<BasicValue> f = frames[at];
                        assertTrue(f == null || f.getStackSize() == 0,
                                () -> cn.name + "." + mn.name + ": non-empty stack at a branch target");
                    }
                }
            }
        }
    }

    /** Hand-built IR for one function; blocks are placed in creation order. */
    static final class Fn {
        final IrFunction f;

        Fn(int index, FuncType type) { f = new IrFunction(index, "f" + index, type); }

        Block block() {
            Block b = f.newBlock();
            f.place(b);
            return b;
        }

        int param(Block b, ValType t) {
            int v = f.newValue(t);
            b.params.add(v);
            return v;
        }

        /** Appends an instruction with one result of type {@code result} (or none when null). */
        int op(Block b, int opcode, ValType result, int... args) { return opImm(b, opcode, result, 0, 0, 0, args); }

        int opImm(Block b, int opcode, ValType result, int a, int bImm, long c, int... args) {
            int r = result == null ? -1 : f.newValue(result);
            b.insts.add(new Inst(opcode, args, r < 0 ? new int[0] : new int[] {r}, a, bImm, c, null, 0));
            return r;
        }

        int i32(Block b, int v) { return opImm(b, Opcodes.I32_CONST, ValType.I32, 0, 0, v); }

        int i64(Block b, long v) { return opImm(b, Opcodes.I64_CONST, ValType.I64, 0, 0, v); }

        int f32Bits(Block b, int bits) { return opImm(b, Opcodes.F32_CONST, ValType.F32, 0, 0, Integer.toUnsignedLong(bits)); }

        int f64Bits(Block b, long bits) { return opImm(b, Opcodes.F64_CONST, ValType.F64, 0, 0, bits); }

        /** A call with several results; returns their values. */
        int[] call(Block b, int opcode, int a, int bImm, List<ValType> results, int... args) {
            int[] rs = new int[results.size()];
            for (int i = 0; i < rs.length; i++) rs[i] = f.newValue(results.get(i));
            b.insts.add(new Inst(opcode, args, rs, a, bImm, 0, null, 0));
            return rs;
        }

        static Terminator.Edge edge(Block target, int... args) { return new Terminator.Edge(target.id, args); }
    }
}
