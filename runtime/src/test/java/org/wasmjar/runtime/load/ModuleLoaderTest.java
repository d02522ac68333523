package org.wasmjar.runtime.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.testing.MathModule;
import org.wasmjar.runtime.testing.ModuleBuilder;
import org.wasmjar.runtime.testing.code.ConstCode;
import org.wasmjar.runtime.testing.code.ImportsCode;
import org.wasmjar.runtime.testing.code.MathCode;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

class ModuleLoaderTest {
    private static final FuncType V_I = new FuncType(List.of(), List.of(ValType.I32));

    private static Class<?> owner(LoadedModule m, int function) {
        MethodHandleInfo info = MethodHandles.lookup().revealDirect(m.staticHandles()[function]);
        return info.getDeclaringClass();
    }

    @Test
    void definesEachModuleInItsOwnLoader() {
        LoadedModule a = ModuleLoader.load(MathModule.compiled());
        LoadedModule b = ModuleLoader.load(MathModule.compiled());
        Class<?> codeA = owner(a, 0);
        assertEquals(MathCode.class.getName(), codeA.getName());
        assertNotSame(MathCode.class, codeA, "the module's copy, not the test class path's");
        assertNotSame(codeA, owner(b, 0));
        assertTrue(codeA.getClassLoader().getName().startsWith("wasmjar-module-"));
        assertSame(ModuleLoader.class.getClassLoader(), codeA.getClassLoader().getParent());
        assertEquals(12, a.staticHandles().length);
        assertSame(a.info(), ModuleClassLoader.moduleOf(codeA.getClassLoader().getName()));
    }

    @Test
    void leavesImportedFunctionSlotsEmpty() throws Throwable {
        LoadedModule m = ModuleLoader.load(new ModuleBuilder("i").importFunc("env", "twice", MathModule.I_I)
                .func(MathModule.I_I, "run").compiled(ImportsCode.class));
        assertNull(m.staticHandles()[0]);
        assertEquals(MathModule.I_I.params().size() + 1, m.staticHandles()[1].type().parameterCount());
    }

    @Test
    void rejectsHandlesOfTheWrongType() {
        FuncType wrong = new FuncType(List.of(ValType.I64), List.of(ValType.I32));
        CompiledModule m = new ModuleBuilder("w").func(wrong, "f").compiled(ConstCode.class);
        WasmjarException e = assertThrows(WasmjarException.class, () -> ModuleLoader.load(m));
        assertEquals("handle of function 0 has type (Instance)int, expected (long,Instance)int", e.getMessage());
    }

    @Test
    void rejectsMissingHandles() {
        CompiledModule m = new ModuleBuilder("m").func(V_I, "f").func(V_I, "g").compiled(ConstCode.class);
        assertEquals("generated code registered no handle for function 1",
                assertThrows(WasmjarException.class, () -> ModuleLoader.load(m)).getMessage());
    }

    @Test
    void reportsCodeClassesWithoutRegisterFunctions() {
        CompiledModule m = new ModuleBuilder("n").compiled(ModuleBuilder.class);
        assertTrue(assertThrows(WasmjarException.class, () -> ModuleLoader.load(m)).getMessage()
                .contains("has no public static registerFunctions(MethodHandle[])"));
    }

    @Test
    void reportsFailingRegisterFunctions() {
        // MathCode fills slots 0..11; a descriptor with one function makes it fail.
        CompiledModule m = new ModuleBuilder("f").func(MathModule.II_I, "add").compiled(MathCode.class);
        assertTrue(assertThrows(WasmjarException.class, () -> ModuleLoader.load(m)).getMessage()
                .startsWith("registerFunctions of " + MathCode.class.getName() + " failed"));
    }
}
