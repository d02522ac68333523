package org.wasmjar.compiler.wasm.model;

/** A custom section kept as raw bytes. */
public record CustomSection(String name, byte[] bytes) {}
