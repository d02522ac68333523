package org.wasmjar.runtime.jar;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.types.Const;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.GlobalType;
import org.wasmjar.runtime.types.Import;
import org.wasmjar.runtime.types.Limits;
import org.wasmjar.runtime.types.MemoryType;
import org.wasmjar.runtime.types.ModuleInfo;
import org.wasmjar.runtime.types.ModuleInfo.DataDef;
import org.wasmjar.runtime.types.ModuleInfo.ElementDef;
import org.wasmjar.runtime.types.ModuleInfo.GlobalDef;
import org.wasmjar.runtime.types.SegmentMode;
import org.wasmjar.runtime.types.TableType;
import org.wasmjar.runtime.types.ValType;

/**
 * The binary form of a {@link ModuleDescriptor} inside a module jar: big-endian, length-prefixed, in the order of
 * the fields of {@link ModuleInfo} followed by the class names, the code classes, the function table (size, reason when unknown, then
 * (slot, function index) pairs; types and names come from the module info) and the compilation facts.
 * Deterministic: the same descriptor always gives the same bytes. Data segment bytes are stored apart (as jar
 * resources), so {@link #write} leaves them out and {@link #read} takes them back from a supplier.
 *
 * <p>{@link #VERSION} changes whenever the layout does, or the runtime interface the jar's generated code calls;
 * a reader refuses other versions with a clear message rather than misreading them (or failing later with a
 * missing method). Version 2 added the class names, function table and compilation facts; version 3 made memory
 * accesses invokedynamic sites of {@code MemorySites} and split functions reuse their frames.
 */
public final class DescriptorCodec {
    private static final int MAGIC = 0x574A4D44; // "WJMD"
    public static final int VERSION = 3;

    private DescriptorCodec() {}

    /** Reads data segment {@code index}'s bytes. */
    public interface DataSource {
        byte[] data(int index) throws IOException;
    }

    public static byte[] write(ModuleDescriptor descriptor) {
        ModuleInfo info = descriptor.info();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            writeNullableString(out, info.moduleName());
            out.writeInt(info.types().size());
            for (FuncType t : info.types()) writeFuncType(out, t);
            out.writeInt(info.imports().size());
            for (Import i : info.imports()) writeImport(out, i);
            writeInts(out, info.functionTypes());
            out.writeInt(info.tables().size());
            for (TableType t : info.tables()) writeTableType(out, t);
            out.writeInt(info.memories().size());
            for (MemoryType m : info.memories()) writeLimits(out, m.limits());
            out.writeInt(info.globals().size());
            for (GlobalDef g : info.globals()) {
                writeGlobalType(out, g.type());
                writeConst(out, g.init());
            }
            out.writeInt(info.exports().size());
            for (Export e : info.exports()) {
                writeString(out, e.name());
                out.writeByte(e.kind().code);
                out.writeInt(e.index());
            }
            out.writeInt(info.start());
            out.writeInt(info.elements().size());
            for (ElementDef e : info.elements()) {
                out.writeByte(e.mode().ordinal());
                out.writeByte(e.type().code);
                out.writeInt(e.table());
                writeNullableConst(out, e.offset());
                out.writeInt(e.items().size());
                for (Const c : e.items()) writeConst(out, c);
            }
            out.writeInt(info.data().size());
            for (DataDef d : info.data()) {
                out.writeByte(d.mode().ordinal());
                out.writeInt(d.memory());
                writeNullableConst(out, d.offset());
                out.writeInt(d.bytes().length);
            }
            out.writeInt(info.functionNames().size());
            for (String n : info.functionNames()) writeNullableString(out, n);

            out.writeInt(descriptor.classes().size());
            for (String c : descriptor.classes()) writeString(out, c);
            out.writeInt(descriptor.codeClasses().size());
            for (String c : descriptor.codeClasses()) writeString(out, c);
            FunctionTable table = descriptor.functionTable();
            out.writeLong(table.size());
            writeNullableString(out, table.unknownReason());
            out.writeInt(table.entries().size());
            for (FunctionTable.Entry e : table.entries()) {
                out.writeInt(e.index());
                out.writeInt(e.function());
            }
            writeString(out, descriptor.sourceSha256());
            writeString(out, descriptor.compilerVersion());
            out.writeInt(descriptor.largestMethodBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a descriptor; a damaged one is a {@link WasmjarException} saying so, an I/O failure of {@code data} an
     * {@link IOException}.
     */
    public static ModuleDescriptor read(byte[] descriptor, DataSource data) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(descriptor));
        try {
            return read(in, data);
        } catch (EOFException e) {
            throw new WasmjarException("corrupt module descriptor: it ends too early");
        } catch (IndexOutOfBoundsException | IllegalArgumentException | NegativeArraySizeException | OutOfMemoryError e) {
            throw new WasmjarException("corrupt module descriptor: " + e.getMessage());
        }
    }

    private static ModuleDescriptor read(DataInputStream in, DataSource data) throws IOException {
        if (in.available() < 8 || in.readInt() != MAGIC) throw new WasmjarException("not a wasmjar module descriptor");
        int version = in.readInt();
        if (version != VERSION) {
            throw new WasmjarException("module descriptor version " + version + " is not supported (this wasmjar reads "
                    + VERSION + "); compile the module again");
        }
        String moduleName = readNullableString(in);
        List<FuncType> types = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) types.add(readFuncType(in));
        List<Import> imports = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) imports.add(readImport(in));
        List<Integer> functionTypes = readInts(in);
        List<TableType> tables = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) tables.add(readTableType(in));
        List<MemoryType> memories = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) memories.add(new MemoryType(readLimits(in)));
        List<GlobalDef> globals = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) globals.add(new GlobalDef(readGlobalType(in), readConst(in)));
        List<Export> exports = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            exports.add(new Export(readString(in), externKind(in.readByte()), in.readInt()));
        }
        int start = in.readInt();
        List<ElementDef> elements = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            SegmentMode mode = SegmentMode.values()[in.readByte()];
            ValType type = valType(in.readUnsignedByte());
            int table = in.readInt();
            Const offset = readNullableConst(in);
            List<Const> items = new ArrayList<>();
            for (int k = in.readInt(); k > 0; k--) items.add(readConst(in));
            elements.add(new ElementDef(mode, type, table, offset, items));
        }
        List<DataDef> dataDefs = new ArrayList<>();
        int dataCount = in.readInt();
        for (int i = 0; i < dataCount; i++) {
            SegmentMode mode = SegmentMode.values()[in.readByte()];
            int memory = in.readInt();
            Const offset = readNullableConst(in);
            int length = in.readInt();
            byte[] bytes = length == 0 ? new byte[0] : data.data(i);
            if (bytes.length != length) throw new WasmjarException("data segment " + i + " has " + bytes.length + " bytes, expected " + length);
            dataDefs.add(new DataDef(mode, memory, offset, bytes));
        }
        List<String> names = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) names.add(readNullableString(in));
        ModuleInfo info = new ModuleInfo(moduleName, types, imports, functionTypes, tables, memories, globals, exports,
                start, elements, dataDefs, names);

        List<String> classes = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) classes.add(readString(in));
        List<String> codeClasses = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) codeClasses.add(readString(in));
        long tableSize = in.readLong();
        String unknownReason = readNullableString(in);
        List<FunctionTable.Entry> entries = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            int index = in.readInt();
            int function = in.readInt();
            if (function < 0 || function >= functionTypes.size()) {
                throw new WasmjarException("corrupt module descriptor: function table names function " + function);
            }
            entries.add(FunctionTable.entry(info, index, function));
        }
        FunctionTable table = new FunctionTable(tableSize, unknownReason, entries);
        String sha = readString(in);
        String compilerVersion = readString(in);
        int largestMethod = in.readInt();
        if (in.available() > 0) throw new WasmjarException("corrupt module descriptor: " + in.available() + " bytes after its end");
        return new ModuleDescriptor(info, classes, codeClasses, table, sha, compilerVersion, largestMethod);
    }

    private static void writeFuncType(DataOutputStream out, FuncType t) throws IOException {
        writeValTypes(out, t.params());
        writeValTypes(out, t.results());
    }

    private static FuncType readFuncType(DataInputStream in) throws IOException {
        return new FuncType(readValTypes(in), readValTypes(in));
    }

    private static void writeValTypes(DataOutputStream out, List<ValType> types) throws IOException {
        out.writeInt(types.size());
        for (ValType t : types) out.writeByte(t.code);
    }

    private static List<ValType> readValTypes(DataInputStream in) throws IOException {
        List<ValType> types = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) types.add(valType(in.readUnsignedByte()));
        return types;
    }

    private static ValType valType(int code) {
        ValType t = ValType.fromCode(code);
        if (t == null) throw new WasmjarException("corrupt module descriptor: value type 0x" + Integer.toHexString(code));
        return t;
    }

    private static ExternKind externKind(int code) {
        for (ExternKind k : ExternKind.values()) if (k.code == code) return k;
        throw new WasmjarException("corrupt module descriptor: extern kind " + code);
    }

    private static void writeImport(DataOutputStream out, Import i) throws IOException {
        writeString(out, i.module());
        writeString(out, i.name());
        out.writeByte(i.kind().code);
        switch (i.kind()) {
            case FUNC -> out.writeInt(i.typeIndex());
            case TABLE -> writeTableType(out, i.table());
            case MEMORY -> writeLimits(out, i.memory().limits());
            case GLOBAL -> writeGlobalType(out, i.global());
        }
    }

    private static Import readImport(DataInputStream in) throws IOException {
        String module = readString(in);
        String name = readString(in);
        return switch (externKind(in.readByte())) {
            case FUNC -> Import.func(module, name, in.readInt());
            case TABLE -> Import.table(module, name, readTableType(in));
            case MEMORY -> Import.memory(module, name, new MemoryType(readLimits(in)));
            case GLOBAL -> Import.global(module, name, readGlobalType(in));
        };
    }

    private static void writeTableType(DataOutputStream out, TableType t) throws IOException {
        out.writeByte(t.elemType().code);
        writeLimits(out, t.limits());
    }

    private static TableType readTableType(DataInputStream in) throws IOException {
        return new TableType(valType(in.readUnsignedByte()), readLimits(in));
    }

    private static void writeLimits(DataOutputStream out, Limits l) throws IOException {
        out.writeLong(l.min());
        out.writeLong(l.max());
    }

    private static Limits readLimits(DataInputStream in) throws IOException {
        return new Limits(in.readLong(), in.readLong());
    }

    private static void writeGlobalType(DataOutputStream out, GlobalType g) throws IOException {
        out.writeByte(g.type().code);
        out.writeBoolean(g.mutable());
    }

    private static GlobalType readGlobalType(DataInputStream in) throws IOException {
        return new GlobalType(valType(in.readUnsignedByte()), in.readBoolean());
    }

    private static void writeNullableConst(DataOutputStream out, Const c) throws IOException {
        out.writeBoolean(c != null);
        if (c != null) writeConst(out, c);
    }

    private static Const readNullableConst(DataInputStream in) throws IOException {
        return in.readBoolean() ? readConst(in) : null;
    }

    private static void writeConst(DataOutputStream out, Const c) throws IOException {
        if (c instanceof Const.Value v) {
            out.writeByte(0);
            out.writeByte(v.type().code);
            out.writeLong(v.bits());
            out.writeBoolean(v.v128() != null);
            if (v.v128() != null) out.write(v.v128());
        } else if (c instanceof Const.GlobalGet g) {
            out.writeByte(1);
            out.writeInt(g.index());
        } else if (c instanceof Const.RefFunc f) {
            out.writeByte(2);
            out.writeInt(f.functionIndex());
        } else if (c instanceof Const.RefNull n) {
            out.writeByte(3);
            out.writeByte(n.type().code);
        }
    }

    private static Const readConst(DataInputStream in) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case 0 -> {
                ValType type = valType(in.readUnsignedByte());
                long bits = in.readLong();
                byte[] v128 = null;
                if (in.readBoolean()) {
                    v128 = new byte[16];
                    in.readFully(v128);
                }
                yield new Const.Value(type, bits, v128);
            }
            case 1 -> new Const.GlobalGet(in.readInt());
            case 2 -> new Const.RefFunc(in.readInt());
            case 3 -> new Const.RefNull(valType(in.readUnsignedByte()));
            default -> throw new WasmjarException("corrupt module descriptor: constant tag " + tag);
        };
    }

    private static void writeInts(DataOutputStream out, List<Integer> values) throws IOException {
        out.writeInt(values.size());
        for (int v : values) out.writeInt(v);
    }

    private static List<Integer> readInts(DataInputStream in) throws IOException {
        List<Integer> values = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) values.add(in.readInt());
        return values;
    }

    /** Length-prefixed UTF-8: unlike writeUTF, no 64 KiB limit (names can be long). */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) throw new EOFException();
        byte[] b = new byte[length];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeNullableString(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) writeString(out, s);
    }

    private static String readNullableString(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }
}
