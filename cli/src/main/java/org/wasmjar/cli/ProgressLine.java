package org.wasmjar.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;
import org.wasmjar.compiler.CompileListener;

/**
 * How far {@code wasmjar compile} has got, as one line on a terminal, redrawn in place with {@code \r}: the stage,
 * and for the counted stages a bar and {@code done/total}. {@link #clear()} blanks it, so that what is printed next
 * starts on a clean line. Redraws at most every {@link #REDRAW_NANOS}, the last count of a stage always.
 */
final class ProgressLine implements CompileListener {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR = 30;

    private final PrintWriter err;
    private final LongSupplier nanoTime;
    private String label = "";
    private int total;
    /** Characters of the line on screen now (0: nothing to clear). */
    private int shown;
    private long lastDraw;

    ProgressLine(PrintWriter err) { this(err, System::nanoTime); }

    ProgressLine(PrintWriter err, LongSupplier nanoTime) {
        this.err = err;
        this.nanoTime = nanoTime;
    }

    @Override public void stage(Stage stage, int total) {
        label = switch (stage) {
            case PARSE -> "parsing";
            case VALIDATE -> "validating";
            case FUNCTIONS -> "compiling functions";
            case CLASSES -> "generating classes";
        };
        this.total = total;
        draw(label + (total > 0 ? bar(0) : ""));
    }

    @Override public void progress(int done) {
        if (done < total && nanoTime.getAsLong() - lastDraw < REDRAW_NANOS) return;
        draw(label + bar(done));
    }

    /** The stage after compiling: packing the jar. */
    void writingJar() {
        label = "writing jar";
        total = 0;
        draw(label);
    }

    /** Blanks the line and puts the cursor at its start. */
    void clear() {
        if (shown == 0) return;
        err.print("\r" + " ".repeat(shown) + "\r");
        err.flush();
        shown = 0;
    }

    private String bar(int done) {
        int filled = total == 0 ? 0 : (int) ((long) BAR * done / total);
        return " [" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " + done + "/" + total;
    }

    private void draw(String line) {
        // Pad over the end of a longer line drawn before.
        err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
        err.flush();
        shown = Math.max(shown, line.length());
        lastDraw = nanoTime.getAsLong();
    }
}
