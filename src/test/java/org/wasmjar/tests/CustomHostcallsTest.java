package org.wasmjar.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmjar.compiler.Compiler;
import org.wasmjar.hostcalls.api.HostEnvironment;
import org.wasmjar.hostcalls.api.HostcallSet;
import org.wasmjar.hostcalls.api.HostcallSets;
import org.wasmjar.hostcalls.wasi.WasiExit;
import org.wasmjar.runtime.api.GuestThread;
import org.wasmjar.runtime.api.Invoker;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.link.Linker;

/**
 * The example in {@code examples/custom-hostcalls}: its hostcall set is compiled and packed into a jar here, as its
 * Makefile does, found by name through {@link HostcallSets#withJars}, and linked with WASI for {@code words.wasm}.
 */
class CustomHostcallsTest {
    private static final Path EXAMPLE = JavaProcess.checkout().resolve("examples/custom-hostcalls");

    /** Compiles the example's sources against the test class path and jars them with their service file. */
    private static Path buildExampleJar(Path dir) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> sources;
        try (Stream<Path> all = Files.walk(EXAMPLE.resolve("src/main/java"))) {
            sources = all.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of("--release", "17", "-cp", System.getProperty("java.class.path"),
                "-d", classes.toString()));
        args.addAll(sources);
        int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertEquals(0, rc, diagnostics.toString(StandardCharsets.UTF_8));
        Path jar = dir.resolve("text-hostcalls.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            for (Path root : List.of(classes, EXAMPLE.resolve("src/main/resources"))) {
                try (Stream<Path> all = Files.walk(root)) {
                    for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
                        j.putNextEntry(new JarEntry(root.relativize(p).toString().replace('\\', '/')));
                        j.write(Files.readAllBytes(p));
                        j.closeEntry();
                    }
                }
            }
        }
        return jar;
    }

    @Test
    void exampleSetRunsItsGuest(@TempDir Path dir) throws Exception {
        ClassLoader loader = HostcallSets.withJars(List.of(buildExampleJar(dir)));
        HostcallSet text = HostcallSets.find("text", loader);
        assertEquals("org.example.texthost.TextHostcallSet", text.getClass().getName());
        assertTrue(HostcallSets.available(loader).stream().map(HostcallSet::name).toList().containsAll(List.of("edge", "text", "wasi")));

        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        HostEnvironment env = HostEnvironment.inherit().withArgs(List.of("words.wasm", "hello wasm  world"))
                .withStdio(new ByteArrayInputStream(new byte[0]), out, err);
        Linker linker = new Linker();
        for (String name : List.of("text", "wasi")) HostcallSets.find(name, loader).define(linker, env);
        Instance inst = linker.instantiate(Compiler.compile(Files.readAllBytes(EXAMPLE.resolve("words.wasm"))));
        int exit = GuestThread.run(() -> {
            try {
                Invoker.invoke(inst, "_start");
                return 0;
            } catch (WasiExit e) {
                return e.code();
            }
        });
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        assertEquals("3 words\nword: hello\nword: wasm\nword: world\nwalked 3 words, the longest has 5 letters\nHELLO WASM  WORLD\n",
                out.toString(StandardCharsets.UTF_8));
        assertEquals("[text] done\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutItsJarTheSetIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostcallSets.find("text"));
        assertTrue(e.getMessage().startsWith("unknown hostcall set \"text\"; known sets: edge, wasi"), e.getMessage());
    }

    @Test
    void badJarsAreClearErrors(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.jar");
        assertEquals("no such hostcalls jar: " + missing,
                assertThrows(IllegalArgumentException.class, () -> HostcallSets.withJars(List.of(missing))).getMessage());

        Path broken = dir.resolve("broken.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(broken))) {
            j.putNextEntry(new JarEntry("META-INF/services/org.wasmjar.hostcalls.api.HostcallSet"));
            j.write("org.example.NoSuchSet\n".getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        ClassLoader loader = HostcallSets.withJars(List.of(broken));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostcallSets.find("x", loader));
        assertTrue(e.getMessage().startsWith("cannot load a hostcall set: ") && e.getMessage().contains("org.example.NoSuchSet"),
                e.getMessage());
    }
}
