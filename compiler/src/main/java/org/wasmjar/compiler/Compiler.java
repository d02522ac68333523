package org.wasmjar.compiler;

import org.wasmjar.runtime.load.CompiledModule;

/** The compiler's front door: Wasm bytes in, JVM classes out. */
public final class Compiler {
    private Compiler() {}

    /**
     * Parses, validates, translates to IR, optimises and generates classes.
     * @throws org.wasmjar.compiler.wasm.binary.MalformedModuleException when the binary is malformed
     * @throws org.wasmjar.compiler.wasm.validate.InvalidModuleException when the module is invalid
     */
    public static CompiledModule compile(byte[] wasm) {
        throw new UnsupportedOperationException("wired up once the stages exist");
    }
}
