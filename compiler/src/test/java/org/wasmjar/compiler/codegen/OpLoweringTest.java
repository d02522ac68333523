package org.wasmjar.compiler.codegen;

import static org.junit.jupiter.api.Assertions.*;
import static org.wasmjar.compiler.wasm.model.Opcodes.*;
import static org.wasmjar.runtime.types.ValType.*;

import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;
import org.wasmjar.runtime.instance.Global;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.Memory;
import org.wasmjar.runtime.instance.Table;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.GlobalType;
import org.wasmjar.runtime.types.ValType;

/**
 * The operators with immediates or instance state (constants, memory, globals, tables, references), run through
 * generated code, each also checking that {@link OpLowering#estimateSize} does not underestimate it. The numeric operators are
 * covered by {@link OpLoweringSpecTest}.
 */
class OpLoweringTest {
    private static final List<GlobalType> GLOBALS = List.of(new GlobalType(I32, true), new GlobalType(I64, true),
            new GlobalType(F32, true), new GlobalType(F64, true), new GlobalType(FUNCREF, true),
            new GlobalType(EXTERNREF, false));
    private static final FuncType VOID = new FuncType(List.of(), List.of());

    private final OpLowering lowering;
    private final Instance inst = new Instance(OpHarness.emptyInfo());
    private final WasmFunction f0 = new WasmFunction(VOID, 0, MethodHandles.constant(Object.class, null), "f0");
    private final WasmFunction f1 = new WasmFunction(VOID, 0, MethodHandles.constant(Object.class, null), "f1");

    OpLoweringTest() throws Exception {
        lowering = new OpLowering(OpHarness.module(GLOBALS));
        inst.memory = new Memory(1, 3);
        inst.globals = GLOBALS.stream().map(Global::new).toArray(Global[]::new);
        inst.functions = new WasmFunction[] {f0, f1};
        inst.tables = new Table[] {new Table(FUNCREF, 3, 5), new Table(EXTERNREF, 2, -1)};
        inst.data = new byte[][] {{10, 20, 30, 40}};
        inst.elements = new Object[][] {{f1, null, f0}};
    }

    private OpHarness.Compiled op(int opcode, int a, int b, long c, ValType result, ValType... params) {
        Inst i = OpHarness.inst(opcode, a, b, c);
        OpHarness.Compiled op = OpHarness.compile(lowering, i, List.of(params), result);
        assertTrue(lowering.estimateSize(i) >= op.emittedBytes(), "estimate too small for " + opcode);
        return op;
    }

    private OpHarness.Compiled op(int opcode, ValType result, ValType... params) { return op(opcode, 0, 0, 0, result, params); }

    private Object run(OpHarness.Compiled op, Object... args) throws Throwable { return op.call(inst, inst.memory.bytes, args); }

    private static void traps(TrapKind kind, Executable e) { assertEquals(kind, assertThrows(Trap.class, e).kind()); }

    @Test void integerConstantsOfEveryEncoding() throws Throwable {
        for (int v : new int[] {0, -1, 5, 6, -128, 127, 128, -32768, 32767, 32768, 0x12345678, Integer.MIN_VALUE}) {
            assertEquals(v, run(op(I32_CONST, 0, 0, v, I32)));
            assertEquals(v, run(op(I32_CONST, 0, 0, Integer.toUnsignedLong(v), I32))); // either encoding of c
        }
        for (long v : new long[] {0, 1, 2, -1, Long.MIN_VALUE, 0x123456789ABCDEFL}) assertEquals(v, run(op(I64_CONST, 0, 0, v, I64)));
    }

    @Test void floatConstantsKeepEveryBit() throws Throwable {
        for (int bits : new int[] {0, 0x80000000, 0x3F800000, 0x40000000, 0x3F000000, 0x7F800000, 0xFF800000,
                0x7FC00000, 0xFFC00000, 0x7FA00001, 0xFF800001, 0x00000001}) {
            assertEquals(bits, run(op(F32_CONST, 0, 0, Integer.toUnsignedLong(bits), F32)), Integer.toHexString(bits));
        }
        for (long bits : new long[] {0, 0x8000000000000000L, 0x3FF0000000000000L, 0x4000000000000000L,
                0x7FF8000000000000L, 0xFFF8000000000000L, 0x7FF4000000000001L, 0xFFF0000000000001L, 1L}) {
            assertEquals(bits, run(op(F64_CONST, 0, 0, bits, F64)), Long.toHexString(bits));
        }
    }

    @Test void loadsOfEveryWidthWithAndWithoutOffset() throws Throwable {
        byte[] mem = inst.memory.bytes;
        for (int i = 0; i < 16; i++) mem[100 + i] = (byte) (0xF1 + i * 0x11); // f1 02 13 24 35 46 57 68 79 8a ...
        assertEquals(0x241302F1, run(op(I32_LOAD, I32, I32), 100));
        assertEquals(0x241302F1, run(op(I32_LOAD, 2, 0, 96, I32, I32), 4));
        assertEquals(0x68574635241302F1L, run(op(I64_LOAD, I64, I32), 100));
        assertEquals(0x241302F1, run(op(F32_LOAD, 0, 0, 1, F32, I32), 99));
        assertEquals(0x68574635241302F1L, run(op(F64_LOAD, F64, I32), 100));
        assertEquals(0xFFFFFFF1, run(op(I32_LOAD8_S, I32, I32), 100));
        assertEquals(0xF1, run(op(I32_LOAD8_U, 0, 0, 100, I32, I32), 0));
        assertEquals(0x02F1, run(op(I32_LOAD16_S, I32, I32), 100));
        assertEquals(0xFFFF8A79, run(op(I32_LOAD16_S, 0, 0, 8, I32, I32), 100));
        assertEquals(0x8A79, run(op(I32_LOAD16_U, 0, 0, 8, I32, I32), 100));
        assertEquals(0xFFFFFFFFFFFFFFF1L, run(op(I64_LOAD8_S, I64, I32), 100));
        assertEquals(0xF1L, run(op(I64_LOAD8_U, I64, I32), 100));
        assertEquals(0xFFFFFFFFFFFF8A79L, run(op(I64_LOAD16_S, I64, I32), 108));
        assertEquals(0x8A79L, run(op(I64_LOAD16_U, I64, I32), 108));
        assertEquals(0x68574635L, run(op(I64_LOAD32_S, I64, I32), 104));
        assertEquals(0xFFFFFFFFBDAC9B8AL, run(op(I64_LOAD32_S, 0, 0, 9, I64, I32), 100));
        assertEquals(0xBDAC9B8AL, run(op(I64_LOAD32_U, 0, 0, 9, I64, I32), 100));
        assertEquals(0x68574635L, run(op(I64_LOAD32_U, I64, I32), 104));
    }

    @Test void storesOfEveryWidth() throws Throwable {
        byte[] mem = inst.memory.bytes;
        run(op(I32_STORE, null, I32, I32), 0, 0x04030201);
        run(op(I64_STORE, 0, 0, 4, null, I32, I64), 0, 0x0C0B0A0908070605L);
        run(op(F32_STORE, null, I32, F32), 12, 0x7FA00001); // a signalling NaN, bit for bit
        run(op(F64_STORE, 0, 0, 16, null, I32, F64), 0, 0xFFF0000000000001L);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 0, (byte) 0xA0, 0x7F,
                1, 0, 0, 0, 0, 0, (byte) 0xF0, (byte) 0xFF}, Arrays.copyOf(mem, 24));
        run(op(I32_STORE8, null, I32, I32), 30, 0x1FF);
        run(op(I32_STORE16, 0, 0, 1, null, I32, I32), 30, 0xABCDE);
        run(op(I64_STORE8, null, I32, I64), 33, 0x1234L);
        run(op(I64_STORE16, null, I32, I64), 34, 0x56789AL);
        run(op(I64_STORE32, 0, 0, 36, null, I32, I64), 0, 0x1122334455667788L);
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xDE, (byte) 0xBC, 0x34, (byte) 0x9A, 0x78,
                (byte) 0x88, 0x77, 0x66, 0x55, 0}, Arrays.copyOfRange(mem, 30, 41));
        assertEquals(0x7FA00001, run(op(F32_LOAD, F32, I32), 12));
        assertEquals(0xFFF0000000000001L, run(op(F64_LOAD, F64, I32), 16));
    }

    @Test void outOfBoundsAccessesFail() throws Throwable {
        var load = op(I32_LOAD, 0, 0, 1, I32, I32);
        // an IndexOutOfBoundsException is what the call boundary reports as the out-of-bounds trap
        assertThrows(IndexOutOfBoundsException.class, () -> run(load, -1)); // 0xFFFFFFFF + 1 must not wrap to 0
        assertThrows(IndexOutOfBoundsException.class, () -> run(load, 65532));
        var store = op(I64_STORE, null, I32, I64);
        assertThrows(IndexOutOfBoundsException.class, () -> run(store, -8, 1L));
        assertThrows(IndexOutOfBoundsException.class, () -> run(store, 65529, 1L));
        var hugeOffset = op(I32_LOAD8_U, 0, 0, 0xFFFFFFFFL, I32, I32);
        assertThrows(IndexOutOfBoundsException.class, () -> run(hugeOffset, 0));
    }

    @Test void memorySizeAndGrow() throws Throwable {
        var size = op(MEMORY_SIZE, I32);
        var grow = op(MEMORY_GROW, I32, I32);
        assertTrue(grow.reloadMemory());
        assertFalse(size.reloadMemory());
        assertEquals(1, run(size));
        assertEquals(1, run(grow, 1));
        assertEquals(2, run(size));
        assertEquals(2 * 65536, inst.memory.bytes.length);
        assertEquals(-1, run(grow, 2)); // maximum is 3 pages
        assertEquals(2, run(grow, 0));
        assertEquals(-1, run(grow, -1));
    }

    @Test void bulkMemory() throws Throwable {
        byte[] mem = inst.memory.bytes;
        var init = op(MEMORY_INIT, 0, 0, 0, null, I32, I32, I32);
        run(init, 5, 1, 3);
        assertArrayEquals(new byte[] {0, 20, 30, 40, 0}, Arrays.copyOfRange(mem, 4, 9));
        traps(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> run(init, 0, 2, 3));
        run(op(MEMORY_COPY, null, I32, I32, I32), 6, 5, 3);
        assertArrayEquals(new byte[] {0, 20, 20, 30, 40, 0}, Arrays.copyOfRange(mem, 4, 10));
        var fill = op(MEMORY_FILL, null, I32, I32, I32);
        run(fill, 4, 7, 2);
        assertArrayEquals(new byte[] {7, 7, 20, 30}, Arrays.copyOfRange(mem, 4, 8));
        traps(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> run(fill, 65535, 7, 2));
        run(op(DATA_DROP, null));
        run(init, 0, 0, 0);
        traps(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> run(init, 0, 0, 1));
    }

    @Test void globalsOfEveryType() throws Throwable {
        run(op(GLOBAL_SET, 0, 0, 0, null, I32), 42);
        run(op(GLOBAL_SET, 1, 0, 0, null, I64), -5L);
        run(op(GLOBAL_SET, 2, 0, 0, null, F32), 0x7FA00001);
        run(op(GLOBAL_SET, 3, 0, 0, null, F64), 0x7FF0000000000001L);
        run(op(GLOBAL_SET, 4, 0, 0, null, FUNCREF), f1);
        inst.globals[5].ref = "host";
        assertEquals(42, inst.globals[0].i32);
        assertEquals(-5L, inst.globals[1].i64);
        assertEquals(42, run(op(GLOBAL_GET, 0, 0, 0, I32)));
        assertEquals(-5L, run(op(GLOBAL_GET, 1, 0, 0, I64)));
        assertEquals(0x7FA00001, run(op(GLOBAL_GET, 2, 0, 0, F32)));
        assertEquals(0x7FF0000000000001L, run(op(GLOBAL_GET, 3, 0, 0, F64)));
        assertSame(f1, run(op(GLOBAL_GET, 4, 0, 0, FUNCREF)));
        assertEquals("host", run(op(GLOBAL_GET, 5, 0, 0, EXTERNREF)));
    }

    @Test void references() throws Throwable {
        assertNull(run(op(REF_NULL, FUNCREF)));
        var isNull = op(REF_IS_NULL, I32, EXTERNREF);
        assertEquals(1, run(isNull, (Object) null));
        assertEquals(0, run(isNull, "x"));
        assertSame(f1, run(op(REF_FUNC, 1, 0, 0, FUNCREF)));
    }

    @Test void tables() throws Throwable {
        var set = op(TABLE_SET, 0, 0, 0, null, I32, FUNCREF);
        var get = op(TABLE_GET, 0, 0, 0, FUNCREF, I32);
        run(set, 2, f0);
        assertSame(f0, run(get, 2));
        traps(TrapKind.OUT_OF_BOUNDS_TABLE, () -> run(get, 3));
        traps(TrapKind.OUT_OF_BOUNDS_TABLE, () -> run(set, -1, f0));
        var size = op(TABLE_SIZE, 1, 0, 0, I32);
        var grow = op(TABLE_GROW, 1, 0, 0, I32, EXTERNREF, I32);
        assertEquals(2, run(size));
        assertEquals(2, run(grow, "x", 3));
        assertEquals(5, run(size));
        assertEquals("x", run(op(TABLE_GET, 1, 0, 0, EXTERNREF, I32), 4));
        var fill = op(TABLE_FILL, 1, 0, 0, null, I32, EXTERNREF, I32);
        run(fill, 0, "y", 2);
        assertEquals("y", inst.tables[1].elements[1]);
        traps(TrapKind.OUT_OF_BOUNDS_TABLE, () -> run(fill, 4, "z", 2));
        var init = op(TABLE_INIT, 0, 0, 0, null, I32, I32, I32);
        run(init, 0, 0, 3);
        assertArrayEquals(new Object[] {f1, null, f0}, inst.tables[0].elements);
        run(op(TABLE_COPY, 0, 0, 0, null, I32, I32, I32), 1, 0, 2);
        assertArrayEquals(new Object[] {f1, f1, null}, inst.tables[0].elements);
        run(op(TABLE_COPY, 1, 0, 0, null, I32, I32, I32), 3, 0, 2); // from table 0 into table 1
        assertSame(f1, inst.tables[1].elements[4]);
        traps(TrapKind.OUT_OF_BOUNDS_TABLE, () -> run(init, 1, 1, 3));
        run(op(ELEM_DROP, 0, 0, 0, null));
        traps(TrapKind.OUT_OF_BOUNDS_TABLE, () -> run(init, 0, 0, 1));
        run(init, 0, 0, 0);
    }

    @Test void estimatesAreUpperBoundsAndNotWildlyOff() {
        // arithmetic is a single instruction; the estimate should say so, or method splitting splits too early
        assertEquals(1, lowering.estimateSize(OpHarness.inst(I32_ADD, 0, 0, 0)));
        assertEquals(2, lowering.estimateSize(OpHarness.inst(I64_SHL, 0, 0, 0)));
        assertTrue(lowering.estimateSize(OpHarness.inst(I32_LT_U, 0, 0, 0)) <= 11);
        assertTrue(lowering.estimateSize(OpHarness.inst(I32_LOAD, 0, 0, 0x12345)) <= 10);
        assertThrows(IllegalArgumentException.class, () -> lowering.estimateSize(OpHarness.inst(CALL, 0, 0, 0)));
    }
}
