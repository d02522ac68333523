package org.wasmjar.compiler.codegen;

import static org.junit.jupiter.api.Assertions.*;
import static org.wasmjar.compiler.codegen.CodegenFixture.assertEmptyStackAtTargets;
import static org.wasmjar.compiler.codegen.CodegenFixture.verify;

import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator;
import org.wasmjar.compiler.ir.build.IrBuilder;
import org.wasmjar.compiler.ir.opt.Optimizer;
import org.wasmjar.compiler.wasm.binary.ModuleParser;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.compiler.wasm.validate.Validator;
import org.wasmjar.runtime.abi.V128;
import org.wasmjar.runtime.api.HostFunction;
import org.wasmjar.runtime.api.Invoker;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.instance.Global;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/**
 * v128 across every boundary of generated code (simd-abi.wat): parameters, results, multi-value results, direct,
 * indirect and host calls, globals, select, block and loop parameters, zeroed locals and memory; each both as
 * whole methods and split into many group methods, where vectors travel through the frame.
 */
class SimdCodegenTest {
    /** Splits every function into groups of a few instructions each. */
    private static final Budget TINY = new Budget(0, 24, Budget.DEFAULT.methodLimit(), 0);
    private static final List<Budget> BUDGETS = List.of(Budget.DEFAULT, TINY);

    private static V128 i32x4(int a, int b, int c, int d) { return V128.fromLanes("i32x4", a, b, c, d); }

    /** The imported host function: swaps the two 64-bit halves. */
    static V128 swap(long lo, long hi, Instance caller) { return new V128(hi, lo); }

    private static Instance instantiate(Budget budget) throws Exception {
        byte[] wasm;
        try (InputStream in = SimdCodegenTest.class.getResourceAsStream("simd-abi.wasm")) {
            wasm = in.readAllBytes();
        }
        ValidatedModule m = Validator.validate(ModuleParser.parse(wasm));
        List<IrFunction> fns = new ArrayList<>();
        for (int i = m.importedFunctionCount(); i < m.functionCount(); i++) {
            IrFunction f = IrBuilder.build(m, i);
            Optimizer.optimize(f);
            fns.add(f);
        }
        CompiledModule cm = ModuleGenerator.generate(m, fns, budget);
        verify(cm);
        assertEmptyStackAtTargets(cm, false);
        boolean split = cm.classes().values().stream().anyMatch(c -> ModuleGenerator.methodSizes(c).containsKey("f3$1"));
        assertEquals(budget == TINY, split, "split functions");

        FuncType swapType = new FuncType(List.of(ValType.V128), List.of(ValType.V128));
        var handle = MethodHandles.lookup().findStatic(SimdCodegenTest.class, "swap",
                MethodType.methodType(V128.class, long.class, long.class, Instance.class));
        Linker linker = new Linker();
        linker.define("host", "swap", new HostFunction(swapType, handle, "swap"));
        return linker.instantiate(cm);
    }

    private static Object call(Instance inst, String name, Object... args) {
        Object[] r = Invoker.invoke(inst, name, args);
        assertEquals(1, r.length);
        return r[0];
    }

    @Test
    void vectorLoopOverMemory() throws Exception {
        for (Budget budget : BUDGETS) {
            Instance inst = instantiate(budget);
            ByteBuffer mem = ByteBuffer.wrap(inst.memory.bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 16; i++) mem.putInt(4 * i, i + 1);
            assertEquals(136, call(inst, "sum", 16));
            assertEquals(10, call(inst, "sum", 4));
        }
    }

    @Test
    void aVectorStoreThatTrapsWritesNothing() throws Exception {
        V128 v = i32x4(0x11111111, 0x22222222, 0x33333333, 0x44444444);
        for (Budget budget : BUDGETS) {
            Instance inst = instantiate(budget);
            byte[] mem = inst.memory.bytes;
            for (String f : List.of("store_halves", "store_quarters")) {
                Invoker.invoke(inst, f, 65536 - 20, v); // offset 4: the last 16 bytes
                assertNotEquals(0, mem[65520], f);
                assertNotEquals(0, mem[65535], f);
                Arrays.fill(mem, (byte) 0);
                // partly past the end, or a base of 2^32 - 4 that an offset of 4 must not wrap to 0
                for (int base : new int[] {65536 - 19, 65536 - 8, -4, -1}) {
                    assertThrows(Trap.class, () -> Invoker.invoke(inst, f, base, v), f + " at " + base);
                    for (int i = 0; i < mem.length; i++) assertEquals(0, mem[i], f + " at " + base + " wrote byte " + i);
                }
            }
        }
    }

    @Test
    void parametersResultsAndIndirectCalls() throws Exception {
        V128 a = i32x4(10, 20, 30, 40), b = i32x4(1, 2, 3, -4);
        for (Budget budget : BUDGETS) {
            Instance inst = instantiate(budget);
            assertEquals(i32x4(11, 22, 33, 36), call(inst, "apply", 0, a, b));
            assertEquals(i32x4(9, 18, 27, 44), call(inst, "apply", 1, a, b));
            assertEquals(a, call(inst, "pick", a, b, 1));
            assertEquals(b, call(inst, "pick", a, b, 0));
            assertEquals(new V128(0, 0), call(inst, "zero"));
            assertEquals(i32x4(16, 81, 256, 625), call(inst, "pow", i32x4(2, 3, 4, 5), 3));
        }
    }

    @Test
    void multiValueResultsAndHostCalls() throws Exception {
        V128 a = new V128(0x0000000200000001L, 0x0000000400000003L);
        for (Budget budget : BUDGETS) {
            Instance inst = instantiate(budget);
            assertArrayEquals(new Object[] {a, 7, new V128(a.hi, a.lo)}, Invoker.invoke(inst, "multi", a, 7));
            assertEquals(i32x4(9, 6, 4, 6), call(inst, "use_multi", a, 9));
        }
    }

    @Test
    void globalsAndMemory() throws Exception {
        for (Budget budget : BUDGETS) {
            Instance inst = instantiate(budget);
            assertEquals(i32x4(2, 3, 4, 5), call(inst, "bump"));
            assertEquals(i32x4(3, 4, 5, 6), call(inst, "bump"));
            Global g = (Global) inst.export("g");
            assertEquals(i32x4(3, 4, 5, 6), new V128(g.v128lo, g.v128hi));

            V128 v = new V128(0x0706050403020100L, 0x0F0E0D0C0B0A0908L);
            assertEquals(new V128(v.hi, v.lo), call(inst, "roundtrip", 100, v));
            for (int i = 0; i < 16; i++) assertEquals(i, inst.memory.bytes[100 + i], "byte " + i);
        }
    }

    /**
     * {@code f(v, n)}: n times, a chain of {@code ops} lane-wise operators (cycling through shapes, so values move
     * between halves and quarters) applied to the loop's vector, each with a constant; returns the vector.
     */
    private static IrFunction chain(ValidatedModule m, int ops) {
        CodegenFixture.Fn fn = new CodegenFixture.Fn(0, m.functionType(0));
        Block entry = fn.block(), loop = fn.block(), exit = fn.block();
        int v = fn.param(entry, ValType.V128), n = fn.param(entry, ValType.I32);
        entry.terminator = new Terminator.Jump(CodegenFixture.Fn.edge(loop, v, n));
        loop.loopHeader = true;
        loop.loopDepth = 1;
        int x = fn.param(loop, ValType.V128), i = fn.param(loop, ValType.I32);
        int[] opcodes = {Opcodes.F32X4_ADD, Opcodes.I32X4_MUL, Opcodes.I8X16_ADD, Opcodes.I16X8_ADD_SAT_S,
                Opcodes.V128_XOR, Opcodes.F64X2_MUL, Opcodes.I32X4_MAX_S, Opcodes.I8X16_SHUFFLE, Opcodes.V128_AND};
        Random random = new Random(ops);
        for (int k = 0; k < ops; k++) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            int c = fn.f.newValue(ValType.V128);
            loop.insts.add(new Inst(Opcodes.V128_CONST, new int[0], new int[] {c}, 0, 0, 0, bytes, 0));
            int op = opcodes[k % opcodes.length];
            byte[] mask = new byte[16];
            for (int j = 0; j < 16; j++) mask[j] = (byte) random.nextInt(32);
            int r = fn.f.newValue(ValType.V128);
            loop.insts.add(new Inst(op, new int[] {x, c}, new int[] {r}, 0, 0, 0, op == Opcodes.I8X16_SHUFFLE ? mask : null, 0));
            x = r;
        }
        int i2 = fn.op(loop, Opcodes.I32_SUB, ValType.I32, i, fn.i32(loop, 1));
        loop.terminator = new Terminator.Branch(i2, CodegenFixture.Fn.edge(loop, x, i2), CodegenFixture.Fn.edge(exit, x));
        exit.terminator = new Terminator.Return(new int[] {fn.param(exit, ValType.V128)});
        return fn.f;
    }

    @Test
    void hugeVectorFunctionsSplitUnderTheLimitAndAgree() throws Throwable {
        FuncType type = new FuncType(List.of(ValType.V128, ValType.I32), List.of(ValType.V128));
        ValidatedModule m = CodegenFixture.module(List.of(type), List.of(), List.of(0), false, List.of());
        V128[] results = new V128[2];
        for (int b = 0; b < 2; b++) {
            CompiledModule cm = ModuleGenerator.generate(m, List.of(chain(m, 1500)), b == 0 ? Budget.DEFAULT : TINY);
            verify(cm);
            assertEmptyStackAtTargets(cm, false);
            assertTrue(ModuleGenerator.largestMethodSize(cm) < 8000, "largest method " + ModuleGenerator.largestMethodSize(cm));
            MethodHandle f = CodegenFixture.load(cm, 1)[0];
            results[b] = (V128) f.invokeExact(0x0123456789ABCDEFL, 0x0FEDCBA987654321L, 3, CodegenFixture.instance(m));
        }
        assertEquals(results[0], results[1]);
    }

    @Test
    void hostArgumentsAreChecked() throws Exception {
        Instance inst = instantiate(Budget.DEFAULT);
        WasmjarException e = assertThrows(WasmjarException.class, () -> Invoker.invoke(inst, "pick", 1, 2, 3));
        assertTrue(e.getMessage().contains("must be v128"), e.getMessage());
    }
}
