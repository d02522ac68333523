package org.wasmjar.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.File;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmjar.compiler.Compiler;
import org.wasmjar.compiler.artifact.ModuleJarWriter;

/**
 * examples/embedding as its README runs it: plugin.wasm compiled to a module jar, Embed.java compiled against the
 * wasmjar classes and run in a JVM of its own, which calls guest functions by table index. Its output must match
 * expected-output.txt.
 */
class EmbeddingExampleTest {
    @Test
    void embedsThePluginAndCallsItsFunctionsByTableIndex(@TempDir Path dir) throws Exception {
        Path example = JavaProcess.checkout().resolve("examples/embedding");
        byte[] wasm = Files.readAllBytes(example.resolve("plugin.wasm"));
        Path jar = dir.resolve("plugin.jar");
        try (OutputStream out = Files.newOutputStream(jar)) {
            ModuleJarWriter.write(ModuleJarWriter.build(Compiler.compile(wasm), wasm, "test"), Map.of(), null, out);
        }

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests need a JDK (javax.tools) to compile the example");
        Path classes = Files.createDirectory(dir.resolve("classes"));
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(diagnostics, null, null,
                List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "-Xlint:all", "-Werror"),
                null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(example.resolve("Embed.java").toFile()))
                .call();
        assertEquals("", diagnostics.toString());
        assertEquals(true, compiled);

        JavaProcess.Result r = JavaProcess.java(dir, List.of("-cp",
                System.getProperty("java.class.path") + File.pathSeparator + classes, "Embed", jar.toString()));
        assertEquals(Files.readString(example.resolve("expected-output.txt")), r.out(), r.toString());
        assertEquals("", r.err());
        assertEquals(0, r.exit());
    }
}
