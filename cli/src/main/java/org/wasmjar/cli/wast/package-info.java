/** Runs WebAssembly spec scripts ({@code .wast}, converted by wabt's {@code wast2json}) against wasmjar. */
package org.wasmjar.cli.wast;
