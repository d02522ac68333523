package org.wasmjar.compiler.ir;

/**
 * One non-control instruction. {@code opcode} is a Wasm {@link org.wasmjar.compiler.wasm.model.Opcodes}
 * constant with its Wasm meaning, except that locals are gone (SSA values) and control operators are
 * {@link Terminator}s. {@code args} are value ids in Wasm operand order (deepest first); {@code results}
 * the value ids it defines (usually zero or one; a call may define several). Immediates keep the
 * meaning they have in {@link org.wasmjar.compiler.wasm.model.Instruction} ({@code a}, {@code b}, {@code c}, {@code extra}).
 * <p>{@code select} has three args (v1, v2, cond); {@code drop} is not an instruction (values are just unused).
 */
public final class Inst {
    public int opcode;
    public int[] args;
    public int[] results;
    public int a, b;
    public long c;
    public Object extra;
    /** Byte offset of the Wasm operator this came from, for diagnostics. */
    public int offset;

    public Inst(int opcode, int[] args, int[] results, int a, int b, long c, Object extra, int offset) {
        this.opcode = opcode;
        this.args = args;
        this.results = results;
        this.a = a;
        this.b = b;
        this.c = c;
        this.extra = extra;
        this.offset = offset;
    }

    /** The single result, or -1. */
    public int result() { return results.length == 1 ? results[0] : -1; }
}
