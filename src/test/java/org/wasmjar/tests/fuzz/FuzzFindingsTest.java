package org.wasmjar.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.Compiler;
import org.wasmjar.compiler.wasm.validate.ImplementationLimitException;
import org.wasmjar.runtime.api.GuestThread;
import org.wasmjar.runtime.api.Invoker;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.load.ModuleLoader;
import org.wasmjar.runtime.types.Const;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.ModuleInfo;

/** What the fuzzers found, each as the smallest module that showed it, with the behaviour now expected. */
class FuzzFindingsTest {
    private static final int I32 = 0x7F, I64 = 0x7E;

    /** A function declaring 2^31 - 1 locals made the IR builder run out of heap. */
    @Test
    void billionsOfLocalsAreAnImplementationLimit() {
        byte[] wasm = module(types(funcType(new int[0], new int[0])), functions(0),
                code(body(new byte[] {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, (byte) I32}, new byte[0])));
        ImplementationLimitException e = assertThrows(ImplementationLimitException.class, () -> Compiler.compile(wasm));
        assertTrue(e.getMessage().contains("locals"), e.getMessage());
    }

    @Test
    void fiftyThousandLocalsCompileAndOneMoreIsALimit() {
        // (func (export "f") (result i32) (local i32 x n) (local.get n-1))
        for (int n : new int[] {50_000, 50_001}) {
            byte[] locals = concat(Mutator.uleb(1), Mutator.uleb(n), new byte[] {(byte) I32});
            byte[] wasm = module(types(funcType(new int[0], new int[] {I32})), functions(0), exports("f", 0),
                    code(body(locals, concat(new byte[] {0x20}, Mutator.uleb(n - 1)))));
            if (n == 50_000) assertArrayEquals(new Object[] {0}, run(wasm, "f"));
            else assertThrows(ImplementationLimitException.class, () -> Compiler.compile(wasm));
        }
    }

    /**
     * A function with 254 i32 (or 127 i64) parameters failed with a raw IllegalArgumentException from MethodType
     * while loading: its static method would need more than the JVM's 255 argument slots.
     */
    @Test
    void functionsUpToTheJvmArgumentLimitWork() {
        assertArrayEquals(new Object[] {253}, run(wideCalls(253, I32), "direct"));
        assertArrayEquals(new Object[] {253}, run(wideCalls(253, I32), "indirect"));
        assertArrayEquals(new Object[] {126L}, run(wideCalls(126, I64), "direct"));
        assertThrows(ImplementationLimitException.class, () -> Compiler.compile(wideCalls(254, I32)));
        assertThrows(ImplementationLimitException.class, () -> Compiler.compile(wideCalls(127, I64)));
    }

    /** Only call_indirect uses the wide type: no function has it, yet the call site needs a JVM method type. */
    @Test
    void callIndirectOfATypeTooWideForTheJvmIsALimit() {
        int[] params = new int[254];
        Arrays.fill(params, I32);
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        for (int i = 0; i < 255; i++) code.writeBytes(new byte[] {0x41, 0}); // 254 arguments and the table index, all i32.const 0
        code.writeBytes(new byte[] {0x11, 1, 0}); // call_indirect type 1, table 0
        byte[] wasm = module(types(funcType(new int[0], new int[0]), funcType(params, new int[0])), functions(0),
                section(4, vec(new byte[] {0x70, 0, 1})), code(body(new byte[] {0}, code.toByteArray())));
        assertThrows(ImplementationLimitException.class, () -> Compiler.compile(wasm));
    }

    /**
     * A module jar whose descriptor was altered (mutated, then zipped again with fresh checksums) made the linker and
     * instantiation fail with raw IndexOutOfBoundsExceptions: an element naming function 99 of 3, an export past the
     * functions. Loading now checks the descriptor's indices.
     */
    @Test
    void inconsistentDescriptorsAreRejectedWhenLoading() {
        CompiledModule good = Compiler.compile(wideCalls(2, I32));
        ModuleInfo info = good.info();
        ModuleInfo.ElementDef segment = info.elements().get(0);
        ModuleInfo badElement = withElements(info, List.of(new ModuleInfo.ElementDef(segment.mode(), segment.type(),
                segment.table(), segment.offset(), List.of(new Const.RefFunc(99)))));
        ModuleInfo badExport = new ModuleInfo(info.moduleName(), info.types(), info.imports(), info.functionTypes(),
                info.tables(), info.memories(), info.globals(), List.of(new Export("f", ExternKind.FUNC, 3)), info.start(),
                info.elements(), info.data(), info.functionNames());
        for (ModuleInfo bad : List.of(badElement, badExport)) {
            WasmjarException e = assertThrows(WasmjarException.class,
                    () -> ModuleLoader.load(new CompiledModule(bad, good.classes(), good.codeClasses())));
            assertTrue(e.getMessage().startsWith("inconsistent module descriptor"), e.getMessage());
        }
        assertArrayEquals(new Object[] {2}, GuestThread.run(() -> Invoker.invoke(new Linker().instantiate(good), "indirect")));
    }

    private static ModuleInfo withElements(ModuleInfo i, List<ModuleInfo.ElementDef> elements) {
        return new ModuleInfo(i.moduleName(), i.types(), i.imports(), i.functionTypes(), i.tables(), i.memories(),
                i.globals(), i.exports(), i.start(), elements, i.data(), i.functionNames());
    }

    /**
     * Function 0 takes {@code n} parameters of {@code type} and adds them up; "direct" calls it with all ones, and
     * "indirect" does so through a table.
     */
    private static byte[] wideCalls(int n, int type) {
        int[] params = new int[n];
        Arrays.fill(params, type);
        byte add = (byte) (type == I32 ? 0x6A : 0x7C);
        ByteArrayOutputStream sum = new ByteArrayOutputStream();
        sum.writeBytes(new byte[] {0x20, 0});
        for (int i = 1; i < n; i++) {
            sum.writeBytes(concat(new byte[] {0x20}, Mutator.uleb(i)));
            sum.write(add);
        }
        ByteArrayOutputStream ones = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) ones.writeBytes(new byte[] {(byte) (type == I32 ? 0x41 : 0x42), 1});
        byte[] direct = concat(ones.toByteArray(), new byte[] {0x10, 0});
        byte[] indirect = concat(ones.toByteArray(), new byte[] {0x41, 0, 0x11, 0, 0});
        return module(types(funcType(params, new int[] {type}), funcType(new int[0], new int[] {type})),
                functions(0, 1, 1),
                section(4, vec(new byte[] {0x70, 0, 1})),
                exports("direct", 1, "indirect", 2),
                section(9, vec(concat(new byte[] {0, 0x41, 0, 0x0B}, vec(new byte[] {0})))),
                code(body(new byte[] {0}, sum.toByteArray()), body(new byte[] {0}, direct), body(new byte[] {0}, indirect)));
    }

    private static Object[] run(byte[] wasm, String export) {
        return GuestThread.run(() -> {
            Instance inst = new Linker().instantiate(Compiler.compile(wasm));
            return Invoker.invoke(inst, export);
        });
    }

    // ---- a small module assembler

    private static byte[] module(byte[]... sections) {
        return concat(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, concat(sections));
    }

    private static byte[] section(int id, byte[] content) {
        return concat(new byte[] {(byte) id}, Mutator.uleb(content.length), content);
    }

    private static byte[] vec(byte[]... items) {
        return concat(Mutator.uleb(items.length), concat(items));
    }

    private static byte[] types(byte[]... funcTypes) { return section(1, vec(funcTypes)); }

    private static byte[] funcType(int[] params, int[] results) {
        byte[] p = new byte[params.length], r = new byte[results.length];
        for (int i = 0; i < p.length; i++) p[i] = (byte) params[i];
        for (int i = 0; i < r.length; i++) r[i] = (byte) results[i];
        return concat(new byte[] {0x60}, Mutator.uleb(p.length), p, Mutator.uleb(r.length), r);
    }

    private static byte[] functions(int... typeIndices) {
        byte[][] items = new byte[typeIndices.length][];
        for (int i = 0; i < items.length; i++) items[i] = Mutator.uleb(typeIndices[i]);
        return section(3, vec(items));
    }

    /** Pairs of export name and function index. */
    private static byte[] exports(Object... nameIndex) {
        byte[][] items = new byte[nameIndex.length / 2][];
        for (int i = 0; i < items.length; i++) {
            byte[] name = ((String) nameIndex[2 * i]).getBytes();
            items[i] = concat(Mutator.uleb(name.length), name, new byte[] {0}, Mutator.uleb((Integer) nameIndex[2 * i + 1]));
        }
        return section(7, vec(items));
    }

    private static byte[] code(byte[]... bodies) { return section(10, vec(bodies)); }

    /** A body: its encoded local declarations (count first), then its instructions and the final end. */
    private static byte[] body(byte[] locals, byte[] instructions) {
        byte[] b = concat(locals, instructions, new byte[] {0x0B});
        return concat(Mutator.uleb(b.length), b);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
