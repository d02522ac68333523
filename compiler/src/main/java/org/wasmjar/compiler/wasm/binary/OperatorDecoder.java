package org.wasmjar.compiler.wasm.binary;

import static org.wasmjar.compiler.wasm.model.Opcodes.*;

import java.util.ArrayList;
import java.util.List;
import org.wasmjar.compiler.wasm.model.BlockType;
import org.wasmjar.compiler.wasm.model.ConstExpr;
import org.wasmjar.compiler.wasm.model.Instruction;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.runtime.types.ValType;

/**
 * The one place that decodes operators (opcode and immediates) into {@link Instruction}s, with the
 * immediates where the {@link Instruction} javadoc puts them. It checks only well-formedness (known
 * opcodes, immediate encodings, {@code end} nesting); which operators are allowed where is the validator's job.
 */
public final class OperatorDecoder {
    /** Known 0xFD sub-opcodes; SIMD numbering has holes, so a table beats a range check. */
    private static final boolean[] SIMD_KNOWN = new boolean[0x100];
    private static final int MISC_COUNT = 0x12;

    static {
        for (int sub = 0; sub < SIMD_KNOWN.length; sub++) SIMD_KNOWN[sub] = Opcodes.isKnown(0xFD000 | sub);
    }

    private final ByteReader in;
    private boolean usesDataIndex;

    public OperatorDecoder(ByteReader in) { this.in = in; }

    /** Whether any decoded operator names a data segment (memory.init, data.drop): those need a data count section. */
    public boolean usesDataIndex() { return usesDataIndex; }

    /**
     * Decodes a function body's instructions, the final {@code end} included, which must be the last byte
     * before {@code end} (the body's end offset; the reader's limit should already be there).
     */
    public List<Instruction> functionBody(int end) {
        List<Instruction> code = new ArrayList<>(Math.max(4, (end - in.position()) / 2));
        int depth = 0;
        while (true) {
            if (in.position() >= end) throw in.error("END opcode expected", in.position());
            Instruction insn = next();
            code.add(insn);
            int op = insn.opcode();
            if (op == BLOCK || op == LOOP || op == IF) depth++;
            else if (op == END && depth-- == 0) break;
        }
        if (in.position() != end) throw in.error("section size mismatch", in.position());
        return code;
    }

    /** Decodes a constant expression up to its closing {@code end}, which is consumed but not kept. */
    public ConstExpr constExpr() {
        int start = in.position();
        List<Instruction> code = new ArrayList<>(2);
        int depth = 0;
        while (true) {
            Instruction insn = next();
            int op = insn.opcode();
            if (op == BLOCK || op == LOOP || op == IF) depth++;
            else if (op == END && depth-- == 0) break;
            code.add(insn);
        }
        return new ConstExpr(code, start);
    }

    /** Decodes one operator. */
    public Instruction next() {
        int at = in.position();
        int op = in.u8();
        if (op >= I32_EQZ && op <= I64_EXTEND32_S) return Instruction.of(op, at);
        switch (op) {
            case UNREACHABLE, NOP, ELSE, END, RETURN, DROP, SELECT, REF_IS_NULL:
                return Instruction.of(op, at);
            case BLOCK, LOOP, IF:
                return new Instruction(op, at, 0, 0, 0, blockType());
            case BR, BR_IF, CALL, LOCAL_GET, LOCAL_SET, LOCAL_TEE, GLOBAL_GET, GLOBAL_SET, TABLE_GET, TABLE_SET, REF_FUNC:
                return new Instruction(op, at, in.index(), 0, 0, null);
            case BR_TABLE:
                return new Instruction(op, at, 0, 0, 0, labels());
            case CALL_INDIRECT: {
                int type = in.index();
                return new Instruction(op, at, type, in.index(), 0, null);
            }
            case SELECT_T: {
                long n = in.count();
                ValType[] types = new ValType[in.capacityFor(n)];
                for (int i = 0; i < n; i++) types[i] = in.valType();
                return new Instruction(op, at, 0, 0, 0, types);
            }
            case MEMORY_SIZE, MEMORY_GROW:
                zeroByte();
                return Instruction.of(op, at);
            case I32_CONST:
                return new Instruction(op, at, 0, 0, in.s32(), null);
            case I64_CONST:
                return new Instruction(op, at, 0, 0, in.s64(), null);
            case F32_CONST:
                return new Instruction(op, at, 0, 0, in.fixed32() & 0xFFFFFFFFL, null);
            case F64_CONST:
                return new Instruction(op, at, 0, 0, in.fixed64(), null);
            case REF_NULL:
                return new Instruction(op, at, 0, 0, 0, in.refType());
            case 0xFC:
                return misc(at);
            case 0xFD:
                return simd(at);
            default:
                if (op >= I32_LOAD && op <= I64_STORE32) return memoryAccess(op, at, false);
                throw in.error("illegal opcode", at);
        }
    }

    private Instruction misc(int at) {
        int sub = in.u32();
        if (sub < 0 || sub >= MISC_COUNT) throw in.error("illegal opcode", at);
        int op = 0xFC00 | sub;
        switch (op) {
            case MEMORY_INIT: {
                usesDataIndex = true;
                int data = in.index();
                zeroByte();
                return new Instruction(op, at, data, 0, 0, null);
            }
            case DATA_DROP:
                usesDataIndex = true;
                return new Instruction(op, at, in.index(), 0, 0, null);
            case MEMORY_COPY:
                zeroByte();
                zeroByte();
                return Instruction.of(op, at);
            case MEMORY_FILL:
                zeroByte();
                return Instruction.of(op, at);
            case TABLE_INIT, TABLE_COPY: {
                int first = in.index();
                return new Instruction(op, at, first, in.index(), 0, null);
            }
            case ELEM_DROP, TABLE_GROW, TABLE_SIZE, TABLE_FILL:
                return new Instruction(op, at, in.index(), 0, 0, null);
            default: // the saturating truncations
                return Instruction.of(op, at);
        }
    }

    private Instruction simd(int at) {
        int sub = in.u32();
        if (sub < 0 || sub >= SIMD_KNOWN.length || !SIMD_KNOWN[sub]) throw in.error("illegal opcode", at);
        int op = 0xFD000 | sub;
        switch (op) {
            case V128_CONST, I8X16_SHUFFLE:
                return new Instruction(op, at, 0, 0, 0, in.bytes(16));
            case I8X16_EXTRACT_LANE_S, I8X16_EXTRACT_LANE_U, I8X16_REPLACE_LANE, I16X8_EXTRACT_LANE_S,
                 I16X8_EXTRACT_LANE_U, I16X8_REPLACE_LANE, I32X4_EXTRACT_LANE, I32X4_REPLACE_LANE,
                 I64X2_EXTRACT_LANE, I64X2_REPLACE_LANE, F32X4_EXTRACT_LANE, F32X4_REPLACE_LANE,
                 F64X2_EXTRACT_LANE, F64X2_REPLACE_LANE:
                return new Instruction(op, at, in.u8(), 0, 0, null);
            case V128_LOAD8_LANE, V128_LOAD16_LANE, V128_LOAD32_LANE, V128_LOAD64_LANE,
                 V128_STORE8_LANE, V128_STORE16_LANE, V128_STORE32_LANE, V128_STORE64_LANE:
                return memoryAccess(op, at, true);
            default:
                if (op <= V128_STORE || op == V128_LOAD32_ZERO || op == V128_LOAD64_ZERO) return memoryAccess(op, at, false);
                return Instruction.of(op, at);
        }
    }

    /** A memarg (alignment exponent, offset), plus the lane byte for load/store lane when {@code lane} is set. */
    private Instruction memoryAccess(int op, int at, boolean lane) {
        int flagsAt = in.position();
        int align = in.u32();
        // bit 6 announces a memory index (multi-memory), which Wasm 2.0 does not have
        if ((align & 0x40) != 0 || align < 0) throw in.error("malformed memop flags", flagsAt);
        long offset = in.u32Long();
        Integer laneIndex = lane ? in.u8() : null;
        return new Instruction(op, at, align, 0, offset, laneIndex);
    }

    private BlockType blockType() {
        int b = in.peek();
        if (b == 0x40) {
            in.u8();
            return BlockType.EMPTY;
        }
        if ((b & 0xC0) == 0x40) { // a one-byte negative s33: a value type
            return BlockType.of(in.valType());
        }
        int at = in.position();
        long index = in.s33();
        if (index < 0) throw in.error("malformed block type", at);
        // no JVM-sized module has 2^31 types; clamping keeps the index unknown to the validator
        return BlockType.ofIndex((int) Math.min(index, Integer.MAX_VALUE));
    }

    private int[] labels() {
        long n = in.count();
        if (n >= in.remaining()) throw in.error("unexpected end of section or function", in.position());
        int[] labels = new int[(int) n + 1];
        for (int i = 0; i <= n; i++) labels[i] = in.index();
        return labels;
    }

    private void zeroByte() {
        int at = in.position();
        if (in.u8() != 0) throw in.error("zero byte expected", at);
    }
}
