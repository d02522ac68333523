/**
 * JVM lowering of IR functions: locals per SSA value (a v128 as two long halves or four int quarters, never an
 * object), method planning under HotSpot's 8,000-byte JIT limit (large functions become a dispatcher over group
 * methods sharing a frame), class packing and ASM emission.
 */
package org.wasmjar.compiler.codegen;
