package org.wasmjar.compiler;

import java.util.ArrayList;
import java.util.List;
import org.wasmjar.compiler.codegen.ModuleGenerator;
import org.wasmjar.compiler.ir.IrFunction;
import org.wasmjar.compiler.ir.build.IrBuilder;
import org.wasmjar.compiler.ir.opt.Optimizer;
import org.wasmjar.compiler.wasm.binary.ModuleParser;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.compiler.wasm.validate.Validator;
import org.wasmjar.runtime.load.CompiledModule;

/** The compiler's front door: Wasm bytes in, JVM classes out. */
public final class Compiler {
    private Compiler() {}

    /**
     * Parses, validates, translates each function to SSA IR, optimises it and generates classes.
     * @throws org.wasmjar.compiler.wasm.binary.MalformedModuleException when the binary is malformed
     * @throws org.wasmjar.compiler.wasm.validate.InvalidModuleException when the module is invalid
     */
    public static CompiledModule compile(byte[] wasm) {
        ValidatedModule module = Validator.validate(ModuleParser.parse(wasm));
        int first = module.importedFunctionCount();
        List<IrFunction> functions = new ArrayList<>(module.functionCount() - first);
        for (int i = first; i < module.functionCount(); i++) {
            IrFunction f = IrBuilder.build(module, i);
            Optimizer.optimize(f);
            functions.add(f);
        }
        return ModuleGenerator.generate(module, functions);
    }
}
