package org.wasmjar.compiler.codegen;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.wasmjar.compiler.ir.Block;
import org.wasmjar.compiler.ir.Inst;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.Terminator.Edge;
import org.wasmjar.compiler.ir.Terminator.Jump;
import org.wasmjar.compiler.ir.Terminator.Switch;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.runtime.types.ValType;

/**
 * Splits a {@code br_table} with very many distinct targets into a two-level switch: the block switches on
 * {@code index / CHUNK} to new chunk blocks, each switching on {@code index - k * CHUNK} over at most {@link #CHUNK}
 * entries. Every distinct target costs an edge stub in the method holding the switch, so without this one huge
 * {@code br_table} would make a method over the 8 KB JIT limit; chunk blocks can go to different methods.
 */
final class SwitchSplitting {
    /** Entries of one chunk, so a switch keeps at most this many distinct targets besides its default. */
    static final int CHUNK = 256;

    private SwitchSplitting() {}

    static void run(IrFunction fn) {
        for (int i = 0; i < fn.blocks.size(); i++) {
            Block b = fn.blocks.get(i);
            while (b.terminator instanceof Switch s && distinctTargets(s) > CHUNK) split(fn, b, s);
        }
    }

    /** Distinct targets of the table entries (the default aside). */
    private static int distinctTargets(Switch s) {
        Set<Integer> targets = new HashSet<>();
        for (Edge e : s.targets()) targets.add(e.target());
        return targets.size();
    }

    private static void split(IrFunction fn, Block b, Switch s) {
        int n = s.targets().length;
        int chunks = (n + CHUNK - 1) / CHUNK;
        int at = fn.blocks.indexOf(b) + 1;
        Edge[] toChunks = new Edge[chunks];
        for (int c = 0; c < chunks; c++) {
            Block chunk = fn.newBlock();
            chunk.loopDepth = b.loopDepth;
            fn.blocks.add(at + c, chunk);
            int base = constant(fn, chunk, c * CHUNK);
            int local = result(fn, chunk, Opcodes.I32_SUB, s.index(), base);
            Edge[] part = Arrays.copyOfRange(s.targets(), c * CHUNK, Math.min(n, (c + 1) * CHUNK));
            chunk.terminator = new Switch(local, part, s.otherwise());
            toChunks[c] = new Edge(chunk.id, new int[0]);
        }
        // index / CHUNK, unsigned: an index past the table (negative as an int too) selects no chunk: otherwise.
        int divisor = constant(fn, b, CHUNK);
        int which = result(fn, b, Opcodes.I32_DIV_U, s.index(), divisor);
        b.terminator = chunks == 1 ? new Jump(toChunks[0]) : new Switch(which, toChunks, s.otherwise());
    }

    private static int constant(IrFunction fn, Block b, int value) {
        int v = fn.newValue(ValType.I32);
        b.insts.add(new Inst(Opcodes.I32_CONST, new int[0], new int[] {v}, 0, 0, value, null, 0));
        return v;
    }

    private static int result(IrFunction fn, Block b, int opcode, int left, int right) {
        int v = fn.newValue(ValType.I32);
        b.insts.add(new Inst(opcode, new int[] {left, right}, new int[] {v}, 0, 0, 0, null, 0));
        return v;
    }
}
