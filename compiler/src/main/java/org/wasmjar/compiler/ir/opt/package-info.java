/**
 * Optimisation passes over SSA IR, run by {@link org.wasmjar.compiler.ir.opt.Optimizer} in a fixed order.
 * Each pass only ever makes code smaller or simpler, and leaves IR that passes the verifier.
 */
package org.wasmjar.compiler.ir.opt;
