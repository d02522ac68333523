package org.wasmjar.compiler.wasm.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.wasm.model.ConstExpr;
import org.wasmjar.compiler.wasm.model.DataSegment;
import org.wasmjar.compiler.wasm.model.ElementSegment;
import org.wasmjar.compiler.wasm.model.FunctionBody;
import org.wasmjar.compiler.wasm.model.LocalDecl;
import org.wasmjar.compiler.wasm.model.Names;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.compiler.wasm.model.WasmModule;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.GlobalType;
import org.wasmjar.runtime.types.Import;
import org.wasmjar.runtime.types.Limits;
import org.wasmjar.runtime.types.SegmentMode;
import org.wasmjar.runtime.types.ValType;

class ModuleParserTest {
    private static final int TYPE = 1, IMPORT = 2, FUNCTION = 3, TABLE = 4, MEMORY = 5, GLOBAL = 6, EXPORT = 7,
            START = 8, ELEMENT = 9, CODE = 10, DATA = 11, DATA_COUNT = 12;

    /** type 0: () -> (); type 1: (i32, i64) -> f32. */
    private static WasmBytes types() {
        return WasmBytes.of(0x02, 0x60, 0x00, 0x00, 0x60, 0x02, 0x7F, 0x7E, 0x01, 0x7D);
    }

    private static WasmBytes emptyBody() { return WasmBytes.of().body(WasmBytes.of(0x00, 0x0B)); }

    private static String failure(WasmBytes module) {
        return assertThrows(MalformedModuleException.class, () -> ModuleParser.parse(module.build())).reason();
    }

    @Test
    void emptyModule() {
        WasmModule m = ModuleParser.parse(WasmBytes.module().build());
        assertTrue(m.types().isEmpty());
        assertEquals(-1, m.start());
        assertEquals(-1, m.dataCount());
        assertEquals(Names.EMPTY, m.names());
    }

    @Test
    void headerErrors() {
        assertEquals("unexpected end", failure(WasmBytes.of(0x00, 0x61)));
        assertEquals("magic header not detected", failure(WasmBytes.of(0x00, 0x41, 0x53, 0x4D, 1, 0, 0, 0)));
        assertEquals("unknown binary version", failure(WasmBytes.of(0x00, 0x61, 0x73, 0x6D, 2, 0, 0, 0)));
        assertEquals("unexpected end", failure(WasmBytes.of(0x00, 0x61, 0x73, 0x6D, 1, 0)));
    }

    @Test
    void everySection() {
        WasmBytes m = WasmBytes.module()
                .section(TYPE, types())
                .section(IMPORT, WasmBytes.of(0x04)
                        .name("env").name("f").raw(0x00, 0x01)
                        .name("env").name("t").raw(0x01, 0x70, 0x01, 0x01, 0x0A)
                        .name("env").name("m").raw(0x02, 0x00, 0x02)
                        .name("env").name("g").raw(0x03, 0x7E, 0x01))
                .section(FUNCTION, WasmBytes.of(0x02, 0x00, 0x01))
                .section(TABLE, WasmBytes.of(0x01, 0x6F, 0x00, 0x05))
                .section(MEMORY, WasmBytes.of(0x01, 0x01, 0x01, 0x80, 0x80, 0x04))
                .section(GLOBAL, WasmBytes.of(0x01, 0x7F, 0x00, 0x41, 0x2A, 0x0B))
                .section(EXPORT, WasmBytes.of(0x02).name("run").raw(0x00, 0x01).name("mem").raw(0x02, 0x00))
                .section(START, WasmBytes.of(0x01))
                .section(ELEMENT, WasmBytes.of(0x01, 0x00, 0x41, 0x00, 0x0B, 0x02, 0x01, 0x02))
                .section(DATA_COUNT, WasmBytes.of(0x02))
                .section(CODE, WasmBytes.of(0x02)
                        .raw(emptyBody().build())
                        .body(WasmBytes.of(0x02, 0x03, 0x7F, 0x01, 0x7C, 0x20, 0x00, 0x1A, 0x0B)))
                .section(DATA, WasmBytes.of(0x02, 0x00, 0x41, 0x08, 0x0B, 0x02, 0x68, 0x69, 0x01, 0x01, 0x21));
        WasmModule mod = ModuleParser.parse(m.build());

        assertEquals(List.of(new FuncType(List.of(), List.of()),
                new FuncType(List.of(ValType.I32, ValType.I64), List.of(ValType.F32))), mod.types());
        assertEquals(Import.func("env", "f", 1), mod.imports().get(0));
        assertEquals(new Limits(1, 10), mod.imports().get(1).table().limits());
        assertEquals(new Limits(2, -1), mod.imports().get(2).memory().limits());
        assertEquals(new GlobalType(ValType.I64, true), mod.imports().get(3).global());
        assertEquals(1, mod.importCount(ExternKind.TABLE));
        assertEquals(List.of(0, 1), mod.functionTypes());
        assertEquals(ValType.EXTERNREF, mod.tables().get(0).elemType());
        assertEquals(new Limits(1, 65536), mod.memories().get(0).limits());
        assertEquals(new GlobalType(ValType.I32, false), mod.globals().get(0).type());
        assertEquals(42, mod.globals().get(0).init().instructions().get(0).c());
        assertEquals(List.of(new Export("run", ExternKind.FUNC, 1), new Export("mem", ExternKind.MEMORY, 0)), mod.exports());
        assertEquals(1, mod.start());
        assertEquals(2, mod.dataCount());

        ElementSegment elem = mod.elements().get(0);
        assertEquals(SegmentMode.ACTIVE, elem.mode());
        assertEquals(2, elem.items().size());
        assertEquals(Opcodes.REF_FUNC, elem.items().get(1).instructions().get(0).opcode());
        assertEquals(2, elem.items().get(1).instructions().get(0).a());

        FunctionBody body = mod.codes().get(1);
        assertEquals(List.of(new LocalDecl(3, ValType.I32), new LocalDecl(1, ValType.F64)), body.locals());
        assertEquals(List.of(Opcodes.LOCAL_GET, Opcodes.DROP, Opcodes.END), body.code().stream().map(i -> i.opcode()).toList());
        byte[] bytes = m.build();
        assertEquals(0x02, bytes[body.offset()], "offset points at the local declarations");
        assertEquals(0x20, bytes[body.code().get(0).offset()]);

        DataSegment active = mod.data().get(0);
        assertEquals(SegmentMode.ACTIVE, active.mode());
        assertArrayEquals(new byte[] {'h', 'i'}, active.bytes());
        assertEquals(8, active.offset().instructions().get(0).c());
        assertEquals(SegmentMode.PASSIVE, mod.data().get(1).mode());
        assertNull(mod.data().get(1).offset());
    }

    @Test
    void allEightElementEncodingsAreNormalised() {
        WasmBytes refFunc0 = WasmBytes.of(0xD2, 0x00, 0x0B);
        WasmBytes m = WasmBytes.module()
                .section(TYPE, WasmBytes.of(0x01, 0x60, 0x00, 0x00))
                .section(FUNCTION, WasmBytes.of(0x01, 0x00))
                .section(TABLE, WasmBytes.of(0x02, 0x70, 0x00, 0x01, 0x6F, 0x00, 0x01))
                .section(ELEMENT, WasmBytes.of(0x08)
                        .raw(0x00, 0x41, 0x00, 0x0B, 0x01, 0x00)                  // active, table 0, indices
                        .raw(0x01, 0x00, 0x01, 0x00)                              // passive, elemkind, indices
                        .raw(0x02, 0x01, 0x41, 0x00, 0x0B, 0x00, 0x01, 0x00)      // active, table 1, elemkind, indices
                        .raw(0x03, 0x00, 0x01, 0x00)                              // declarative, elemkind, indices
                        .raw(0x04, 0x41, 0x00, 0x0B, 0x01).raw(refFunc0.build())  // active, table 0, expressions
                        .raw(0x05, 0x6F, 0x01, 0xD0, 0x6F, 0x0B)                  // passive, reftype, expressions
                        .raw(0x06, 0x01, 0x41, 0x00, 0x0B, 0x70, 0x01).raw(refFunc0.build()) // active, table 1
                        .raw(0x07, 0x70, 0x01).raw(refFunc0.build()))             // declarative, expressions
                .section(CODE, WasmBytes.of(0x01).raw(emptyBody().build()));
        List<ElementSegment> e = ModuleParser.parse(m.build()).elements();
        assertEquals(List.of(SegmentMode.ACTIVE, SegmentMode.PASSIVE, SegmentMode.ACTIVE, SegmentMode.DECLARATIVE,
                SegmentMode.ACTIVE, SegmentMode.PASSIVE, SegmentMode.ACTIVE, SegmentMode.DECLARATIVE),
                e.stream().map(ElementSegment::mode).toList());
        assertEquals(List.of(0, 0, 1, 0, 0, 0, 1, 0), e.stream().map(ElementSegment::table).toList());
        assertEquals(ValType.EXTERNREF, e.get(5).type());
        assertEquals(Opcodes.REF_NULL, e.get(5).items().get(0).instructions().get(0).opcode());
        for (int i : new int[] {0, 1, 2, 3, 4, 6, 7}) {
            assertEquals(ValType.FUNCREF, e.get(i).type());
            ConstExpr item = e.get(i).items().get(0);
            assertEquals(1, item.instructions().size());
            assertEquals(Opcodes.REF_FUNC, item.instructions().get(0).opcode(), "segment " + i);
        }
        assertNull(e.get(1).offset());
        assertEquals(Opcodes.I32_CONST, e.get(6).offset().instructions().get(0).opcode());
        assertEquals("malformed elements segment kind", failure(WasmBytes.module().section(ELEMENT, WasmBytes.of(0x01, 0x08))));
        assertEquals("malformed element kind", failure(WasmBytes.module().section(ELEMENT, WasmBytes.of(0x01, 0x01, 0x01, 0x00))));
    }

    @Test
    void nameSectionIsDecoded() {
        WasmBytes names = WasmBytes.of().name("name")
                .raw(0x00).body(WasmBytes.of().name("mod"))
                .raw(0x01).body(WasmBytes.of(0x01, 0x00).name("main"))
                .raw(0x02).body(WasmBytes.of(0x01, 0x00, 0x02, 0x00).name("x").raw(0x01).name("y"))
                .raw(0x07).body(WasmBytes.of(0x00)); // a subsection we do not use
        WasmModule m = ModuleParser.parse(WasmBytes.module().section(0, names).build());
        assertEquals(new Names("mod", Map.of(0, "main"), Map.of(0, Map.of(0, "x", 1, "y"))), m.names());
        assertEquals("name", m.customSections().get(0).name());
    }

    @Test
    void malformedNameSectionIsIgnored() {
        WasmBytes names = WasmBytes.of().name("name").raw(0x01).body(WasmBytes.of(0x05, 0x00).name("main"));
        WasmModule m = ModuleParser.parse(WasmBytes.module().section(0, names).build());
        assertEquals(Names.EMPTY, m.names());
        assertEquals(1, m.customSections().size());
    }

    @Test
    void customSectionsAreKeptAnywhere() {
        WasmModule m = ModuleParser.parse(WasmBytes.module()
                .section(0, WasmBytes.of().name("a").raw(1, 2, 3))
                .section(TYPE, WasmBytes.of(0x00))
                .section(0, WasmBytes.of().name("b"))
                .build());
        assertEquals("a", m.customSections().get(0).name());
        assertArrayEquals(new byte[] {1, 2, 3}, m.customSections().get(0).bytes());
        assertEquals(0, m.customSections().get(1).bytes().length);
        assertEquals("malformed UTF-8 encoding", failure(WasmBytes.module().section(0, WasmBytes.of(0x01, 0xFF))));
    }

    @Test
    void sectionStructure() {
        assertEquals("malformed section id", failure(WasmBytes.module().raw(0x0D, 0x00)));
        assertEquals("unexpected content after last section",
                failure(WasmBytes.module().section(FUNCTION, WasmBytes.of(0x00)).section(TYPE, WasmBytes.of(0x00))));
        assertEquals("unexpected content after last section",
                failure(WasmBytes.module().section(TYPE, WasmBytes.of(0x00)).section(TYPE, WasmBytes.of(0x00))));
        assertEquals("unexpected content after last section",
                failure(WasmBytes.module().section(CODE, WasmBytes.of(0x00)).section(DATA_COUNT, WasmBytes.of(0x00))));
        assertEquals("section size mismatch", failure(WasmBytes.module().section(TYPE, WasmBytes.of(0x00, 0x00))));
        assertEquals("unexpected end of section or function", failure(WasmBytes.module().section(TYPE, WasmBytes.of(0x01, 0x60))));
        assertEquals("length out of bounds", failure(WasmBytes.module().raw(TYPE, 0x05, 0x00)));
    }

    @Test
    void countsMustAgree() {
        WasmBytes oneType = WasmBytes.of(0x01, 0x60, 0x00, 0x00);
        assertEquals("function and code section have inconsistent lengths", failure(WasmBytes.module()
                .section(TYPE, oneType).section(FUNCTION, WasmBytes.of(0x01, 0x00))));
        assertEquals("function and code section have inconsistent lengths", failure(WasmBytes.module()
                .section(CODE, WasmBytes.of(0x01).raw(emptyBody().build()))));
        assertEquals("data count and data section have inconsistent lengths", failure(WasmBytes.module()
                .section(DATA_COUNT, WasmBytes.of(0x01))));
        assertEquals("data count section required", failure(WasmBytes.module()
                .section(TYPE, oneType).section(FUNCTION, WasmBytes.of(0x01, 0x00))
                .section(MEMORY, WasmBytes.of(0x01, 0x00, 0x01))
                .section(CODE, WasmBytes.of(0x01).body(WasmBytes.of(0x00, 0xFC, 0x09, 0x00, 0x0B)))
                .section(DATA, WasmBytes.of(0x01, 0x01, 0x00))));
    }

    @Test
    void localsAreCountedAsUnsigned() {
        WasmBytes types = WasmBytes.of(0x01, 0x60, 0x00, 0x00);
        WasmBytes funcs = WasmBytes.of(0x01, 0x00);
        WasmModule ok = ModuleParser.parse(WasmBytes.module().section(TYPE, types).section(FUNCTION, funcs)
                .section(CODE, WasmBytes.of(0x01).body(WasmBytes.of(0x02).u32(0xFFFFFFFEL).raw(0x7F).u32(1).raw(0x7E).raw(0x0B)))
                .build());
        assertEquals(0xFFFFFFFEL, ok.codes().get(0).locals().get(0).count());
        assertEquals("too many locals", failure(WasmBytes.module().section(TYPE, types).section(FUNCTION, funcs)
                .section(CODE, WasmBytes.of(0x01).body(WasmBytes.of(0x02).u32(0xFFFFFFFFL).raw(0x7F).u32(1).raw(0x7E).raw(0x0B)))));
    }

    @Test
    void entryEncodings() {
        assertEquals("malformed import kind", failure(WasmBytes.module()
                .section(IMPORT, WasmBytes.of(0x01).name("a").name("b").raw(0x04, 0x00))));
        assertEquals("malformed mutability", failure(WasmBytes.module()
                .section(GLOBAL, WasmBytes.of(0x01, 0x7F, 0x02, 0x41, 0x00, 0x0B))));
        assertEquals("integer too large", failure(WasmBytes.module().section(MEMORY, WasmBytes.of(0x01, 0x02, 0x00))));
        assertEquals("integer representation too long", failure(WasmBytes.module().section(MEMORY, WasmBytes.of(0x01, 0x81, 0x00))));
        assertEquals("malformed reference type", failure(WasmBytes.module().section(TABLE, WasmBytes.of(0x01, 0x7F, 0x00, 0x00))));
        assertEquals("malformed export kind", failure(WasmBytes.module()
                .section(EXPORT, WasmBytes.of(0x01).name("x").raw(0x04, 0x00))));
        assertEquals("malformed data segment kind", failure(WasmBytes.module().section(DATA, WasmBytes.of(0x01, 0x03))));
        assertEquals("malformed function type", failure(WasmBytes.module().section(TYPE, WasmBytes.of(0x01, 0x61, 0x00, 0x00))));
    }

    @Test
    void errorsCarryTheirOffset() {
        byte[] bytes = WasmBytes.module().section(TYPE, WasmBytes.of(0x01, 0x60, 0x01, 0x55, 0x00)).build();
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> ModuleParser.parse(bytes));
        assertEquals("malformed value type", e.reason());
        assertEquals(13, e.offset());
        assertEquals("malformed: malformed value type at offset 0xd", e.getMessage());
    }
}
