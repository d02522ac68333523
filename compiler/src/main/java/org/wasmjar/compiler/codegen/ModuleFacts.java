package org.wasmjar.compiler.codegen;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.wasmjar.compiler.wasm.validate.ValidatedModule;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ModuleInfo;

/**
 * What code generation needs to know about the module around the functions it lowers; {@code referenced} are the
 * functions that can become function references (see {@link ValidatedModule#referencedFunctions()}).
 */
record ModuleFacts(ModuleInfo info, List<FuncType> types, List<FuncType> functionTypes, int importedFunctions,
                   boolean hasMemory, BitSet referenced) {

    static ModuleFacts of(ValidatedModule m) {
        List<FuncType> fts = new ArrayList<>();
        for (int i = 0; i < m.functionCount(); i++) fts.add(m.functionType(i));
        boolean memory = !m.module().memories().isEmpty() || m.importedCount(ExternKind.MEMORY) > 0;
        return new ModuleFacts(m.info(), m.module().types(), fts, m.importedFunctionCount(), memory,
                m.referencedFunctions());
    }
}
