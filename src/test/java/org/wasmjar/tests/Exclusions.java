package org.wasmjar.tests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Known spec-suite failures, each with its reason: {@code <file>.wast:<line> <reason>} or {@code <file>.wast:* <reason>}
 * for a whole file. Blank lines and lines starting with {@code #} are ignored. An entry that no longer matches a
 * failure is stale, and the suite reports it, so the list only shrinks honestly.
 */
final class Exclusions {
    private static final Pattern ENTRY = Pattern.compile("(\\S+\\.wast):(\\*|\\d+)\\s+(\\S.*)");

    /** One entry; {@code line} is -1 for a whole file. */
    record Entry(String file, int line, String reason) {
        boolean covers(String failedFile, int failedLine) {
            return file.equals(failedFile) && (line < 0 || line == failedLine);
        }

        @Override public String toString() { return file + ":" + (line < 0 ? "*" : Integer.toString(line)) + " " + reason; }
    }

    private final List<Entry> entries;

    private Exclusions(List<Entry> entries) { this.entries = List.copyOf(entries); }

    /** @throws IllegalArgumentException naming the line of an entry without a reason or in another shape */
    static Exclusions parse(String text) {
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        int n = 0;
        for (String raw : text.split("\n", -1)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            Matcher m = ENTRY.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("spec-exclusions line " + n + ": expected \"<file>.wast:<line or *> <reason>\", got \"" + line + "\"");
            }
            Entry e = new Entry(m.group(1), m.group(2).equals("*") ? -1 : Integer.parseInt(m.group(2)), m.group(3));
            Integer earlier = seen.put(e.file() + ":" + e.line(), n);
            if (earlier != null) throw new IllegalArgumentException("spec-exclusions line " + n + ": repeats line " + earlier);
            entries.add(e);
        }
        return new Exclusions(entries);
    }

    List<Entry> entries() { return entries; }

    /** The entry covering a failure at {@code line} of {@code file} (a file name such as {@code i32.wast}), or null. */
    Entry covering(String file, int line) {
        for (Entry e : entries) if (e.covers(file, line)) return e;
        return null;
    }
}
