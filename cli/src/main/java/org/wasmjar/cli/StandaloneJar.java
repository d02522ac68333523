package org.wasmjar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.wasmjar.cli.launch.StandaloneMain;
import org.wasmjar.hostcalls.api.HostcallSet;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.instance.Instance;

/**
 * What a standalone module jar carries besides the module: the runtime, the hostcall sets and the launcher
 * ({@link StandaloneMain}), copied from wherever this wasmjar's own classes come from (its jar, or class
 * directories in a build), and the manifest attributes that make {@code java -jar} start the launcher. The compiler
 * and picocli stay out: running needs neither. The same wasmjar build always gives the same entries.
 */
final class StandaloneJar {
    /** Class name prefixes of what a standalone jar needs. */
    static final List<String> PACKAGES = List.of("org/wasmjar/runtime/", "org/wasmjar/hostcalls/", "org/wasmjar/cli/launch/");
    /** How the hostcall sets are found ({@link java.util.ServiceLoader}). */
    static final String SERVICES = "META-INF/services/" + HostcallSet.class.getName();

    private StandaloneJar() {}

    /** Name -> bytes of every class (and service file) the launcher needs. */
    static Map<String, byte[]> entries() throws IOException {
        Set<Path> roots = new LinkedHashSet<>();
        for (Class<?> c : List.of(Instance.class, HostcallSet.class, StandaloneMain.class)) roots.add(root(c));
        Map<String, byte[]> entries = new TreeMap<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                List<Path> files = new ArrayList<>();
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile).forEach(files::add);
                }
                for (Path f : files) {
                    String name = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
                    if (wanted(name)) entries.putIfAbsent(name, Files.readAllBytes(f));
                }
            } else {
                try (JarFile jar = new JarFile(root.toFile())) {
                    for (JarEntry e : jar.stream().toList()) {
                        if (e.isDirectory() || !wanted(e.getName())) continue;
                        try (InputStream in = jar.getInputStream(e)) {
                            entries.putIfAbsent(e.getName(), in.readAllBytes());
                        }
                    }
                }
            }
        }
        if (!entries.containsKey(SERVICES)) throw new WasmjarException("cannot find " + SERVICES + " to put into a standalone jar");
        return entries;
    }

    /** The manifest attributes of a standalone jar that links against {@code hostcalls}. */
    static Attributes manifest(List<String> hostcalls) {
        Attributes a = new Attributes();
        a.put(Attributes.Name.MAIN_CLASS, StandaloneMain.class.getName());
        a.putValue(StandaloneMain.HOSTCALLS, String.join(",", hostcalls));
        return a;
    }

    private static boolean wanted(String name) {
        if (name.equals(SERVICES)) return true;
        if (!name.endsWith(".class")) return false;
        for (String p : PACKAGES) if (name.startsWith(p)) return true;
        return false;
    }

    /** The jar or class directory {@code c} was loaded from. */
    private static Path root(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        try {
            if (source != null && source.getLocation() != null) return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            // reported below
        }
        throw new WasmjarException("cannot find where " + c.getName() + " was loaded from, to copy it into a standalone jar");
    }
}
