/**
 * Hand-written stand-ins for generated code classes: static {@code f<index>} methods taking the Instance last, and
 * {@code registerFunctions}. Tests load them through a module class loader as if a compiler had produced them.
 */
package org.wasmjar.runtime.testing.code;
