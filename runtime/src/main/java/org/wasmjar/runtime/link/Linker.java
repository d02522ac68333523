package org.wasmjar.runtime.link;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.wasmjar.runtime.api.HostFunction;
import org.wasmjar.runtime.api.LinkException;
import org.wasmjar.runtime.instance.Global;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.Instantiator;
import org.wasmjar.runtime.instance.Memory;
import org.wasmjar.runtime.instance.Table;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.load.CompiledModule;
import org.wasmjar.runtime.load.LoadedModule;
import org.wasmjar.runtime.load.ModuleLoader;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.GlobalType;
import org.wasmjar.runtime.types.Import;
import org.wasmjar.runtime.types.Limits;
import org.wasmjar.runtime.types.ModuleInfo;

/**
 * A store of named externs that modules import: (module, name) -> {@link WasmFunction}, {@link HostFunction},
 * {@link Memory}, {@link Table} or {@link Global}. Instantiating checks every import before anything is created, so
 * an unlinkable module changes nothing. Not thread-safe.
 */
public final class Linker {
    private final Map<String, Map<String, Object>> externs = new HashMap<>();

    /** Makes {@code extern} importable as {@code module}.{@code name}, replacing an earlier definition. */
    public Linker define(String module, String name, Object extern) {
        Objects.requireNonNull(extern, "extern");
        if (!(extern instanceof WasmFunction || extern instanceof HostFunction || extern instanceof Memory
                || extern instanceof Table || extern instanceof Global)) {
            throw new IllegalArgumentException("cannot define \"" + module + "\" \"" + name + "\" as a "
                    + extern.getClass().getName() + ": externs are WasmFunction, HostFunction, Memory, Table or Global");
        }
        externs.computeIfAbsent(module, m -> new HashMap<>()).put(name, extern);
        return this;
    }

    /** Makes every export of {@code inst} importable under {@code moduleName}. */
    public Linker register(String moduleName, Instance inst) {
        inst.info.exports().forEach(e -> define(moduleName, e.name(), inst.export(e.name())));
        return this;
    }

    /** The extern defined as {@code module}.{@code name}, or null. */
    public Object lookup(String module, String name) {
        Map<String, Object> names = externs.get(module);
        return names == null ? null : names.get(name);
    }

    public Instance instantiate(CompiledModule m) {
        return instantiate(ModuleLoader.load(m));
    }

    /**
     * Resolves and checks every import (failures: {@link LinkException}), then instantiates (failures:
     * {@link org.wasmjar.runtime.api.Trap} from segment initialisation or the start function).
     */
    public Instance instantiate(LoadedModule m) {
        return Instantiator.instantiate(m, resolve(m.info()));
    }

    /** Wasm 2.0 section 4.5.4 steps 3-4: one extern per import, each matching the import's type (section 4.5.2). */
    private List<Object> resolve(ModuleInfo info) {
        List<Object> resolved = new ArrayList<>(info.imports().size());
        for (Import imp : info.imports()) {
            Object extern = lookup(imp.module(), imp.name());
            if (extern == null) {
                throw new LinkException("unknown import: \"" + imp.module() + "\" \"" + imp.name() + "\" (expected "
                        + describeExpected(info, imp) + ")");
            }
            if (!matches(info, imp, extern)) {
                throw new LinkException("incompatible import type: \"" + imp.module() + "\" \"" + imp.name() + "\" expected "
                        + describeExpected(info, imp) + ", got " + describeActual(extern));
            }
            resolved.add(extern);
        }
        return resolved;
    }

    private static boolean matches(ModuleInfo info, Import imp, Object extern) {
        return switch (imp.kind()) {
            case FUNC -> info.types().get(imp.typeIndex()).equals(functionType(extern));
            case TABLE -> extern instanceof Table t && t.elemType == imp.table().elemType()
                    && limitsMatch(new Limits(t.size, t.max()), imp.table().limits());
            case MEMORY -> extern instanceof Memory mem
                    && limitsMatch(new Limits(mem.pages(), mem.maxPages()), imp.memory().limits());
            case GLOBAL -> extern instanceof Global g && g.type.equals(imp.global());
        };
    }

    /** Limits subtyping: at least the expected minimum and, if a maximum is expected, a maximum no larger. */
    private static boolean limitsMatch(Limits actual, Limits expected) {
        if (actual.min() < expected.min()) return false;
        return !expected.hasMax() || (actual.hasMax() && actual.max() <= expected.max());
    }

    private static FuncType functionType(Object extern) {
        if (extern instanceof WasmFunction f) return f.type;
        if (extern instanceof HostFunction h) return h.type();
        return null;
    }

    private static String describeExpected(ModuleInfo info, Import imp) {
        return switch (imp.kind()) {
            case FUNC -> "func " + info.types().get(imp.typeIndex());
            case TABLE -> "table " + describe(imp.table().limits()) + " " + imp.table().elemType();
            case MEMORY -> "memory " + describe(imp.memory().limits());
            case GLOBAL -> describe(imp.global());
        };
    }

    private static String describeActual(Object extern) {
        if (extern instanceof Table t) return "table " + describe(new Limits(t.size, t.max())) + " " + t.elemType;
        if (extern instanceof Memory m) return "memory " + describe(new Limits(m.pages(), m.maxPages()));
        if (extern instanceof Global g) return describe(g.type);
        return "func " + functionType(extern);
    }

    private static String describe(Limits limits) {
        return "{min " + limits.min() + (limits.hasMax() ? ", max " + limits.max() : "") + "}";
    }

    private static String describe(GlobalType type) {
        return "global " + (type.mutable() ? "(mut " + type.type() + ")" : type.type().toString());
    }
}
