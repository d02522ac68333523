package org.wasmjar.runtime.types;

import java.util.List;

/**
 * Everything about a module that instantiation needs, without its code: what a module jar's descriptor holds.
 * {@code functionTypes} gives the type index of every function in the function index space (imports first).
 * {@code tables}, {@code memories} and {@code globals} list the module's own definitions (imports excluded).
 * {@code functionNames} has one entry per function index (null where the name section gives none).
 * {@code start} is -1 when there is no start function.
 */
public record ModuleInfo(String moduleName, List<FuncType> types, List<Import> imports, List<Integer> functionTypes,
                         List<TableType> tables, List<MemoryType> memories, List<GlobalDef> globals,
                         List<Export> exports, int start, List<ElementDef> elements, List<DataDef> data,
                         List<String> functionNames) {

    /** A global the module defines. */
    public record GlobalDef(GlobalType type, Const init) {}

    /** An element segment; {@code table} and {@code offset} matter only for ACTIVE segments. */
    public record ElementDef(SegmentMode mode, ValType type, int table, Const offset, List<Const> items) {}

    /** A data segment; {@code memory} and {@code offset} matter only for ACTIVE segments. */
    public record DataDef(SegmentMode mode, int memory, Const offset, byte[] bytes) {}

    public FuncType functionType(int functionIndex) { return types.get(functionTypes.get(functionIndex)); }

    public int importedCount(ExternKind kind) {
        return (int) imports.stream().filter(i -> i.kind() == kind).count();
    }
}
