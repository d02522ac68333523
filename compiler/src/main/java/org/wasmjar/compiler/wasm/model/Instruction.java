package org.wasmjar.compiler.wasm.model;

/**
 * One decoded operator. {@code opcode} is an {@link Opcodes} constant; {@code offset} its byte offset
 * in the module. The immediates' meaning depends on the opcode:
 * <ul>
 * <li>block, loop, if: {@code extra} = {@link BlockType}</li>
 * <li>br, br_if: {@code a} = label depth; br_table: {@code extra} = int[] labels, the default last</li>
 * <li>call, return_call: {@code a} = function index; call_indirect: {@code a} = type index, {@code b} = table index</li>
 * <li>local.*, global.*: {@code a} = index</li>
 * <li>select with types: {@code extra} = ValType[]</li>
 * <li>loads/stores: {@code a} = alignment exponent, {@code b} = memory index, {@code c} = offset (u32)</li>
 * <li>memory.size, memory.grow, memory.fill: {@code a} = memory index; memory.init: {@code a} = data index, {@code b} = memory;
 *     memory.copy: {@code a} = destination memory, {@code b} = source memory; data.drop: {@code a} = data index</li>
 * <li>i32.const/i64.const: {@code c} = value; f32.const/f64.const: {@code c} = raw bits</li>
 * <li>ref.null: {@code extra} = ValType; ref.func: {@code a} = function index</li>
 * <li>table.get/set/size/grow/fill: {@code a} = table; table.copy: {@code a} = destination, {@code b} = source;
 *     table.init: {@code a} = element segment, {@code b} = table; elem.drop: {@code a} = element segment</li>
 * <li>SIMD: v128.const and i8x16.shuffle: {@code extra} = byte[16]; lane ops: {@code a} = lane;
 *     v128 memory ops as loads/stores, load/store lane also {@code extra} = Integer lane</li>
 * </ul>
 */
public record Instruction(int opcode, int offset, int a, int b, long c, Object extra) {
    public static Instruction of(int opcode, int offset) { return new Instruction(opcode, offset, 0, 0, 0, null); }

    public BlockType blockType() { return (BlockType) extra; }

    public int[] labels() { return (int[]) extra; }

    @Override public String toString() { return Opcodes.name(opcode) + (a != 0 ? " " + a : "") + (c != 0 ? " " + c : ""); }
}
