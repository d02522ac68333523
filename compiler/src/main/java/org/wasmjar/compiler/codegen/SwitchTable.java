package org.wasmjar.compiler.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wasmjar.compiler.ir.Terminator;

/**
 * A {@code br_table}'s targets folded to its distinct edges (same target block, same arguments), so each
 * distinct edge gets one trampoline. Tables longer than {@link #INLINE_LIMIT} do not fit a tableswitch in a
 * small method (4 bytes per entry): their case numbers are encoded as the characters of string constants,
 * {@link #CHUNK} per string, and looked up with {@code charAt} before a tableswitch over the distinct edges.
 */
final class SwitchTable {
    static final int INLINE_LIMIT = 256;
    /** Characters per string constant: at most 3 bytes each in modified UTF-8, under the 65,535-byte limit. */
    static final int CHUNK = 16_384;

    final List<Terminator.Edge> distinct = new ArrayList<>();
    /** Index into {@link #distinct} of each target. */
    final int[] caseOf;

    SwitchTable(Terminator.Switch s) {
        caseOf = new int[s.targets().length];
        for (int i = 0; i < caseOf.length; i++) {
            Terminator.Edge e = s.targets()[i];
            int found = -1;
            // Tables repeat a few labels; compare with the last few distinct edges first.
            for (int k = distinct.size() - 1; k >= 0 && found < 0; k--) if (same(distinct.get(k), e)) found = k;
            if (found < 0) {
                found = distinct.size();
                distinct.add(e);
            }
            caseOf[i] = found;
        }
    }

    boolean inline() { return caseOf.length <= INLINE_LIMIT; }

    int chunks() { return (caseOf.length + CHUNK - 1) / CHUNK; }

    /** Case numbers of targets {@code [c * CHUNK, ...)} as characters (plus one, keeping NUL out of the string). */
    String chunk(int c) {
        StringBuilder sb = new StringBuilder();
        for (int i = c * CHUNK; i < Math.min(caseOf.length, (c + 1) * CHUNK); i++) sb.append((char) (caseOf[i] + 1));
        return sb.toString();
    }

    private static boolean same(Terminator.Edge a, Terminator.Edge b) {
        return a.target() == b.target() && Arrays.equals(a.args(), b.args());
    }
}
