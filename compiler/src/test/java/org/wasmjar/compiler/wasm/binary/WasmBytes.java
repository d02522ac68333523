package org.wasmjar.compiler.wasm.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A tiny byte builder for hand-written module binaries in tests (no toolchain needed). */
final class WasmBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Starts a module: magic and version. */
    static WasmBytes module() { return new WasmBytes().raw(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00); }

    static WasmBytes of(int... bytes) { return new WasmBytes().raw(bytes); }

    WasmBytes raw(int... bytes) {
        for (int b : bytes) out.write(b);
        return this;
    }

    WasmBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    WasmBytes u32(long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    WasmBytes s64(long v) {
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) return this;
        }
    }

    WasmBytes name(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return u32(b.length).raw(b);
    }

    /** A section: id, size, content. */
    WasmBytes section(int id, WasmBytes content) {
        byte[] c = content.build();
        return raw(id).u32(c.length).raw(c);
    }

    /** A code section entry: size, then the body (locals and instructions). */
    WasmBytes body(WasmBytes body) {
        byte[] c = body.build();
        return u32(c.length).raw(c);
    }

    int size() { return out.size(); }

    byte[] build() { return out.toByteArray(); }
}
