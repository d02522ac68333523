/**
 * Builds SSA IR straight from a validated function body: {@link org.wasmjar.compiler.ir.build.IrBuilder}
 * walks the operators once, {@link org.wasmjar.compiler.ir.build.SsaBuilder} turns Wasm locals into SSA
 * values (Braun et al. 2013) with block parameters instead of phis.
 */
package org.wasmjar.compiler.ir.build;
