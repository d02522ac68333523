package org.wasmjar.compiler.wasm.binary;

import java.util.ArrayList;
import java.util.List;
import org.wasmjar.compiler.wasm.model.ConstExpr;
import org.wasmjar.compiler.wasm.model.CustomSection;
import org.wasmjar.compiler.wasm.model.DataSegment;
import org.wasmjar.compiler.wasm.model.ElementSegment;
import org.wasmjar.compiler.wasm.model.FunctionBody;
import org.wasmjar.compiler.wasm.model.Global;
import org.wasmjar.compiler.wasm.model.Instruction;
import org.wasmjar.compiler.wasm.model.LocalDecl;
import org.wasmjar.compiler.wasm.model.Names;
import org.wasmjar.compiler.wasm.model.Opcodes;
import org.wasmjar.compiler.wasm.model.WasmModule;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.GlobalType;
import org.wasmjar.runtime.types.Import;
import org.wasmjar.runtime.types.Limits;
import org.wasmjar.runtime.types.MemoryType;
import org.wasmjar.runtime.types.SegmentMode;
import org.wasmjar.runtime.types.TableType;
import org.wasmjar.runtime.types.ValType;

/**
 * Decodes a whole module binary (Wasm 2.0, spec section 5.5) into a {@link WasmModule}. Enforces what
 * the binary format itself requires: section order, exact section and body sizes, matching function and
 * code counts, the data count, LEB128 and UTF-8 well-formedness. Everything else is the validator's job.
 */
public final class ModuleParser {
    private static final int MAGIC = 0x6D736100; // "\0asm" read little-endian
    private static final int VERSION = 1;

    private static final int CUSTOM = 0, TYPE = 1, IMPORT = 2, FUNCTION = 3, TABLE = 4, MEMORY = 5, GLOBAL = 6,
            EXPORT = 7, START = 8, ELEMENT = 9, CODE = 10, DATA = 11, DATA_COUNT = 12;

    /** Position of each section id in the required order (the data count section sits before code). */
    private static final int[] ORDER = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10};

    private final byte[] bytes;
    private final ByteReader in;
    private final OperatorDecoder decoder;

    private final List<FuncType> types = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    private final List<Integer> functionTypes = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<Global> globals = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private int start = -1;
    private final List<ElementSegment> elements = new ArrayList<>();
    private int dataCount = -1;
    private final List<FunctionBody> codes = new ArrayList<>();
    private final List<DataSegment> data = new ArrayList<>();
    private Names names;
    private final List<CustomSection> customSections = new ArrayList<>();

    private ModuleParser(byte[] bytes) {
        this.bytes = bytes;
        this.in = new ByteReader(bytes);
        this.decoder = new OperatorDecoder(in);
    }

    /**
     * Decodes a module binary.
     * @throws MalformedModuleException if the bytes are not a well-formed module
     */
    public static WasmModule parse(byte[] bytes) {
        return new ModuleParser(bytes).module();
    }

    private WasmModule module() {
        if (bytes.length < 4) throw in.error("unexpected end", bytes.length);
        if (in.fixed32() != MAGIC) throw in.error("magic header not detected", 0);
        if (in.fixed32() != VERSION) throw in.error("unknown binary version", 4);
        int codeSectionAt = -1;
        int lastOrder = 0;
        while (in.hasMore()) {
            int idAt = in.position();
            int id = in.u8();
            if (id > DATA_COUNT) throw in.error("malformed section id", idAt);
            int size = in.length();
            int end = in.position() + size;
            if (id != CUSTOM) {
                // a known section out of order (or repeated) is left over after the ones the order allows
                if (ORDER[id] <= lastOrder) throw in.error("unexpected content after last section", idAt);
                lastOrder = ORDER[id];
            }
            int outer = in.limitTo(end);
            switch (id) {
                case CUSTOM -> customSection(end);
                case TYPE -> typeSection();
                case IMPORT -> importSection();
                case FUNCTION -> functionSection();
                case TABLE -> tableSection();
                case MEMORY -> memorySection();
                case GLOBAL -> globalSection();
                case EXPORT -> exportSection();
                case START -> start = in.index();
                case ELEMENT -> elementSection();
                case DATA_COUNT -> dataCount = in.index();
                case CODE -> { codeSectionAt = idAt; codeSection(); }
                case DATA -> dataSection();
                default -> throw new AssertionError(id);
            }
            if (in.position() != end) throw in.error("section size mismatch", in.position());
            in.restoreLimit(outer);
        }
        if (functionTypes.size() != codes.size()) {
            throw in.error("function and code section have inconsistent lengths", codeSectionAt >= 0 ? codeSectionAt : bytes.length);
        }
        if (dataCount >= 0 && dataCount != data.size()) {
            throw in.error("data count and data section have inconsistent lengths", bytes.length);
        }
        // Without any data segment every data index is unknown, which the validator reports ("unknown data
        // segment"); the spec suite's wast2json-encoded invalid modules rely on that order.
        if (dataCount < 0 && decoder.usesDataIndex() && !data.isEmpty()) {
            throw in.error("data count section required", codeSectionAt);
        }
        return new WasmModule(List.copyOf(types), List.copyOf(imports), List.copyOf(functionTypes), List.copyOf(tables),
                List.copyOf(memories), List.copyOf(globals), List.copyOf(exports), start, List.copyOf(elements),
                dataCount, List.copyOf(codes), List.copyOf(data), names != null ? names : Names.EMPTY,
                List.copyOf(customSections));
    }

    private void customSection(int end) {
        String name = in.name();
        int contentAt = in.position();
        byte[] content = in.bytes(end - contentAt);
        customSections.add(new CustomSection(name, content));
        if (name.equals("name") && names == null) names = NameSection.decode(bytes, contentAt, end);
    }

    private void typeSection() {
        long n = in.count();
        for (long i = 0; i < n; i++) {
            int at = in.position();
            int form = in.u8();
            // the form is a one-byte signed LEB128 (-0x20); a continuation bit makes it too long
            if (form != 0x60) throw in.error((form & 0x80) != 0 ? "integer representation too long" : "malformed function type", at);
            List<ValType> params = valTypes();
            types.add(new FuncType(params, valTypes()));
        }
    }

    private List<ValType> valTypes() {
        long n = in.count();
        List<ValType> list = new ArrayList<>(in.capacityFor(n));
        for (long i = 0; i < n; i++) list.add(in.valType());
        return list;
    }

    private void importSection() {
        long n = in.count();
        for (long i = 0; i < n; i++) {
            String module = in.name();
            String name = in.name();
            int kindAt = in.position();
            switch (in.u8()) {
                case 0 -> imports.add(Import.func(module, name, in.index()));
                case 1 -> imports.add(Import.table(module, name, tableType()));
                case 2 -> imports.add(Import.memory(module, name, new MemoryType(limits())));
                case 3 -> imports.add(Import.global(module, name, globalType()));
                default -> throw in.error("malformed import kind", kindAt);
            }
        }
    }

    private void functionSection() {
        long n = in.count();
        for (long i = 0; i < n; i++) functionTypes.add(in.index());
    }

    private void tableSection() {
        long n = in.count();
        for (long i = 0; i < n; i++) tables.add(tableType());
    }

    private void memorySection() {
        long n = in.count();
        for (long i = 0; i < n; i++) memories.add(new MemoryType(limits()));
    }

    private TableType tableType() {
        ValType elem = in.refType();
        return new TableType(elem, limits());
    }

    private Limits limits() {
        int at = in.position();
        int flags = in.u8();
        if (flags == 0) return new Limits(in.u32Long(), -1);
        if (flags == 1) {
            long min = in.u32Long();
            return new Limits(min, in.u32Long());
        }
        // the spec reads the flags as a 1-bit LEB128, hence its wording (2 and 3 would be shared memories)
        throw in.error((flags & 0x80) != 0 ? "integer representation too long" : "integer too large", at);
    }

    private GlobalType globalType() {
        ValType type = in.valType();
        int at = in.position();
        int mut = in.u8();
        if (mut > 1) throw in.error("malformed mutability", at);
        return new GlobalType(type, mut == 1);
    }

    private void globalSection() {
        long n = in.count();
        for (long i = 0; i < n; i++) {
            GlobalType type = globalType();
            globals.add(new Global(type, decoder.constExpr()));
        }
    }

    private void exportSection() {
        long n = in.count();
        for (long i = 0; i < n; i++) {
            String name = in.name();
            int kindAt = in.position();
            int kind = in.u8();
            if (kind > 3) throw in.error("malformed export kind", kindAt);
            exports.add(new Export(name, ExternKind.values()[kind], in.index()));
        }
    }

    /** The eight element segment encodings (flags 0-7), normalised to lists of constant expressions. */
    private void elementSection() {
        long n = in.count();
        for (long i = 0; i < n; i++) {
            int flagsAt = in.position();
            int flags = in.u32();
            if (flags < 0 || flags > 7) throw in.error("malformed elements segment kind", flagsAt);
            boolean passiveOrDeclarative = (flags & 1) != 0;
            boolean explicitTable = (flags & 2) != 0;
            boolean expressions = (flags & 4) != 0;
            SegmentMode mode = !passiveOrDeclarative ? SegmentMode.ACTIVE
                    : explicitTable ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
            int table = 0;
            ConstExpr offset = null;
            if (mode == SegmentMode.ACTIVE) {
                if (explicitTable) table = in.index();
                offset = decoder.constExpr();
            }
            ValType type = ValType.FUNCREF;
            if (passiveOrDeclarative || explicitTable) {
                if (expressions) type = in.refType();
                else elemKind();
            }
            long count = in.count();
            List<ConstExpr> items = new ArrayList<>(in.capacityFor(count));
            for (long k = 0; k < count; k++) {
                if (expressions) {
                    items.add(decoder.constExpr());
                } else {
                    int at = in.position();
                    Instruction ref = new Instruction(Opcodes.REF_FUNC, at, in.index(), 0, 0, null);
                    items.add(new ConstExpr(List.of(ref), at));
                }
            }
            elements.add(new ElementSegment(mode, type, table, offset, items));
        }
    }

    private void elemKind() {
        int at = in.position();
        if (in.u8() != 0) throw in.error("malformed element kind", at);
    }

    private void codeSection() {
        long n = in.count();
        for (long i = 0; i < n; i++) {
            int size = in.length();
            int bodyAt = in.position();
            int end = bodyAt + size;
            int outer = in.limitTo(end);
            long declCount = in.count();
            List<LocalDecl> locals = new ArrayList<>(in.capacityFor(declCount));
            long total = 0;
            for (long k = 0; k < declCount; k++) {
                int at = in.position();
                long count = in.u32Long();
                total += count;
                if (total > 0xFFFFFFFFL) throw in.error("too many locals", at);
                locals.add(new LocalDecl(count, in.valType()));
            }
            List<Instruction> code = decoder.functionBody(end);
            in.restoreLimit(outer);
            codes.add(new FunctionBody(locals, code, bodyAt));
        }
    }

    private void dataSection() {
        long n = in.count();
        for (long i = 0; i < n; i++) {
            int flagsAt = in.position();
            int flags = in.u32();
            switch (flags) {
                case 0 -> {
                    ConstExpr offset = decoder.constExpr();
                    data.add(new DataSegment(SegmentMode.ACTIVE, 0, offset, in.byteVector()));
                }
                case 1 -> data.add(new DataSegment(SegmentMode.PASSIVE, 0, null, in.byteVector()));
                case 2 -> {
                    int memory = in.index();
                    ConstExpr offset = decoder.constExpr();
                    data.add(new DataSegment(SegmentMode.ACTIVE, memory, offset, in.byteVector()));
                }
                default -> throw in.error("malformed data segment kind", flagsAt);
            }
        }
    }
}
