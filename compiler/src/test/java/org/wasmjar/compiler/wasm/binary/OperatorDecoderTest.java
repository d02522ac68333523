package org.wasmjar.compiler.wasm.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wasmjar.compiler.wasm.model.Opcodes.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wasmjar.compiler.wasm.model.BlockType;
import org.wasmjar.compiler.wasm.model.ConstExpr;
import org.wasmjar.compiler.wasm.model.Instruction;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.runtime.types.ValType;

class OperatorDecoderTest {
    private static Instruction one(WasmBytes bytes) {
        byte[] b = bytes.build();
        ByteReader in = new ByteReader(b);
        Instruction insn = new OperatorDecoder(in).next();
        assertFalse(in.hasMore(), "all immediates consumed");
        return insn;
    }

    private static Instruction one(int... bytes) { return one(WasmBytes.of(bytes)); }

    private static String failure(int... bytes) {
        return assertThrows(MalformedModuleException.class, () -> new OperatorDecoder(new ByteReader(WasmBytes.of(bytes).build())).next()).reason();
    }

    @Test
    void blockTypes() {
        assertEquals(BlockType.EMPTY, one(0x02, 0x40).blockType());
        assertEquals(BlockType.of(ValType.F64), one(0x03, 0x7C).blockType());
        assertEquals(BlockType.ofIndex(200), one(WasmBytes.of(0x04).u32(200)).blockType());
        assertEquals("malformed value type", failure(0x02, 0x50));
        assertEquals("malformed block type", failure(0x02, 0xC0, 0x7F)); // s33 -64 in two bytes
    }

    @Test
    void branchesAndCalls() {
        assertEquals(3, one(0x0C, 0x03).a());
        Instruction table = one(0x0E, 0x02, 0x00, 0x01, 0x05);
        assertArrayEquals(new int[] {0, 1, 5}, table.labels());
        Instruction indirect = one(0x11, 0x07, 0x02);
        assertEquals(CALL_INDIRECT, indirect.opcode());
        assertEquals(7, indirect.a());
        assertEquals(2, indirect.b());
        assertEquals(Integer.MAX_VALUE, one(0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F).a(), "indices past 2^31 are clamped");
    }

    @Test
    void constantsKeepTheirBits() {
        assertEquals(-1, one(0x41, 0x7F).c());
        assertEquals(Long.MIN_VALUE, one(WasmBytes.of(0x42).s64(Long.MIN_VALUE)).c());
        assertEquals(0xFFC00001L, one(0x43, 0x01, 0x00, 0xC0, 0xFF).c(), "f32 NaN payload in the low 32 bits");
        assertEquals(0x7FF0000000000001L, one(0x44, 0x01, 0, 0, 0, 0, 0, 0xF0, 0x7F).c());
    }

    @Test
    void memoryAccess() {
        Instruction load = one(0x28, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F);
        assertEquals(I32_LOAD, load.opcode());
        assertEquals(2, load.a());
        assertEquals(0, load.b());
        assertEquals(0xFFFFFFFFL, load.c(), "offset is unsigned");
        assertEquals(MEMORY_GROW, one(0x40, 0x00).opcode());
        assertEquals("zero byte expected", failure(0x3F, 0x01));
        assertEquals("zero byte expected", failure(0x40, 0x80, 0x00));
        assertEquals("malformed memop flags", failure(0x28, 0x40, 0x00, 0x00));
    }

    @Test
    void referenceAndParametricOperators() {
        assertEquals(ValType.EXTERNREF, one(0xD0, 0x6F).extra());
        assertEquals("malformed reference type", failure(0xD0, 0x7F));
        assertEquals(9, one(0xD2, 0x09).a());
        assertArrayEquals(new ValType[] {ValType.I64}, (ValType[]) one(0x1C, 0x01, 0x7E).extra());
        assertEquals(SELECT, one(0x1B).opcode());
    }

    @Test
    void miscOperators() {
        assertEquals(I64_TRUNC_SAT_F64_U, one(0xFC, 0x07).opcode());
        Instruction init = one(0xFC, 0x08, 0x03, 0x00);
        assertEquals(MEMORY_INIT, init.opcode());
        assertEquals(3, init.a());
        assertEquals(MEMORY_COPY, one(0xFC, 0x0A, 0x00, 0x00).opcode());
        assertEquals("zero byte expected", failure(0xFC, 0x0B, 0x01));
        Instruction tableInit = one(0xFC, 0x0C, 0x04, 0x01);
        assertEquals(4, tableInit.a());
        assertEquals(1, tableInit.b());
        Instruction copy = one(0xFC, 0x0E, 0x02, 0x03);
        assertEquals(2, copy.a());
        assertEquals(3, copy.b());
        assertEquals(TABLE_FILL, one(0xFC, 0x11, 0x00).opcode());
        assertEquals(TABLE_SIZE, one(0xFC, 0x90, 0x00, 0x00).opcode(), "sub-opcode is a LEB128 u32");
        assertEquals("illegal opcode", failure(0xFC, 0x12));
    }

    @Test
    void dataIndexUseIsTracked() {
        OperatorDecoder d = new OperatorDecoder(new ByteReader(WasmBytes.of(0x01, 0xFC, 0x09, 0x00).build()));
        d.next();
        assertFalse(d.usesDataIndex());
        assertEquals(DATA_DROP, d.next().opcode());
        assertTrue(d.usesDataIndex());
    }

    @Test
    void simdImmediates() {
        int[] sixteen = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        Instruction c = one(WasmBytes.of(0xFD, 0x0C).raw(sixteen));
        assertEquals(V128_CONST, c.opcode());
        assertEquals(15, ((byte[]) c.extra())[15]);
        assertEquals(I8X16_SHUFFLE, one(WasmBytes.of(0xFD, 0x0D).raw(sixteen)).opcode());
        assertEquals(7, one(0xFD, 0x15, 0x07).a());
        Instruction loadLane = one(0xFD, 0x54, 0x00, 0x10, 0x0F);
        assertEquals(V128_LOAD8_LANE, loadLane.opcode());
        assertEquals(16, loadLane.c());
        assertEquals(15, loadLane.extra());
        Instruction load = one(0xFD, 0x5D, 0x03, 0x08);
        assertEquals(V128_LOAD64_ZERO, load.opcode());
        assertEquals(3, load.a());
        assertNull(load.extra());
        assertEquals(F64X2_CONVERT_LOW_I32X4_U, one(0xFD, 0xFF, 0x01).opcode());
        assertEquals("illegal opcode", failure(0xFD, 0x9A, 0x01));
        assertEquals("illegal opcode", failure(0xFD, 0x80, 0x02));
    }

    /** Every opcode the model knows decodes, with the immediates its shape needs. */
    @Test
    void everyKnownSimdOpcodeDecodes() {
        int decoded = 0;
        for (int sub = 0; sub < 0x100; sub++) {
            int op = 0xFD000 | sub;
            if (!Opcodes.isKnown(op)) continue;
            WasmBytes b = WasmBytes.of(0xFD).u32(sub);
            if (op == V128_CONST || op == I8X16_SHUFFLE) b.raw(new byte[16]);
            else if (op >= I8X16_EXTRACT_LANE_S && op <= F64X2_REPLACE_LANE) b.raw(0);
            else if (op >= V128_LOAD8_LANE && op <= V128_STORE64_LANE) b.raw(0, 0, 0);
            else if (op <= V128_STORE || op == V128_LOAD32_ZERO || op == V128_LOAD64_ZERO) b.raw(0, 0);
            assertEquals(op, one(b).opcode(), Opcodes.name(op));
            decoded++;
        }
        assertEquals(236, decoded);
    }

    @Test
    void illegalOpcodes() {
        for (int op : new int[] {0x06, 0x07, 0x08, 0x09, 0x0A, 0x12, 0x13, 0x18, 0x19, 0x1D, 0x27, 0xC5, 0xCF, 0xD3, 0xFE, 0xFF}) {
            assertEquals("illegal opcode", failure(op), Integer.toHexString(op));
        }
    }

    @Test
    void functionBodyKeepsTheFinalEndAndOffsets() {
        // block (result i32) i32.const 1 end drop end
        byte[] b = WasmBytes.of(0x02, 0x7F, 0x41, 0x01, 0x0B, 0x1A, 0x0B).build();
        List<Instruction> code = new OperatorDecoder(new ByteReader(b)).functionBody(b.length);
        assertEquals(5, code.size());
        assertEquals(END, code.get(4).opcode());
        assertEquals(6, code.get(4).offset());
        assertEquals(2, code.get(1).offset());
    }

    @Test
    void functionBodyMustEndExactlyAtItsSize() {
        byte[] open = WasmBytes.of(0x02, 0x40, 0x0B).build(); // the block closes, the function does not
        assertEquals("END opcode expected", assertThrows(MalformedModuleException.class,
                () -> new OperatorDecoder(new ByteReader(open)).functionBody(open.length)).reason());
        byte[] trailing = WasmBytes.of(0x0B, 0x01).build();
        assertEquals("section size mismatch", assertThrows(MalformedModuleException.class,
                () -> new OperatorDecoder(new ByteReader(trailing)).functionBody(trailing.length)).reason());
    }

    @Test
    void constExprStopsAtItsEnd() {
        byte[] b = WasmBytes.of(0x23, 0x00, 0x41, 0x02, 0x6A, 0x0B, 0x99).build();
        ByteReader in = new ByteReader(b);
        ConstExpr e = new OperatorDecoder(in).constExpr();
        assertEquals(3, e.instructions().size(), "the end is not kept");
        assertEquals(I32_ADD, e.instructions().get(2).opcode());
        assertEquals(0, e.offset());
        assertEquals(6, in.position());
    }
}
