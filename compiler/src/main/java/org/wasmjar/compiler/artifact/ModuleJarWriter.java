package org.wasmjar.compiler.artifact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;
import org.wasmjar.compiler.codegen.ModuleGenerator;
import org.wasmjar.runtime.jar.DescriptorCodec;
import org.wasmjar.runtime.jar.FunctionTable;
import org.wasmjar.runtime.jar.ModuleDescriptor;
import org.wasmjar.runtime.jar.ModuleJar;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.types.ModuleInfo;

/**
 * Turns a compiled module into a {@link ModuleJar} and writes module jars (layout in {@link ModuleJar}). Generated
 * classes move from the code generator's package into the module's own, derived from the source's SHA-256, so
 * several module jars can share a class path. The output is byte-identical for the same input: sorted entries,
 * fixed times, no build-dependent data.
 */
public final class ModuleJarWriter {
    /** The package the code generator emits classes in. */
    public static final String GENERATED_PACKAGE = "wasmjar/generated/";
    /** 1980-01-02, safely inside the zip format's DOS time range in every time zone; the same for every entry. */
    private static final long FIXED_TIME = 315532800000L + 86_400_000L;

    private ModuleJarWriter() {}

    /**
     * The module jar of {@code module}, compiled from {@code sourceWasm}: classes relocated into the module's package,
     * function table and largest method size computed.
     */
    public static ModuleJar build(CompiledModule module, byte[] sourceWasm, String compilerVersion) {
        String sha = sha256(sourceWasm);
        String directory = ModuleJar.directoryOf(ModuleJar.idOf(sha));
        Remapper remapper = new Remapper() {
            @Override public String map(String internalName) {
                return internalName.startsWith(GENERATED_PACKAGE)
                        ? directory + internalName.substring(GENERATED_PACKAGE.length()) : internalName;
            }
        };
        Map<String, byte[]> classes = new TreeMap<>();
        for (Map.Entry<String, byte[]> c : module.classes().entrySet()) {
            classes.put(remapper.map(c.getKey()), relocate(c.getValue(), remapper));
        }
        List<String> codeClasses = new ArrayList<>();
        for (String c : module.codeClasses()) codeClasses.add(remapper.map(c));
        ModuleInfo info = module.info();
        int largestMethod = ModuleGenerator.largestMethodSize(new CompiledModule(info, classes, codeClasses));
        ModuleDescriptor descriptor = new ModuleDescriptor(info, new ArrayList<>(classes.keySet()), codeClasses,
                FunctionTable.of(info), sha, compilerVersion, largestMethod);
        return ModuleJar.of(descriptor, classes);
    }

    /**
     * Writes {@code module} as a jar. {@code extraEntries} (name -> bytes, e.g. a runtime for standalone jars) are
     * added as they are; {@code extraManifest} attributes (e.g. {@code Main-Class}) join the module's own.
     */
    public static void write(ModuleJar module, Map<String, byte[]> extraEntries, Attributes extraManifest,
                             OutputStream out) throws IOException {
        String directory = module.directory();
        TreeMap<String, byte[]> entries = new TreeMap<>(extraEntries);
        module.classes().forEach((name, bytes) -> entries.put(name + ".class", bytes));
        entries.put(directory + ModuleJar.DESCRIPTOR, DescriptorCodec.write(module.descriptor()));
        List<ModuleInfo.DataDef> data = module.info().data();
        for (int i = 0; i < data.size(); i++) {
            byte[] bytes = data.get(i).bytes();
            if (bytes.length > 0) entries.put(ModuleJar.dataResource(directory, i), bytes);
        }

        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Created-By", "wasmjar " + module.descriptor().compilerVersion());
        main.putValue(ModuleJar.MODULE_DIRECTORY, directory);
        if (module.entryClass() != null) main.putValue(ModuleJar.ENTRY_CLASS, module.entryClass());
        main.putValue(ModuleJar.SOURCE_SHA256, module.descriptor().sourceSha256());
        main.putValue(ModuleJar.COMPILER_VERSION, module.descriptor().compilerVersion());
        if (extraManifest != null) main.putAll(extraManifest);

        try (JarOutputStream jar = new JarOutputStream(out)) {
            jar.setLevel(9);
            ByteArrayOutputStream m = new ByteArrayOutputStream();
            manifest.write(m);
            // JarInputStream finds the manifest only as the first entry (after its directory).
            putEntry(jar, "META-INF/", null);
            putEntry(jar, JarFile.MANIFEST_NAME, m.toByteArray());
            entries.remove("META-INF/");
            entries.remove(JarFile.MANIFEST_NAME);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) putEntry(jar, e.getKey(), e.getValue());
        }
    }

    private static void putEntry(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        JarEntry e = new JarEntry(name);
        e.setTime(FIXED_TIME);
        jar.putNextEntry(e);
        if (bytes != null) jar.write(bytes);
        jar.closeEntry();
    }

    private static byte[] relocate(byte[] classFile, Remapper remapper) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassRemapper(writer, remapper), 0);
        return writer.toByteArray();
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
