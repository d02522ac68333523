package org.wasmjar.runtime.instance;

import org.wasmjar.runtime.types.GlobalType;

/**
 * A global's cell. Generated code reads and writes the field that matches the global's type:
 * {@code i32}, {@code i64}, {@code f32}, {@code f64} or {@code ref} (funcref and externref), v128 in {@code v128lo/hi}.
 * Imported globals share the exporter's cell.
 */
public final class Global {
    public final GlobalType type;
    public int i32;
    public long i64;
    public float f32;
    public double f64;
    public Object ref;
    public long v128lo, v128hi;

    public Global(GlobalType type) { this.type = type; }
}
