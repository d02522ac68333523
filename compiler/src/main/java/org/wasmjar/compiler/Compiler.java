package org.wasmjar.compiler;

import org.wasmjar.compiler.artifact.ModuleJarWriter;
import org.wasmjar.compiler.codegen.ModuleGenerator;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.build.IrBuilder;
import org.wasmjar.compiler.ir.opt.Optimizer;
import org.wasmjar.compiler.wasm.binary.ModuleParser;
import org.wasmjar.compiler.wasm.model.WasmModule;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.compiler.wasm.validate.Validator;
import org.wasmjar.runtime.jar.ModuleJar;
import org.wasmjar.runtime.load.CompiledModule;

/** The compiler's front door: Wasm bytes in, JVM classes out. */
public final class Compiler {
    private Compiler() {}

    /** {@link #compile(byte[], CompileListener)} without a listener. */
    public static CompiledModule compile(byte[] wasm) {
        return compile(wasm, CompileListener.NONE);
    }

    /**
     * Parses, validates, translates each function to SSA IR, optimises it and generates classes, telling
     * {@code listener} how far it got. The classes are generated straight into the module's own package (named
     * from the SHA-256 of {@code wasm}, see {@link ModuleJar#directoryOf}), where its module jar keeps them.
     * Functions are compiled on several threads; the result is the same bytes whatever their timing.
     * @throws org.wasmjar.compiler.wasm.binary.MalformedModuleException when the binary is malformed
     * @throws org.wasmjar.compiler.wasm.validate.InvalidModuleException when the module is invalid
     */
    public static CompiledModule compile(byte[] wasm, CompileListener listener) {
        listener.stage(CompileListener.Stage.PARSE, 0);
        WasmModule parsed = ModuleParser.parse(wasm);
        listener.stage(CompileListener.Stage.VALIDATE, 0);
        ValidatedModule module = Validator.validate(parsed);
        String directory = ModuleJar.directoryOf(ModuleJar.idOf(ModuleJarWriter.sha256(wasm)));
        return ModuleGenerator.generate(module, directory, index -> {
            IrFunction f = IrBuilder.build(module, index);
            Optimizer.optimize(f);
            return f;
        }, listener);
    }
}
