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
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.Deflater;
import org.wasmjar.compiler.codegen.ModuleGenerator;
import org.wasmjar.runtime.jar.DescriptorCodec;
import org.wasmjar.runtime.jar.FunctionTable;
import org.wasmjar.runtime.jar.ModuleDescriptor;
import org.wasmjar.runtime.jar.ModuleJar;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.types.ModuleInfo;

/**
 * Turns a compiled module into a {@link ModuleJar} and writes module jars (layout in {@link ModuleJar}). The classes
 * are already in the module's own package, derived from the source's SHA-256 (the compiler generates them there), so
 * several module jars can share a class path. The output is byte-identical for the same input: sorted entries,
 * fixed times, no build-dependent data.
 */
public final class ModuleJarWriter {
    /** The package of classes generated for no module in particular; no module jar holds it. */
    public static final String GENERATED_PACKAGE = ModuleGenerator.DEFAULT_PACKAGE;

    private ModuleJarWriter() {}

    /**
     * The module jar of {@code module}, compiled ({@link org.wasmjar.compiler.Compiler#compile}) from
     * {@code sourceWasm}: function table and largest method size computed.
     * @throws IllegalArgumentException when the classes are not in the package of {@code sourceWasm}'s module
     */
    public static ModuleJar build(CompiledModule module, byte[] sourceWasm, String compilerVersion) {
        String sha = sha256(sourceWasm);
        Map<String, byte[]> classes = new TreeMap<>(module.classes());
        ModuleInfo info = module.info();
        ModuleDescriptor descriptor = new ModuleDescriptor(info, new ArrayList<>(classes.keySet()),
                module.codeClasses(), FunctionTable.of(info), sha, compilerVersion,
                ModuleGenerator.largestMethodSize(module));
        return ModuleJar.of(descriptor, classes);
    }

    /**
     * Writes {@code module} as a jar. {@code extraEntries} (name -> bytes, e.g. a runtime for standalone jars) are
     * added as they are; {@code extraManifest} attributes (e.g. {@code Main-Class}) join the module's own.
     * {@code out} is left open.
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

        ByteArrayOutputStream m = new ByteArrayOutputStream();
        manifest.write(m);
        entries.remove("META-INF/");
        entries.remove(JarFile.MANIFEST_NAME);
        List<ZipWriter.Entry> ordered = new ArrayList<>(entries.size() + 2);
        // JarInputStream finds the manifest only as the first entry (after its directory).
        ordered.add(new ZipWriter.Entry("META-INF/", null));
        ordered.add(new ZipWriter.Entry(JarFile.MANIFEST_NAME, m.toByteArray()));
        entries.forEach((name, bytes) -> ordered.add(new ZipWriter.Entry(name, bytes)));
        // zlib's default level: 9 compresses generated classes 0.3% smaller in twice the time.
        ZipWriter.write(ordered, Deflater.DEFAULT_COMPRESSION, out);
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
