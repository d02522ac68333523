/** What generated code calls at run time: the calling convention, and helpers for operators the JVM lacks (traps, memory and table access). */
package org.wasmjar.runtime.abi;
