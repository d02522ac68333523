package org.wasmjar.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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
import org.wasmjar.compiler.Compiler;
import org.wasmjar.compiler.codegen.ModuleGenerator;
import org.wasmjar.runtime.api.Invoker;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.tests.stress.StressModules;

/**
 * Whole-pipeline checks of the generated code's shape on two stress modules: no method over HotSpot's
 * 8,000-byte JIT limit, and an empty operand stack at every loop header (backward branch target), so that
 * HotSpot can compile loops on stack replacement. The results must still be right.
 */
class GeneratedCodeLimitsTest {
    private static final int JIT_LIMIT = 8000;

    @Test
    void oneFunctionOf200000Instructions() throws Exception {
        CompiledModule cm = Compiler.compile(StressModules.bigFunction(200_000));
        assertShape(cm);
        Instance inst = new Linker().instantiate(cm);
        for (int param : new int[] {0, 7, -123456}) {
            assertArrayEquals(new Object[] {StressModules.bigExpected(200_000, param)}, Invoker.invoke(inst, "big", param));
        }
    }

    @Test
    void thirtyThousandFunctions() throws Exception {
        CompiledModule cm = Compiler.compile(StressModules.manyFunctions(30_000));
        assertShape(cm);
        assertTrue(cm.codeClasses().size() > 1, "functions are spread over several classes");
        Instance inst = new Linker().instantiate(cm);
        assertArrayEquals(new Object[] {5 + 29_999}, Invoker.invoke(inst, "last", 5));
        assertArrayEquals(new Object[] {5 + 5 + 29_999}, Invoker.invoke(inst, "f0", 5));
    }

    @Test
    void brTableWithThousandsOfDistinctTargets() throws Exception {
        int targets = 5000;
        CompiledModule cm = Compiler.compile(StressModules.wideBrTable(targets));
        assertShape(cm);
        Instance inst = new Linker().instantiate(cm);
        for (int i : new int[] {0, 1, 255, 256, 257, 4998, 4999, 5000, -1}) {
            int expected = i >= 0 && i < targets - 1 ? i : targets - 1;
            assertArrayEquals(new Object[] {expected}, Invoker.invoke(inst, "switch", i), "switch(" + i + ")");
        }
    }

    /** call_indirect over 5,000 table functions: dispatchers cut into chunks, each callee still reached. */
    @Test
    void callIndirectAmongThousandsOfFunctions() throws Exception {
        int count = 5000;
        CompiledModule cm = Compiler.compile(StressModules.manyTableFunctions(count));
        assertShape(cm);
        boolean chunked = cm.classes().values().stream().anyMatch(c -> {
            ClassNode cn = new ClassNode();
            new ClassReader(c).accept(cn, 0);
            return cn.methods.stream().anyMatch(m -> m.name.startsWith("call0$"));
        });
        assertTrue(chunked, "the dispatcher of 5,000 callees is cut into chunk methods");
        Instance inst = new Linker().instantiate(cm);
        for (int i : new int[] {0, 1, 500, 2999, 4999}) {
            assertArrayEquals(new Object[] {7 * 3 + i}, Invoker.invoke(inst, "dispatch", i, 7), "entry " + i);
        }
        Trap trap = assertThrows(Trap.class, () -> Invoker.invoke(inst, "dispatch", count, 7));
        assertEquals(TrapKind.UNDEFINED_ELEMENT, trap.kind());
    }

    private static void assertShape(CompiledModule cm) throws AnalyzerException {
        int largest = ModuleGenerator.largestMethodSize(cm);
        System.out.println("largest generated method: " + largest + " bytes");
        assertTrue(largest < JIT_LIMIT, "largest method is " + largest + " bytes");
        List<String> loopHeadersWithStack = new ArrayList<>();
        for (byte[] bytes : cm.classes().values()) {
            ClassNode cn = new ClassNode();
            new ClassReader(bytes).accept(cn, 0);
            for (MethodNode mn : cn.methods) {
                Frame<BasicValue>[] frames = new Analyzer<>(new BasicInterpreter()).analyze(cn.name, mn);
                for (int i = 0; i < mn.instructions.size(); i++) {
                    for (LabelNode target : targets(mn.instructions.get(i))) {
                        int at = mn.instructions.indexOf(target);
                        if (at <= i && frames[at] != null && frames[at].getStackSize() != 0) {
                            loopHeadersWithStack.add(cn.name + "." + mn.name + " at " + at);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), loopHeadersWithStack);
    }

    private static List<LabelNode> targets(AbstractInsnNode insn) {
        List<LabelNode> targets = new ArrayList<>();
        if (insn instanceof JumpInsnNode j) targets.add(j.label);
        if (insn instanceof TableSwitchInsnNode t) {
            targets.addAll(t.labels);
            targets.add(t.dflt);
        }
        if (insn instanceof LookupSwitchInsnNode l) {
            targets.addAll(l.labels);
            targets.add(l.dflt);
        }
        return targets;
    }
}
