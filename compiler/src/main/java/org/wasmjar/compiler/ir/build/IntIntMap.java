package org.wasmjar.compiler.ir.build;

import java.util.Arrays;

/** A small open-addressing map from non-negative int keys to int values ({@code -1} = absent), no boxing. */
final class IntIntMap {
    private int[] keys = new int[8];
    private int[] values = new int[8];
    private int size;

    IntIntMap() { Arrays.fill(keys, -1); }

    int get(int key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) return values[i];
            if (k == -1) return -1;
        }
    }

    void put(int key, int value) {
        if (2 * (size + 1) > keys.length) grow();
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) { values[i] = value; return; }
            if (k == -1) { keys[i] = key; values[i] = value; size++; return; }
        }
    }

    private void grow() {
        int[] oldKeys = keys, oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, -1);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != -1) put(oldKeys[i], oldValues[i]);
    }

    private static int mix(int key) { return key * 0x9E3779B9 >>> 7 ^ key; }
}
