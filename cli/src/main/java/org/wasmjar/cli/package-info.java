/** The {@code wasmjar} command line: one picocli class per command. */
package org.wasmjar.cli;
