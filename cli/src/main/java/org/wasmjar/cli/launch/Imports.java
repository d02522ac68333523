package org.wasmjar.cli.launch;

import java.util.ArrayList;
import java.util.List;
import org.wasmjar.runtime.api.HostFunction;
import org.wasmjar.runtime.instance.Global;
import org.wasmjar.runtime.instance.Memory;
import org.wasmjar.runtime.instance.Table;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.GlobalType;
import org.wasmjar.runtime.types.Import;
import org.wasmjar.runtime.types.Limits;
import org.wasmjar.runtime.types.ModuleInfo;

/** A module's imports measured against what a linker provides, and their types written out for people. */
public final class Imports {
    private Imports() {}

    /**
     * Whether {@code linker} defines {@code imp} with the right kind and, for functions, the right type. Table,
     * memory and global limits are left to the linker, which reports them when instantiating.
     */
    public static boolean provides(Linker linker, ModuleInfo info, Import imp) {
        Object extern = linker.lookup(imp.module(), imp.name());
        return switch (imp.kind()) {
            case FUNC -> info.types().get(imp.typeIndex()).equals(functionType(extern));
            case TABLE -> extern instanceof Table;
            case MEMORY -> extern instanceof Memory;
            case GLOBAL -> extern instanceof Global;
        };
    }

    /** The imports {@code linker} does not provide, in import order. */
    public static List<Import> unresolved(Linker linker, ModuleInfo info) {
        List<Import> missing = new ArrayList<>();
        for (Import imp : info.imports()) if (!provides(linker, info, imp)) missing.add(imp);
        return missing;
    }

    /** {@code module.name}. */
    public static String name(Import imp) {
        return imp.module() + "." + imp.name();
    }

    /** The import's type: {@code func (i32 i32) -> (i32)}, {@code memory {min 1, max 2}}, {@code global (mut i32)}, .... */
    public static String type(ModuleInfo info, Import imp) {
        return switch (imp.kind()) {
            case FUNC -> "func " + info.types().get(imp.typeIndex());
            case TABLE -> "table " + limits(imp.table().limits()) + " " + imp.table().elemType();
            case MEMORY -> "memory " + limits(imp.memory().limits());
            case GLOBAL -> "global " + global(imp.global());
        };
    }

    public static String limits(Limits l) {
        return "{min " + l.min() + (l.hasMax() ? ", max " + l.max() : "") + "}";
    }

    public static String global(GlobalType g) {
        return g.mutable() ? "(mut " + g.type() + ")" : g.type().toString();
    }

    private static FuncType functionType(Object extern) {
        if (extern instanceof WasmFunction f) return f.type;
        if (extern instanceof HostFunction h) return h.type();
        return null;
    }
}
