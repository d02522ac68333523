/**
 * Drives wasmjar through its API for {@code bench/compare} while the command line has no {@code compile}/{@code run}:
 * compile a {@code .wasm} into a module jar, run a module jar's {@code _start} with WASI.
 */
package org.wasmjar.bench.runner;
