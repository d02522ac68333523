package org.wasmjar.runtime.types;

/** A table: its element reference type and limits. */
public record TableType(ValType elemType, Limits limits) {}
