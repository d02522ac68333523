package org.wasmjar.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.wasmjar.cli.launch.Imports;
import org.wasmjar.cli.launch.StandaloneMain;
import org.wasmjar.hostcalls.api.HostEnvironment;
import org.wasmjar.hostcalls.api.HostcallSet;
import org.wasmjar.hostcalls.api.HostcallSets;
import org.wasmjar.runtime.jar.FunctionTable;
import org.wasmjar.runtime.jar.ModuleDescriptor;
import org.wasmjar.runtime.jar.ModuleJar;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.types.Const;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.Import;
import org.wasmjar.runtime.types.Limits;
import org.wasmjar.runtime.types.MemoryType;
import org.wasmjar.runtime.types.ModuleInfo;
import org.wasmjar.runtime.types.ModuleInfo.DataDef;
import org.wasmjar.runtime.types.SegmentMode;
import org.wasmjar.runtime.types.TableType;
import org.wasmjar.runtime.types.ValType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wasmjar inspect}: what a module jar holds, as text for people or as JSON ({@value #FORMAT}, documented in
 * the README) for tools. Both come from one model, {@link #model}, so they never disagree.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = {"Show what a module jar holds: the function table (index -> function, name, type) and its "
                + "size, imports and the hostcall sets providing each, exports, memory and table limits, data "
                + "segments, the largest generated method, the compiler version and the source's SHA-256. "
                + "A .wasm is compiled in memory first."})
final class InspectCommand implements Callable<Integer> {
    /** Version of the JSON layout; it changes only when a field changes meaning or goes away. */
    static final int FORMAT = 1;
    /** HotSpot's limit (DontCompileHugeMethods): larger methods are never JIT-compiled. */
    static final int JIT_LIMIT = 8000;

    @Parameters(index = "0", paramLabel = "FILE", description = "A module jar (or a .wasm).")
    private Path file;

    @Option(names = "--json", description = "Print JSON instead of text (layout in the README).")
    private boolean json;

    @Spec private CommandSpec spec;

    @Override public Integer call() throws IOException {
        ModuleJar module = ModuleInput.load(file, Main.version());
        Map<String, Object> model = model(file, module, standaloneHostcalls(file));
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.write(model) : text(model));
        out.flush();
        return 0;
    }

    /** The hostcall sets a standalone jar links against, or null when {@code file} is no standalone jar. */
    private static String standaloneHostcalls(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(2);
        }
        if (head.length < 2 || head[0] != 'P' || head[1] != 'K') return null;
        try (JarFile jar = new JarFile(file.toFile())) {
            Manifest m = jar.getManifest();
            if (m == null || !StandaloneMain.class.getName().equals(m.getMainAttributes().getValue("Main-Class"))) return null;
            String sets = m.getMainAttributes().getValue(StandaloneMain.HOSTCALLS);
            return sets == null ? "" : sets;
        }
    }

    /** Everything inspect shows, as JSON-ready maps and lists in a fixed order. */
    static Map<String, Object> model(Path file, ModuleJar module, String standaloneHostcalls) {
        ModuleDescriptor d = module.descriptor();
        ModuleInfo info = module.info();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("file", file.toString());

        Map<String, Object> mod = new LinkedHashMap<>();
        mod.put("id", module.id());
        mod.put("name", info.moduleName());
        mod.put("sourceSha256", d.sourceSha256());
        mod.put("compilerVersion", d.compilerVersion());
        mod.put("entryClass", module.entryClass());
        mod.put("classes", d.classes().size());
        mod.put("largestMethodBytes", d.largestMethodBytes());
        mod.put("standalone", standaloneHostcalls != null);
        mod.put("standaloneHostcalls", standaloneHostcalls == null ? null : List.of(standaloneHostcalls.split(",")));
        m.put("module", mod);

        Map<String, Object> functions = new LinkedHashMap<>();
        int imported = info.importedCount(ExternKind.FUNC);
        functions.put("imported", imported);
        functions.put("defined", info.functionTypes().size() - imported);
        m.put("functions", functions);

        Map<String, Linker> providers = providers();
        List<Object> imports = new ArrayList<>();
        int[] counters = new int[ExternKind.values().length];
        for (Import imp : info.imports()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("kind", kind(imp.kind()));
            i.put("index", counters[imp.kind().ordinal()]++);
            i.put("module", imp.module());
            i.put("name", imp.name());
            i.put("type", importType(info, imp));
            List<String> by = new ArrayList<>();
            providers.forEach((set, linker) -> { if (Imports.provides(linker, info, imp)) by.add(set); });
            i.put("providedBy", by);
            imports.add(i);
        }
        m.put("imports", imports);

        List<Object> exports = new ArrayList<>();
        for (Export e : info.exports()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", e.name());
            x.put("kind", kind(e.kind()));
            x.put("index", e.index());
            if (e.kind() == ExternKind.FUNC) {
                x.put("function", FunctionTable.functionName(info, e.index()));
                x.put("type", funcType(info.functionType(e.index())));
            }
            exports.add(x);
        }
        m.put("exports", exports);

        List<Object> memories = new ArrayList<>();
        List<Object> tables = new ArrayList<>();
        for (Import imp : info.imports()) {
            if (imp.kind() == ExternKind.MEMORY) memories.add(memory(memories.size(), imp.memory(), Imports.name(imp)));
            if (imp.kind() == ExternKind.TABLE) tables.add(table(tables.size(), imp.table(), Imports.name(imp)));
        }
        for (MemoryType t : info.memories()) memories.add(memory(memories.size(), t, null));
        for (TableType t : info.tables()) tables.add(table(tables.size(), t, null));
        m.put("memories", memories);
        m.put("tables", tables);

        FunctionTable ft = module.functionTable();
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("table", 0);
        table.put("size", ft.size());
        table.put("known", ft.known());
        table.put("unknownReason", ft.unknownReason());
        List<Object> entries = new ArrayList<>();
        for (FunctionTable.Entry e : ft.entries()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("index", e.index());
            x.put("function", e.function());
            x.put("name", e.name());
            x.put("type", funcType(e.type()));
            entries.add(x);
        }
        table.put("entries", entries);
        m.put("functionTable", table);

        Map<String, Object> data = new LinkedHashMap<>();
        long total = 0;
        List<Object> segments = new ArrayList<>();
        for (int i = 0; i < info.data().size(); i++) {
            DataDef s = info.data().get(i);
            total += s.bytes().length;
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("index", i);
            x.put("mode", s.mode().name().toLowerCase(Locale.ROOT));
            x.put("memory", s.mode() == SegmentMode.ACTIVE ? s.memory() : null);
            x.put("offset", s.offset() == null ? null : constant(s.offset()));
            x.put("bytes", s.bytes().length);
            segments.add(x);
        }
        data.put("count", info.data().size());
        data.put("bytes", total);
        data.put("segments", segments);
        m.put("data", data);
        return m;
    }

    /** Every available hostcall set defined in a linker of its own, by set name, to see which import each provides. */
    private static Map<String, Linker> providers() {
        Map<String, Linker> providers = new LinkedHashMap<>();
        for (HostcallSet set : HostcallSets.available()) {
            Linker linker = new Linker();
            set.define(linker, HostEnvironment.inherit());
            providers.put(set.name(), linker);
        }
        return providers;
    }

    private static String kind(ExternKind k) {
        return k.name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> importType(ModuleInfo info, Import imp) {
        return switch (imp.kind()) {
            case FUNC -> funcType(info.types().get(imp.typeIndex()));
            case TABLE -> tableType(imp.table());
            case MEMORY -> limits(imp.memory().limits());
            case GLOBAL -> {
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("valType", imp.global().type().text);
                g.put("mutable", imp.global().mutable());
                yield g;
            }
        };
    }

    private static Map<String, Object> funcType(FuncType t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("params", t.params().stream().map(v -> v.text).toList());
        m.put("results", t.results().stream().map(v -> v.text).toList());
        return m;
    }

    private static Map<String, Object> tableType(TableType t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("elemType", t.elemType().text);
        m.putAll(limits(t.limits()));
        return m;
    }

    private static Map<String, Object> limits(Limits l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", l.min());
        m.put("max", l.hasMax() ? l.max() : null);
        return m;
    }

    private static Map<String, Object> memory(int index, MemoryType t, String importedFrom) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("importedFrom", importedFrom);
        m.putAll(limits(t.limits()));
        return m;
    }

    private static Map<String, Object> table(int index, TableType t, String importedFrom) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("importedFrom", importedFrom);
        m.putAll(tableType(t));
        return m;
    }

    /** A constant offset as a number; {@code global.get} as its text. */
    private static Object constant(Const c) {
        if (c instanceof Const.Value v && v.type() == ValType.I32) return Integer.toUnsignedLong((int) v.bits());
        if (c instanceof Const.Value v && v.type() == ValType.I64) return v.bits();
        if (c instanceof Const.GlobalGet g) return "global.get " + g.index();
        return String.valueOf(c);
    }

    // ---- text form ----

    @SuppressWarnings("unchecked")
    static String text(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> mod = (Map<String, Object>) m.get("module");
        Map<String, Object> functions = (Map<String, Object>) m.get("functions");
        sb.append(m.get("file")).append(":  wasmjar module ").append(mod.get("id"))
                .append(mod.get("name") != null ? " \"" + mod.get("name") + "\"" : "").append('\n');
        sb.append('\n');
        row(sb, "source sha256", mod.get("sourceSha256"));
        row(sb, "compiler", "wasmjar " + mod.get("compilerVersion"));
        row(sb, "entry class", mod.get("entryClass"));
        row(sb, "functions", functions.get("defined") + " defined, " + functions.get("imported") + " imported");
        int largest = (Integer) mod.get("largestMethodBytes");
        row(sb, "largest method", largest + " bytes in " + mod.get("classes") + " class" + ((Integer) mod.get("classes") == 1 ? "" : "es")
                + (largest <= JIT_LIMIT ? " (within the JIT limit of " + JIT_LIMIT + ")" : " (over the JIT limit of " + JIT_LIMIT + "!)"));
        row(sb, "standalone", Boolean.TRUE.equals(mod.get("standalone"))
                ? "yes, java -jar links against " + String.join(",", (List<String>) mod.get("standaloneHostcalls")) : "no");

        List<Map<String, Object>> imports = (List<Map<String, Object>>) m.get("imports");
        sb.append("\nImports [").append(imports.size()).append("]:\n");
        List<String[]> rows = new ArrayList<>();
        for (Map<String, Object> i : imports) {
            List<String> by = (List<String>) i.get("providedBy");
            rows.add(new String[] {i.get("kind") + "[" + i.get("index") + "]", i.get("module") + "." + i.get("name"),
                    typeText((String) i.get("kind"), (Map<String, Object>) i.get("type")),
                    by.isEmpty() ? "<- (no hostcall set)" : "<- " + String.join(", ", by)});
        }
        table(sb, rows);

        List<Map<String, Object>> exports = (List<Map<String, Object>>) m.get("exports");
        sb.append("\nExports [").append(exports.size()).append("]:\n");
        rows.clear();
        for (Map<String, Object> e : exports) {
            boolean func = "func".equals(e.get("kind"));
            rows.add(new String[] {e.get("kind") + "[" + e.get("index") + "]", "\"" + e.get("name") + "\"",
                    func ? "<" + e.get("function") + ">" : "", func ? typeText("func", (Map<String, Object>) e.get("type")) : ""});
        }
        table(sb, rows);

        List<Map<String, Object>> memories = (List<Map<String, Object>>) m.get("memories");
        sb.append("\nMemories [").append(memories.size()).append("]:\n");
        rows.clear();
        for (Map<String, Object> x : memories) {
            rows.add(new String[] {"memory[" + x.get("index") + "]", "pages " + limitsText(x),
                    x.get("importedFrom") == null ? "" : "imported from " + x.get("importedFrom")});
        }
        table(sb, rows);

        List<Map<String, Object>> tables = (List<Map<String, Object>>) m.get("tables");
        sb.append("\nTables [").append(tables.size()).append("]:\n");
        rows.clear();
        for (Map<String, Object> x : tables) {
            rows.add(new String[] {"table[" + x.get("index") + "]", x.get("elemType") + " " + limitsText(x),
                    x.get("importedFrom") == null ? "" : "imported from " + x.get("importedFrom")});
        }
        table(sb, rows);

        Map<String, Object> ft = (Map<String, Object>) m.get("functionTable");
        List<Map<String, Object>> entries = (List<Map<String, Object>>) ft.get("entries");
        sb.append("\nFunction table (table 0, size ").append(ft.get("size")).append(", ");
        sb.append(Boolean.TRUE.equals(ft.get("known")) ? entries.size() + " entries):\n"
                : "content not known at compile time: " + ft.get("unknownReason") + "; hosts resolve indices at run time):\n");
        rows.clear();
        for (Map<String, Object> e : entries) {
            rows.add(new String[] {"[" + e.get("index") + "]", "-> func[" + e.get("function") + "]", "<" + e.get("name") + ">",
                    typeText("func", (Map<String, Object>) e.get("type"))});
        }
        table(sb, rows);

        Map<String, Object> data = (Map<String, Object>) m.get("data");
        List<Map<String, Object>> segments = (List<Map<String, Object>>) data.get("segments");
        sb.append("\nData [").append(data.get("count")).append(" segment").append(segments.size() == 1 ? "" : "s")
                .append(", ").append(data.get("bytes")).append(" bytes]:\n");
        rows.clear();
        for (Map<String, Object> s : segments) {
            Object offset = s.get("offset");
            String where = "active".equals(s.get("mode"))
                    ? "memory[" + s.get("memory") + "] at " + (offset instanceof Long l ? "0x" + Long.toHexString(l) : offset) : "";
            rows.add(new String[] {"segment[" + s.get("index") + "]", (String) s.get("mode"), where,
                    s.get("bytes") + ((Integer) s.get("bytes") == 1 ? " byte" : " bytes")});
        }
        table(sb, rows);
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, Object value) {
        sb.append("  ").append(String.format("%-16s", label)).append(value).append('\n');
    }

    /** Rows as aligned columns, two spaces apart, trailing blanks trimmed. */
    private static void table(StringBuilder sb, List<String[]> rows) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] r : rows) for (int c = 0; c < r.length; c++) widths[c] = Math.max(widths[c], r[c].length());
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < r.length; c++) {
                line.append(r[c]);
                if (c < r.length - 1) line.append(" ".repeat(widths[c] - r[c].length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }

    @SuppressWarnings("unchecked")
    private static String typeText(String kind, Map<String, Object> type) {
        return switch (kind) {
            case "func" -> "(" + String.join(" ", (List<String>) type.get("params")) + ") -> ("
                    + String.join(" ", (List<String>) type.get("results")) + ")";
            case "memory" -> "pages " + limitsText(type);
            case "table" -> type.get("elemType") + " " + limitsText(type);
            default -> Boolean.TRUE.equals(type.get("mutable")) ? "(mut " + type.get("valType") + ")" : (String) type.get("valType");
        };
    }

    private static String limitsText(Map<String, Object> limits) {
        return "min " + limits.get("min") + ", max " + (limits.get("max") == null ? "none" : limits.get("max"));
    }
}
