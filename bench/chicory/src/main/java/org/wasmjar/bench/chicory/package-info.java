/** The Chicory side of {@code bench/compare}: a WASI program run on Chicory's run-time bytecode compiler. */
package org.wasmjar.bench.chicory;
