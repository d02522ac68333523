package org.wasmjar.runtime.jar;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;
import org.wasmjar.runtime.api.Guest;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.load.LoadedModule;
import org.wasmjar.runtime.load.ModuleLoader;
import org.wasmjar.runtime.types.ModuleInfo;

/**
 * A compiled module as a loadable library: its {@link ModuleDescriptor} and its generated classes. Read one from a
 * module jar ({@link #open}), from the class path ({@link #fromClasspath}), or get one straight from the compiler;
 * then {@link #instantiate} it as often as needed. Nothing here parses WebAssembly.
 *
 * <p>The layout of a module jar: everything of a module lives in its directory {@code wasmjar/modules/<id>/}
 * ({@code <id>} is {@code m} and 16 hex digits of the source's SHA-256, so several modules can share a class path):
 * the generated classes (in the package of that name), {@code module.desc} (the descriptor) and
 * {@code data/<i>.bin} for each non-empty data segment. The manifest names the directory
 * ({@value #MODULE_DIRECTORY}) and, for people reading it, the entry class, the source's SHA-256 and the compiler
 * version; the descriptor is what the runtime reads.
 */
public final class ModuleJar {
    /** Manifest attribute: the module's directory, e.g. {@code wasmjar/modules/m0123456789abcdef/}. */
    public static final String MODULE_DIRECTORY = "Wasmjar-Module-Directory";
    /** Manifest attribute: binary name of the module's entry class. */
    public static final String ENTRY_CLASS = "Wasmjar-Entry-Class";
    /** Manifest attribute: SHA-256 (hex) of the {@code .wasm} the jar was compiled from. */
    public static final String SOURCE_SHA256 = "Wasmjar-Source-SHA256";
    /** Manifest attribute: the wasmjar version that compiled the jar. */
    public static final String COMPILER_VERSION = "Wasmjar-Compiler-Version";
    /** Where module directories live. */
    public static final String MODULES_ROOT = "wasmjar/modules/";
    public static final String DESCRIPTOR = "module.desc";

    private final ModuleDescriptor descriptor;
    private final Map<String, byte[]> classes;
    private LoadedModule loaded;

    private ModuleJar(ModuleDescriptor descriptor, Map<String, byte[]> classes) {
        this.descriptor = descriptor;
        this.classes = Collections.unmodifiableMap(classes);
    }

    /**
     * A module from its parts, as the compiler makes them: {@code classes} (internal name -> class file) are exactly
     * the descriptor's classes, in the module's package ({@link #directoryOf}).
     */
    public static ModuleJar of(ModuleDescriptor descriptor, Map<String, byte[]> classes) {
        String directory = directoryOf(descriptor.id());
        if (!classes.keySet().equals(new HashSet<>(descriptor.classes()))) {
            throw new IllegalArgumentException("classes " + classes.keySet() + " are not the descriptor's " + descriptor.classes());
        }
        for (String c : classes.keySet()) {
            if (!c.startsWith(directory)) throw new IllegalArgumentException("class " + c + " is not under " + directory);
        }
        return new ModuleJar(descriptor, new LinkedHashMap<>(classes));
    }

    /** The module id for a source SHA-256. */
    public static String idOf(String sourceSha256) {
        if (sourceSha256.length() < 16) throw new IllegalArgumentException("not a SHA-256: " + sourceSha256);
        return "m" + sourceSha256.substring(0, 16);
    }

    /** The module directory (and package, as an internal name prefix) of a module id. */
    public static String directoryOf(String id) { return MODULES_ROOT + id + "/"; }

    public static String dataResource(String moduleDirectory, int segment) {
        return moduleDirectory + "data/" + segment + ".bin";
    }

    public ModuleDescriptor descriptor() { return descriptor; }

    public ModuleInfo info() { return descriptor.info(); }

    public FunctionTable functionTable() { return descriptor.functionTable(); }

    public String id() { return descriptor.id(); }

    public String directory() { return directoryOf(id()); }

    /** Binary name of the entry class (the first code class), or null for a module without functions. */
    public String entryClass() {
        return descriptor.codeClasses().isEmpty() ? null : descriptor.codeClasses().get(0).replace('/', '.');
    }

    /** Generated classes, internal name -> class file bytes. */
    public Map<String, byte[]> classes() { return classes; }

    public CompiledModule compiledModule() { return new CompiledModule(info(), classes, descriptor.codeClasses()); }

    /** The module's classes, loaded once (in a class loader of their own) and shared by every instance. */
    public synchronized LoadedModule load() {
        if (loaded == null) loaded = ModuleLoader.load(compiledModule());
        return loaded;
    }

    /**
     * Links the module's imports against {@code linker} (hostcall sets defined in it, other instances registered in
     * it) and instantiates it, running its start function. A missing or mismatched import is a
     * {@link org.wasmjar.runtime.api.LinkException}; a trap in the start function a {@link org.wasmjar.runtime.api.Trap}.
     * Guest code runs on the calling thread: use {@link org.wasmjar.runtime.api.GuestThread} for a deep stack.
     */
    public Guest instantiate(Linker linker) {
        return Guest.of(linker.instantiate(load()), functionTable());
    }

    /** Reads a module jar; a file that is missing, not a jar or not a wasmjar module is a one-line error. */
    public static ModuleJar open(Path jar) {
        if (!Files.exists(jar)) throw new WasmjarException("no such file: " + jar);
        if (Files.isDirectory(jar)) throw new WasmjarException(jar + " is a directory, not a module jar");
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String directory = manifest == null ? null : manifest.getMainAttributes().getValue(MODULE_DIRECTORY);
            if (directory == null) throw new WasmjarException(jar + " is not a wasmjar module jar (its manifest names no module)");
            return read(directory, name -> {
                JarEntry e = file.getJarEntry(name);
                if (e == null) return null;
                try (InputStream in = file.getInputStream(e)) {
                    return in.readAllBytes();
                }
            }, jar.toString());
        } catch (NoSuchFileException e) {
            throw new WasmjarException("no such file: " + jar);
        } catch (ZipException e) {
            throw new WasmjarException(jar + " is not a jar file");
        } catch (IOException e) {
            throw new WasmjarException("cannot read " + jar + ": " + e.getMessage());
        }
    }

    /**
     * Reads the module {@code id} (e.g. {@code m0123456789abcdef}, or its directory {@code wasmjar/modules/m.../}) from
     * the resources {@code loader} sees, e.g. a module jar on the application class path.
     */
    public static ModuleJar fromClasspath(ClassLoader loader, String id) {
        String directory = id.startsWith(MODULES_ROOT) ? (id.endsWith("/") ? id : id + "/") : directoryOf(id);
        try {
            return read(directory, name -> {
                try (InputStream in = loader.getResourceAsStream(name)) {
                    return in == null ? null : in.readAllBytes();
                }
            }, "class path module " + directory);
        } catch (IOException e) {
            throw new WasmjarException("cannot read module " + directory + " from the class path: " + e.getMessage());
        }
    }

    /** Ids of the modules whose jars are on {@code loader}'s class path (found by their manifests), in class path order. */
    public static List<String> onClasspath(ClassLoader loader) {
        List<String> ids = new ArrayList<>();
        try {
            Enumeration<URL> manifests = loader.getResources(JarFile.MANIFEST_NAME);
            while (manifests.hasMoreElements()) {
                try (InputStream in = manifests.nextElement().openStream()) {
                    Attributes main = new Manifest(in).getMainAttributes();
                    String directory = main.getValue(MODULE_DIRECTORY);
                    if (directory != null && directory.startsWith(MODULES_ROOT) && directory.endsWith("/")) {
                        String id = directory.substring(MODULES_ROOT.length(), directory.length() - 1);
                        if (!ids.contains(id)) ids.add(id);
                    }
                }
            }
        } catch (IOException e) {
            throw new WasmjarException("cannot list the class path's module jars: " + e.getMessage());
        }
        return ids;
    }

    /** Reads resources by name; null when there is none. */
    private interface Resources {
        byte[] get(String name) throws IOException;
    }

    private static ModuleJar read(String directory, Resources resources, String where) throws IOException {
        byte[] descriptorBytes = resources.get(directory + DESCRIPTOR);
        if (descriptorBytes == null) throw new WasmjarException(where + " is damaged: " + directory + DESCRIPTOR + " is missing");
        ModuleDescriptor descriptor;
        try {
            descriptor = DescriptorCodec.read(descriptorBytes, i -> required(resources, dataResource(directory, i), where));
        } catch (WasmjarException e) {
            throw new WasmjarException(where + ": " + e.getMessage());
        }
        if (!directory.equals(directoryOf(descriptor.id()))) {
            throw new WasmjarException(where + " is damaged: module " + descriptor.id() + " is stored under " + directory);
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (String c : descriptor.classes()) {
            if (!c.startsWith(directory)) throw new WasmjarException(where + " is damaged: class " + c + " is outside " + directory);
            classes.put(c, required(resources, c + ".class", where));
        }
        return new ModuleJar(descriptor, classes);
    }

    private static byte[] required(Resources resources, String name, String where) throws IOException {
        byte[] bytes = resources.get(name);
        if (bytes == null) throw new WasmjarException(where + " is damaged: " + name + " is missing");
        return bytes;
    }
}
