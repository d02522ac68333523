package org.wasmjar.compiler.ir;

import java.util.ArrayList;
import java.util.List;

/** A basic block: parameters (SSA values bound by incoming edges), instructions, one terminator. */
public final class Block {
    public final int id;
    public final List<Integer> params = new ArrayList<>();
    public final List<Inst> insts = new ArrayList<>();
    public Terminator terminator;
    /** Loop nesting depth in the Wasm source (0 outside loops); a hint for code layout and splitting. */
    public int loopDepth;
    /** Whether this block is the header of a Wasm {@code loop}. */
    public boolean loopHeader;

    public Block(int id) { this.id = id; }
}
