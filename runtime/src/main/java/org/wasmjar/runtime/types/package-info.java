/** The WebAssembly type vocabulary shared by the compiler, the runtime and hosts: value, function, table, memory and global types. */
package org.wasmjar.runtime.types;
