/**
 * JMH benchmarks of wasmjar in steady state: host-to-guest calls, memory access, {@code call_indirect}, guest-to-host
 * calls, instantiation, and compile throughput. The small test modules are {@code src/main/wat} built with wat2wasm.
 */
package org.wasmjar.bench.jmh;
