package org.wasmjar.runtime.load;

import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.types.Const;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.Import;
import org.wasmjar.runtime.types.ModuleInfo;
import org.wasmjar.runtime.types.SegmentMode;
import org.wasmjar.runtime.types.ValType;

/**
 * Checks that a descriptor is consistent in itself: every index it holds points into its index spaces and every
 * constant has the type its use needs. The compiler only makes consistent descriptors, but one read from a module jar
 * may have been altered, and the linker and instantiation index with these numbers without checking them again.
 */
final class ModuleInfoCheck {
    private final ModuleInfo info;
    private final int functions, tables, memories, globals, importedGlobals;

    private ModuleInfoCheck(ModuleInfo info) {
        this.info = info;
        functions = info.functionTypes().size();
        tables = info.importedCount(ExternKind.TABLE) + info.tables().size();
        memories = info.importedCount(ExternKind.MEMORY) + info.memories().size();
        importedGlobals = info.importedCount(ExternKind.GLOBAL);
        globals = importedGlobals + info.globals().size();
    }

    /** @throws WasmjarException naming the first inconsistency */
    static void check(ModuleInfo info) {
        new ModuleInfoCheck(info).run();
    }

    private void run() {
        for (int i = 0; i < functions; i++) index("type of function " + i, info.functionTypes().get(i), info.types().size());
        int importedFunctions = 0;
        for (Import imp : info.imports()) {
            if (imp.kind() != ExternKind.FUNC) continue;
            int f = importedFunctions++;
            if (f >= functions || imp.typeIndex() != info.functionTypes().get(f)) {
                throw corrupt("imported function " + f + " (\"" + imp.module() + "\" \"" + imp.name() + "\") has another type than function " + f);
            }
        }
        if (memories > 1) throw corrupt(memories + " memories");
        for (Export e : info.exports()) {
            int count = switch (e.kind()) {
                case FUNC -> functions;
                case TABLE -> tables;
                case MEMORY -> memories;
                case GLOBAL -> globals;
            };
            index("export \"" + e.name() + "\"", e.index(), count);
        }
        if (info.start() != -1) {
            index("start function", info.start(), functions);
            FuncType t = info.functionType(info.start());
            if (!t.params().isEmpty() || !t.results().isEmpty()) throw corrupt("start function of type " + t);
        }
        for (int i = 0; i < info.globals().size(); i++) {
            ModuleInfo.GlobalDef g = info.globals().get(i);
            constant("initialiser of global " + (importedGlobals + i), g.init(), g.type().type());
        }
        for (int i = 0; i < info.elements().size(); i++) {
            ModuleInfo.ElementDef e = info.elements().get(i);
            String what = "element segment " + i;
            if (!e.type().isRef()) throw corrupt(what + " of type " + e.type());
            for (Const item : e.items()) constant(what, item, e.type());
            if (e.mode() == SegmentMode.ACTIVE) {
                index(what + " table", e.table(), tables);
                constant(what + " offset", e.offset(), ValType.I32);
            }
        }
        for (int i = 0; i < info.data().size(); i++) {
            ModuleInfo.DataDef d = info.data().get(i);
            if (d.mode() != SegmentMode.ACTIVE) continue;
            index("data segment " + i + " memory", d.memory(), memories);
            constant("data segment " + i + " offset", d.offset(), ValType.I32);
        }
    }

    /** A constant expression producing {@code type}: Wasm 2.0 allows a value, ref.null, ref.func and imported globals. */
    private void constant(String what, Const c, ValType type) {
        boolean fits;
        if (c instanceof Const.Value v) {
            fits = v.type() == type && (type != ValType.V128 || (v.v128() != null && v.v128().length == 16));
        } else if (c instanceof Const.RefNull n) {
            fits = n.type() == type;
        } else if (c instanceof Const.RefFunc f) {
            index(what, f.functionIndex(), functions);
            fits = type == ValType.FUNCREF;
        } else if (c instanceof Const.GlobalGet g) {
            index(what, g.index(), importedGlobals);
            fits = globalType(g.index()) == type;
        } else {
            fits = false;
        }
        if (!fits) throw corrupt(what + " is no constant of type " + type + ": " + c);
    }

    private ValType globalType(int importedGlobal) {
        int n = 0;
        for (Import imp : info.imports()) {
            if (imp.kind() == ExternKind.GLOBAL && n++ == importedGlobal) return imp.global().type();
        }
        throw new IllegalArgumentException("no imported global " + importedGlobal);
    }

    private static void index(String what, int index, int count) {
        if (index < 0 || index >= count) throw corrupt(what + " names index " + index + " of " + count);
    }

    private static WasmjarException corrupt(String detail) {
        return new WasmjarException("inconsistent module descriptor: " + detail);
    }
}
