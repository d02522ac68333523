package org.wasmjar.runtime.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.wasmjar.runtime.testing.MathModule.I_I;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.abi.TypeIds;
import org.wasmjar.runtime.api.HostFunction;
import org.wasmjar.runtime.api.Invoker;
import org.wasmjar.runtime.api.LinkException;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.instance.Global;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.Memory;
import org.wasmjar.runtime.instance.Table;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.testing.MathModule;
import org.wasmjar.runtime.testing.ModuleBuilder;
import org.wasmjar.runtime.testing.code.ConstCode;
import org.wasmjar.runtime.testing.code.ImportsCode;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.GlobalType;
import org.wasmjar.runtime.types.SegmentMode;
import org.wasmjar.runtime.types.ValType;

class LinkerTest {
    private static final FuncType V_I = new FuncType(List.of(), List.of(ValType.I32));
    private static Instance lastCaller;

    /** The host side of "env" "twice" when defined as a {@link HostFunction}: it sees its caller. */
    public static int twice(int a, Instance caller) {
        lastCaller = caller;
        return 2 * a;
    }

    private static HostFunction hostTwice() throws ReflectiveOperationException {
        MethodHandle h = MethodHandles.lookup().findStatic(LinkerTest.class, "twice",
                MethodType.methodType(int.class, int.class, Instance.class));
        return new HostFunction(I_I, h, "twice");
    }

    /** Imports "env" "twice" (i32) -> (i32), "env" "mem" memory {min 1}, "env" "g" global i32; exports f1 as "run". */
    private static CompiledModule importer() {
        return new ModuleBuilder("importer")
                .importFunc("env", "twice", I_I)
                .importMemory("env", "mem", 1, -1)
                .importGlobal("env", "g", ValType.I32, false)
                .func(I_I, "run")
                .export("run", ExternKind.FUNC, 1)
                .compiled(ImportsCode.class);
    }

    private static Global i32Global(int value, boolean mutable) {
        Global g = new Global(new GlobalType(ValType.I32, mutable));
        g.i32 = value;
        return g;
    }

    private Linker env() throws ReflectiveOperationException {
        return new Linker().define("env", "twice", hostTwice()).define("env", "mem", new Memory(1, -1))
                .define("env", "g", i32Global(5, false));
    }

    @Test
    void linksHostFunctionMemoryAndGlobal() throws Exception {
        Linker linker = env();
        Instance inst = linker.instantiate(importer());
        assertArrayEquals(new Object[] {27}, Invoker.invoke(inst, "run", 11));
        assertSame(inst, lastCaller, "a HostFunction is bound to the importing instance");
        assertSame(linker.lookup("env", "mem"), inst.memory);
        assertEquals(27, inst.memory.bytes[0]);
    }

    @Test
    void registeredInstanceExportsAreImportable() throws Exception {
        Instance math = new Linker().instantiate(MathModule.compiled());
        Linker linker = env().register("math", math).define("env", "twice", math.export("split"));
        assertSame(math.export("memory"), linker.lookup("math", "memory"));
        Instance inst = linker.instantiate(importer());
        assertArrayEquals(new Object[] {9}, Invoker.invoke(inst, "run", 5)); // split(5) = 10/5 + 2, plus g = 5
        // A trap crossing both modules names frames of both.
        Trap trap = assertThrows(Trap.class, () -> Invoker.invoke(inst, "run", 0));
        assertEquals(List.of("split", "run"), trap.wasmBacktrace());
    }

    @Test
    void unknownImport() {
        LinkException e = assertThrows(LinkException.class, () -> new Linker()
                .define("env", "mem", new Memory(1, -1)).instantiate(importer()));
        assertEquals("unknown import: \"env\" \"twice\" (expected func (i32) -> (i32))", e.getMessage());
    }

    @Test
    void functionTypeMismatch() throws Exception {
        FuncType other = new FuncType(List.of(ValType.I64), List.of(ValType.I64));
        Linker linker = env().define("env", "twice", new WasmFunction(other, TypeIds.of(other), null, "x"));
        assertEquals("incompatible import type: \"env\" \"twice\" expected func (i32) -> (i32), got func (i64) -> (i64)",
                assertThrows(LinkException.class, () -> linker.instantiate(importer())).getMessage());
    }

    @Test
    void kindMismatch() throws Exception {
        Linker linker = env().define("env", "twice", new Memory(1, -1));
        assertEquals("incompatible import type: \"env\" \"twice\" expected func (i32) -> (i32), got memory {min 1}",
                assertThrows(LinkException.class, () -> linker.instantiate(importer())).getMessage());
        Linker globalAsMemory = env().define("env", "mem", i32Global(0, false));
        assertEquals("incompatible import type: \"env\" \"mem\" expected memory {min 1}, got global i32",
                assertThrows(LinkException.class, () -> globalAsMemory.instantiate(importer())).getMessage());
    }

    @Test
    void globalTypeAndMutabilityMustBeEqual() throws Exception {
        Linker mutable = env().define("env", "g", i32Global(5, true));
        assertEquals("incompatible import type: \"env\" \"g\" expected global i32, got global (mut i32)",
                assertThrows(LinkException.class, () -> mutable.instantiate(importer())).getMessage());
        Linker i64 = env().define("env", "g", new Global(new GlobalType(ValType.I64, false)));
        assertThrows(LinkException.class, () -> i64.instantiate(importer()));
    }

    private static CompiledModule importsMemory(long min, long max) {
        return new ModuleBuilder("m").importMemory("spectest", "memory", min, max).compiled();
    }

    private static CompiledModule importsTable(ValType elem, long min, long max) {
        return new ModuleBuilder("t").importTable("spectest", "table", elem, min, max).compiled();
    }

    @Test
    void memoryLimitsSubtyping() {
        Linker linker = new Linker().define("spectest", "memory", new Memory(1, 2));
        linker.instantiate(importsMemory(1, -1));
        linker.instantiate(importsMemory(0, 2));
        linker.instantiate(importsMemory(1, 3));
        assertEquals("incompatible import type: \"spectest\" \"memory\" expected memory {min 2}, got memory {min 1, max 2}",
                assertThrows(LinkException.class, () -> linker.instantiate(importsMemory(2, -1))).getMessage());
        assertThrows(LinkException.class, () -> linker.instantiate(importsMemory(1, 1)));
        Linker noMax = new Linker().define("spectest", "memory", new Memory(1, -1));
        assertThrows(LinkException.class, () -> noMax.instantiate(importsMemory(1, 5)));
        // The current size counts, not the size the memory was created with.
        Memory grown = new Memory(1, -1);
        grown.grow(2);
        new Linker().define("spectest", "memory", grown).instantiate(importsMemory(3, -1));
    }

    @Test
    void tableLimitsAndElementType() {
        Linker linker = new Linker().define("spectest", "table", new Table(ValType.FUNCREF, 10, 20));
        linker.instantiate(importsTable(ValType.FUNCREF, 10, 20));
        linker.instantiate(importsTable(ValType.FUNCREF, 5, -1));
        assertEquals("incompatible import type: \"spectest\" \"table\" expected table {min 12} funcref, got table {min 10, max 20} funcref",
                assertThrows(LinkException.class, () -> linker.instantiate(importsTable(ValType.FUNCREF, 12, -1))).getMessage());
        assertThrows(LinkException.class, () -> linker.instantiate(importsTable(ValType.FUNCREF, 10, 15)));
        assertThrows(LinkException.class, () -> linker.instantiate(importsTable(ValType.EXTERNREF, 10, 20)));
    }

    @Test
    void unlinkableModuleChangesNothing() {
        Memory mem = new Memory(1, -1);
        CompiledModule m = new ModuleBuilder("writer")
                .importMemory("env", "mem", 1, -1)
                .importGlobal("env", "missing", ValType.I32, false)
                .data(SegmentMode.ACTIVE, ModuleBuilder.i32(0), new byte[] {1, 2, 3})
                .compiled();
        assertThrows(LinkException.class, () -> new Linker().define("env", "mem", mem).instantiate(m));
        assertEquals(0, mem.bytes[0]);
    }

    @Test
    void defineRejectsNonExterns() {
        assertThrows(IllegalArgumentException.class, () -> new Linker().define("env", "x", "not an extern"));
    }

    @Test
    void hostFunctionHandleMustFitItsType() {
        MethodHandle wrong = MethodHandles.constant(int.class, 1);
        assertThrows(IllegalArgumentException.class, () -> new HostFunction(V_I, wrong, "c"));
    }

    @Test
    void compiledModulesInstantiateIndependently() {
        CompiledModule m = new ModuleBuilder("c").func(V_I, "seven").export("seven", ExternKind.FUNC, 0)
                .compiled(ConstCode.class);
        Linker linker = new Linker();
        Instance a = linker.instantiate(m);
        Instance b = linker.instantiate(m);
        assertArrayEquals(new Object[] {7}, Invoker.invoke(a, "seven"));
        assertArrayEquals(new Object[] {7}, Invoker.invoke(b, "seven"));
        assertNotSame(a.export("seven"), b.export("seven"));
    }
}
