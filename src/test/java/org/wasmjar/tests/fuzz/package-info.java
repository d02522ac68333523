/**
 * Fuzz tests. {@link org.wasmjar.tests.fuzz.MalformedInputFuzzTest}: seeded mutants of real modules must fail only
 * with wasmjar's own errors. {@link org.wasmjar.tests.fuzz.ValidationDifferentialTest}: wasmjar must judge those mutants
 * valid or not as V8 and wabt do. {@link org.wasmjar.tests.fuzz.DifferentialFuzzTest}: random valid modules from
 * binaryen ({@code wasm-opt -ttf}) must behave on wasmjar as on node. {@link org.wasmjar.tests.fuzz.FuzzFindingsTest}
 * keeps what they found. Long runs: {@code -Dwasmjar.fuzzIterations=N -Dwasmjar.fuzzSeed=S}.
 */
package org.wasmjar.tests.fuzz;
