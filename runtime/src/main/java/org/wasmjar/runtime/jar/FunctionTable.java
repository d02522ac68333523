package org.wasmjar.runtime.jar;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.wasmjar.runtime.types.Const;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ModuleInfo;
import org.wasmjar.runtime.types.ModuleInfo.ElementDef;
import org.wasmjar.runtime.types.SegmentMode;
import org.wasmjar.runtime.types.TableType;
import org.wasmjar.runtime.types.ValType;

/**
 * What a module jar exports of its function table (table 0, the table C function pointers index): the table's size
 * and, for every slot its active element segments fill, the function index, its type and its name. This is the
 * table's content right after instantiation, computed at compile time; guest code may change it later
 * ({@code table.set}, {@code table.init}), which is why hosts call entries through the live instance table
 * ({@link org.wasmjar.runtime.api.Guest#callTableEntry}).
 *
 * <p>When the content cannot be known at compile time ({@link #known()} false: table 0 is imported, a segment's
 * offset or item is a {@code global.get}, or a segment does not fit and instantiation will trap),
 * {@link #unknownReason()} says why and {@link #entries()} is empty.
 *
 * @param size     the table's initial size (its minimum); for an imported table, the minimum the import asks for
 * @param entries  filled slots in index order; slots set to {@code ref.null} or never filled are absent
 */
public record FunctionTable(long size, String unknownReason, List<Entry> entries) {
    /** Table slot {@code index} holds function {@code function}, of type {@code type}, named {@code name}. */
    public record Entry(int index, int function, FuncType type, String name) {}

    public FunctionTable {
        entries = List.copyOf(entries);
        if (unknownReason != null && !entries.isEmpty()) throw new IllegalArgumentException("an unknown table has no entries");
    }

    public static final FunctionTable NONE = new FunctionTable(0, null, List.of());

    public boolean known() { return unknownReason == null; }

    /** The entry at table slot {@code index}, or null when the slot is empty (or the content unknown). */
    public Entry entry(int index) {
        int lo = 0, hi = entries.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int at = entries.get(mid).index;
            if (at == index) return entries.get(mid);
            if (Integer.compareUnsigned(at, index) < 0) lo = mid + 1; else hi = mid - 1;
        }
        return null;
    }

    /** The entries whose function has this name, in index order. */
    public List<Entry> named(String name) {
        return entries.stream().filter(e -> name.equals(e.name)).toList();
    }

    /** Computes the table after instantiation from the module's table 0 and its active element segments, in order. */
    public static FunctionTable of(ModuleInfo info) {
        int importedTables = info.importedCount(ExternKind.TABLE);
        if (importedTables > 0) {
            TableType imported = info.imports().stream().filter(i -> i.kind() == ExternKind.TABLE).findFirst().orElseThrow().table();
            return new FunctionTable(imported.limits().min(), "table 0 is imported: its content comes from the exporter", List.of());
        }
        if (info.tables().isEmpty()) return NONE;
        TableType table = info.tables().get(0);
        long size = table.limits().min();
        if (table.elemType() != ValType.FUNCREF) return unknown(size, "table 0 holds " + table.elemType() + ", not functions");
        Map<Long, Integer> slots = new TreeMap<>();
        for (int s = 0; s < info.elements().size(); s++) {
            ElementDef e = info.elements().get(s);
            if (e.mode() != SegmentMode.ACTIVE || e.table() != 0) continue;
            if (!(e.offset() instanceof Const.Value offset)) {
                return unknown(size, "element segment " + s + " has offset " + describe(e.offset()));
            }
            long start = Integer.toUnsignedLong((int) offset.bits());
            if (start + e.items().size() > size) {
                return unknown(size, "element segment " + s + " does not fit the table (instantiation traps)");
            }
            for (int k = 0; k < e.items().size(); k++) {
                Const item = e.items().get(k);
                if (item instanceof Const.RefFunc f) {
                    slots.put(start + k, f.functionIndex());
                } else if (item instanceof Const.RefNull) {
                    slots.remove(start + k);
                } else {
                    return unknown(size, "element segment " + s + " item " + k + " is " + describe(item));
                }
            }
        }
        List<Entry> entries = new ArrayList<>(slots.size());
        slots.forEach((index, function) -> entries.add(entry(info, (int) (long) index, function)));
        return new FunctionTable(size, null, entries);
    }

    /** An entry with its type and name looked up in {@code info}. */
    static Entry entry(ModuleInfo info, int index, int function) {
        return new Entry(index, function, info.functionType(function), functionName(info, function));
    }

    /** A function's name: from the name section, else the first name it is exported as, else {@code func[<index>]}. */
    public static String functionName(ModuleInfo info, int function) {
        List<String> names = info.functionNames();
        String name = names != null && function < names.size() ? names.get(function) : null;
        if (name != null) return name;
        for (Export e : info.exports()) if (e.kind() == ExternKind.FUNC && e.index() == function) return e.name();
        return "func[" + function + "]";
    }

    private static FunctionTable unknown(long size, String reason) {
        return new FunctionTable(size, reason, List.of());
    }

    private static String describe(Const c) {
        return c instanceof Const.GlobalGet g ? "global.get " + g.index() + " (set at run time)" : String.valueOf(c);
    }
}
