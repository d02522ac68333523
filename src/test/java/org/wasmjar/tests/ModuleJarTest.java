package org.wasmjar.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wasmjar.tests.JavaProcess.checkout;
import static org.wasmjar.tests.JavaProcess.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmjar.compiler.Compiler;
import org.wasmjar.compiler.artifact.ModuleJarWriter;
import org.wasmjar.hostcalls.api.HostEnvironment;
import org.wasmjar.hostcalls.api.HostcallSets;
import org.wasmjar.runtime.api.Guest;
import org.wasmjar.runtime.api.GuestThread;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.jar.FunctionTable;
import org.wasmjar.runtime.jar.ModuleJar;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/** Module jars written by the compiler and read back by the runtime: the format, determinism, class path loading. */
class ModuleJarTest {
    private static final FuncType BINOP = new FuncType(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));
    private static final FuncType I64_I64 = new FuncType(List.of(ValType.I64), List.of(ValType.I64));

    @TempDir Path dir;

    private static ModuleJar build(Path wasm) throws IOException {
        byte[] bytes = Files.readAllBytes(wasm);
        return ModuleJarWriter.build(Compiler.compile(bytes), bytes, "test");
    }

    private Path write(ModuleJar module, String name) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar)) {
            ModuleJarWriter.write(module, Map.of(), null, out);
        }
        return jar;
    }

    private static Linker wasiLinker() {
        Linker linker = new Linker();
        HostcallSets.find("wasi").define(linker, HostEnvironment.inherit());
        return linker;
    }

    @Test
    void writingIsDeterministicAndReadingGivesTheModuleBack() throws IOException {
        ModuleJar module = build(checkout().resolve("examples/embedding/plugin.wasm"));
        Path a = write(module, "a.jar");
        Path b = write(build(checkout().resolve("examples/embedding/plugin.wasm")), "b.jar");
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));

        ModuleJar back = ModuleJar.open(a);
        assertEquals(module.id(), back.id());
        assertEquals(module.descriptor().classes(), back.descriptor().classes());
        assertEquals(module.functionTable(), back.functionTable());
        assertEquals(module.info().exports(), back.info().exports());
        for (String c : module.classes().keySet()) assertArrayEquals(module.classes().get(c), back.classes().get(c), c);

        try (JarInputStream in = new JarInputStream(Files.newInputStream(a))) {
            assertEquals(back.directory(), in.getManifest().getMainAttributes().getValue(ModuleJar.MODULE_DIRECTORY));
            for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                assertTrue(e.getName().startsWith(back.directory()) || e.getName().startsWith("META-INF/"), e.getName());
            }
        }
    }

    @Test
    void generatedClassesLiveInTheModulesPackage() throws IOException {
        ModuleJar module = build(checkout().resolve("examples/funcptr/funcptr.wasm"));
        for (Map.Entry<String, byte[]> c : module.classes().entrySet()) {
            assertTrue(c.getKey().startsWith(module.directory()), c.getKey());
            String constants = new String(c.getValue(), StandardCharsets.ISO_8859_1);
            assertFalse(constants.contains(ModuleJarWriter.GENERATED_PACKAGE), c.getKey() + " still names the generator's package");
        }
    }

    @Test
    void exportsTheFunctionTableAndCallsItsEntriesByIndex() throws IOException {
        ModuleJar plugin = ModuleJar.open(write(build(checkout().resolve("examples/embedding/plugin.wasm")), "plugin.jar"));
        FunctionTable table = plugin.functionTable();
        assertEquals(10, table.size());
        assertEquals(new FunctionTable.Entry(4, 14, BINOP, "mul"), table.entry(4));
        assertEquals(List.of(table.entry(5)), table.named("power"));

        Object[] results = GuestThread.run(() -> {
            Guest guest = plugin.instantiate(wasiLinker());
            guest.call("_initialize");
            return new Object[] {guest.callTableEntry(4, BINOP, 6, 7)[0], guest.callTableEntry(5, BINOP, 2, 10)[0]};
        });
        assertArrayEquals(new Object[] {42, 1024}, results);
    }

    @Test
    void severalModulesShareAClassPath() throws Exception {
        Path plugin = write(build(checkout().resolve("examples/embedding/plugin.wasm")), "plugin.jar");
        ModuleJar calcModule = build(e2e("calc.wasm"));
        Path calc = write(calcModule, "calc.jar");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {plugin.toUri().toURL(), calc.toUri().toURL()},
                ModuleJarTest.class.getClassLoader())) {
            List<String> ids = ModuleJar.onClasspath(loader);
            assertTrue(ids.contains(calcModule.id()), ids.toString());
            assertEquals(2, ids.stream().filter(id -> id.startsWith("m")).count(), ids.toString());

            Guest c = ModuleJar.fromClasspath(loader, calcModule.id()).instantiate(new Linker());
            assertArrayEquals(new Object[] {120L}, c.call("fac", 5L));
            assertEquals(I64_I64, c.exportType("fac"));
            Trap trap = assertThrows(Trap.class, () -> c.call("_start"));
            assertEquals(TrapKind.UNREACHABLE, trap.kind());
            assertEquals(List.of("crash", "crash", "crash", "main"), trap.wasmBacktrace(), "names come from the descriptor");

            String pluginId = ids.stream().filter(id -> !id.equals(calcModule.id())).findFirst().orElseThrow();
            ModuleJar p = ModuleJar.fromClasspath(loader, ModuleJar.directoryOf(pluginId));
            Object[] r = GuestThread.run(() -> {
                Guest g = p.instantiate(wasiLinker());
                g.call("_initialize");
                return g.callTableEntry(2, BINOP, 40, 2);
            });
            assertArrayEquals(new Object[] {42}, r);
            assertEquals("class path module wasmjar/modules/mnothere/ is damaged: wasmjar/modules/mnothere/module.desc is missing",
                    assertThrows(WasmjarException.class, () -> ModuleJar.fromClasspath(loader, "mnothere")).getMessage());
        }
    }

    @Test
    void eachInstanceHasItsOwnState() throws IOException {
        ModuleJar exit = build(e2e("exit.wasm"));
        Guest a = exit.instantiate(wasiLinker()), b = exit.instantiate(wasiLinker());
        a.writeI32(100, 7);
        assertEquals(7, a.readI32(100));
        assertEquals(0, b.readI32(100));
        assertEquals(0x10, b.readI32(0), "data segments are applied to every instance");
    }

    @Test
    void damagedJarsAreOneLineErrors() throws IOException {
        ModuleJar module = build(e2e("calc.wasm"));
        Path good = write(module, "good.jar");
        String directory = module.directory();

        Path noDescriptor = copyWithout(good, directory + ModuleJar.DESCRIPTOR, "nodesc.jar");
        assertEquals(noDescriptor + " is damaged: " + directory + "module.desc is missing",
                assertThrows(WasmjarException.class, () -> ModuleJar.open(noDescriptor)).getMessage());
        String codeClass = module.descriptor().codeClasses().get(0);
        Path noClass = copyWithout(good, codeClass + ".class", "noclass.jar");
        assertEquals(noClass + " is damaged: " + codeClass + ".class is missing",
                assertThrows(WasmjarException.class, () -> ModuleJar.open(noClass)).getMessage());

        Path notZip = Files.writeString(dir.resolve("text.jar"), "hello");
        assertEquals(notZip + " is not a jar file", assertThrows(WasmjarException.class, () -> ModuleJar.open(notZip)).getMessage());
        assertEquals("no such file: " + dir.resolve("nope.jar"),
                assertThrows(WasmjarException.class, () -> ModuleJar.open(dir.resolve("nope.jar"))).getMessage());
    }

    /** A copy of {@code jar} without entry {@code drop}. */
    private Path copyWithout(Path jar, String drop, String name) throws IOException {
        Path copy = dir.resolve(name);
        try (JarFile in = new JarFile(jar.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy), in.getManifest())) {
            for (JarEntry e : in.stream().toList()) {
                if (e.getName().equals(drop) || e.getName().equals(JarFile.MANIFEST_NAME)) continue;
                out.putNextEntry(new JarEntry(e.getName()));
                out.write(in.getInputStream(e).readAllBytes());
                out.closeEntry();
            }
        }
        return copy;
    }

    @Test
    void moduleWithoutFunctions() throws IOException {
        byte[] empty = {0, 'a', 's', 'm', 1, 0, 0, 0};
        ModuleJar module = ModuleJarWriter.build(Compiler.compile(empty), empty, "test");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModuleJarWriter.write(module, Map.of(), null, bytes);
        ModuleJar back = ModuleJar.open(Files.write(dir.resolve("empty.jar"), bytes.toByteArray()));
        assertEquals(null, back.entryClass());
        assertEquals(FunctionTable.NONE, back.functionTable());
        back.instantiate(new Linker());
    }
}
