package org.wasmjar.runtime.load;

import java.lang.invoke.MethodHandle;
import org.wasmjar.runtime.types.ModuleInfo;

/**
 * A module whose classes are loaded: its descriptor and, per function index, the handle of the generated static
 * method ({@link org.wasmjar.runtime.abi.Abi#staticMethodType}); entries of imported functions are null.
 * Instantiate it as often as needed; the array is shared, so do not modify it.
 */
public record LoadedModule(ModuleInfo info, MethodHandle[] staticHandles) {}
