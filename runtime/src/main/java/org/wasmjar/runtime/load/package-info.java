/** Turns a compiled module (descriptor + generated classes) into loaded classes and function handles; never parses Wasm. */
package org.wasmjar.runtime.load;
