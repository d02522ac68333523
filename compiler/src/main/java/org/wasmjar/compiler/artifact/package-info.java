/** Writing module jars: relocating generated classes into the module's package and packing them with the descriptor. */
package org.wasmjar.compiler.artifact;
