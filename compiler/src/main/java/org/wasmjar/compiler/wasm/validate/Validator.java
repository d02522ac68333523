package org.wasmjar.compiler.wasm.validate;

import static org.wasmjar.compiler.wasm.validate.OperatorTypes.code;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.wasmjar.compiler.wasm.model.ConstExpr;
import org.wasmjar.compiler.wasm.model.DataSegment;
import org.wasmjar.compiler.wasm.model.ElementSegment;
import org.wasmjar.compiler.wasm.model.Global;
import org.wasmjar.compiler.wasm.model.Instruction;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.compiler.wasm.model.WasmModule;
import org.wasmjar.runtime.types.Const;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.GlobalType;
import org.wasmjar.runtime.types.Import;
import org.wasmjar.runtime.types.Limits;
import org.wasmjar.runtime.types.ModuleInfo;
import org.wasmjar.runtime.types.SegmentMode;
import org.wasmjar.runtime.types.TableType;
import org.wasmjar.runtime.types.ValType;

/**
 * Checks a decoded module against the WebAssembly 2.0 validation rules (spec section 3) and builds its
 * runtime descriptor on the way. The instance also serves as the module context (the spec's C) for
 * {@link CodeValidator}: index spaces as flat arrays of type codes.
 */
public final class Validator {
    private static final long MAX_PAGES = 65536;

    private final WasmModule module;
    /** Parameter and result type codes per type index. */
    final byte[][] typeParams, typeResults;
    /** Type index of every function, imports first. */
    final int[] functionTypes;
    final byte[] tableTypes;
    final int memoryCount;
    final byte[] globalTypes;
    final boolean[] globalMutable;
    final int importedGlobals;
    final byte[] elemTypes;
    final int dataSegments;
    final boolean hasDataCount;
    /** The spec's C.refs: functions referenced outside function bodies, which ref.func may name. */
    final BitSet declaredFunctions = new BitSet();
    private final BitSet callableChecked = new BitSet();

    private Validator(WasmModule m) {
        this.module = m;
        int typeCount = m.types().size();
        typeParams = new byte[typeCount][];
        typeResults = new byte[typeCount][];
        for (int i = 0; i < typeCount; i++) {
            typeParams[i] = codes(m.types().get(i).params());
            typeResults[i] = codes(m.types().get(i).results());
        }
        List<Integer> funcs = new ArrayList<>();
        List<ValType> tables = new ArrayList<>();
        List<GlobalType> globals = new ArrayList<>();
        int memories = 0;
        for (Import imp : m.imports()) {
            switch (imp.kind()) {
                case FUNC -> funcs.add(imp.typeIndex());
                case TABLE -> tables.add(imp.table().elemType());
                case MEMORY -> memories++;
                case GLOBAL -> globals.add(imp.global());
            }
        }
        importedGlobals = globals.size();
        funcs.addAll(m.functionTypes());
        m.tables().forEach(t -> tables.add(t.elemType()));
        m.globals().forEach(g -> globals.add(g.type()));
        memoryCount = memories + m.memories().size();
        functionTypes = funcs.stream().mapToInt(Integer::intValue).toArray();
        tableTypes = new byte[tables.size()];
        for (int i = 0; i < tableTypes.length; i++) tableTypes[i] = code(tables.get(i));
        globalTypes = new byte[globals.size()];
        globalMutable = new boolean[globals.size()];
        for (int i = 0; i < globalTypes.length; i++) {
            globalTypes[i] = code(globals.get(i).type());
            globalMutable[i] = globals.get(i).mutable();
        }
        elemTypes = new byte[m.elements().size()];
        for (int i = 0; i < elemTypes.length; i++) elemTypes[i] = code(m.elements().get(i).type());
        hasDataCount = m.dataCount() >= 0;
        dataSegments = m.data().size();
    }

    /**
     * Validates the whole module.
     * @throws InvalidModuleException with the spec's wording for the first rule the module breaks
     */
    public static ValidatedModule validate(WasmModule m) {
        Validator v = new Validator(m);
        ModuleInfo info = v.run();
        return new ValidatedModule(m, info, v.declaredFunctions);
    }

    private ModuleInfo run() {
        checkTypeIndices();
        for (Import imp : module.imports()) {
            switch (imp.kind()) {
                case TABLE -> checkTableLimits(imp.table().limits());
                case MEMORY -> checkMemoryLimits(imp.memory().limits());
                default -> { }
            }
        }
        for (TableType t : module.tables()) checkTableLimits(t.limits());
        module.memories().forEach(mt -> checkMemoryLimits(mt.limits()));
        if (memoryCount > 1) throw new InvalidModuleException("multiple memories", 0);
        collectDeclaredFunctions();

        List<ModuleInfo.GlobalDef> globals = new ArrayList<>();
        for (Global g : module.globals()) {
            globals.add(new ModuleInfo.GlobalDef(g.type(), constant(g.init(), code(g.type().type()))));
        }
        List<ModuleInfo.ElementDef> elements = new ArrayList<>();
        for (ElementSegment e : module.elements()) elements.add(element(e));
        List<ModuleInfo.DataDef> data = new ArrayList<>();
        for (DataSegment d : module.data()) data.add(dataSegment(d));
        checkStart();
        checkExports();
        checkCode();

        List<String> names = new ArrayList<>(functionTypes.length);
        for (int i = 0; i < functionTypes.length; i++) names.add(module.names().functions().get(i));
        List<Integer> funcTypes = new ArrayList<>(functionTypes.length);
        for (int t : functionTypes) funcTypes.add(t);
        return new ModuleInfo(module.names().moduleName(), module.types(), module.imports(), List.copyOf(funcTypes),
            module.tables(), module.memories(), List.copyOf(globals), module.exports(), module.start(),
            List.copyOf(elements), List.copyOf(data), Collections.unmodifiableList(names));
    }

    private void checkTypeIndices() {
        for (int t : functionTypes) {
            if (t < 0 || t >= typeParams.length) throw new InvalidModuleException("unknown type", 0);
        }
        int imported = functionTypes.length - module.functionTypes().size();
        for (int i = 0; i < imported; i++) checkCallable(functionTypes[i], 0);
        if (module.codes().size() != module.functionTypes().size()) {
            throw new InvalidModuleException("function and code section have inconsistent lengths", 0);
        }
        if (hasDataCount && module.dataCount() != dataSegments) {
            throw new InvalidModuleException("data count and data section have inconsistent lengths", 0);
        }
    }

    private static void checkTableLimits(Limits l) {
        if (l.hasMax() && l.min() > l.max()) {
            throw new InvalidModuleException("size minimum must not be greater than maximum", 0);
        }
    }

    private static void checkMemoryLimits(Limits l) {
        if (l.min() > MAX_PAGES || l.min() < 0 || (l.hasMax() && l.max() > MAX_PAGES)) {
            throw new InvalidModuleException("memory size must be at most 65536 pages (4GiB)", 0);
        }
        if (l.hasMax() && l.min() > l.max()) {
            throw new InvalidModuleException("size minimum must not be greater than maximum", 0);
        }
    }

    /** C.refs: every function index in exports and in constant expressions outside function bodies. */
    private void collectDeclaredFunctions() {
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.FUNC) declare(e.index());
        }
        for (Global g : module.globals()) declareIn(g.init());
        for (ElementSegment e : module.elements()) {
            if (e.offset() != null) declareIn(e.offset());
            e.items().forEach(this::declareIn);
        }
        for (DataSegment d : module.data()) if (d.offset() != null) declareIn(d.offset());
    }

    private void declareIn(ConstExpr e) {
        for (Instruction in : e.instructions()) {
            if (in.opcode() == Opcodes.REF_FUNC) declare(in.a());
        }
    }

    /** Out-of-range indices are reported where they occur; here they must not size the bit set. */
    private void declare(int function) {
        if (function >= 0 && function < functionTypes.length) declaredFunctions.set(function);
    }

    private ModuleInfo.ElementDef element(ElementSegment e) {
        if (!e.type().isRef()) throw new InvalidModuleException("malformed reference type", 0);
        byte type = code(e.type());
        List<Const> items = new ArrayList<>(e.items().size());
        for (ConstExpr item : e.items()) items.add(constant(item, type));
        Const offset = null;
        if (e.mode() == SegmentMode.ACTIVE) {
            int at = e.offset().offset();
            if (e.table() < 0 || e.table() >= tableTypes.length) throw new InvalidModuleException("unknown table " + Integer.toUnsignedString(e.table()), at);
            offset = constant(e.offset(), OperatorTypes.I32);
            if (tableTypes[e.table()] != type) throw new InvalidModuleException("type mismatch", at);
        }
        return new ModuleInfo.ElementDef(e.mode(), e.type(), e.table(), offset, List.copyOf(items));
    }

    private ModuleInfo.DataDef dataSegment(DataSegment d) {
        Const offset = null;
        if (d.mode() == SegmentMode.ACTIVE) {
            if (d.memory() < 0 || d.memory() >= memoryCount) {
                throw new InvalidModuleException("unknown memory " + Integer.toUnsignedString(d.memory()), d.offset().offset());
            }
            offset = constant(d.offset(), OperatorTypes.I32);
        }
        return new ModuleInfo.DataDef(d.mode(), d.memory(), offset, d.bytes());
    }

    /**
     * Checks a constant expression (Wasm 2.0: one t.const, ref.null, ref.func or global.get of an
     * immutable imported global) producing {@code expected}, and converts it for the runtime.
     */
    private Const constant(ConstExpr e, byte expected) {
        int depth = 0;
        byte top = OperatorTypes.UNKNOWN;
        Const result = null;
        for (Instruction in : e.instructions()) {
            switch (in.opcode()) {
                case Opcodes.I32_CONST -> { top = OperatorTypes.I32; result = new Const.Value(ValType.I32, in.c() & 0xFFFFFFFFL, null); }
                case Opcodes.I64_CONST -> { top = OperatorTypes.I64; result = new Const.Value(ValType.I64, in.c(), null); }
                case Opcodes.F32_CONST -> { top = OperatorTypes.F32; result = new Const.Value(ValType.F32, in.c() & 0xFFFFFFFFL, null); }
                case Opcodes.F64_CONST -> { top = OperatorTypes.F64; result = new Const.Value(ValType.F64, in.c(), null); }
                case Opcodes.V128_CONST -> {
                    top = OperatorTypes.V128;
                    result = new Const.Value(ValType.V128, 0, ((byte[]) in.extra()).clone());
                }
                case Opcodes.REF_NULL -> {
                    ValType t = (ValType) in.extra();
                    top = code(t);
                    result = new Const.RefNull(t);
                }
                case Opcodes.REF_FUNC -> {
                    if (in.a() < 0 || in.a() >= functionTypes.length) throw new InvalidModuleException("unknown function " + Integer.toUnsignedString(in.a()), in.offset());
                    top = OperatorTypes.FUNCREF;
                    result = new Const.RefFunc(in.a());
                }
                case Opcodes.GLOBAL_GET -> {
                    // Wasm 2.0: constant expressions see only the imported globals
                    if (in.a() < 0 || in.a() >= importedGlobals) throw new InvalidModuleException("unknown global " + Integer.toUnsignedString(in.a()), in.offset());
                    if (globalMutable[in.a()]) throw new InvalidModuleException("constant expression required", in.offset());
                    top = globalTypes[in.a()];
                    result = new Const.GlobalGet(in.a());
                }
                default -> throw new InvalidModuleException("constant expression required", in.offset());
            }
            depth++;
        }
        if (depth != 1 || top != expected) throw new InvalidModuleException("type mismatch", e.offset());
        return result;
    }

    private void checkStart() {
        int s = module.start();
        if (s == -1) return;
        if (s < 0 || s >= functionTypes.length) throw new InvalidModuleException("unknown function " + Integer.toUnsignedString(s), 0);
        int t = functionTypes[s];
        if (typeParams[t].length != 0 || typeResults[t].length != 0) throw new InvalidModuleException("start function", 0);
    }

    private void checkExports() {
        Set<String> names = new HashSet<>();
        for (Export e : module.exports()) {
            if (!names.add(e.name())) throw new InvalidModuleException("duplicate export name", 0);
            int count = switch (e.kind()) {
                case FUNC -> functionTypes.length;
                case TABLE -> tableTypes.length;
                case MEMORY -> memoryCount;
                case GLOBAL -> globalTypes.length;
            };
            if (e.index() < 0 || e.index() >= count) {
                String what = switch (e.kind()) {
                    case FUNC -> "function";
                    case TABLE -> "table";
                    case MEMORY -> "memory";
                    case GLOBAL -> "global";
                };
                throw new InvalidModuleException("unknown " + what + " " + Integer.toUnsignedString(e.index()), 0);
            }
        }
    }

    /** Types of functions and of call_indirect must fit a JVM method; each type is checked once. */
    void checkCallable(int typeIndex, int offset) {
        if (callableChecked.get(typeIndex)) return;
        ImplementationLimits.checkCallable(module.types().get(typeIndex), offset);
        callableChecked.set(typeIndex);
    }

    private void checkCode() {
        CodeValidator code = new CodeValidator(this);
        int imported = functionTypes.length - module.functionTypes().size();
        for (int i = 0; i < module.codes().size(); i++) {
            checkCallable(functionTypes[imported + i], module.codes().get(i).offset());
            code.validate(functionTypes[imported + i], module.codes().get(i));
        }
    }

    private static byte[] codes(List<ValType> types) {
        byte[] r = new byte[types.size()];
        for (int i = 0; i < r.length; i++) r[i] = code(types.get(i));
        return r;
    }
}
