/** Immutable records describing a decoded WebAssembly module: types, imports, definitions, code. */
package org.wasmjar.compiler.wasm.model;
