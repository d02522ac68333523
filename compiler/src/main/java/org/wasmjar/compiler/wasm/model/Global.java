package org.wasmjar.compiler.wasm.model;

import org.wasmjar.runtime.types.*;

/** A global defined by the module. */
public record Global(GlobalType type, ConstExpr init) {}
