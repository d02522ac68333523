package org.wasmjar.compiler.artifact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;
import org.wasmjar.runtime.jar.DescriptorCodec;
import org.wasmjar.runtime.jar.ModuleJar;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.types.ModuleInfo;

/**
 * Packs a compiled module into a module jar (layout in {@link ModuleJar}). Generated classes are moved
 * from the code generator's package into one derived from the source's SHA-256, so several module jars
 * can share a class path. The output is byte-identical for the same input: sorted entries, fixed times.
 */
public final class ModuleJarWriter {
    /** The package the code generator emits classes in. */
    public static final String GENERATED_PACKAGE = "wasmjar/generated/";
    /** DOS epoch-safe fixed time for every entry, so builds are reproducible. */
    private static final long FIXED_TIME = 315532800000L + 86_400_000L;

    private ModuleJarWriter() {}

    /** Writes the jar; {@code extraEntries} (name -> bytes, e.g. a runtime for standalone jars) are added as they are. */
    public static void write(CompiledModule module, byte[] sourceWasm, String compilerVersion,
                             Map<String, byte[]> extraEntries, Attributes extraManifest, OutputStream out) throws IOException {
        String sha = sha256(sourceWasm);
        String directory = "wasmjar/modules/m" + sha.substring(0, 16) + "/";
        Remapper remapper = new Remapper() {
            @Override public String map(String internalName) {
                return internalName.startsWith(GENERATED_PACKAGE)
                        ? directory + internalName.substring(GENERATED_PACKAGE.length()) : internalName;
            }
        };
        TreeMap<String, byte[]> entries = new TreeMap<>(extraEntries);
        for (Map.Entry<String, byte[]> c : module.classes().entrySet()) {
            entries.put(remapper.map(c.getKey()) + ".class", relocate(c.getValue(), remapper));
        }
        ModuleInfo info = module.info();
        entries.put(directory + ModuleJar.DESCRIPTOR, DescriptorCodec.write(info));
        for (int i = 0; i < info.data().size(); i++) {
            byte[] bytes = info.data().get(i).bytes();
            if (bytes.length > 0) entries.put(ModuleJar.dataResource(directory, i), bytes);
        }
        List<String> codeClasses = new ArrayList<>();
        for (String c : module.codeClasses()) codeClasses.add(remapper.map(c));

        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Created-By", "wasmjar " + compilerVersion);
        main.putValue(ModuleJar.MODULE_DIRECTORY, directory);
        main.putValue(ModuleJar.ENTRY_CLASS, codeClasses.get(0).replace('/', '.'));
        main.putValue(ModuleJar.CODE_CLASSES, String.join(" ", codeClasses));
        main.putValue(ModuleJar.SOURCE_SHA256, sha);
        main.putValue(ModuleJar.COMPILER_VERSION, compilerVersion);
        if (extraManifest != null) main.putAll(extraManifest);

        try (JarOutputStream jar = new JarOutputStream(out)) {
            jar.setLevel(9);
            ByteArrayOutputStream m = new ByteArrayOutputStream();
            manifest.write(m);
            putEntry(jar, "META-INF/", null);
            putEntry(jar, "META-INF/MANIFEST.MF", m.toByteArray());
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

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
