package org.wasmjar.compiler.ir;

import static org.wasmjar.compiler.wasm.model.Opcodes.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.runtime.types.Const;
import org.wasmjar.runtime.types.ModuleInfo;

/**
 * Test oracle: executes IR directly, so spec assertions check the IR's meaning, not just its shape. Covers
 * integer arithmetic, select, calls within the module, defined globals and all control flow; values are raw
 * bits in longs. Anything else (floats arithmetic, memory, tables, imports) throws {@link Unsupported}.
 */
final class IrInterpreter {
    static final class Unsupported extends RuntimeException {
        Unsupported(String what) { super(what, null, false, false); }
    }

    static final class WasmTrap extends RuntimeException {
        WasmTrap(String what) { super(what, null, false, false); }
    }

    private final ValidatedModule m;
    private final Function<Integer, IrFunction> functions;
    private final Map<Integer, IrFunction> cache = new HashMap<>();
    private final long[] globals;
    private long steps;

    IrInterpreter(ValidatedModule m, Function<Integer, IrFunction> functions) {
        this.m = m;
        this.functions = functions;
        List<ModuleInfo.GlobalDef> defs = m.info().globals();
        int imported = m.importedCount(org.wasmjar.runtime.types.ExternKind.GLOBAL);
        globals = new long[imported + defs.size()];
        for (int i = 0; i < defs.size(); i++) {
            globals[imported + i] = defs.get(i).init() instanceof Const.Value v ? v.bits() : Long.MIN_VALUE + 7;
        }
    }

    long[] call(int index, long[] args) {
        if (index < m.importedFunctionCount()) throw new Unsupported("imported function");
        IrFunction f = cache.computeIfAbsent(index, functions);
        long[] vals = new long[f.valueCount()];
        Block b = f.entry();
        for (int i = 0; i < args.length; i++) vals[b.params.get(i)] = args[i];
        while (true) {
            for (Inst inst : b.insts) exec(inst, vals);
            if (++steps > 50_000_000) throw new Unsupported("step budget");
            Terminator t = b.terminator;
            Terminator.Edge e;
            if (t instanceof Terminator.Jump j) e = j.edge();
            else if (t instanceof Terminator.Branch br) e = (int) vals[br.cond()] != 0 ? br.ifTrue() : br.ifFalse();
            else if (t instanceof Terminator.Switch s) {
                int i = (int) vals[s.index()];
                e = Integer.compareUnsigned(i, s.targets().length) < 0 ? s.targets()[i] : s.otherwise();
            } else if (t instanceof Terminator.Return r) {
                long[] out = new long[r.values().length];
                for (int i = 0; i < out.length; i++) out[i] = vals[r.values()[i]];
                return out;
            } else throw new WasmTrap("unreachable");
            Block next = f.block(e.target());
            long[] passed = new long[e.args().length];
            for (int i = 0; i < passed.length; i++) passed[i] = vals[e.args()[i]];
            for (int i = 0; i < passed.length; i++) vals[next.params.get(i)] = passed[i];
            b = next;
        }
    }

    private void exec(Inst inst, long[] v) {
        int[] a = inst.args;
        int op = inst.opcode;
        switch (op) {
            case I32_CONST, I64_CONST, F32_CONST, F64_CONST -> v[inst.results[0]] = inst.c;
            case SELECT -> v[inst.results[0]] = (int) v[a[2]] != 0 ? v[a[0]] : v[a[1]];
            case GLOBAL_GET -> {
                if (globals[inst.a] == Long.MIN_VALUE + 7 || inst.a < m.importedCount(org.wasmjar.runtime.types.ExternKind.GLOBAL)) {
                    throw new Unsupported("global");
                }
                v[inst.results[0]] = globals[inst.a];
            }
            case GLOBAL_SET -> globals[inst.a] = v[a[0]];
            case CALL -> {
                long[] args = new long[a.length];
                for (int i = 0; i < a.length; i++) args[i] = v[a[i]];
                long[] r = call(inst.a, args);
                for (int i = 0; i < r.length; i++) v[inst.results[i]] = r[i];
            }
            default -> {
                if (a.length == 1 && inst.results.length == 1) v[inst.results[0]] = unary(op, v[a[0]]);
                else if (a.length == 2 && inst.results.length == 1) v[inst.results[0]] = binary(op, v[a[0]], v[a[1]]);
                else throw new Unsupported(name(op));
            }
        }
    }

    private static long unary(int op, long x) {
        int i = (int) x;
        return switch (op) {
            case I32_EQZ -> i == 0 ? 1 : 0;
            case I64_EQZ -> x == 0 ? 1 : 0;
            case I32_CLZ -> Integer.numberOfLeadingZeros(i);
            case I32_CTZ -> Integer.numberOfTrailingZeros(i);
            case I32_POPCNT -> Integer.bitCount(i);
            case I64_CLZ -> Long.numberOfLeadingZeros(x);
            case I64_CTZ -> Long.numberOfTrailingZeros(x);
            case I64_POPCNT -> Long.bitCount(x);
            case I32_EXTEND8_S -> (byte) i;
            case I32_EXTEND16_S -> (short) i;
            case I64_EXTEND8_S -> (byte) x;
            case I64_EXTEND16_S -> (short) x;
            case I64_EXTEND32_S, I64_EXTEND_I32_S -> i;
            case I64_EXTEND_I32_U -> x & 0xFFFFFFFFL;
            case I32_WRAP_I64 -> i;
            case I32_REINTERPRET_F32, F32_REINTERPRET_I32, I64_REINTERPRET_F64, F64_REINTERPRET_I64 -> x;
            default -> throw new Unsupported(name(op));
        };
    }

    private static long binary(int op, long x, long y) {
        int a = (int) x, b = (int) y;
        return switch (op) {
            case I32_ADD -> a + b;
            case I32_SUB -> a - b;
            case I32_MUL -> a * b;
            case I32_DIV_S -> { check(b != 0, "integer divide by zero"); check(!(a == Integer.MIN_VALUE && b == -1), "integer overflow"); yield a / b; }
            case I32_DIV_U -> { check(b != 0, "integer divide by zero"); yield Integer.divideUnsigned(a, b); }
            case I32_REM_S -> { check(b != 0, "integer divide by zero"); yield a % b; }
            case I32_REM_U -> { check(b != 0, "integer divide by zero"); yield Integer.remainderUnsigned(a, b); }
            case I32_AND -> a & b;
            case I32_OR -> a | b;
            case I32_XOR -> a ^ b;
            case I32_SHL -> a << b;
            case I32_SHR_S -> a >> b;
            case I32_SHR_U -> a >>> b;
            case I32_ROTL -> Integer.rotateLeft(a, b);
            case I32_ROTR -> Integer.rotateRight(a, b);
            case I32_EQ -> a == b ? 1 : 0;
            case I32_NE -> a != b ? 1 : 0;
            case I32_LT_S -> a < b ? 1 : 0;
            case I32_LT_U -> Integer.compareUnsigned(a, b) < 0 ? 1 : 0;
            case I32_GT_S -> a > b ? 1 : 0;
            case I32_GT_U -> Integer.compareUnsigned(a, b) > 0 ? 1 : 0;
            case I32_LE_S -> a <= b ? 1 : 0;
            case I32_LE_U -> Integer.compareUnsigned(a, b) <= 0 ? 1 : 0;
            case I32_GE_S -> a >= b ? 1 : 0;
            case I32_GE_U -> Integer.compareUnsigned(a, b) >= 0 ? 1 : 0;
            case I64_ADD -> x + y;
            case I64_SUB -> x - y;
            case I64_MUL -> x * y;
            case I64_DIV_S -> { check(y != 0, "integer divide by zero"); check(!(x == Long.MIN_VALUE && y == -1), "integer overflow"); yield x / y; }
            case I64_DIV_U -> { check(y != 0, "integer divide by zero"); yield Long.divideUnsigned(x, y); }
            case I64_REM_S -> { check(y != 0, "integer divide by zero"); yield x % y; }
            case I64_REM_U -> { check(y != 0, "integer divide by zero"); yield Long.remainderUnsigned(x, y); }
            case I64_AND -> x & y;
            case I64_OR -> x | y;
            case I64_XOR -> x ^ y;
            case I64_SHL -> x << b;
            case I64_SHR_S -> x >> b;
            case I64_SHR_U -> x >>> b;
            case I64_ROTL -> Long.rotateLeft(x, b);
            case I64_ROTR -> Long.rotateRight(x, b);
            case I64_EQ -> x == y ? 1 : 0;
            case I64_NE -> x != y ? 1 : 0;
            case I64_LT_S -> x < y ? 1 : 0;
            case I64_LT_U -> Long.compareUnsigned(x, y) < 0 ? 1 : 0;
            case I64_GT_S -> x > y ? 1 : 0;
            case I64_GT_U -> Long.compareUnsigned(x, y) > 0 ? 1 : 0;
            case I64_LE_S -> x <= y ? 1 : 0;
            case I64_LE_U -> Long.compareUnsigned(x, y) <= 0 ? 1 : 0;
            case I64_GE_S -> x >= y ? 1 : 0;
            case I64_GE_U -> Long.compareUnsigned(x, y) >= 0 ? 1 : 0;
            default -> throw new Unsupported(name(op));
        };
    }

    private static void check(boolean ok, String trap) { if (!ok) throw new WasmTrap(trap); }
}
