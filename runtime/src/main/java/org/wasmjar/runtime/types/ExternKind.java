package org.wasmjar.runtime.types;

/** What an import or export refers to, with its binary encoding. */
public enum ExternKind {
    FUNC(0), TABLE(1), MEMORY(2), GLOBAL(3);

    public final int code;

    ExternKind(int code) { this.code = code; }
}
