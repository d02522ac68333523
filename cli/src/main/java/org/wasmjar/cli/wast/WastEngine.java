package org.wasmjar.cli.wast;

/**
 * What the script runner needs from an engine, one engine per script: compile, instantiate against the
 * registered modules (and {@code spectest}), register, invoke and read globals. Errors are the engine's own
 * exceptions ({@code MalformedModuleException}, {@code InvalidModuleException}, {@code LinkException},
 * {@code Trap}); the runner judges them. Calls may run guest code and must be made on a thread with a big stack.
 */
public interface WastEngine {
    /** A compiled, not yet instantiated module. */
    interface Module {
        /** Links against the registered modules and instantiates, running the start function. */
        Instance instantiate();
    }

    /** A module instance. */
    interface Instance {
        /** Calls an exported function with boxed arguments; returns its boxed results. */
        Object[] invoke(String export, Object[] args);

        /** The boxed value of an exported global. */
        Object global(String export);
    }

    Module compile(byte[] wasm);

    /** Makes an instance's exports importable under a module name. */
    void register(String name, Instance instance);
}
