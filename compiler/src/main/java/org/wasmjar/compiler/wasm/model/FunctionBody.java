package org.wasmjar.compiler.wasm.model;

import java.util.List;

/**
 * A function's code: local declarations and its decoded instructions, the final {@code end} included.
 * {@code offset} is the byte offset of the body in the module binary.
 */
public record FunctionBody(List<LocalDecl> locals, List<Instruction> code, int offset) {
    public FunctionBody { locals = List.copyOf(locals); }
}
