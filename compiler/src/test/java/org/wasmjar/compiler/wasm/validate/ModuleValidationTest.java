package org.wasmjar.compiler.wasm.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.wasmjar.compiler.wasm.model.Opcodes.*;
import static org.wasmjar.compiler.wasm.validate.ModuleBuilder.*;
import static org.wasmjar.runtime.types.ValType.EXTERNREF;
import static org.wasmjar.runtime.types.ValType.F32;
import static org.wasmjar.runtime.types.ValType.FUNCREF;
import static org.wasmjar.runtime.types.ValType.I32;
import static org.wasmjar.runtime.types.ValType.I64;
import static org.wasmjar.runtime.types.ValType.V128;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.wasm.model.DataSegment;
import org.wasmjar.compiler.wasm.model.ElementSegment;
import org.wasmjar.compiler.wasm.model.Global;
import org.wasmjar.compiler.wasm.model.Names;
import org.wasmjar.runtime.types.Const;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.GlobalType;
import org.wasmjar.runtime.types.Import;
import org.wasmjar.runtime.types.Limits;
import org.wasmjar.runtime.types.MemoryType;
import org.wasmjar.runtime.types.ModuleInfo;
import org.wasmjar.runtime.types.SegmentMode;
import org.wasmjar.runtime.types.TableType;

/** Module-level rules and the runtime descriptor built along the way. */
class ModuleValidationTest {
    private static final FuncType VOID = sig(List.of(), List.of());

    private static ModuleBuilder withGlobal(GlobalType type, org.wasmjar.compiler.wasm.model.ConstExpr init) {
        ModuleBuilder b = new ModuleBuilder();
        b.imports.add(Import.global("env", "c", new GlobalType(I32, false)));
        b.imports.add(Import.global("env", "m", new GlobalType(I32, true)));
        b.globals.add(new Global(type, init));
        return b;
    }

    @Test
    void descriptorListsEveryFunctionAndConvertsConstants() {
        ModuleBuilder b = new ModuleBuilder();
        int t1 = b.type(sig(List.of(I32), List.of()));
        b.imports.add(Import.func("env", "log", t1));
        b.imports.add(Import.global("env", "base", new GlobalType(I32, false)));
        b.func(VOID).func(sig(List.of(), List.of(I64)), i64(-1));
        b.tables.add(new TableType(FUNCREF, new Limits(2, 10)));
        b.memories.add(new MemoryType(new Limits(1, 2)));
        b.globals.add(new Global(new GlobalType(I32, true), expr(i32(-1))));
        b.globals.add(new Global(new GlobalType(F32, false), expr(f32(1.5f))));
        b.globals.add(new Global(new GlobalType(I32, false), expr(op(GLOBAL_GET, 0))));
        b.globals.add(new Global(new GlobalType(FUNCREF, false), expr(op(REF_FUNC, 2))));
        byte[] v = new byte[16];
        v[3] = 9;
        b.globals.add(new Global(new GlobalType(V128, false), expr(withExtra(V128_CONST, 0, v))));
        b.elements.add(new ElementSegment(SegmentMode.ACTIVE, FUNCREF, 0, expr(op(GLOBAL_GET, 0)),
            List.of(expr(op(REF_FUNC, 1)), expr(withExtra(REF_NULL, 0, FUNCREF)))));
        b.data.add(new DataSegment(SegmentMode.ACTIVE, 0, expr(i32(16)), new byte[] {1, 2}));
        b.exports.add(new Export("main", ExternKind.FUNC, 1));
        b.start = 1;
        b.names = new Names("demo", Map.of(1, "main", 0, "log"), Map.of());

        ValidatedModule vm = Validator.validate(b.build());
        ModuleInfo info = vm.info();
        assertEquals("demo", info.moduleName());
        assertEquals(List.of(0, 1, 2), info.functionTypes());
        assertEquals(VOID, info.functionType(1));
        assertEquals(java.util.Arrays.asList("log", "main", null), info.functionNames());
        assertEquals(new Const.Value(I32, 0xFFFFFFFFL, null), info.globals().get(0).init());
        assertEquals(new Const.Value(F32, Float.floatToRawIntBits(1.5f), null), info.globals().get(1).init());
        assertEquals(new Const.GlobalGet(0), info.globals().get(2).init());
        assertEquals(new Const.RefFunc(2), info.globals().get(3).init());
        assertArrayEquals(v, ((Const.Value) info.globals().get(4).init()).v128());
        ModuleInfo.ElementDef e = info.elements().get(0);
        assertEquals(new Const.GlobalGet(0), e.offset());
        assertEquals(List.of(new Const.RefFunc(1), new Const.RefNull(FUNCREF)), e.items());
        assertEquals(new Const.Value(I32, 16, null), info.data().get(0).offset());
        assertEquals(1, info.start());
        assertEquals(3, vm.functionCount());
        assertEquals(1, vm.importedFunctionCount());
    }

    @Test
    void globalInitialisersAreConstantExpressionsOverImportedImmutableGlobals() {
        GlobalType i32 = new GlobalType(I32, false);
        Validator.validate(withGlobal(i32, expr(op(GLOBAL_GET, 0))).build());
        assertInvalid("constant expression required", withGlobal(i32, expr(op(GLOBAL_GET, 1))).build());
        assertInvalid("unknown global 2", withGlobal(i32, expr(op(GLOBAL_GET, 2))).build());
        assertInvalid("constant expression required", withGlobal(i32, expr(i32(1), i32(2), op(I32_ADD))).build());
        assertInvalid("constant expression required", withGlobal(i32, expr(op(NOP), i32(1))).build());
        assertInvalid("type mismatch", withGlobal(i32, expr(i64(1))).build());
        assertInvalid("type mismatch", withGlobal(i32, expr()).build());
        assertInvalid("type mismatch", withGlobal(i32, expr(i32(1), i32(2))).build());
        assertInvalid("type mismatch", withGlobal(new GlobalType(EXTERNREF, false),
            expr(withExtra(REF_NULL, 0, FUNCREF))).build());
        assertInvalid("unknown function 0", withGlobal(new GlobalType(FUNCREF, false), expr(op(REF_FUNC, 0))).build());
    }

    @Test
    void limitsAreChecked() {
        ModuleBuilder b = new ModuleBuilder();
        b.memories.add(new MemoryType(new Limits(65536, 65536)));
        b.tables.add(new TableType(FUNCREF, new Limits(0xFFFFFFFFL, -1)));
        Validator.validate(b.build());
        b.memories.set(0, new MemoryType(new Limits(65537, -1)));
        assertInvalid("memory size must be at most 65536 pages (4GiB)", b.build());
        b.memories.set(0, new MemoryType(new Limits(0, 65537)));
        assertInvalid("memory size must be at most 65536 pages (4GiB)", b.build());
        b.memories.set(0, new MemoryType(new Limits(2, 1)));
        assertInvalid("size minimum must not be greater than maximum", b.build());
        b.memories.clear();
        b.tables.set(0, new TableType(FUNCREF, new Limits(3, 2)));
        assertInvalid("size minimum must not be greater than maximum", b.build());
        ModuleBuilder c = new ModuleBuilder();
        c.imports.add(Import.table("env", "t", new TableType(EXTERNREF, new Limits(5, 4))));
        assertInvalid("size minimum must not be greater than maximum", c.build());
    }

    @Test
    void atMostOneMemory() {
        ModuleBuilder b = new ModuleBuilder();
        b.imports.add(Import.memory("env", "m", new MemoryType(new Limits(1, -1))));
        Validator.validate(b.build());
        b.memories.add(new MemoryType(new Limits(1, -1)));
        assertInvalid("multiple memories", b.build());
    }

    @Test
    void importsNeedKnownTypes() {
        ModuleBuilder b = new ModuleBuilder();
        b.imports.add(Import.func("env", "f", 0));
        assertInvalid("unknown type", b.build());
    }

    @Test
    void exportsAreUniqueAndPointAtSomething() {
        ModuleBuilder b = new ModuleBuilder().func(VOID);
        b.exports.add(new Export("a", ExternKind.FUNC, 0));
        b.exports.add(new Export("b", ExternKind.FUNC, 0));
        Validator.validate(b.build());
        b.exports.add(new Export("a", ExternKind.FUNC, 0));
        assertInvalid("duplicate export name", b.build());
        b.exports.remove(2);
        b.exports.add(new Export("g", ExternKind.GLOBAL, 0));
        assertInvalid("unknown global 0", b.build());
        b.exports.set(2, new Export("m", ExternKind.MEMORY, 0));
        assertInvalid("unknown memory 0", b.build());
        b.exports.set(2, new Export("t", ExternKind.TABLE, 0));
        assertInvalid("unknown table 0", b.build());
        b.exports.set(2, new Export("f", ExternKind.FUNC, 1));
        assertInvalid("unknown function 1", b.build());
    }

    @Test
    void startFunctionTakesAndReturnsNothing() {
        ModuleBuilder b = new ModuleBuilder().func(VOID).func(sig(List.of(I32), List.of()));
        b.start = 0;
        Validator.validate(b.build());
        b.start = 1;
        assertInvalid("start function", b.build());
        b.start = 2;
        assertInvalid("unknown function 2", b.build());
    }

    @Test
    void elementSegmentsMatchTheirTable() {
        ModuleBuilder b = new ModuleBuilder().func(VOID);
        b.tables.add(new TableType(EXTERNREF, new Limits(1, -1)));
        b.elements.add(new ElementSegment(SegmentMode.ACTIVE, FUNCREF, 0, expr(i32(0)), List.of(expr(op(REF_FUNC, 0)))));
        assertInvalid("type mismatch", b.build());
        b.elements.set(0, new ElementSegment(SegmentMode.ACTIVE, EXTERNREF, 0, expr(i32(0)),
            List.of(expr(withExtra(REF_NULL, 0, EXTERNREF)))));
        Validator.validate(b.build());
        b.elements.set(0, new ElementSegment(SegmentMode.ACTIVE, EXTERNREF, 1, expr(i32(0)), List.of()));
        assertInvalid("unknown table 1", b.build());
        b.elements.set(0, new ElementSegment(SegmentMode.ACTIVE, EXTERNREF, 0, expr(i64(0)), List.of()));
        assertInvalid("type mismatch", b.build());
        b.elements.set(0, new ElementSegment(SegmentMode.PASSIVE, EXTERNREF, -1, null, List.of(expr(op(REF_FUNC, 0)))));
        assertInvalid("type mismatch", b.build());
    }

    @Test
    void dataSegmentsNeedTheirMemory() {
        ModuleBuilder b = new ModuleBuilder();
        b.data.add(new DataSegment(SegmentMode.ACTIVE, 0, expr(i32(0)), new byte[1]));
        assertInvalid("unknown memory 0", b.build());
        b.memories.add(new MemoryType(new Limits(1, -1)));
        Validator.validate(b.build());
        b.data.set(0, new DataSegment(SegmentMode.ACTIVE, 0, expr(f32(0)), new byte[1]));
        assertInvalid("type mismatch", b.build());
        b.data.set(0, new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[1]));
        ModuleInfo.DataDef d = Validator.validate(b.build()).info().data().get(0);
        assertNull(d.offset());
    }
}
