package org.wasmjar.compiler.codegen;

import java.util.Arrays;

/**
 * Live-in values of each piece, for SSA: a value is live into every piece on a backward path from a use
 * to its definition. Walking each value's uses costs the size of its live range, not pieces times values.
 */
final class Liveness {
    private Liveness() {}

    /**
     * For each piece, the values live into it (not counting its own parameters), in ascending order. The lists are
     * not copied out (they add up to the whole walk); pieces with none share {@link IntList#NONE}.
     */
    static IntList[] liveIn(Pieces pieces, int valueCount) {
        int n = pieces.count;
        int[] def = new int[valueCount];
        Arrays.fill(def, -1);
        for (int p = 0; p < n; p++) {
            int piece = p;
            pieces.forEachDef(p, v -> def[v] = piece);
        }
        // Uses in a piece other than the defining one, bucketed by value (counting sort keeps the walk in value order).
        IntList useValue = new IntList(), usePiece = new IntList();
        for (int p = 0; p < n; p++) {
            int piece = p;
            pieces.forEachUse(p, v -> {
                if (def[v] != piece) { useValue.add(v); usePiece.add(piece); }
            });
        }
        int[] start = new int[valueCount + 1];
        for (int i = 0; i < useValue.size; i++) start[useValue.data[i] + 1]++;
        for (int v = 0; v < valueCount; v++) start[v + 1] += start[v];
        int[] byValue = new int[useValue.size];
        int[] fill = Arrays.copyOf(start, valueCount);
        for (int i = 0; i < useValue.size; i++) byValue[fill[useValue.data[i]]++] = usePiece.data[i];

        IntList[] live = new IntList[n];
        int[] stamp = new int[n];
        IntList work = new IntList();
        for (int v = 0; v < valueCount; v++) {
            for (int i = start[v]; i < start[v + 1]; i++) {
                int u = byValue[i];
                if (stamp[u] == v + 1) continue;
                stamp[u] = v + 1;
                work.add(u);
                while (work.size > 0) {
                    int b = work.data[--work.size];
                    (live[b] == null ? live[b] = new IntList() : live[b]).add(v);
                    for (int q : pieces.preds[b]) {
                        if (q != def[v] && stamp[q] != v + 1) {
                            stamp[q] = v + 1;
                            work.add(q);
                        }
                    }
                }
            }
        }
        for (int p = 0; p < n; p++) if (live[p] == null) live[p] = IntList.NONE;
        return live;
    }

    /** A growable int array. */
    static final class IntList {
        /** An empty list, never to be added to. */
        static final IntList NONE = new IntList(0);

        int[] data;
        int size;

        IntList() { this(8); }

        private IntList(int capacity) { data = new int[capacity]; }

        void add(int x) {
            if (size == data.length) data = Arrays.copyOf(data, Math.max(8, size * 2));
            data[size++] = x;
        }
    }
}
