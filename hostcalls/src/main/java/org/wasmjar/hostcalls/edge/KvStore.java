package org.wasmjar.hostcalls.edge;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The guests' key-value store: byte keys to byte values, in memory, safe to share between threads.
 * {@link #process()} is the store every guest of this JVM shares, so data outlives the instance that wrote it.
 */
public final class KvStore {
    private static final KvStore PROCESS = new KvStore();

    /** Keys as ISO-8859-1 strings: one char per byte, so equal bytes give equal keys and no bytes are lost. */
    private final ConcurrentHashMap<String, byte[]> entries = new ConcurrentHashMap<>();

    /** The store that lives as long as this JVM. */
    public static KvStore process() { return PROCESS; }

    /** A copy of the value of {@code key}, or null when there is none. */
    public byte[] get(byte[] key) {
        byte[] v = entries.get(key(key));
        return v == null ? null : v.clone();
    }

    /** Adds {@code key} only when absent; whether it was added. */
    public boolean insert(byte[] key, byte[] value) {
        return entries.putIfAbsent(key(key), value.clone()) == null;
    }

    /** Sets {@code key}, replacing any value. */
    public void upsert(byte[] key, byte[] value) {
        entries.put(key(key), value.clone());
    }

    /** Appends {@code value} to the value of {@code key}, which starts empty when absent. */
    public void append(byte[] key, byte[] value) {
        entries.merge(key(key), value.clone(), (old, more) -> {
            byte[] joined = java.util.Arrays.copyOf(old, old.length + more.length);
            System.arraycopy(more, 0, joined, old.length, more.length);
            return joined;
        });
    }

    /** Removes {@code key}; whether it was there. */
    public boolean remove(byte[] key) {
        return entries.remove(key(key)) != null;
    }

    public int size() { return entries.size(); }

    private static String key(byte[] bytes) { return new String(bytes, StandardCharsets.ISO_8859_1); }
}
