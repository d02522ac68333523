package org.wasmjar.compiler.codegen;

import static org.junit.jupiter.api.Assertions.*;
import static org.wasmjar.compiler.codegen.CodegenFixture.*;
import static org.wasmjar.runtime.types.ValType.*;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.runtime.abi.TypeIds;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.Table;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.types.FuncType;

class ModuleGeneratorTest {
    private static final FuncType I32_I32 = type(List.of(I32), List.of(I32));
    /** Splits every function into groups of a few instructions each. */
    private static final Budget TINY = new Budget(0, 24, Budget.DEFAULT.methodLimit(), 0);

    /** Generates one-module code, verifies it and returns the handles of its functions. */
    private static MethodHandle[] compile(ValidatedModule m, List<IrFunction> fns, Budget budget) throws Throwable {
        CompiledModule cm = ModuleGenerator.generate(m, fns, budget);
        verify(cm);
        assertEmptyStackAtTargets(cm, false);
        assertTrue(ModuleGenerator.largestMethodSize(cm) < 8000);
        return load(cm, m.functionCount());
    }

    @Test
    void arithmetic() throws Throwable {
        ValidatedModule m = module(List.of(type(List.of(I32, I32), List.of(I32))), List.of(), List.of(0), false, List.of());
        Fn fn = new Fn(0, m.functionType(0));
        Block b = fn.block();
        int x = fn.param(b, I32), y = fn.param(b, I32);
        int sum = fn.op(b, Opcodes.I32_ADD, I32, x, y);
        int prod = fn.op(b, Opcodes.I32_MUL, I32, sum, fn.i32(b, 3));
        fn.op(b, Opcodes.I32_ADD, I32, x, x); // unused result: popped
        b.terminator = new Terminator.Return(new int[] {fn.op(b, Opcodes.I32_SUB, I32, prod, fn.i32(b, 1))});
        MethodHandle f = compile(m, List.of(fn.f), Budget.DEFAULT)[0];
        assertEquals(20, (int) f.invokeExact(3, 4, instance(m)));
        assertEquals(-4, (int) f.invokeExact(-3, 2, instance(m)));
    }

    /** {@code sum(n) = 1 + 2 + ... + n} as an i64 loop. */
    private static IrFunction sumLoop(ValidatedModule m) {
        Fn fn = new Fn(0, m.functionType(0));
        Block entry = fn.block(), loop = fn.block(), exit = fn.block();
        int n = fn.param(entry, I32);
        entry.terminator = new Terminator.Jump(Fn.edge(loop, n, fn.i64(entry, 0)));
        loop.loopHeader = true;
        loop.loopDepth = 1;
        int i = fn.param(loop, I32), acc = fn.param(loop, I64);
        int acc2 = fn.op(loop, Opcodes.I64_ADD, I64, acc, fn.op(loop, Opcodes.I64_EXTEND_I32_U, I64, i));
        int i2 = fn.op(loop, Opcodes.I32_SUB, I32, i, fn.i32(loop, 1));
        loop.terminator = new Terminator.Branch(i2, Fn.edge(loop, i2, acc2), Fn.edge(exit, acc2));
        int r = fn.param(exit, I64);
        exit.terminator = new Terminator.Return(new int[] {r});
        return fn.f;
    }

    @Test
    void hotLoopIsCompiled() throws Throwable {
        ValidatedModule m = module(List.of(type(List.of(I32), List.of(I64))), List.of(), List.of(0), false, List.of());
        MethodHandle f = compile(m, List.of(sumLoop(m)), Budget.DEFAULT)[0];
        long start = System.nanoTime();
        assertEquals(5_000_000_050_000_000L, (long) f.invokeExact(100_000_000, instance(m)));
        // Interpreted, 10^8 iterations take well over ten seconds; compiled on-stack, a fraction of one.
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "loop was not JIT-compiled");
    }

    @Test
    void splitLoopGivesTheSameResult() throws Throwable {
        ValidatedModule m = module(List.of(type(List.of(I32), List.of(I64))), List.of(), List.of(0), false, List.of());
        CompiledModule cm = ModuleGenerator.generate(m, List.of(sumLoop(m)), TINY);
        assertTrue(ModuleGenerator.methodSizes(cm.classes().values().iterator().next()).containsKey("f0$1"), "not split");
        MethodHandle f = compile(m, List.of(sumLoop(m)), TINY)[0];
        assertEquals(500_500L, (long) f.invokeExact(1000, instance(m)));
    }

    @Test
    void switchWithEdgeArguments() throws Throwable {
        ValidatedModule m = module(List.of(I32_I32), List.of(), List.of(0), false, List.of());
        for (Budget budget : List.of(Budget.DEFAULT, TINY)) {
            Fn fn = new Fn(0, m.functionType(0));
            Block entry = fn.block(), exit = fn.block();
            int x = fn.param(entry, I32);
            int c10 = fn.i32(entry, 10), c20 = fn.i32(entry, 20), c30 = fn.i32(entry, 30), c99 = fn.i32(entry, 99);
            entry.terminator = new Terminator.Switch(x,
                    new Terminator.Edge[] {Fn.edge(exit, c10), Fn.edge(exit, c20), Fn.edge(exit, c30)}, Fn.edge(exit, c99));
            exit.terminator = new Terminator.Return(new int[] {fn.param(exit, I32)});
            MethodHandle f = compile(m, List.of(fn.f), budget)[0];
            int[] expected = {10, 20, 30, 99, 99};
            for (int i = -1; i < 4; i++) assertEquals(expected[i + 1 == 0 ? 4 : i], (int) f.invokeExact(i, instance(m)));
        }
    }

    @Test
    void branchSwapsParametersInParallel() throws Throwable {
        // loop(a, b, k): if k != 0 then loop(b, a, k - 1) else return a - b  (a swap on the back edge)
        ValidatedModule m = module(List.of(type(List.of(I32, I32, I32), List.of(I32))), List.of(), List.of(0), false, List.of());
        for (Budget budget : List.of(Budget.DEFAULT, TINY)) {
            Fn fn = new Fn(0, m.functionType(0));
            Block entry = fn.block(), loop = fn.block(), exit = fn.block();
            int a0 = fn.param(entry, I32), b0 = fn.param(entry, I32), k0 = fn.param(entry, I32);
            entry.terminator = new Terminator.Jump(Fn.edge(loop, a0, b0, k0));
            loop.loopHeader = true;
            loop.loopDepth = 1;
            int a = fn.param(loop, I32), b = fn.param(loop, I32), k = fn.param(loop, I32);
            int k1 = fn.op(loop, Opcodes.I32_SUB, I32, k, fn.i32(loop, 1));
            loop.terminator = new Terminator.Branch(k, Fn.edge(loop, b, a, k1), Fn.edge(exit));
            exit.terminator = new Terminator.Return(new int[] {fn.op(exit, Opcodes.I32_SUB, I32, a, b)});
            MethodHandle f = compile(m, List.of(fn.f), budget)[0];
            assertEquals(-4, (int) f.invokeExact(3, 7, 2, instance(m)));
            assertEquals(4, (int) f.invokeExact(3, 7, 3, instance(m)));
        }
    }

    @Test
    void selectAndUnreachable() throws Throwable {
        ValidatedModule m = module(List.of(type(List.of(I64, I64, I32), List.of(I64)), type(List.of(), List.of())),
                List.of(), List.of(0, 1), false, List.of());
        Fn sel = new Fn(0, m.functionType(0));
        Block b = sel.block();
        int x = sel.param(b, I64), y = sel.param(b, I64), c = sel.param(b, I32);
        b.terminator = new Terminator.Return(new int[] {sel.op(b, Opcodes.SELECT, I64, x, y, c)});
        Fn trap = new Fn(1, m.functionType(1));
        trap.block().terminator = new Terminator.Unreachable();
        MethodHandle[] h = compile(m, List.of(sel.f, trap.f), Budget.DEFAULT);
        Instance inst = instance(m);
        assertEquals(5L, (long) h[0].invokeExact(5L, 6L, 1, inst));
        assertEquals(6L, (long) h[0].invokeExact(5L, 6L, 0, inst));
        Trap t = assertThrows(Trap.class, () -> { h[1].invokeExact(inst); });
        assertEquals(TrapKind.UNREACHABLE, t.kind());
    }

    static int twice(int x) { return 2 * x; }

    /**
     * An import, a direct call, a multi-value call and return, and call_indirect:
     * main(x) = let (p, q) = pair(inc(h(x)), 5) in ind[0](q) + wrap(p), where h(x) = 2x, inc(x) = x + 100,
     * pair(a, b) = (b + a, 2a).
     */
    @Test
    void calls() throws Throwable {
        FuncType pairType = type(List.of(I32, I64), List.of(I64, I32));
        ValidatedModule m = module(List.of(I32_I32, pairType), List.of(0), List.of(0, 1, 0), false, List.of(funcTable(1)));
        for (Budget budget : List.of(Budget.DEFAULT, TINY)) {
            Fn inc = new Fn(1, I32_I32);
            Block b1 = inc.block();
            int x1 = inc.param(b1, I32);
            b1.terminator = new Terminator.Return(new int[] {inc.op(b1, Opcodes.I32_ADD, I32, x1, inc.i32(b1, 100))});

            Fn pair = new Fn(2, pairType);
            Block b2 = pair.block();
            int a = pair.param(b2, I32), bb = pair.param(b2, I64);
            int sum = pair.op(b2, Opcodes.I64_ADD, I64, bb, pair.op(b2, Opcodes.I64_EXTEND_I32_U, I64, a));
            b2.terminator = new Terminator.Return(new int[] {sum, pair.op(b2, Opcodes.I32_MUL, I32, a, pair.i32(b2, 2))});

            Fn main = new Fn(3, I32_I32);
            Block b3 = main.block();
            int x = main.param(b3, I32);
            int h = main.call(b3, Opcodes.CALL, 0, 0, List.of(I32), x)[0];
            int g = main.call(b3, Opcodes.CALL, 1, 0, List.of(I32), h)[0];
            int[] pq = main.call(b3, Opcodes.CALL, 2, 0, List.of(I64, I32), g, main.i64(b3, 5));
            int ind = main.call(b3, Opcodes.CALL_INDIRECT, 0, 0, List.of(I32), pq[1], main.i32(b3, 0))[0];
            int wrapped = main.op(b3, Opcodes.I32_WRAP_I64, I32, pq[0]);
            b3.terminator = new Terminator.Return(new int[] {main.op(b3, Opcodes.I32_ADD, I32, ind, wrapped)});

            MethodHandle[] fs = compile(m, List.of(inc.f, pair.f, main.f), budget);
            Instance inst = instance(m);
            MethodHandle host = MethodHandles.lookup().findStatic(ModuleGeneratorTest.class, "twice",
                    MethodType.methodType(int.class, int.class));
            int t0 = TypeIds.of(I32_I32);
            inst.typeIds = new int[] {t0, TypeIds.of(pairType)};
            inst.functions[0] = new WasmFunction(I32_I32, t0, host, "h");
            inst.functions[1] = new WasmFunction(I32_I32, t0, MethodHandles.insertArguments(fs[1], 1, inst), "inc");
            inst.tables = new Table[] {new Table(FUNCREF, 1, -1)};
            inst.tables[0].elements[0] = inst.functions[1];
            Object[] pr = (Object[]) fs[2].invokeExact(1, 5L, inst);
            assertEquals(List.of(6L, 2), Arrays.asList(pr));
            // h(7) = 14, inc = 114, pair(114, 5) = (119, 228), ind[0](228) = 328, + 119
            assertEquals(447, (int) fs[3].invokeExact(7, inst));
        }
    }

    /** Every kind of value crosses group boundaries of a split function; NaN payloads survive the frame. */
    @Test
    void frameKeepsEveryValueType() throws Throwable {
        FuncType t = type(List.of(I32, I64, F32, F64, EXTERNREF), List.of(I64, F32, F64, EXTERNREF, I32));
        ValidatedModule m = module(List.of(t), List.of(), List.of(0), false, List.of());
        Object ref = new Object();
        int nanBits = 0x7fa00001;
        long dNanBits = 0x7ff4000000000001L;
        Object[] expected = null;
        for (Budget budget : List.of(Budget.DEFAULT, TINY)) {
            Fn fn = new Fn(0, t);
            Block entry = fn.block(), loop = fn.block(), exit = fn.block();
            int n = fn.param(entry, I32), x = fn.param(entry, I64), f = fn.param(entry, F32), d = fn.param(entry, F64);
            int r = fn.param(entry, EXTERNREF);
            int one = fn.i32(entry, 1);
            entry.terminator = new Terminator.Jump(Fn.edge(loop, n, x, fn.i32(entry, 0)));
            loop.loopHeader = true;
            loop.loopDepth = 1;
            int i = fn.param(loop, I32), lx = fn.param(loop, I64), acc = fn.param(loop, I32);
            int acc2 = fn.op(loop, Opcodes.I32_ADD, I32, acc, i);
            int lx2 = fn.op(loop, Opcodes.I64_ADD, I64, lx, fn.op(loop, Opcodes.I64_EXTEND_I32_U, I64, i));
            int i2 = fn.op(loop, Opcodes.I32_SUB, I32, i, one);
            loop.terminator = new Terminator.Branch(i2, Fn.edge(loop, i2, lx2, acc2), Fn.edge(exit, lx2, acc2));
            int ea = fn.param(exit, I64), eb = fn.param(exit, I32);
            int dNan = fn.op(exit, Opcodes.F64_REINTERPRET_I64, F64, fn.i64(exit, dNanBits));
            int dd = fn.op(exit, Opcodes.SELECT, F64, dNan, d, eb);
            exit.terminator = new Terminator.Return(new int[] {ea, f, dd, r, eb});
            MethodHandle h = compile(m, List.of(fn.f), budget)[0];
            Object[] res = (Object[]) h.invokeExact(10, 1000L, Float.intBitsToFloat(nanBits), 2.5, ref, instance(m));
            assertEquals(1055L, res[0]);
            assertEquals(nanBits, Float.floatToRawIntBits((Float) res[1]));
            assertEquals(dNanBits, Double.doubleToRawLongBits((Double) res[2]));
            assertSame(ref, res[3]);
            assertEquals(55, res[4]);
            if (expected != null) assertEquals(expected.length, res.length);
            expected = res;
        }
    }

    @Test
    void memoryIsReloadedAfterGrow() throws Throwable {
        ValidatedModule m = module(List.of(I32_I32), List.of(), List.of(0), true, List.of());
        for (Budget budget : List.of(Budget.DEFAULT, TINY)) {
            Fn fn = new Fn(0, I32_I32);
            Block b = fn.block();
            int x = fn.param(b, I32);
            int old = fn.op(b, Opcodes.MEMORY_GROW, I32, fn.i32(b, 1));
            int addr = fn.i32(b, 70_000);
            fn.opImm(b, Opcodes.I32_STORE, null, 2, 0, 0, addr, x);
            int loaded = fn.opImm(b, Opcodes.I32_LOAD, I32, 2, 0, 0, addr);
            b.terminator = new Terminator.Return(new int[] {fn.op(b, Opcodes.I32_ADD, I32, loaded, old)});
            MethodHandle f = compile(m, List.of(fn.f), budget)[0];
            Instance inst = instance(m);
            assertEquals(43, (int) f.invokeExact(42, inst));
            assertEquals(2, inst.memory.pages());
        }
    }

    @Test
    void outputIsDeterministic() {
        ValidatedModule m = module(List.of(type(List.of(I32), List.of(I64))), List.of(), List.of(0), false, List.of());
        CompiledModule a = ModuleGenerator.generate(m, List.of(sumLoop(m)), TINY);
        CompiledModule b = ModuleGenerator.generate(m, List.of(sumLoop(m)), TINY);
        assertEquals(a.codeClasses(), b.codeClasses());
        for (String name : a.codeClasses()) assertArrayEquals(a.classes().get(name), b.classes().get(name));
    }
}
