package org.wasmjar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmjar.runtime.api.WasmjarException;

class ModuleInputTest {
    /** A module with one type section of 5 bytes: (func (result i32)). */
    private static final byte[] TYPES = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7f};

    private static String compileError(Path dir, byte[] bytes) throws Exception {
        Path f = Files.write(dir.resolve("m.wasm"), bytes);
        return assertThrows(WasmjarException.class, () -> ModuleInput.load(f, "test")).getMessage()
                .substring(f.toString().length());
    }

    @Test
    void tellsTruncatedFromMalformed(@TempDir Path dir) throws Exception {
        assertEquals(": truncated module (3 bytes): unexpected end at offset 0x3", compileError(dir, java.util.Arrays.copyOf(TYPES, 3)));
        assertEquals(": truncated module (6 bytes): unexpected end at offset 0x6", compileError(dir, java.util.Arrays.copyOf(TYPES, 6)));
        // the section says 5 bytes, the file ends after 3 of them
        assertEquals(": truncated module (13 bytes): length out of bounds at offset 0x9", compileError(dir, java.util.Arrays.copyOf(TYPES, 13)));
        // a section length past the end of a complete file is malformed, not truncated
        byte[] lying = TYPES.clone();
        lying[10] = 9; // a vector of 9 types in a 5-byte section
        assertEquals(": malformed module: unexpected end of section or function at offset 0xf", compileError(dir, lying));
        byte[] badMagic = TYPES.clone();
        badMagic[1] = 'b';
        assertEquals(" is neither a WebAssembly module nor a module jar", compileError(dir, badMagic));
    }

    @Test
    void defaultOutputReplacesTheSuffix() {
        assertEquals(Path.of("a/b.jar"), CompileCommand.defaultOutput(Path.of("a/b.wasm")));
        assertEquals(Path.of("c.bin.jar"), CompileCommand.defaultOutput(Path.of("c.bin")));
    }
}
