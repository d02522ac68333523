/**
 * JVM lowering of IR functions: locals per SSA value, method planning under HotSpot's 8,000-byte JIT
 * limit (large functions become a dispatcher over group methods sharing a frame), class packing and ASM emission.
 */
package org.wasmjar.compiler.codegen;
