package org.wasmjar.hostcalls.api;

import org.wasmjar.runtime.link.Linker;

/**
 * A named group of host functions a module can import, e.g. {@code wasi}. Implementations are found through
 * {@link java.util.ServiceLoader} (list the class in {@code META-INF/services/org.wasmjar.hostcalls.api.HostcallSet};
 * it needs a public no-argument constructor), so a user's jar on the class path can bring its own set.
 */
public interface HostcallSet {
    /** The name users select the set by, e.g. {@code wasi}. */
    String name();

    /** One line saying what the set provides, for listings. */
    String description();

    /**
     * Defines every function of the set in {@code linker}, bound to fresh host state built from {@code env}
     * (one call per program run: state such as open files lives until the linker is dropped).
     */
    void define(Linker linker, HostEnvironment env);
}
