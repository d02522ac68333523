package org.wasmjar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.wasmjar.compiler.CompileListener;
import org.wasmjar.compiler.Compiler;
import org.wasmjar.compiler.artifact.ModuleJarWriter;
import org.wasmjar.compiler.wasm.binary.MalformedModuleException;
import org.wasmjar.compiler.wasm.validate.InvalidModuleException;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.jar.ModuleJar;

/**
 * A module file named on the command line: a {@code .wasm} binary or a module jar, told apart by their first bytes
 * (not their names). Every way a file can be unusable is one {@link WasmjarException} line naming the file.
 */
final class ModuleInput {
    private static final byte[] WASM_MAGIC = {0, 'a', 's', 'm'};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private ModuleInput() {}

    /** A {@code .wasm} file's bytes; anything else is an error. */
    static byte[] readWasm(Path file) throws IOException {
        byte[] head = head(file);
        if (Arrays.equals(head, ZIP_MAGIC)) throw new WasmjarException(file + " is a jar, not a WebAssembly binary");
        if (!Arrays.equals(head, WASM_MAGIC)) throw notWasm(file, head, false);
        return Files.readAllBytes(file);
    }

    /** A module jar read from {@code file}, or compiled in memory when {@code file} is a {@code .wasm}. */
    static ModuleJar load(Path file, String compilerVersion) throws IOException {
        byte[] head = head(file);
        if (Arrays.equals(head, ZIP_MAGIC)) return ModuleJar.open(file);
        if (!Arrays.equals(head, WASM_MAGIC)) throw notWasm(file, head, true);
        return compile(file, Files.readAllBytes(file), compilerVersion);
    }

    /** Compiles {@code wasm} (read from {@code file}) into a module jar in memory. */
    static ModuleJar compile(Path file, byte[] wasm, String compilerVersion) {
        return compile(file, wasm, compilerVersion, CompileListener.NONE);
    }

    /** The same, telling {@code listener} how far it got. */
    static ModuleJar compile(Path file, byte[] wasm, String compilerVersion, CompileListener listener) {
        try {
            return ModuleJarWriter.build(Compiler.compile(wasm, listener), wasm, compilerVersion);
        } catch (MalformedModuleException e) {
            throw new WasmjarException(file + ": " + (truncated(e, wasm) ? "truncated module (" + wasm.length + " bytes): " : "malformed module: ")
                    + e.reason() + " at offset 0x" + Integer.toHexString(e.offset()));
        } catch (InvalidModuleException e) {
            throw new WasmjarException(file + ": invalid module: " + e.reason() + " at offset 0x" + Integer.toHexString(e.offset()));
        }
    }

    /**
     * Whether decoding failed because the file ends early: the end of the module came mid-item, or a length at the
     * failing offset reaches past the end of the file (a section cut short says so at its size).
     */
    static boolean truncated(MalformedModuleException e, byte[] wasm) {
        if (e.reason().equals("unexpected end")) return true;
        if (!e.reason().equals("length out of bounds")) return false;
        long length = 0;
        int at = e.offset();
        for (int shift = 0; at < wasm.length && shift < 35; shift += 7) {
            int b = wasm[at++] & 0xFF;
            length |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return at + length > wasm.length;
        }
        return false;
    }

    /** The first four bytes (fewer for a shorter file). */
    private static byte[] head(Path file) throws IOException {
        if (Files.isDirectory(file)) throw new WasmjarException(file + " is a directory, not a module file");
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString());
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(4);
        }
    }

    private static WasmjarException notWasm(Path file, byte[] head, boolean jarAllowed) {
        if (head.length == 0) return new WasmjarException(file + " is empty, not a WebAssembly module");
        if (head.length < 4 && Arrays.equals(head, Arrays.copyOf(WASM_MAGIC, head.length))) {
            return new WasmjarException(file + ": truncated module (" + head.length + " bytes): unexpected end at offset 0x" + head.length);
        }
        return new WasmjarException(jarAllowed ? file + " is neither a WebAssembly module nor a module jar"
                : file + " is not a WebAssembly module (it does not start with \\0asm)");
    }
}
