package org.wasmjar.runtime.load;

import java.util.List;
import java.util.Map;
import org.wasmjar.runtime.types.ModuleInfo;

/**
 * A compiled module, in memory: its descriptor and its generated classes (internal name -> class file bytes).
 * Each of {@code codeClasses} (internal names) has a {@code public static void registerFunctions(MethodHandle[] out)}
 * that stores, for every defined function it holds, a handle to its static method at {@code out[functionIndex]}.
 * Such a static method has the function's {@link org.wasmjar.runtime.abi.Abi} parameter types followed by
 * the {@link org.wasmjar.runtime.instance.Instance}, and is named {@code f<functionIndex>} (split parts
 * {@code f<functionIndex>$<part>}), which is how backtraces name frames.
 */
public record CompiledModule(ModuleInfo info, Map<String, byte[]> classes, List<String> codeClasses) {}
