package org.wasmjar.runtime.load;

import java.util.ArrayList;
import java.util.List;
import org.wasmjar.runtime.types.ModuleInfo;

/**
 * Names the guest functions on a JVM stack trace. A frame is a guest frame when its method is {@code f<index>} or a
 * split part {@code f<index>$<part>} of a class some module loader defined; it is named from the module's name
 * section, or {@code func[<index>]}. Split parts of one function call each other, so consecutive parts collapse into
 * one frame, which ends (going outwards) at the function's entry method {@code f<index>}.
 */
public final class Backtraces {
    private Backtraces() {}

    /** Guest frames of {@code t}'s stack trace, innermost first. */
    public static List<String> of(Throwable t) {
        List<String> frames = new ArrayList<>();
        ModuleInfo openModule = null;
        int openFunction = -1;
        for (StackTraceElement e : t.getStackTrace()) {
            ModuleInfo module = ModuleClassLoader.moduleOf(e.getClassLoaderName());
            if (module == null) continue;
            String method = e.getMethodName();
            int index = functionIndex(method);
            if (index < 0) continue;
            boolean entry = method.indexOf('$') < 0;
            if (module != openModule || index != openFunction) frames.add(name(module, index));
            // The entry method closes the frame: an outer f<index> or part of the same index is a recursive call.
            openModule = entry ? null : module;
            openFunction = entry ? -1 : index;
        }
        return frames;
    }

    /** The function index in {@code f<digits>} or {@code f<digits>$<part>}, or -1 for any other method name. */
    static int functionIndex(String method) {
        if (method.length() < 2 || method.charAt(0) != 'f') return -1;
        int end = method.indexOf('$');
        if (end < 0) end = method.length();
        if (end == 1 || end > 11) return -1;
        long index = 0;
        for (int i = 1; i < end; i++) {
            char c = method.charAt(i);
            if (c < '0' || c > '9') return -1;
            index = index * 10 + (c - '0');
        }
        return index > Integer.MAX_VALUE ? -1 : (int) index;
    }

    private static String name(ModuleInfo module, int index) {
        List<String> names = module.functionNames();
        String name = names != null && index < names.size() ? names.get(index) : null;
        return name != null ? name : "func[" + index + "]";
    }
}
