/** The small public API a host uses: instances, functions, memories, tables, globals and the error types. */
package org.wasmjar.runtime.api;
