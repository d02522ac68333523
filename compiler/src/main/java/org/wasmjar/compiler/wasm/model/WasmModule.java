package org.wasmjar.compiler.wasm.model;

import java.util.List;
import org.wasmjar.runtime.types.*;

/**
 * A decoded module, as the binary says it, before validation. {@code functionTypes} holds the type index
 * of each function the module defines (imports excluded); {@code codes} their bodies, in the same order.
 * {@code start} is -1 when absent; {@code dataCount} is -1 when the data count section is absent.
 */
public record WasmModule(List<FuncType> types, List<Import> imports, List<Integer> functionTypes,
                         List<TableType> tables, List<MemoryType> memories, List<Global> globals,
                         List<Export> exports, int start, List<ElementSegment> elements, int dataCount,
                         List<FunctionBody> codes, List<DataSegment> data, Names names,
                         List<CustomSection> customSections) {

    public long importCount(ExternKind kind) {
        return imports.stream().filter(i -> i.kind() == kind).count();
    }
}
