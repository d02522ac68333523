package org.wasmjar.compiler.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** How a block ends. Successor edges carry the values bound to the target block's parameters. */
public sealed interface Terminator {
    /** The outgoing edges in order (a switch's default last); none for return and unreachable. */
    default List<Edge> edges() {
        if (this instanceof Jump j) return List.of(j.edge());
        if (this instanceof Branch br) return List.of(br.ifTrue(), br.ifFalse());
        if (this instanceof Switch s) {
            List<Edge> all = new ArrayList<>(Arrays.asList(s.targets()));
            all.add(s.otherwise());
            return all;
        }
        return List.of();
    }

    /** An edge to a block with arguments for its parameters. */
    record Edge(int target, int[] args) {}

    /** Unconditional jump. */
    record Jump(Edge edge) implements Terminator {}

    /** {@code cond != 0 ? ifTrue : ifFalse}; cond is an i32 value. */
    record Branch(int cond, Edge ifTrue, Edge ifFalse) implements Terminator {}

    /** {@code br_table}: {@code index} (i32) selects {@code targets[index]}, or {@code otherwise} when out of range. */
    record Switch(int index, Edge[] targets, Edge otherwise) implements Terminator {}

    /** Return the values (in result order). */
    record Return(int[] values) implements Terminator {}

    /** {@code unreachable}: traps. */
    record Unreachable() implements Terminator {}
}
