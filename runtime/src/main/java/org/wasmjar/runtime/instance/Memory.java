package org.wasmjar.runtime.instance;

/**
 * A linear memory held in one {@code byte[]}. Generated code reads {@link #bytes} into a local and reloads it
 * after calls and {@code memory.grow}; growing replaces the array. Limited to what a Java array can hold.
 */
public final class Memory {
    public static final int PAGE_SIZE = 65536;
    /** Pages a {@code byte[]} can hold (2 GiB minus one page). */
    public static final int MAX_PAGES_IN_ARRAY = 32767;

    public byte[] bytes;
    private final long maxPages;

    public Memory(int initialPages, long maxPages) {
        this.bytes = new byte[Math.multiplyExact(initialPages, PAGE_SIZE)];
        this.maxPages = maxPages;
    }

    public int pages() { return bytes.length / PAGE_SIZE; }

    /** Declared maximum in pages, or -1 when there is none. */
    public long maxPages() { return maxPages; }

    /** {@code memory.grow}: the old size in pages, or -1 when the memory cannot grow by {@code delta} pages. */
    public int grow(int delta) {
        int old = pages();
        long wanted = (long) old + Integer.toUnsignedLong(delta);
        long limit = maxPages >= 0 ? Math.min(maxPages, 65536) : 65536;
        if (wanted > limit || wanted > MAX_PAGES_IN_ARRAY) return -1;
        if (delta != 0) {
            byte[] grown;
            try {
                grown = new byte[(int) wanted * PAGE_SIZE];
            } catch (OutOfMemoryError e) {
                return -1;
            }
            System.arraycopy(bytes, 0, grown, 0, bytes.length);
            bytes = grown;
        }
        return old;
    }
}
