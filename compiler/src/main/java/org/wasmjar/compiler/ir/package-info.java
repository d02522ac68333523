/**
 * The SSA intermediate representation: values are small integer ids with a type, instructions are
 * non-control Wasm operators over values, blocks take parameters (instead of phi nodes) and end in one
 * {@link org.wasmjar.compiler.ir.Terminator}. Control flow is a plain CFG; Wasm structure is gone.
 */
package org.wasmjar.compiler.ir;
