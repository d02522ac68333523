package org.wasmjar.runtime.types;

/** A WebAssembly value type, with its binary encoding. */
public enum ValType {
    I32(0x7F, "i32"), I64(0x7E, "i64"), F32(0x7D, "f32"), F64(0x7C, "f64"),
    V128(0x7B, "v128"), FUNCREF(0x70, "funcref"), EXTERNREF(0x6F, "externref");

    public final int code;
    public final String text;

    ValType(int code, String text) { this.code = code; this.text = text; }

    public boolean isRef() { return this == FUNCREF || this == EXTERNREF; }

    public boolean isNumeric() { return this == I32 || this == I64 || this == F32 || this == F64; }

    /** The value type for a binary code, or null if the byte is no value type. */
    public static ValType fromCode(int code) {
        for (ValType t : values()) if (t.code == code) return t;
        return null;
    }

    @Override public String toString() { return text; }
}
