package org.wasmjar.compiler.ir.build;

/** A small open-addressing map from non-negative int keys to int values ({@code -1} = absent), no boxing. */
final class IntIntMap {
    /** {@code key + 1}, so that a fresh (zeroed) array is all empty slots. */
    private int[] keys = new int[8];
    private int[] values = new int[8];
    private int size;

    int get(int key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key + 1) return values[i];
            if (k == 0) return -1;
        }
    }

    void put(int key, int value) {
        if (2 * (size + 1) > keys.length) grow();
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key + 1) { values[i] = value; return; }
            if (k == 0) { keys[i] = key + 1; values[i] = value; size++; return; }
        }
    }

    private void grow() {
        int[] oldKeys = keys, oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != 0) put(oldKeys[i] - 1, oldValues[i]);
    }

    private static int mix(int key) { return key * 0x9E3779B9 >>> 7 ^ key; }
}
