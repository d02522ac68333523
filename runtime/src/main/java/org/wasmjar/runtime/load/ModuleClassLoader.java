package org.wasmjar.runtime.load;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.wasmjar.runtime.types.ModuleInfo;

/**
 * Defines one module's generated classes. Its own classes are found before the parent's, so a module's classes are
 * always this loader's even when the parent could see classes of the same name. Each loader has a unique name that
 * stack frames carry ({@link StackTraceElement#getClassLoaderName()}); {@link #moduleOf(String)} maps it back to the
 * module, which is how traps name their frames.
 */
final class ModuleClassLoader extends ClassLoader {
    private static final String NAME_PREFIX = "wasmjar-module-";
    private static final AtomicLong NEXT_ID = new AtomicLong();
    /** Loader name -> module; weak so that loading many modules does not keep their descriptors alive. */
    private static final Map<String, WeakReference<ModuleInfo>> MODULES = new ConcurrentHashMap<>();

    static {
        registerAsParallelCapable();
    }

    /** Binary class name -> class file bytes. */
    private final Map<String, byte[]> classes;

    ModuleClassLoader(ModuleInfo info, Map<String, byte[]> classesByBinaryName, ClassLoader parent) {
        super(NAME_PREFIX + NEXT_ID.incrementAndGet(), parent);
        this.classes = classesByBinaryName;
        MODULES.values().removeIf(ref -> ref.get() == null);
        MODULES.put(getName(), new WeakReference<>(info));
    }

    /** The module whose classes a loader with this name defines, or null when it is no module loader. */
    static ModuleInfo moduleOf(String loaderName) {
        if (loaderName == null || !loaderName.startsWith(NAME_PREFIX)) return null;
        WeakReference<ModuleInfo> ref = MODULES.get(loaderName);
        return ref == null ? null : ref.get();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!classes.containsKey(name)) return super.loadClass(name, resolve);
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) c = findClass(name);
            if (resolve) resolveClass(c);
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) throw new ClassNotFoundException(name);
        return defineClass(name, bytes, 0, bytes.length);
    }
}
