package org.wasmjar.compiler.codegen;

/**
 * Size limits for method planning, in bytecode bytes (estimated, but for measuredLimit). HotSpot does not JIT-compile methods over
 * 8,000 bytes, so estimates are upper bounds and every method is kept under {@code methodLimit}.
 *
 * @param wholeLimit   a function whose estimate fits is emitted as one method
 * @param groupBudget  target size of one group of blocks when a function is split
 * @param methodLimit  hard bound for any one method, overheads included
 * @param measuredLimit a function whose estimate says split is emitted whole after all when its measured size
 *                      (an exact bound, not an estimate) fits this
 */
record Budget(int wholeLimit, int groupBudget, int methodLimit, int measuredLimit) {
    static final Budget DEFAULT = new Budget(7_000, 6_000, 7_900, 7_900);
}
