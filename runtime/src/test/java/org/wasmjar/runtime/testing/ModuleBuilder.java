package org.wasmjar.runtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.types.Const;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.GlobalType;
import org.wasmjar.runtime.types.Import;
import org.wasmjar.runtime.types.Limits;
import org.wasmjar.runtime.types.MemoryType;
import org.wasmjar.runtime.types.ModuleInfo;
import org.wasmjar.runtime.types.SegmentMode;
import org.wasmjar.runtime.types.TableType;
import org.wasmjar.runtime.types.ValType;

/**
 * Builds the descriptor a compiler would write, and pairs it with hand-written code classes read from the test
 * class path: the runtime's tests cannot use the compiler.
 */
public final class ModuleBuilder {
    private final String name;
    private final List<FuncType> types = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    private final List<Integer> functionTypes = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<ModuleInfo.GlobalDef> globals = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private final List<ModuleInfo.ElementDef> elements = new ArrayList<>();
    private final List<ModuleInfo.DataDef> data = new ArrayList<>();
    private final List<String> functionNames = new ArrayList<>();
    private int start = -1;

    public ModuleBuilder(String name) { this.name = name; }

    public static FuncType type(List<ValType> params, List<ValType> results) { return new FuncType(params, results); }

    public static Const i32(int v) { return new Const.Value(ValType.I32, v, null); }

    public static Const i64(long v) { return new Const.Value(ValType.I64, v, null); }

    public static Const f32(float v) { return new Const.Value(ValType.F32, Float.floatToRawIntBits(v), null); }

    public static Const f64(double v) { return new Const.Value(ValType.F64, Double.doubleToRawLongBits(v), null); }

    private int typeIndex(FuncType t) {
        int i = types.indexOf(t);
        if (i >= 0) return i;
        types.add(t);
        return types.size() - 1;
    }

    public ModuleBuilder importFunc(String module, String field, FuncType t) {
        imports.add(Import.func(module, field, typeIndex(t)));
        functionTypes.add(typeIndex(t));
        functionNames.add(null);
        return this;
    }

    public ModuleBuilder importTable(String module, String field, ValType elem, long min, long max) {
        imports.add(Import.table(module, field, new TableType(elem, new Limits(min, max))));
        return this;
    }

    public ModuleBuilder importMemory(String module, String field, long min, long max) {
        imports.add(Import.memory(module, field, new MemoryType(new Limits(min, max))));
        return this;
    }

    public ModuleBuilder importGlobal(String module, String field, ValType t, boolean mutable) {
        imports.add(Import.global(module, field, new GlobalType(t, mutable)));
        return this;
    }

    /** Defines the next function; its code class must register {@code f<index>}. A null name means none in the name section. */
    public ModuleBuilder func(FuncType t, String functionName) {
        functionTypes.add(typeIndex(t));
        functionNames.add(functionName);
        return this;
    }

    public ModuleBuilder table(ValType elem, long min, long max) {
        tables.add(new TableType(elem, new Limits(min, max)));
        return this;
    }

    public ModuleBuilder memory(long min, long max) {
        memories.add(new MemoryType(new Limits(min, max)));
        return this;
    }

    public ModuleBuilder global(ValType t, boolean mutable, Const init) {
        globals.add(new ModuleInfo.GlobalDef(new GlobalType(t, mutable), init));
        return this;
    }

    public ModuleBuilder export(String exportName, ExternKind kind, int index) {
        exports.add(new Export(exportName, kind, index));
        return this;
    }

    public ModuleBuilder elem(SegmentMode mode, int table, Const offset, Const... items) {
        elements.add(new ModuleInfo.ElementDef(mode, ValType.FUNCREF, table, offset, List.of(items)));
        return this;
    }

    public ModuleBuilder data(SegmentMode mode, Const offset, byte[] bytes) {
        data.add(new ModuleInfo.DataDef(mode, 0, offset, bytes));
        return this;
    }

    public ModuleBuilder start(int functionIndex) {
        start = functionIndex;
        return this;
    }

    public ModuleInfo info() {
        return new ModuleInfo(name, types, imports, functionTypes, tables, memories, globals, exports, start, elements,
                data, new ArrayList<>(functionNames));
    }

    /** The descriptor with the given classes (from the test class path) as the module's only classes and code classes. */
    public CompiledModule compiled(Class<?>... codeClasses) {
        Map<String, byte[]> classes = new HashMap<>();
        List<String> code = new ArrayList<>();
        for (Class<?> c : codeClasses) {
            String internal = c.getName().replace('.', '/');
            classes.put(internal, classBytes(internal));
            code.add(internal);
        }
        return new CompiledModule(info(), classes, code);
    }

    public static byte[] classBytes(String internalName) {
        try (InputStream in = ModuleBuilder.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            if (in == null) throw new IllegalStateException("no class file for " + internalName);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
