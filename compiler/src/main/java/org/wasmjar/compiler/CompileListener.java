package org.wasmjar.compiler;

/**
 * Hears how far {@link Compiler#compile(byte[], CompileListener)} has got, e.g. to draw a progress bar. Calls
 * never overlap (they may come from different threads, one after another); {@code done} only grows within a stage.
 */
public interface CompileListener {
    /** Hears nothing. */
    CompileListener NONE = new CompileListener() {};

    /** The compiler's stages, in order. */
    enum Stage {
        /** Decoding the binary. */
        PARSE,
        /** Validating it. */
        VALIDATE,
        /** Building, optimising and planning each function's code; counts functions. */
        FUNCTIONS,
        /** Emitting class files; counts classes. */
        CLASSES
    }

    /** {@code stage} starts; {@code total} is the number of units it counts, 0 for a stage without a count. */
    default void stage(Stage stage, int total) {}

    /** {@code done} units of the current stage are finished. */
    default void progress(int done) {}
}
