package org.wasmjar.compiler.wasm.model;

import java.util.Map;

/** Contents of the custom {@code name} section; empty maps when absent. */
public record Names(String moduleName, Map<Integer, String> functions, Map<Integer, Map<Integer, String>> locals) {
    public static final Names EMPTY = new Names(null, Map.of(), Map.of());
}
