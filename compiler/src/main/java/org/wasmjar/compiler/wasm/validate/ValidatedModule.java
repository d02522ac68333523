package org.wasmjar.compiler.wasm.validate;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.wasmjar.compiler.wasm.model.WasmModule;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.GlobalType;
import org.wasmjar.runtime.types.Import;
import org.wasmjar.runtime.types.ModuleInfo;
import org.wasmjar.runtime.types.TableType;

/**
 * A module that passed validation. Only {@link Validator} can make one, so holding one is proof that
 * the module is valid. Gives the index spaces (imports first) that later stages look things up in.
 */
public final class ValidatedModule {
    private final WasmModule module;
    private final ModuleInfo info;
    private final List<FuncType> functionTypes = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<GlobalType> globals = new ArrayList<>();
    private final int importedFunctions;
    private final BitSet referencedFunctions;

    ValidatedModule(WasmModule module, ModuleInfo info, BitSet referencedFunctions) {
        this.module = module;
        this.info = info;
        this.referencedFunctions = (BitSet) referencedFunctions.clone();
        int imported = 0;
        for (Import imp : module.imports()) {
            switch (imp.kind()) {
                case FUNC -> { functionTypes.add(module.types().get(imp.typeIndex())); imported++; }
                case TABLE -> tables.add(imp.table());
                case GLOBAL -> globals.add(imp.global());
                case MEMORY -> { }
            }
        }
        this.importedFunctions = imported;
        for (int t : module.functionTypes()) functionTypes.add(module.types().get(t));
        tables.addAll(module.tables());
        module.globals().forEach(g -> globals.add(g.type()));
    }

    public WasmModule module() { return module; }

    /** The runtime descriptor: everything instantiation needs, constant expressions already checked. */
    public ModuleInfo info() { return info; }

    public FuncType type(int typeIndex) { return module.types().get(typeIndex); }

    /** Type of a function in the function index space (imports first). */
    public FuncType functionType(int functionIndex) { return functionTypes.get(functionIndex); }

    public int functionCount() { return functionTypes.size(); }

    public int importedFunctionCount() { return importedFunctions; }

    /**
     * The spec's C.refs: functions referenced outside function bodies (element segments, globals, exports). Only
     * these can become function references, so only these can be called through a table from this module's code.
     */
    public BitSet referencedFunctions() { return (BitSet) referencedFunctions.clone(); }

    public TableType tableType(int tableIndex) { return tables.get(tableIndex); }

    public GlobalType globalType(int globalIndex) { return globals.get(globalIndex); }

    public int importedCount(ExternKind kind) { return (int) module.importCount(kind); }
}
