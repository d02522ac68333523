package org.wasmjar.runtime.instance;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.List;
import org.wasmjar.runtime.abi.TypeIds;
import org.wasmjar.runtime.api.HostFunction;
import org.wasmjar.runtime.api.Invoker;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.load.LoadedModule;
import org.wasmjar.runtime.types.Const;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.MemoryType;
import org.wasmjar.runtime.types.ModuleInfo;
import org.wasmjar.runtime.types.ModuleInfo.DataDef;
import org.wasmjar.runtime.types.ModuleInfo.ElementDef;
import org.wasmjar.runtime.types.ModuleInfo.GlobalDef;
import org.wasmjar.runtime.types.SegmentMode;
import org.wasmjar.runtime.types.TableType;

/**
 * Instantiation in the order of the Wasm 2.0 spec, section 4.5.4, each step one method. Imports arrive resolved and
 * type-checked (by the linker). Allocation failures surface as {@link WasmjarException}, traps in segment
 * initialisation or the start function as {@link Trap}; segments written before a trap stay written, as the spec says.
 */
public final class Instantiator {
    private static final Object[] NO_REFS = new Object[0];
    private static final byte[] NO_BYTES = new byte[0];
    /** Largest array the JVM reliably allocates. */
    private static final long MAX_TABLE_ELEMENTS = Integer.MAX_VALUE - 8;

    private Instantiator() {}

    /**
     * @param imports one extern per import of the module, in import order: a {@link WasmFunction} or
     *                {@link HostFunction}, {@link Table}, {@link Memory} or {@link Global} whose type matches
     */
    public static Instance instantiate(LoadedModule module, List<Object> imports) {
        ModuleInfo info = module.info();
        if (imports.size() != info.imports().size()) {
            throw new IllegalArgumentException(info.imports().size() + " imports needed, " + imports.size() + " given");
        }
        Instance inst = new Instance(info);
        inst.typeIds = typeIds(info);
        inst.functions = functions(inst, module, imports);
        inst.tables = tables(info, imports);
        inst.memory = memory(info, imports);
        inst.globals = globals(inst, imports);
        inst.elements = elements(inst);
        inst.data = data(info);
        initTables(inst);
        initMemory(inst);
        start(inst);
        return inst;
    }

    /** Canonical type ids, which {@code call_indirect} compares across modules. */
    private static int[] typeIds(ModuleInfo info) {
        int[] ids = new int[info.types().size()];
        for (int i = 0; i < ids.length; i++) ids[i] = TypeIds.of(info.types().get(i));
        return ids;
    }

    /**
     * 4.5.3.1 / 4.5.3.10: imported functions as given (host functions bound to this instance as their caller), then
     * the module's own functions bound to this instance. Done before globals, whose {@code ref.func} needs them.
     */
    private static WasmFunction[] functions(Instance inst, LoadedModule module, List<Object> imports) {
        ModuleInfo info = module.info();
        WasmFunction[] functions = new WasmFunction[info.functionTypes().size()];
        int n = 0;
        for (int i = 0; i < imports.size(); i++) {
            if (info.imports().get(i).kind() != ExternKind.FUNC) continue;
            Object extern = imports.get(i);
            functions[n++] = extern instanceof HostFunction host
                    ? bindHost(host, inst)
                    : (WasmFunction) extern;
        }
        for (int i = n; i < functions.length; i++) {
            FuncType type = info.functionType(i);
            MethodHandle bound = bind(module.staticHandles()[i], inst);
            functions[i] = new WasmFunction(type, TypeIds.of(type), bound, functionName(info, i), inst, i);
        }
        return functions;
    }

    private static WasmFunction bindHost(HostFunction host, Instance inst) {
        return new WasmFunction(host.type(), TypeIds.of(host.type()), bind(host.handle(), inst), host.name());
    }

    /** Binds the Instance, the last JVM parameter (a v128 parameter takes two), to {@code inst}. */
    private static MethodHandle bind(MethodHandle staticHandle, Instance inst) {
        return MethodHandles.insertArguments(staticHandle, staticHandle.type().parameterCount() - 1, inst);
    }

    private static String functionName(ModuleInfo info, int index) {
        List<String> names = info.functionNames();
        String name = names != null && index < names.size() ? names.get(index) : null;
        return name != null ? name : "func[" + index + "]";
    }

    /** 4.5.3.3: imported tables shared, own tables allocated at their minimum size, filled with null. */
    private static Table[] tables(ModuleInfo info, List<Object> imports) {
        Table[] tables = new Table[info.importedCount(ExternKind.TABLE) + info.tables().size()];
        int n = 0;
        for (int i = 0; i < imports.size(); i++) {
            if (info.imports().get(i).kind() == ExternKind.TABLE) tables[n++] = (Table) imports.get(i);
        }
        for (TableType t : info.tables()) {
            long min = t.limits().min();
            if (min > MAX_TABLE_ELEMENTS) {
                throw new WasmjarException("table of " + min + " elements is larger than a JVM array can hold");
            }
            tables[n++] = new Table(t.elemType(), (int) min, t.limits().max());
        }
        return tables;
    }

    /** 4.5.3.4: the imported memory shared, or the module's own allocated at its minimum size (Wasm 2.0 has at most one). */
    private static Memory memory(ModuleInfo info, List<Object> imports) {
        for (int i = 0; i < imports.size(); i++) {
            if (info.imports().get(i).kind() == ExternKind.MEMORY) return (Memory) imports.get(i);
        }
        if (info.memories().isEmpty()) return null;
        MemoryType m = info.memories().get(0);
        long min = m.limits().min();
        if (min > Memory.MAX_PAGES_IN_ARRAY) {
            throw new WasmjarException("memory of " + min + " pages (" + (min * Memory.PAGE_SIZE) + " bytes) is larger than the "
                    + Memory.MAX_PAGES_IN_ARRAY + " pages a JVM byte[] can hold");
        }
        try {
            return new Memory((int) min, m.limits().max());
        } catch (OutOfMemoryError e) {
            throw new WasmjarException("not enough JVM heap for a memory of " + min + " pages", e);
        }
    }

    /** 4.5.4 step 8 and 4.5.3.5: imported cells shared; own cells initialised in order from their constant expressions. */
    private static Global[] globals(Instance inst, List<Object> imports) {
        ModuleInfo info = inst.info;
        Global[] globals = new Global[info.importedCount(ExternKind.GLOBAL) + info.globals().size()];
        inst.globals = globals;
        int n = 0;
        for (int i = 0; i < imports.size(); i++) {
            if (info.imports().get(i).kind() == ExternKind.GLOBAL) globals[n++] = (Global) imports.get(i);
        }
        for (GlobalDef def : info.globals()) {
            Global g = new Global(def.type());
            setFromConst(g, def.init(), inst);
            globals[n++] = g;
        }
        return globals;
    }

    private static void setFromConst(Global g, Const init, Instance inst) {
        if (init instanceof Const.Value v) setValue(g, v);
        else if (init instanceof Const.GlobalGet get) copyValue(g, inst.globals[get.index()]);
        else g.ref = evalRef(init, inst);
    }

    private static void setValue(Global g, Const.Value v) {
        switch (v.type()) {
            case I32 -> g.i32 = (int) v.bits();
            case I64 -> g.i64 = v.bits();
            case F32 -> g.f32 = Float.intBitsToFloat((int) v.bits());
            case F64 -> g.f64 = Double.longBitsToDouble(v.bits());
            case V128 -> {
                g.v128lo = littleEndianLong(v.v128(), 0);
                g.v128hi = littleEndianLong(v.v128(), 8);
            }
            case FUNCREF, EXTERNREF -> throw new IllegalStateException("a reference constant is no Const.Value");
        }
    }

    private static long littleEndianLong(byte[] bytes, int from) {
        long value = 0;
        for (int i = 7; i >= 0; i--) value = (value << 8) | (bytes[from + i] & 0xFF);
        return value;
    }

    private static void copyValue(Global to, Global from) {
        to.i32 = from.i32;
        to.i64 = from.i64;
        to.f32 = from.f32;
        to.f64 = from.f64;
        to.ref = from.ref;
        to.v128lo = from.v128lo;
        to.v128hi = from.v128hi;
    }

    /** 4.5.4 step 9 and 4.5.3.6: every element segment's references, evaluated once. */
    private static Object[][] elements(Instance inst) {
        List<ElementDef> defs = inst.info.elements();
        Object[][] elements = new Object[defs.size()][];
        for (int i = 0; i < elements.length; i++) {
            List<Const> items = defs.get(i).items();
            Object[] refs = new Object[items.size()];
            for (int j = 0; j < refs.length; j++) refs[j] = evalRef(items.get(j), inst);
            elements[i] = refs;
        }
        return elements;
    }

    private static Object evalRef(Const item, Instance inst) {
        if (item instanceof Const.RefFunc f) return inst.functions[f.functionIndex()];
        if (item instanceof Const.RefNull) return null;
        if (item instanceof Const.GlobalGet get) return inst.globals[get.index()].ref;
        throw new IllegalStateException("reference constant expected, got " + item);
    }

    /** 4.5.3.7: every data segment's bytes (shared with the descriptor: segments are never written). */
    private static byte[][] data(ModuleInfo info) {
        byte[][] data = new byte[info.data().size()][];
        for (int i = 0; i < data.length; i++) data[i] = info.data().get(i).bytes();
        return data;
    }

    private static int evalI32(Const offset, Instance inst) {
        if (offset instanceof Const.Value v) return (int) v.bits();
        if (offset instanceof Const.GlobalGet get) return inst.globals[get.index()].i32;
        throw new IllegalStateException("i32 constant expected as segment offset, got " + offset);
    }

    /**
     * 4.5.4 steps 14-15: in order, each active segment's {@code table.init} then {@code elem.drop}; declarative
     * segments are dropped. A segment that does not fit traps before writing anything; earlier ones stay written.
     */
    private static void initTables(Instance inst) {
        List<ElementDef> defs = inst.info.elements();
        for (int i = 0; i < defs.size(); i++) {
            ElementDef def = defs.get(i);
            if (def.mode() == SegmentMode.PASSIVE) continue;
            if (def.mode() == SegmentMode.ACTIVE) {
                Table table = inst.tables[def.table()];
                int offset = evalI32(def.offset(), inst);
                Object[] refs = inst.elements[i];
                if (Integer.toUnsignedLong(offset) + refs.length > table.size) {
                    throw new Trap(TrapKind.OUT_OF_BOUNDS_TABLE, "element segment " + i + " (" + refs.length
                            + " entries at " + Integer.toUnsignedString(offset) + ") does not fit table " + def.table()
                            + " of size " + table.size);
                }
                System.arraycopy(refs, 0, table.elements, offset, refs.length);
            }
            inst.elements[i] = NO_REFS;
        }
    }

    /** 4.5.4 step 16: in order, each active data segment's {@code memory.init} then {@code data.drop}. */
    private static void initMemory(Instance inst) {
        List<DataDef> defs = inst.info.data();
        for (int i = 0; i < defs.size(); i++) {
            DataDef def = defs.get(i);
            if (def.mode() != SegmentMode.ACTIVE) continue;
            int offset = evalI32(def.offset(), inst);
            byte[] bytes = inst.data[i];
            byte[] memory = inst.memory.bytes;
            if (Integer.toUnsignedLong(offset) + bytes.length > memory.length) {
                throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY, "data segment " + i + " (" + bytes.length + " bytes at "
                        + Integer.toUnsignedString(offset) + ") does not fit memory of " + memory.length + " bytes");
            }
            System.arraycopy(bytes, 0, memory, offset, bytes.length);
            inst.data[i] = NO_BYTES;
        }
    }

    /** 4.5.4 step 17: the start function, through the host-to-guest entry that maps JVM failures to traps. */
    private static void start(Instance inst) {
        if (inst.info.start() >= 0) Invoker.call(inst.functions[inst.info.start()]);
    }
}
