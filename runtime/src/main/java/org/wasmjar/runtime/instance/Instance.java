package org.wasmjar.runtime.instance;

import java.util.HashMap;
import java.util.Map;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.ModuleInfo;

/**
 * The state of one module instance. Generated code receives it as the last argument of every function and
 * reads these fields directly; everything is filled in by instantiation before any guest code runs.
 */
public class Instance {
    public final ModuleInfo info;
    /** Memory 0, or null when the module has none. */
    public Memory memory;
    /** Every table in the table index space (imports first). */
    public Table[] tables;
    /** Every global in the global index space (imports first). */
    public Global[] globals;
    /** Every function in the function index space (imports first), bound to its instance. */
    public WasmFunction[] functions;
    /** Canonical type id of each type in the module's type section. */
    public int[] typeIds;
    /** Heap bytes held by the frames of split functions now running (see {@link org.wasmjar.runtime.abi.Frames}). */
    public long frameBytes;
    /** Idle long frames of split functions, by function index, for reuse (see {@link org.wasmjar.runtime.abi.Frames}). */
    public long[][] frameCache;
    /** Bytes of each data segment; an entry becomes empty on {@code data.drop} or after active initialisation. */
    public byte[][] data;
    /** Evaluated references of each element segment; an entry becomes empty on {@code elem.drop}, after active or declarative use. */
    public Object[][] elements;

    private final Map<String, Export> exportsByName = new HashMap<>();

    public Instance(ModuleInfo info) {
        this.info = info;
        for (Export e : info.exports()) exportsByName.put(e.name(), e);
    }

    /** The exported {@link WasmFunction}, {@link Memory}, {@link Table} or {@link Global} of that name, or null. */
    public Object export(String name) {
        Export e = exportsByName.get(name);
        if (e == null) return null;
        return switch (e.kind()) {
            case FUNC -> functions[e.index()];
            case TABLE -> tables[e.index()];
            case MEMORY -> memory;
            case GLOBAL -> globals[e.index()];
        };
    }
}
