/** Module jars: the descriptor format and loading a compiled module from a jar file or the class path. */
package org.wasmjar.runtime.jar;
