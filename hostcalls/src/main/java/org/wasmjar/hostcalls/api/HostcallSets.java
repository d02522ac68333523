package org.wasmjar.hostcalls.api;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds {@link HostcallSet}s by name among those registered with {@link ServiceLoader}. */
public final class HostcallSets {
    private HostcallSets() {}

    /**
     * Every set visible to {@code loader}, sorted by name. A listed class that cannot be loaded or made (missing, no
     * public no-argument constructor, not a {@link HostcallSet}) is an {@link IllegalArgumentException} saying so.
     */
    public static List<HostcallSet> available(ClassLoader loader) {
        List<HostcallSet> sets = new ArrayList<>();
        try {
            ServiceLoader.load(HostcallSet.class, loader).forEach(sets::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalArgumentException("cannot load a hostcall set: " + e.getMessage(), e);
        }
        sets.sort(Comparator.comparing(HostcallSet::name));
        return sets;
    }

    /** Every set visible to this class's loader (and so to the wasmjar jars and what is on the class path). */
    public static List<HostcallSet> available() {
        return available(HostcallSets.class.getClassLoader());
    }

    /** The set called {@code name}; an unknown name is an {@link IllegalArgumentException} listing the known ones. */
    public static HostcallSet find(String name, ClassLoader loader) {
        List<HostcallSet> sets = available(loader);
        for (HostcallSet s : sets) if (s.name().equals(name)) return s;
        throw new IllegalArgumentException("unknown hostcall set \"" + name + "\"; known sets: "
                + (sets.isEmpty() ? "(none)" : sets.stream().map(HostcallSet::name).collect(Collectors.joining(", "))));
    }

    public static HostcallSet find(String name) {
        return find(name, HostcallSets.class.getClassLoader());
    }

    /**
     * A loader that sees wasmjar's own sets and those in {@code jars} (each listing its sets in
     * {@code META-INF/services/org.wasmjar.hostcalls.api.HostcallSet}); a jar that is no readable file is an
     * {@link IllegalArgumentException} naming it.
     */
    public static ClassLoader withJars(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            Path jar = jars.get(i);
            if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) throw new IllegalArgumentException("no such hostcalls jar: " + jar);
            try {
                urls[i] = jar.toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("bad hostcalls jar path: " + jar, e);
            }
        }
        return new URLClassLoader("wasmjar-hostcalls", urls, HostcallSets.class.getClassLoader());
    }
}
