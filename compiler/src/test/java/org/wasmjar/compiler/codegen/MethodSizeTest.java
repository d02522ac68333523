package org.wasmjar.compiler.codegen;

import static org.junit.jupiter.api.Assertions.*;
import static org.wasmjar.compiler.codegen.CodegenFixture.*;
import static org.wasmjar.runtime.types.ValType.I32;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.types.FuncType;

/** Huge functions and huge modules: every method stays JIT-compilable and loops start with an empty stack. */
class MethodSizeTest {
    private static final FuncType I32_I32 = type(List.of(I32), List.of(I32));

    /**
     * About {@code blocks * 100} instructions: each block takes (acc, t), runs a chain of adds/xors/muls over acc,
     * the parameter and values of the entry block, then branches to the next block or, like a {@code br} out of
     * nested blocks, to one a few blocks further on. Every 50th block is a loop that runs three times.
     */
    private static IrFunction stress(int blocks) {
        Fn fn = new Fn(0, I32_I32);
        Block entry = fn.block();
        int p = fn.param(entry, I32);
        int[] shared = new int[8];
        for (int i = 0; i < shared.length; i++) shared[i] = fn.op(entry, Opcodes.I32_ADD, I32, p, fn.i32(entry, i * 7919));
        List<Block> bs = new ArrayList<>();
        for (int k = 0; k < blocks; k++) bs.add(fn.block());
        Block last = fn.block();
        entry.terminator = new Terminator.Jump(Fn.edge(bs.get(0), p, fn.i32(entry, 3)));
        int[] ops = {Opcodes.I32_ADD, Opcodes.I32_XOR, Opcodes.I32_ADD, Opcodes.I32_MUL};
        for (int k = 0; k < blocks; k++) {
            Block b = bs.get(k);
            boolean loop = k % 50 == 0;
            b.loopHeader = loop;
            b.loopDepth = loop ? 1 : 0;
            int acc = fn.param(b, I32), t = fn.param(b, I32);
            for (int i = 0; i < 33; i++) {
                int c = i % 3 == 0 ? shared[(k + i) % shared.length] : fn.i32(b, k * 31 + i);
                acc = fn.op(b, ops[(k + i) % ops.length], I32, acc, c);
                if (i % 11 == 0) acc = fn.op(b, Opcodes.I32_ADD, I32, acc, p);
            }
            Block next = k + 1 < blocks ? bs.get(k + 1) : last;
            if (loop) {
                int t2 = fn.op(b, Opcodes.I32_SUB, I32, t, fn.i32(b, 1));
                b.terminator = new Terminator.Branch(t2, Fn.edge(b, acc, t2), Fn.edge(next, acc, fn.i32(b, 3)));
            } else {
                Block far = k + 7 < blocks ? bs.get(k + 7) : last;
                int bit = fn.op(b, Opcodes.I32_AND, I32, acc, fn.i32(b, 1 << (k % 5)));
                int three = fn.i32(b, 3);
                b.terminator = new Terminator.Branch(bit, Fn.edge(next, acc, three), Fn.edge(far, acc, three));
            }
        }
        int r = fn.param(last, I32);
        fn.param(last, I32);
        last.terminator = new Terminator.Return(new int[] {r});
        return fn.f;
    }

    /** Runs the IR directly (the instructions {@link #stress} uses), as the reference result. */
    private static int interpret(IrFunction f, int arg) {
        Map<Integer, Integer> v = new HashMap<>();
        Block b = f.entry();
        List<Integer> args = List.of(arg);
        while (true) {
            for (int i = 0; i < b.params.size(); i++) v.put(b.params.get(i), args.get(i));
            for (Inst inst : b.insts) {
                int r = switch (inst.opcode) {
                    case Opcodes.I32_CONST -> (int) inst.c;
                    case Opcodes.I32_ADD -> v.get(inst.args[0]) + v.get(inst.args[1]);
                    case Opcodes.I32_SUB -> v.get(inst.args[0]) - v.get(inst.args[1]);
                    case Opcodes.I32_MUL -> v.get(inst.args[0]) * v.get(inst.args[1]);
                    case Opcodes.I32_XOR -> v.get(inst.args[0]) ^ v.get(inst.args[1]);
                    case Opcodes.I32_AND -> v.get(inst.args[0]) & v.get(inst.args[1]);
                    default -> throw new AssertionError(inst.opcode);
                };
                v.put(inst.result(), r);
            }
            Terminator.Edge e;
            if (b.terminator instanceof Terminator.Return ret) return v.get(ret.values()[0]);
            if (b.terminator instanceof Terminator.Jump j) e = j.edge();
            else {
                Terminator.Branch br = (Terminator.Branch) b.terminator;
                e = v.get(br.cond()) != 0 ? br.ifTrue() : br.ifFalse();
            }
            List<Integer> next = new ArrayList<>();
            for (int a : e.args()) next.add(v.get(a));
            args = next;
            b = f.block(e.target());
        }
    }

    @Test
    void hugeFunctionIsSplitIntoSmallMethods() throws Throwable {
        IrFunction f = stress(3300);
        int insts = f.blocks.stream().mapToInt(b -> b.insts.size()).sum();
        assertTrue(insts >= 200_000, "only " + insts + " instructions");
        ValidatedModule m = module(List.of(I32_I32), List.of(), List.of(0), false, List.of());
        CompiledModule cm = ModuleGenerator.generate(m, List.of(f));
        int largest = ModuleGenerator.largestMethodSize(cm);
        assertTrue(largest < 8000, "largest method " + largest);
        boolean subDispatchers = cm.classes().values().stream()
                .anyMatch(c -> ModuleGenerator.methodSizes(c).containsKey("f0$d0"));
        assertTrue(subDispatchers, "expected more groups than one dispatcher calls directly");
        assertEmptyStackAtTargets(cm, true);
        MethodHandle h = load(cm, 1)[0];
        for (int x : new int[] {0, 1, 12345, -7}) assertEquals(interpret(f, x), (int) h.invokeExact(x, instance(m)));
    }

    @Test
    void hugeStraightLineBlockIsCutIntoPieces() throws Throwable {
        Fn fn = new Fn(0, I32_I32);
        Block b = fn.block();
        int acc = fn.param(b, I32);
        for (int i = 0; i < 20_000; i++) acc = fn.op(b, i % 2 == 0 ? Opcodes.I32_ADD : Opcodes.I32_XOR, I32, acc, fn.i32(b, i));
        b.terminator = new Terminator.Return(new int[] {acc});
        ValidatedModule m = module(List.of(I32_I32), List.of(), List.of(0), false, List.of());
        CompiledModule cm = ModuleGenerator.generate(m, List.of(fn.f));
        assertTrue(ModuleGenerator.largestMethodSize(cm) < 8000);
        verify(cm);
        assertEquals(interpret(fn.f, 99), (int) load(cm, 1)[0].invokeExact(99, instance(m)));
    }

    /** A br_table of 3,000 entries, each an edge of its own: cut into chunks, every method JIT-compilable. */
    @Test
    void hugeBrTableIsSplitIntoChunks() throws Throwable {
        Fn fn = new Fn(0, I32_I32);
        Block entry = fn.block(), exit = fn.block();
        int x = fn.param(entry, I32);
        Terminator.Edge[] targets = new Terminator.Edge[3000];
        for (int i = 0; i < targets.length; i++) targets[i] = Fn.edge(exit, fn.i32(entry, i * 3));
        entry.terminator = new Terminator.Switch(x, targets, Fn.edge(exit, fn.i32(entry, -1)));
        exit.terminator = new Terminator.Return(new int[] {fn.param(exit, I32)});
        ValidatedModule m = module(List.of(I32_I32), List.of(), List.of(0), false, List.of());
        CompiledModule cm = ModuleGenerator.generate(m, List.of(fn.f));
        verify(cm);
        assertTrue(ModuleGenerator.largestMethodSize(cm) < 8000, "largest " + ModuleGenerator.largestMethodSize(cm));
        MethodHandle h = load(cm, 1)[0];
        for (int i : new int[] {0, 1, 255, 256, 1999, 2999}) assertEquals(3 * i, (int) h.invokeExact(i, instance(m)));
        for (int i : new int[] {3000, -1, Integer.MIN_VALUE, Integer.MIN_VALUE + 5}) {
            assertEquals(-1, (int) h.invokeExact(i, instance(m)));
        }
    }

    /**
     * Go-style resumption tables: a few hundred targets, each edge carrying many arguments. The edge stubs of one
     * switch would pass 8 KB, so the table is cut by size, not only by its number of targets.
     */
    @Test
    void brTableWhoseEdgesCarryManyArgumentsIsSplit() throws Throwable {
        int targetCount = 240, params = 8;
        Fn fn = new Fn(0, I32_I32);
        Block entry = fn.block();
        int x = fn.param(entry, I32);
        int[] vals = new int[params];
        for (int j = 0; j < params; j++) vals[j] = fn.op(entry, Opcodes.I32_MUL, I32, x, fn.i32(entry, j + 2));
        Terminator.Edge[] table = new Terminator.Edge[targetCount * 2];
        for (int k = 0; k < targetCount; k++) {
            Block t = fn.block();
            int acc = fn.i32(t, k);
            for (int j = 0; j < params; j++) acc = fn.op(t, j % 2 == 0 ? Opcodes.I32_ADD : Opcodes.I32_XOR, I32, acc, fn.param(t, I32));
            t.terminator = new Terminator.Return(new int[] {acc});
            int[] args = new int[params];
            for (int j = 0; j < params; j++) args[j] = vals[(j + k) % params];
            table[k] = new Terminator.Edge(t.id, args);
            table[targetCount + k] = new Terminator.Edge(t.id, args);
        }
        Block otherwise = fn.block();
        otherwise.terminator = new Terminator.Return(new int[] {fn.i32(otherwise, -7)});
        entry.terminator = new Terminator.Switch(x, table, Fn.edge(otherwise));
        ValidatedModule m = module(List.of(I32_I32), List.of(), List.of(0), false, List.of());
        CompiledModule cm = ModuleGenerator.generate(m, List.of(fn.f));
        verify(cm);
        assertTrue(ModuleGenerator.largestMethodSize(cm) < 8000, "largest " + ModuleGenerator.largestMethodSize(cm));
        MethodHandle h = load(cm, 1)[0];
        for (int i : new int[] {0, 7, 100, 239, 240, 333, 479}) {
            int k = i % targetCount, acc = k;
            for (int j = 0; j < params; j++) {
                int arg = i * ((j + k) % params + 2);
                acc = j % 2 == 0 ? acc + arg : acc ^ arg;
            }
            assertEquals(acc, (int) h.invokeExact(i, instance(m)), "index " + i);
        }
        for (int i : new int[] {480, -1, Integer.MIN_VALUE}) assertEquals(-7, (int) h.invokeExact(i, instance(m)));
    }

    /** 30,000 functions, each calling the next (across classes) or returning. */
    @Test
    void thirtyThousandFunctions() throws Throwable {
        int n = 30_000;
        ValidatedModule m = module(List.of(I32_I32), List.of(), Collections.nCopies(n, 0), false, List.of());
        List<IrFunction> fns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Fn fn = new Fn(i, I32_I32);
            Block b = fn.block();
            int x = fn.param(b, I32);
            int y = i % 10 == 9 ? x : fn.call(b, Opcodes.CALL, i + 1, 0, List.of(I32), x)[0];
            b.terminator = new Terminator.Return(new int[] {fn.op(b, Opcodes.I32_ADD, I32, y, fn.i32(b, i))});
            fns.add(fn.f);
        }
        CompiledModule cm = ModuleGenerator.generate(m, fns);
        assertTrue(cm.codeClasses().size() >= n / ModuleGenerator.FUNCTIONS_PER_CLASS);
        assertTrue(ModuleGenerator.largestMethodSize(cm) < 8000);
        assertEmptyStackAtTargets(cm, true);
        MethodHandle[] hs = load(cm, n);
        assertEquals(0 + 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 1, (int) hs[0].invokeExact(1, instance(m)));
        int sum = 0;
        for (int i = 29_990; i < 30_000; i++) sum += i;
        assertEquals(sum, (int) hs[29_990].invokeExact(0, instance(m)));
        assertEquals(999 + 5, (int) hs[999].invokeExact(5, instance(m)));
    }
}
