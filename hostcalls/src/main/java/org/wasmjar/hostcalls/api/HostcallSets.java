package org.wasmjar.hostcalls.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds {@link HostcallSet}s by name among those registered with {@link ServiceLoader}. */
public final class HostcallSets {
    private HostcallSets() {}

    /** Every set visible to {@code loader}, sorted by name. */
    public static List<HostcallSet> available(ClassLoader loader) {
        List<HostcallSet> sets = new ArrayList<>();
        ServiceLoader.load(HostcallSet.class, loader).forEach(sets::add);
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
}
