package org.wasmjar.tests.fuzz;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.TreeMap;
import org.wasmjar.compiler.wasm.binary.MalformedModuleException;
import org.wasmjar.compiler.wasm.validate.ImplementationLimitException;
import org.wasmjar.compiler.wasm.validate.InvalidModuleException;
import org.wasmjar.runtime.api.LinkException;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.WasmjarException;

/** Judges what wasmjar threw, and counts outcomes by name for the summary line (an abandoned guest thread may still count). */
final class Outcomes {
    private final Map<String, Integer> counts = new TreeMap<>();

    synchronized void count(String outcome) { counts.merge(outcome, 1, Integer::sum); }

    @Override public synchronized String toString() {
        StringBuilder sb = new StringBuilder();
        counts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return sb.toString();
    }

    /**
     * The outcome a failure stands for when it is one of wasmjar's own errors, or null when it is a bug: anything
     * that is not a {@link WasmjarException}, and a plain one that wraps a JVM failure (such as a generated class
     * the verifier rejects), which is an internal error dressed up as a clear one.
     */
    static String ownError(Throwable t) {
        if (t instanceof MalformedModuleException) return "malformed";
        if (t instanceof InvalidModuleException) return "invalid";
        if (t instanceof ImplementationLimitException) return "implementation limit";
        if (t instanceof LinkException) return "unlinkable";
        if (t instanceof Trap) return "trap";
        if (t instanceof WasmjarException) {
            Throwable cause = t.getCause();
            if (cause != null && !(cause instanceof WasmjarException) && !(cause instanceof OutOfMemoryError)) return null;
            // a catch-all type, so the summary says which errors these were, numbers left out
            String message = String.valueOf(t.getMessage()).replaceAll("[0-9]+", "N");
            return "error \"" + (message.length() > 60 ? message.substring(0, 60) + "..." : message) + "\"";
        }
        return null;
    }

    /** A failure with its stack trace cut to the frames that locate it. */
    static String describe(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString().lines().limit(14).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
