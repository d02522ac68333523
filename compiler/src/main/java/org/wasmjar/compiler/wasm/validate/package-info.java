/**
 * Validation of a decoded module against the WebAssembly 2.0 typing rules and wasmjar's implementation limits
 * ({@link org.wasmjar.compiler.wasm.validate.ImplementationLimitException}); the only way to obtain a
 * {@link org.wasmjar.compiler.wasm.validate.ValidatedModule} and its runtime descriptor.
 */
package org.wasmjar.compiler.wasm.validate;
