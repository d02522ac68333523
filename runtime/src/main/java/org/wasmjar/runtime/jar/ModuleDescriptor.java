package org.wasmjar.runtime.jar;

import java.util.List;
import java.util.Objects;
import org.wasmjar.runtime.types.ModuleInfo;

/**
 * Everything a module jar says about its module, stored as {@code module.desc} in the module's directory
 * ({@link DescriptorCodec}): what instantiation needs ({@link ModuleInfo}), which generated classes hold code, the
 * exported function table, and facts about the compilation.
 *
 * @param classes            internal names of every generated class, sorted
 * @param codeClasses        those of them that hold code (see {@link org.wasmjar.runtime.load.CompiledModule});
 *                           the first is the module's entry class; a module without functions has none
 * @param sourceSha256       SHA-256 (lower-case hex) of the {@code .wasm} the module was compiled from
 * @param compilerVersion    the wasmjar version that compiled it
 * @param largestMethodBytes bytecode size of the largest generated method
 */
public record ModuleDescriptor(ModuleInfo info, List<String> classes, List<String> codeClasses, FunctionTable functionTable,
                               String sourceSha256, String compilerVersion, int largestMethodBytes) {
    public ModuleDescriptor {
        Objects.requireNonNull(info, "info");
        classes = List.copyOf(classes);
        codeClasses = List.copyOf(codeClasses);
        if (!classes.containsAll(codeClasses)) throw new IllegalArgumentException("code classes " + codeClasses + " are not all among " + classes);
        Objects.requireNonNull(functionTable, "functionTable");
        Objects.requireNonNull(sourceSha256, "sourceSha256");
        Objects.requireNonNull(compilerVersion, "compilerVersion");
    }

    /** The module's id: {@code m} and the first 16 hex digits of the source's SHA-256; it names the module's package. */
    public String id() { return ModuleJar.idOf(sourceSha256); }
}
