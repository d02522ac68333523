/**
 * Running a module jar as a program: linking it against hostcall sets, running {@code _start} or one export on a
 * big-stack thread, and turning the outcome into an exit code. Needs only the runtime and the hostcall sets (no
 * compiler, no picocli), so standalone jars carry this package as their launcher.
 */
package org.wasmjar.cli.launch;
