package org.wasmjar.compiler.ir;

import static org.wasmjar.compiler.wasm.model.Opcodes.*;

import org.wasmjar.runtime.types.ValType;

/**
 * A readable, deterministic text form of a function, for tests and debugging:
 * <pre>
 * function 3 "add" (i32 i32) -> (i32)
 * b0(v0:i32, v1:i32):
 *   v2:i32 = i32.add v0 v1
 *   return v2
 * </pre>
 * Immediates follow the mnemonic ({@code offset=}, {@code align=} in bytes as in the text format,
 * {@code func=}, {@code table=}, ...); block headers note loop headers and loop depth.
 */
public final class IrPrinter {
    private IrPrinter() {}

    public static String print(IrFunction f) {
        StringBuilder sb = new StringBuilder("function ").append(f.index);
        if (f.name != null) sb.append(" \"").append(f.name).append('"');
        sb.append(' ').append(f.type).append('\n');
        for (Block b : f.blocks) {
            sb.append('b').append(b.id).append('(');
            for (int i = 0; i < b.params.size(); i++) {
                if (i > 0) sb.append(", ");
                value(sb, f, b.params.get(i));
            }
            sb.append("):");
            if (b.loopHeader) sb.append(" ; loop header, depth ").append(b.loopDepth);
            else if (b.loopDepth > 0) sb.append(" ; depth ").append(b.loopDepth);
            sb.append('\n');
            for (Inst inst : b.insts) sb.append("  ").append(inst(f, inst)).append('\n');
            sb.append("  ").append(b.terminator == null ? "<no terminator>" : terminator(b.terminator)).append('\n');
        }
        return sb.toString();
    }

    /** One instruction, without indentation or newline. */
    public static String inst(IrFunction f, Inst inst) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < inst.results.length; i++) {
            if (i > 0) sb.append(", ");
            value(sb, f, inst.results[i]);
        }
        if (inst.results.length > 0) sb.append(" = ");
        sb.append(name(inst.opcode));
        immediates(sb, inst);
        for (int a : inst.args) sb.append(" v").append(a);
        return sb.toString();
    }

    public static String terminator(Terminator t) {
        StringBuilder sb = new StringBuilder();
        if (t instanceof Terminator.Jump j) {
            edge(sb.append("jump "), j.edge());
        } else if (t instanceof Terminator.Branch br) {
            sb.append("br_if v").append(br.cond()).append(' ');
            edge(sb, br.ifTrue());
            edge(sb.append(' '), br.ifFalse());
        } else if (t instanceof Terminator.Switch s) {
            sb.append("br_table v").append(s.index()).append(" [");
            for (int i = 0; i < s.targets().length; i++) edge(sb.append(i > 0 ? ", " : ""), s.targets()[i]);
            edge(sb.append("] default "), s.otherwise());
        } else if (t instanceof Terminator.Return r) {
            sb.append("return");
            for (int v : r.values()) sb.append(" v").append(v);
        } else {
            sb.append("unreachable");
        }
        return sb.toString();
    }

    private static void edge(StringBuilder sb, Terminator.Edge e) {
        sb.append('b').append(e.target()).append('(');
        for (int i = 0; i < e.args().length; i++) sb.append(i > 0 ? ", " : "").append('v').append(e.args()[i]);
        sb.append(')');
    }

    private static void value(StringBuilder sb, IrFunction f, int v) {
        sb.append('v').append(v).append(':').append(f.typeOf(v));
    }

    private static void immediates(StringBuilder sb, Inst inst) {
        int op = inst.opcode;
        if (Signatures.params(op) != null && isMemoryAccess(op)) {
            if (inst.b != 0) sb.append(" memory=").append(inst.b);
            if (inst.c != 0) sb.append(" offset=").append(inst.c);
            sb.append(" align=").append(1L << inst.a);
            if (inst.extra instanceof Integer lane) sb.append(" lane=").append(lane);
            return;
        }
        switch (op) {
            case I32_CONST -> sb.append(' ').append((int) inst.c);
            case I64_CONST -> sb.append(' ').append(inst.c);
            case F32_CONST -> {
                float v = Float.intBitsToFloat((int) inst.c);
                if (Float.isNaN(v)) sb.append(" nan:0x").append(Integer.toHexString((int) inst.c));
                else sb.append(' ').append(v);
            }
            case F64_CONST -> {
                double v = Double.longBitsToDouble(inst.c);
                if (Double.isNaN(v)) sb.append(" nan:0x").append(Long.toHexString(inst.c));
                else sb.append(' ').append(v);
            }
            case V128_CONST, I8X16_SHUFFLE -> {
                sb.append(" 0x");
                for (byte x : (byte[]) inst.extra) sb.append(String.format("%02x", x & 0xFF));
            }
            case CALL, REF_FUNC -> sb.append(" func=").append(inst.a);
            case CALL_INDIRECT -> sb.append(" type=").append(inst.a).append(" table=").append(inst.b);
            case GLOBAL_GET, GLOBAL_SET -> sb.append(" global=").append(inst.a);
            case TABLE_GET, TABLE_SET, TABLE_SIZE, TABLE_GROW, TABLE_FILL -> sb.append(" table=").append(inst.a);
            case TABLE_COPY -> sb.append(" dst=").append(inst.a).append(" src=").append(inst.b);
            case TABLE_INIT -> sb.append(" elem=").append(inst.a).append(" table=").append(inst.b);
            case ELEM_DROP -> sb.append(" elem=").append(inst.a);
            case MEMORY_SIZE, MEMORY_GROW, MEMORY_FILL -> { if (inst.a != 0) sb.append(" memory=").append(inst.a); }
            case MEMORY_COPY -> { if (inst.a != 0 || inst.b != 0) sb.append(" dst=").append(inst.a).append(" src=").append(inst.b); }
            case MEMORY_INIT -> {
                sb.append(" data=").append(inst.a);
                if (inst.b != 0) sb.append(" memory=").append(inst.b);
            }
            case DATA_DROP -> sb.append(" data=").append(inst.a);
            case REF_NULL -> sb.append(' ').append((ValType) inst.extra);
            default -> {
                if (isSimd(op) && name(op).contains("_lane")) sb.append(" lane=").append(inst.a);
            }
        }
    }

    /** Loads and stores (scalar and SIMD), whose immediates are alignment, memory and offset. */
    static boolean isMemoryAccess(int op) {
        return (op >= I32_LOAD && op <= I64_STORE32)
                || (isSimd(op) && (name(op).startsWith("v128.load") || name(op).startsWith("v128.store")));
    }
}
