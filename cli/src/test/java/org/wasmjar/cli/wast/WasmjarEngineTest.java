package org.wasmjar.cli.wast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.api.LinkException;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.types.Const;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.GlobalType;
import org.wasmjar.runtime.types.Import;
import org.wasmjar.runtime.types.Limits;
import org.wasmjar.runtime.types.MemoryType;
import org.wasmjar.runtime.types.ModuleInfo;
import org.wasmjar.runtime.types.TableType;
import org.wasmjar.runtime.types.ValType;

/**
 * The engine over the real runtime, with hand-built modules that hold no code (so no compiler is needed):
 * linking against {@code spectest}, registering, reading globals, calling a re-exported host function.
 */
class WasmjarEngineTest {
    private static final FuncType I32_TO_NONE = new FuncType(List.of(ValType.I32), List.of());

    /** Imports spectest's print_i32, global_i32, memory and table and re-exports them, plus a global of its own. */
    private static CompiledModule reexporter(GlobalType importedGlobal) {
        ModuleInfo info = new ModuleInfo("reexporter", List.of(I32_TO_NONE),
                List.of(Import.func("spectest", "print_i32", 0),
                        Import.global("spectest", "global_i32", importedGlobal),
                        Import.memory("spectest", "memory", new MemoryType(new Limits(1, 2))),
                        Import.table("spectest", "table", new TableType(ValType.FUNCREF, new Limits(10, -1)))),
                List.of(0), List.of(), List.of(),
                List.of(new ModuleInfo.GlobalDef(new GlobalType(ValType.F64, false), new Const.Value(ValType.F64,
                        Double.doubleToRawLongBits(-0.5), null))),
                List.of(new Export("print", ExternKind.FUNC, 0), new Export("g", ExternKind.GLOBAL, 0),
                        new Export("own", ExternKind.GLOBAL, 1), new Export("mem", ExternKind.MEMORY, 0)),
                -1, List.of(), List.of(), java.util.Arrays.asList((String) null));
        return new CompiledModule(info, Map.of(), List.of());
    }

    @Test
    void linksAgainstSpectestAndReadsGlobals() {
        WasmjarEngine engine = new WasmjarEngine(wasm -> reexporter(new GlobalType(ValType.I32, false)));
        WastEngine.Instance inst = engine.compile(new byte[0]).instantiate();
        assertEquals(666, inst.global("g"));
        assertEquals(-0.5, inst.global("own"));
        assertArrayEquals(new Object[0], inst.invoke("print", new Object[] {7}));
        assertThrows(WasmjarException.class, () -> inst.global("mem"));
        assertThrows(WasmjarException.class, () -> inst.invoke("nope", new Object[0]));
    }

    /** Imports M.own (an immutable f64) and exports it as "x". */
    private static CompiledModule importerOfOwn() {
        ModuleInfo info = new ModuleInfo("importer", List.of(),
                List.of(Import.global("M", "own", new GlobalType(ValType.F64, false))),
                List.of(), List.of(), List.of(), List.of(), List.of(new Export("x", ExternKind.GLOBAL, 0)),
                -1, List.of(), List.of(), List.of());
        return new CompiledModule(info, Map.of(), List.of());
    }

    @Test
    void registeredInstancesAreImportable() {
        WasmjarEngine engine = new WasmjarEngine(wasm -> wasm.length == 0
                ? reexporter(new GlobalType(ValType.I32, false)) : importerOfOwn());
        WastEngine.Module importer = engine.compile(new byte[1]);
        assertThrows(LinkException.class, importer::instantiate);
        engine.register("M", engine.compile(new byte[0]).instantiate());
        assertEquals(-0.5, importer.instantiate().global("x"));
    }

    @Test
    void wrongImportTypeIsUnlinkable() {
        WasmjarEngine engine = new WasmjarEngine(wasm -> reexporter(new GlobalType(ValType.I32, true)));
        LinkException e = assertThrows(LinkException.class, () -> engine.compile(new byte[0]).instantiate());
        assertTrue(e.getMessage().startsWith("incompatible import type"), e.getMessage());
    }
}
