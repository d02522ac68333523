package org.wasmjar.runtime.abi;

import java.util.Arrays;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.Table;
import org.wasmjar.runtime.instance.WasmFunction;

/**
 * Table operators, and the check behind {@code call_indirect}. Ranges are checked up front (unsigned, without
 * wrapping) and trap "out of bounds table access" before anything changes. Operands come in the order generated
 * code pushes them: Wasm operands, then immediates (table and segment indices), then the instance.
 */
public final class TableOps {
    private TableOps() {}

    private static final Object[] DROPPED = new Object[0];

    public static Object get(int i, int table, Instance inst) {
        Table t = inst.tables[table];
        if (Integer.compareUnsigned(i, t.size) >= 0) throw Traps.outOfBoundsTable();
        return t.elements[i];
    }

    public static void set(int i, Object ref, int table, Instance inst) {
        Table t = inst.tables[table];
        if (Integer.compareUnsigned(i, t.size) >= 0) throw Traps.outOfBoundsTable();
        t.elements[i] = ref;
    }

    /** {@code table.grow}: the old size, or -1 when the table cannot grow. */
    public static int grow(Object init, int n, int table, Instance inst) { return inst.tables[table].grow(n, init); }

    public static void fill(int i, Object ref, int n, int table, Instance inst) {
        Table t = inst.tables[table];
        if (MemoryOps.outOfRange(i, n, t.size)) throw Traps.outOfBoundsTable();
        Arrays.fill(t.elements, i, i + n, ref);
    }

    /** {@code table.copy}: overlapping ranges within one table copy as if through a temporary buffer. */
    public static void copy(int d, int s, int n, int dstTable, int srcTable, Instance inst) {
        Table dst = inst.tables[dstTable];
        Table src = inst.tables[srcTable];
        if (MemoryOps.outOfRange(s, n, src.size) || MemoryOps.outOfRange(d, n, dst.size)) throw Traps.outOfBoundsTable();
        System.arraycopy(src.elements, s, dst.elements, d, n);
    }

    /** {@code table.init}: copies {@code n} references of element segment {@code segment} from {@code s} to {@code d}. */
    public static void init(int d, int s, int n, int segment, int table, Instance inst) {
        Table t = inst.tables[table];
        Object[] elems = inst.elements[segment];
        if (MemoryOps.outOfRange(s, n, elems.length) || MemoryOps.outOfRange(d, n, t.size)) throw Traps.outOfBoundsTable();
        System.arraycopy(elems, s, t.elements, d, n);
    }

    /** {@code elem.drop}: the segment behaves as empty from now on. */
    public static void elemDrop(int segment, Instance inst) { inst.elements[segment] = DROPPED; }

    /**
     * The callee of {@code call_indirect}: entry {@code element} of table {@code table}, checked to be present and to
     * have the canonical type id of the module's type {@code typeIndex}.
     */
    public static WasmFunction indirect(Instance inst, int table, int element, int typeIndex) {
        Table t = inst.tables[table];
        if (Integer.compareUnsigned(element, t.size) >= 0) throw Traps.undefinedElement();
        WasmFunction f = (WasmFunction) t.elements[element];
        if (f == null) throw Traps.uninitializedElement();
        if (f.typeId != inst.typeIds[typeIndex]) throw Traps.indirectCallTypeMismatch();
        return f;
    }
}
