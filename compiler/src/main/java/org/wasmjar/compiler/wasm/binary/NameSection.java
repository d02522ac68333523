package org.wasmjar.compiler.wasm.binary;

import java.util.HashMap;
import java.util.Map;
import org.wasmjar.compiler.wasm.model.Names;

/**
 * Decodes the custom {@code name} section (module, function and local names). The section is debug
 * information: when it is malformed the module is still fine, so this returns {@link Names#EMPTY} instead of failing.
 */
final class NameSection {
    private static final int MODULE = 0;
    private static final int FUNCTIONS = 1;
    private static final int LOCALS = 2;

    private NameSection() {}

    /** Decodes the section content between {@code start} and {@code end} of {@code module}. */
    static Names decode(byte[] module, int start, int end) {
        try {
            return read(new ByteReader(module, start, end));
        } catch (MalformedModuleException e) {
            return Names.EMPTY;
        }
    }

    private static Names read(ByteReader in) {
        String moduleName = null;
        Map<Integer, String> functions = Map.of();
        Map<Integer, Map<Integer, String>> locals = Map.of();
        while (in.hasMore()) {
            int id = in.u8();
            int size = in.length();
            int end = in.position() + size;
            int outer = in.limitTo(end);
            switch (id) {
                case MODULE -> moduleName = in.name();
                case FUNCTIONS -> functions = nameMap(in);
                case LOCALS -> {
                    long n = in.count();
                    Map<Integer, Map<Integer, String>> all = new HashMap<>(in.capacityFor(n));
                    for (long i = 0; i < n; i++) {
                        int function = in.index();
                        all.put(function, nameMap(in));
                    }
                    locals = Map.copyOf(all);
                }
                default -> in.skip(size); // other subsections (labels, types, ...) are not used
            }
            if (in.position() != end) throw in.error("name subsection size mismatch", in.position());
            in.restoreLimit(outer);
        }
        return new Names(moduleName, functions, locals);
    }

    private static Map<Integer, String> nameMap(ByteReader in) {
        long n = in.count();
        Map<Integer, String> names = new HashMap<>(in.capacityFor(n));
        for (long i = 0; i < n; i++) {
            int index = in.index();
            names.put(index, in.name());
        }
        return Map.copyOf(names);
    }
}
