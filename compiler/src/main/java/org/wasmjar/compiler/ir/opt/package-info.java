/**
 * Optimisation passes over SSA IR, run by {@link org.wasmjar.compiler.ir.opt.Optimizer} in a fixed order.
 * Each pass leaves IR that passes the verifier; all but {@link org.wasmjar.compiler.ir.opt.LoopExits} (which may add
 * a zero constant and a comparison) only ever make code smaller or simpler.
 */
package org.wasmjar.compiler.ir.opt;
