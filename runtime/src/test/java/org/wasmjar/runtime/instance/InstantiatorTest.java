package org.wasmjar.runtime.instance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wasmjar.runtime.testing.ModuleBuilder.f32;
import static org.wasmjar.runtime.testing.ModuleBuilder.i32;
import static org.wasmjar.runtime.types.ValType.FUNCREF;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmjar.runtime.abi.Abi;
import org.wasmjar.runtime.api.Invoker;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.testing.ModuleBuilder;
import org.wasmjar.runtime.testing.code.ConstCode;
import org.wasmjar.runtime.testing.code.StartCode;
import org.wasmjar.runtime.types.Const;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.GlobalType;
import org.wasmjar.runtime.types.SegmentMode;
import org.wasmjar.runtime.types.ValType;

class InstantiatorTest {
    private static final FuncType V_I = new FuncType(List.of(), List.of(ValType.I32));
    private static final FuncType V_V = new FuncType(List.of(), List.of());

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.US_ASCII); }

    private static Global global(ValType type, int i32, long i64) {
        Global g = new Global(new GlobalType(type, false));
        g.i32 = i32;
        g.i64 = i64;
        return g;
    }

    @Test
    void initialisesGlobalsInOrder() {
        byte[] v128 = new byte[16];
        for (int i = 0; i < 16; i++) v128[i] = (byte) (i + 1);
        long nanBits = 0x7FF4000000000001L;
        ModuleBuilder b = new ModuleBuilder("globals")
                .importGlobal("env", "base", ValType.I64, false)
                .func(V_I, "f")
                .global(ValType.I32, true, i32(42))
                .global(ValType.I64, false, new Const.GlobalGet(0))
                .global(ValType.F32, false, f32(1.5f))
                .global(ValType.F64, false, new Const.Value(ValType.F64, nanBits, null))
                .global(FUNCREF, false, new Const.RefFunc(0))
                .global(ValType.EXTERNREF, false, new Const.RefNull(ValType.EXTERNREF))
                .global(ValType.V128, false, new Const.Value(ValType.V128, 0, v128))
                .export("counter", ExternKind.GLOBAL, 1);
        Global base = global(ValType.I64, 0, -7L);
        Instance inst = new Linker().define("env", "base", base).instantiate(b.compiled(ConstCode.class));
        Global[] g = inst.globals;
        assertSame(base, g[0], "imported cells are shared");
        assertEquals(42, g[1].i32);
        assertEquals(-7L, g[2].i64);
        assertEquals(1.5f, g[3].f32);
        assertEquals(nanBits, Double.doubleToRawLongBits(g[4].f64), "NaN payload kept");
        assertSame(inst.functions[0], g[5].ref);
        assertNull(g[6].ref);
        assertEquals(0x0807060504030201L, g[7].v128lo);
        assertEquals(0x100F0E0D0C0B0A09L, g[7].v128hi);
        assertSame(g[1], inst.export("counter"));
    }

    @Test
    void initialisesTablesAndDropsUsedSegments() {
        ModuleBuilder b = new ModuleBuilder("elems")
                .importGlobal("env", "offset", ValType.I32, false)
                .func(V_I, "f")
                .table(FUNCREF, 5, 8)
                .elem(SegmentMode.ACTIVE, 0, new Const.GlobalGet(0), new Const.RefFunc(0), new Const.RefNull(FUNCREF), new Const.RefFunc(0))
                .elem(SegmentMode.PASSIVE, 0, null, new Const.RefFunc(0))
                .elem(SegmentMode.DECLARATIVE, 0, null, new Const.RefFunc(0))
                .export("tab", ExternKind.TABLE, 0);
        Instance inst = new Linker().define("env", "offset", global(ValType.I32, 2, 0)).instantiate(b.compiled(ConstCode.class));
        Table table = inst.tables[0];
        assertSame(table, inst.export("tab"));
        assertEquals(5, table.size);
        assertEquals(8, table.max());
        assertArrayEquals(new Object[] {null, null, inst.functions[0], null, inst.functions[0]}, table.elements);
        assertEquals(0, inst.elements[0].length, "active segment dropped");
        assertArrayEquals(new Object[] {inst.functions[0]}, inst.elements[1], "passive segment kept");
        assertEquals(0, inst.elements[2].length, "declarative segment dropped");
        assertEquals(inst.typeIds[0], inst.functions[0].typeId);
    }

    @Test
    void initialisesMemoryAndDropsUsedSegments() {
        ModuleBuilder b = new ModuleBuilder("data")
                .memory(1, -1)
                .data(SegmentMode.ACTIVE, i32(10), bytes("abc"))
                .data(SegmentMode.PASSIVE, null, bytes("xyz"))
                .data(SegmentMode.ACTIVE, i32(65533), bytes("end"))
                .export("mem", ExternKind.MEMORY, 0);
        Instance inst = new Linker().instantiate(b.compiled());
        assertSame(inst.memory, inst.export("mem"));
        assertEquals("abc", new String(inst.memory.bytes, 10, 3, StandardCharsets.US_ASCII));
        assertEquals("end", new String(inst.memory.bytes, 65533, 3, StandardCharsets.US_ASCII));
        assertEquals(0, inst.data[0].length);
        assertArrayEquals(bytes("xyz"), inst.data[1]);
        assertNull(inst.export("nothing"));
    }

    @Test
    void tableSegmentOutOfBoundsTrapsAfterEarlierSegmentsAndBeforeData() {
        Table shared = new Table(FUNCREF, 10, -1);
        Memory mem = new Memory(1, -1);
        ModuleBuilder b = new ModuleBuilder("oob")
                .importTable("Mt", "tab", FUNCREF, 10, -1)
                .importMemory("Mt", "mem", 1, -1)
                .func(V_I, "f")
                .elem(SegmentMode.ACTIVE, 0, i32(7), new Const.RefFunc(0))
                .elem(SegmentMode.ACTIVE, 0, i32(8), new Const.RefFunc(0), new Const.RefFunc(0), new Const.RefFunc(0))
                .data(SegmentMode.ACTIVE, i32(0), bytes("hello"));
        Linker linker = new Linker().define("Mt", "tab", shared).define("Mt", "mem", mem);
        Trap trap = assertThrows(Trap.class, () -> linker.instantiate(b.compiled(ConstCode.class)));
        assertEquals(TrapKind.OUT_OF_BOUNDS_TABLE, trap.kind());
        assertEquals("out of bounds table access: element segment 1 (3 entries at 8) does not fit table 0 of size 10", trap.getMessage());
        assertTrue(shared.elements[7] instanceof WasmFunction, "the first segment stays written");
        assertNull(shared.elements[8], "the failing segment writes nothing");
        assertEquals(0, mem.bytes[0], "data segments come after element segments");
        // The function the failed instance left in the table still works.
        assertArrayEquals(new Object[] {7}, Invoker.call((WasmFunction) shared.elements[7]));
    }

    @Test
    void dataSegmentOutOfBoundsTrapsAfterEarlierSegments() {
        Memory mem = new Memory(1, -1);
        ModuleBuilder b = new ModuleBuilder("oob")
                .importMemory("Mm", "mem", 1, -1)
                .data(SegmentMode.ACTIVE, i32(0), bytes("abc"))
                .data(SegmentMode.ACTIVE, i32(65534), bytes("zzz"))
                .data(SegmentMode.ACTIVE, i32(100), bytes("q"));
        Trap trap = assertThrows(Trap.class, () -> new Linker().define("Mm", "mem", mem).instantiate(b.compiled()));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap.kind());
        assertEquals("abc", new String(mem.bytes, 0, 3, StandardCharsets.US_ASCII));
        assertEquals(0, mem.bytes[65534]);
        assertEquals(0, mem.bytes[100]);
        // Offsets are unsigned: -1 is 4 GiB - 1, out of bounds, even for an empty segment.
        ModuleBuilder negative = new ModuleBuilder("neg").importMemory("Mm", "mem", 1, -1).data(SegmentMode.ACTIVE, i32(-1), new byte[0]);
        assertThrows(Trap.class, () -> new Linker().define("Mm", "mem", mem).instantiate(negative.compiled()));
        ModuleBuilder atEnd = new ModuleBuilder("end").importMemory("Mm", "mem", 1, -1).data(SegmentMode.ACTIVE, i32(65536), new byte[0]);
        new Linker().define("Mm", "mem", mem).instantiate(atEnd.compiled());
    }

    @Test
    void runsStartFunctionLast() {
        ModuleBuilder b = new ModuleBuilder("start")
                .func(V_V, "start").func(V_V, "start_trap")
                .memory(1, -1)
                .global(ValType.I32, true, i32(10))
                .data(SegmentMode.ACTIVE, i32(1), new byte[] {5})
                .start(0);
        Instance inst = new Linker().instantiate(b.compiled(StartCode.class));
        assertEquals(11, inst.globals[0].i32);
        assertEquals(42, inst.memory.bytes[1], "the start function runs after data initialisation");
    }

    @Test
    void trappingStartFunctionLeavesItsWritesInSharedMemory() {
        Memory mem = new Memory(1, -1);
        ModuleBuilder b = new ModuleBuilder("start")
                .importMemory("env", "mem", 1, -1)
                .func(V_V, "start").func(V_V, "start_trap")
                .global(ValType.I32, true, i32(0))
                .start(1);
        Trap trap = assertThrows(Trap.class, () -> new Linker().define("env", "mem", mem).instantiate(b.compiled(StartCode.class)));
        assertEquals(TrapKind.UNREACHABLE, trap.kind());
        assertEquals(List.of("start_trap"), trap.wasmBacktrace());
        assertEquals(9, mem.bytes[2]);
    }

    @Test
    void memoryBeyondAJavaArrayIsAClearError() {
        ModuleBuilder b = new ModuleBuilder("big").memory(40000, -1);
        WasmjarException e = assertThrows(WasmjarException.class, () -> new Linker().instantiate(b.compiled()));
        assertEquals("memory of 40000 pages (2621440000 bytes) is larger than the 32767 pages a JVM byte[] can hold", e.getMessage());
    }

    @Test
    void sharesImportedFunctionsAndBindsOwnOnes() {
        Instance provider = new Linker().instantiate(new ModuleBuilder("p").func(V_I, "seven")
                .export("seven", ExternKind.FUNC, 0).compiled(ConstCode.class));
        WasmFunction seven = (WasmFunction) provider.export("seven");
        Instance user = new Linker().define("p", "seven", seven)
                .instantiate(new ModuleBuilder("u").importFunc("p", "seven", V_I).compiled());
        assertSame(seven, user.functions[0]);
        assertEquals("seven", seven.name);
        assertEquals(V_I, seven.type);
        assertEquals(Abi.methodType(V_I), seven.handle.type());
    }
}
