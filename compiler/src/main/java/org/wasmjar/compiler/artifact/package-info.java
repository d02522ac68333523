/** Writing module jars: the generated classes (already in the module's package), the descriptor and the data. */
package org.wasmjar.compiler.artifact;
