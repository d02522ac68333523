/**
 * Decodes the WebAssembly 2.0 binary format into the {@link org.wasmjar.compiler.wasm.model} records:
 * {@link org.wasmjar.compiler.wasm.binary.ModuleParser} for modules, {@link org.wasmjar.compiler.wasm.binary.OperatorDecoder}
 * as the one operator decoder. Rejects malformed input with {@link org.wasmjar.compiler.wasm.binary.MalformedModuleException}.
 */
package org.wasmjar.compiler.wasm.binary;
