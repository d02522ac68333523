package org.wasmjar.runtime.jar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.types.ModuleInfo;

/**
 * The layout of a module jar, and reading one back. A module jar holds, under the module's package
 * directory {@code wasmjar/modules/<id>/}: the generated classes, {@code module.desc} (the
 * {@link DescriptorCodec descriptor}) and {@code data/<i>.bin} for each non-empty data segment. Its manifest names
 * the package, the code classes and the entry class; reading it never touches the original {@code .wasm}.
 */
public final class ModuleJar {
    /** Manifest attribute: the module's resource directory, e.g. {@code wasmjar/modules/m0123abcd/}. */
    public static final String MODULE_DIRECTORY = "Wasmjar-Module-Directory";
    /** Manifest attribute: internal names of the code classes, space separated; the first is the entry class. */
    public static final String CODE_CLASSES = "Wasmjar-Code-Classes";
    /** Manifest attribute: binary name of the module's entry class. */
    public static final String ENTRY_CLASS = "Wasmjar-Entry-Class";
    /** Manifest attribute: SHA-256 (hex) of the {@code .wasm} the jar was compiled from. */
    public static final String SOURCE_SHA256 = "Wasmjar-Source-SHA256";
    /** Manifest attribute: the wasmjar version that compiled the jar. */
    public static final String COMPILER_VERSION = "Wasmjar-Compiler-Version";
    public static final String DESCRIPTOR = "module.desc";

    private ModuleJar() {}

    /** What a module jar holds: the compiled module and its manifest attributes. */
    public record Contents(CompiledModule module, Manifest manifest) {
        public String attribute(String name) { return manifest.getMainAttributes().getValue(name); }
    }

    public static String dataResource(String moduleDirectory, int segment) {
        return moduleDirectory + "data/" + segment + ".bin";
    }

    /** Reads a module jar; a file that is missing, not a jar or not a wasmjar module is a one-line error. */
    public static Contents read(Path jar) {
        if (!Files.exists(jar)) throw new WasmjarException("no such file: " + jar);
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            Attributes main = manifest == null ? null : manifest.getMainAttributes();
            String directory = main == null ? null : main.getValue(MODULE_DIRECTORY);
            String codeClasses = main == null ? null : main.getValue(CODE_CLASSES);
            if (directory == null || codeClasses == null) {
                throw new WasmjarException(jar + " is not a wasmjar module jar (its manifest names no module)");
            }
            byte[] descriptor = entry(file, directory + DESCRIPTOR, jar);
            ModuleInfo info = DescriptorCodec.read(descriptor, i -> entry(file, dataResource(directory, i), jar));
            Map<String, byte[]> classes = new LinkedHashMap<>();
            List<JarEntry> entries = new ArrayList<>(file.stream().toList());
            for (JarEntry e : entries) {
                String name = e.getName();
                if (name.startsWith(directory) && name.endsWith(".class")) {
                    classes.put(name.substring(0, name.length() - ".class".length()), entry(file, name, jar));
                }
            }
            List<String> code = Arrays.asList(codeClasses.trim().split("\\s+"));
            for (String c : code) {
                if (!classes.containsKey(c)) throw new WasmjarException(jar + " is damaged: code class " + c + " is missing");
            }
            return new Contents(new CompiledModule(info, classes, code), manifest);
        } catch (NoSuchFileException e) {
            throw new WasmjarException("no such file: " + jar);
        } catch (ZipException e) {
            throw new WasmjarException(jar + " is not a jar file");
        } catch (IOException e) {
            throw new WasmjarException("cannot read " + jar + ": " + e.getMessage());
        }
    }

    private static byte[] entry(JarFile file, String name, Path jar) throws IOException {
        JarEntry e = file.getJarEntry(name);
        if (e == null) throw new WasmjarException(jar + " is damaged: " + name + " is missing");
        try (InputStream in = file.getInputStream(e)) {
            return in.readAllBytes();
        }
    }
}
