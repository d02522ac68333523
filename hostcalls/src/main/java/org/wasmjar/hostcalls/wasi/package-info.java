/**
 * WASI preview 1 ({@code wasi_snapshot_preview1}) on the JVM: one file per area (arguments and environment, clocks,
 * randomness, descriptors, paths, polling, process, sockets), constants apart ({@link org.wasmjar.hostcalls.wasi.Errno},
 * {@link org.wasmjar.hostcalls.wasi.WasiTypes}), and a sandbox in which preopened directories are the only roots.
 */
package org.wasmjar.hostcalls.wasi;
