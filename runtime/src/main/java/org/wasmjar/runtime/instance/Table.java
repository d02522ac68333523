package org.wasmjar.runtime.instance;

import org.wasmjar.runtime.types.ValType;

/**
 * A table of references: {@link WasmFunction} (or null) for funcref tables, any object (or null) for externref.
 * {@code elements.length} may exceed {@link #size}; slots past the size are never read.
 */
public final class Table {
    public final ValType elemType;
    public Object[] elements;
    public int size;
    private final long max;

    public Table(ValType elemType, int initial, long max) {
        this.elemType = elemType;
        this.elements = new Object[initial];
        this.size = initial;
        this.max = max;
    }

    /** Declared maximum, or -1 when there is none. */
    public long max() { return max; }

    /** {@code table.grow}: the old size, or -1 when the table cannot grow by {@code delta}. */
    public int grow(int delta, Object init) {
        int old = size;
        long wanted = (long) old + Integer.toUnsignedLong(delta);
        long limit = max >= 0 ? Math.min(max, 0xFFFFFFFFL) : 0xFFFFFFFFL;
        if (wanted > limit || wanted > 10_000_000) return -1;
        if (wanted > elements.length) {
            Object[] grown = new Object[(int) wanted];
            System.arraycopy(elements, 0, grown, 0, size);
            elements = grown;
        }
        for (int i = old; i < wanted; i++) elements[i] = init;
        size = (int) wanted;
        return old;
    }
}
