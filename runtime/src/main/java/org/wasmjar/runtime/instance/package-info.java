/** Instance state that generated code reads (memory, tables, globals, functions, segments) and instantiation in spec order. */
package org.wasmjar.runtime.instance;
