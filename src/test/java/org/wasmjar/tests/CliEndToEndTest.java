package org.wasmjar.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wasmjar.tests.JavaProcess.checkout;
import static org.wasmjar.tests.JavaProcess.e2e;
import static org.wasmjar.tests.JavaProcess.wasmjar;
import static org.wasmjar.tests.JavaProcess.wasmjarAll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wasmjar.cli.wast.JsonReader;
import org.wasmjar.tests.JavaProcess.Result;

/**
 * compile, run and inspect as a user runs them: each command a separate JVM on the test class path (the shaded jar
 * exists only after {@code package}). Guest programs come from examples/ and src/test/resources/e2e/ (sources beside
 * the binaries).
 */
class CliEndToEndTest {
    private static final Path HELLO = checkout().resolve("examples/hello/hello.wasm");
    private static final Path FUNCPTR = checkout().resolve("examples/funcptr/funcptr.wasm");
    private static final Path PLUGIN = checkout().resolve("examples/embedding/plugin.wasm");

    @TempDir Path dir;

    private static String expected(Path example) throws Exception {
        return Files.readString(example.resolveSibling("expected-output.txt"));
    }

    private static void assertRun(Result r, int exit, String out, String err) {
        assertEquals(out, r.out(), r.toString());
        assertEquals(err, r.err(), r.toString());
        assertEquals(exit, r.exit(), r.toString());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void compileThenRunTheJar() throws Exception {
        Result c = wasmjar(dir, "compile", HELLO.toString(), "-o", "hello.jar");
        assertEquals(0, c.exit(), c.toString());
        assertTrue(c.out().matches("wrote hello\\.jar: module m[0-9a-f]{16}, 21 functions in \\d+ class(es)?, \\d+ bytes\n"), c.out());
        assertRun(wasmjar(dir, "run", "hello.jar", "a", "b c"), 0, expected(HELLO) + "argv[1] = a\nargv[2] = b c\n", "");
    }

    @Test
    void runCompilesAWasmInMemory() throws Exception {
        assertRun(wasmjar(dir, "run", FUNCPTR.toString()), 0, expected(FUNCPTR), "");
        assertTrue(Files.list(dir).noneMatch(p -> p.toString().endsWith(".jar")), "nothing written");
    }

    @Test
    void sameInputGivesByteIdenticalJars() throws Exception {
        Path copy = Files.copy(FUNCPTR, dir.resolve("funcptr.wasm"));
        for (Result r : wasmjarAll(dir, List.of(new String[] {"compile", copy.toString()},
                new String[] {"compile", FUNCPTR.toString(), "-o", "again.jar"},
                new String[] {"compile", "--standalone", FUNCPTR.toString(), "-o", "s1.jar"},
                new String[] {"compile", "--standalone", FUNCPTR.toString(), "-o", "s2.jar"}))) {
            assertEquals(0, r.exit(), r.toString());
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("funcptr.jar")), Files.readAllBytes(dir.resolve("again.jar")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("s1.jar")), Files.readAllBytes(dir.resolve("s2.jar")));
    }

    @Test
    void standaloneJarRunsWithJavaJar() throws Exception {
        Result c = wasmjar(dir, "compile", "--standalone", HELLO.toString(), "-o", "hello-app.jar");
        assertEquals(0, c.exit(), c.toString());
        assertTrue(c.out().contains(", standalone, "), c.out());
        assertRun(JavaProcess.java(dir, List.of("-jar", "hello-app.jar", "x", "--y")), 0, expected(HELLO) + "argv[1] = x\nargv[2] = --y\n", "");

        assertEquals(0, wasmjar(dir, "compile", "--standalone", e2e("exit.wasm").toString(), "-o", "exit.jar").exit());
        assertRun(JavaProcess.java(dir, List.of("-jar", "exit.jar")), 7, "bye\n", "");
        assertEquals(0, wasmjar(dir, "compile", "--standalone", e2e("calc.wasm").toString(), "-o", "calc.jar").exit());
        assertRun(JavaProcess.java(dir, List.of("-jar", "calc.jar")), 134, "", "trap: unreachable\n  at 0: crash\n  at 1: crash\n  at 2: crash\n  at 3: main\n");

        Result inspect = wasmjar(dir, "inspect", "hello-app.jar");
        assertTrue(inspect.out().contains("\n  standalone      yes, java -jar links against wasi\n"), inspect.out());
    }

    @Test
    void standaloneRefusesImportsItsSetsLack() throws Exception {
        Result r = wasmjar(dir, "compile", "--standalone", e2e("imports.wasm").toString(), "-o", "x.jar");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("error: imports.wasm has 3 unresolved imports"), r.err());
        assertTrue(Files.notExists(dir.resolve("x.jar")));
    }

    @Test
    void inspectText() throws Exception {
        assertEquals(0, wasmjar(dir, "compile", PLUGIN.toString(), "-o", "plugin.jar").exit());
        Result r = wasmjar(dir, "inspect", "plugin.jar");
        assertEquals(0, r.exit(), r.toString());
        String version = wasmjar(dir, "--version").out().strip();
        String sha = sha256(PLUGIN);
        List<String> lines = r.out().lines().toList();
        assertEquals("plugin.jar:  wasmjar module m" + sha.substring(0, 16), lines.get(0));
        for (String line : List.of(
                "  source sha256   " + sha,
                "  compiler        " + version,
                "  functions       54 defined, 4 imported",
                "  standalone      no",
                "Imports [4]:",
                "  func[3]  wasi_snapshot_preview1.fd_write       (i32 i32 i32 i32) -> (i32)  <- wasi",
                "  func[8]    \"find_op\"      <find_op>      (i32) -> (i32)",
                "  memory[0]  pages min 2, max none",
                "  table[0]  funcref min 10, max 10",
                "Function table (table 0, size 10, 9 entries):",
                "  [1]  -> func[11]  <hello>           () -> ()",
                "  [2]  -> func[12]  <add>             (i32 i32) -> (i32)",
                "  [9]  -> func[40]  <__stdio_seek>    (i32 i64 i32) -> (i64)")) {
            assertTrue(lines.contains(line), "no line \"" + line + "\" in\n" + r.out());
        }
        assertTrue(r.out().matches("(?s).*\n  largest method  \\d+ bytes in \\d+ classes \\(within the JIT limit of 8000\\)\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\nData \\[\\d+ segments, \\d+ bytes\\]:\n  segment\\[0\\] +active +memory\\[0\\] at 0x400 +\\d+ bytes\n.*"), r.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void inspectJson() throws Exception {
        Result r = wasmjar(dir, "inspect", "--json", PLUGIN.toString());
        assertEquals(0, r.exit(), r.toString());
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(r.out());
        assertEquals(List.of("format", "file", "module", "functions", "imports", "exports", "memories", "tables",
                "functionTable", "data"), List.copyOf(json.keySet()));
        assertEquals(1L, json.get("format"));
        Map<String, Object> module = (Map<String, Object>) json.get("module");
        assertEquals(sha256(PLUGIN), module.get("sourceSha256"));
        long largest = (Long) module.get("largestMethodBytes");
        assertTrue(largest > 0 && largest <= 8000, "largest method " + largest);
        assertEquals(false, module.get("standalone"));

        Map<String, Object> table = (Map<String, Object>) json.get("functionTable");
        assertEquals(10L, table.get("size"));
        assertEquals(true, table.get("known"));
        List<Map<String, Object>> entries = (List<Map<String, Object>>) table.get("entries");
        assertEquals(9, entries.size());
        assertEquals(Map.of("index", 2L, "function", 12L, "name", "add",
                "type", Map.of("params", List.of("i32", "i32"), "results", List.of("i32"))), entries.get(1));

        Map<String, Object> fdWrite = ((List<Map<String, Object>>) json.get("imports")).get(3);
        assertEquals("fd_write", fdWrite.get("name"));
        assertEquals(List.of("wasi"), fdWrite.get("providedBy"));
        Map<String, Object> memory = ((List<Map<String, Object>>) json.get("memories")).get(0);
        assertEquals(2L, memory.get("min"));
        assertTrue(memory.containsKey("max") && memory.get("max") == null);
        Map<String, Object> data = (Map<String, Object>) json.get("data");
        List<Map<String, Object>> segments = (List<Map<String, Object>>) data.get("segments");
        assertEquals((long) segments.size(), data.get("count"));
        assertEquals(segments.stream().mapToLong(s -> (Long) s.get("bytes")).sum(), data.get("bytes"));

        Result unknown = wasmjar(dir, "inspect", "--json", e2e("tablebase.wasm").toString());
        Map<String, Object> t = (Map<String, Object>) ((Map<String, Object>) JsonReader.parse(unknown.out())).get("functionTable");
        assertEquals(false, t.get("known"));
        assertEquals("element segment 0 has offset global.get 0 (set at run time)", t.get("unknownReason"));
        assertEquals(List.of(), t.get("entries"));
    }

    @Test
    void edgeServesOneRequestAndATrapGivesA500() throws Exception {
        Path echo = checkout().resolve("examples/edge/echo.wasm");
        assertRun(wasmjar(dir, "run", echo.toString(), "--hostcalls", "edge,wasi", "--request", "GET /hello?q=1"), 0,
                "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 15\r\n\r\nGET /hello?q=1\n", "");

        Path guest = checkout().resolve("src/test/resources/edge/mm.wasm");
        Result trap = wasmjar(dir, "run", guest.toString(), "--hostcalls", "edge,wasi", "--request", "PANIC /");
        assertEquals(134, trap.exit(), trap.toString());
        assertTrue(trap.out().startsWith("HTTP/1.1 500 Internal Server Error\r\n"), trap.toString());
        assertTrue(trap.err().contains("trap: unreachable\n  at 0: "), trap.toString());

        Result usage = wasmjar(dir, "run", echo.toString(), "--request", "GET /");
        assertEquals(2, usage.exit(), usage.toString());
        assertEquals("error: --request, --header and --body need --hostcalls edge (see 'wasmjar run --help')\n", usage.err());
    }

    @Test
    void simdProgramAndV128Arguments() throws Exception {
        Path simd = checkout().resolve("examples/simd/simd.wasm");
        assertRun(wasmjar(dir, "run", simd.toString()), 0, expected(simd), "");
        String module = e2e("simd.wasm").toString();
        assertRun(wasmjar(dir, "run", "--invoke", "add4", module, "i32x4 1 2 3 4", "i32x4 10 20 30 -4"), 0,
                "i32x4 0x0000000b 0x00000016 0x00000021 0x00000000\n", "");
        assertRun(wasmjar(dir, "run", "--invoke", "sum4", module, "i32x4 1 2 3 0xfffffffa"), 0, "0\n", "");
    }

    @Test
    void procExitCodePassesThrough() throws Exception {
        assertRun(wasmjar(dir, "run", e2e("exit.wasm").toString()), 7, "bye\n", "");
    }

    @Test
    void trapPrintsMessageAndBacktraceAndExits134() throws Exception {
        assertRun(wasmjar(dir, "run", e2e("calc.wasm").toString()), 134, "",
                "trap: unreachable\n  at 0: crash\n  at 1: crash\n  at 2: crash\n  at 3: main\n");
    }

    @Test
    void invokePrintsEachResultOnItsOwnLine() throws Exception {
        String calc = e2e("calc.wasm").toString();
        List<Result> r = wasmjarAll(dir, List.of(new String[] {"run", calc, "--invoke", "split", "-3.75"},
                new String[] {"run", "--invoke", "fac", calc, "20"},
                new String[] {"run", calc, "--invoke", "div", "7", "0"},
                // a WASI reactor: _initialize runs first; 3 is the table index of sub
                new String[] {"run", PLUGIN.toString(), "--invoke", "apply", "3", "6", "7"}));
        assertRun(r.get(0), 0, "-3\n3\n-3.75\n3.75\n", "");
        assertRun(r.get(1), 0, "2432902008176640000\n", "");
        assertRun(r.get(2), 134, "", "trap: integer divide by zero\n  at 0: div\n");
        assertRun(r.get(3), 0, "plugin: op #3(6, 7) = -1\n-1\n", "");
    }

    @Test
    void missingImportsAreListedBeforeAnythingRuns() throws Exception {
        assertRun(wasmjar(dir, "run", e2e("imports.wasm").toString()), 1, "",
                "error: imports.wasm has 3 unresolved imports (hostcall set wasi does not provide them):\n"
                        + "  env.log: func (i32 i32) -> ()\n"
                        + "  env.memory: memory {min 1}\n"
                        + "  wasi_snapshot_preview1.fd_write: func (i32) -> (i32) (provided as func (i32 i32 i32 i32) -> (i32))\n");
    }

    @Test
    void guestSeesOnlyItsArgumentsEnvironmentAndDirectories() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.writeString(data.resolve("greeting.txt"), "hello from the host\n");
        assertRun(wasmjar(dir, "run", "--env", "A=1", "--env", "B=two words", "--dir", data + "::/data",
                        e2e("envdir.wasm").toString(), "--", "/data", "-x"), 0,
                "argv[0] = envdir.wasm\nargv[1] = /data\nargv[2] = -x\nenv A=1\nenv B=two words\n"
                        + "/data/greeting.txt: hello from the host\n", "");
        // without --dir the guest reaches no files
        assertRun(wasmjar(dir, "run", e2e("envdir.wasm").toString(), "/data"), 3,
                "argv[0] = envdir.wasm\nargv[1] = /data\ncannot open /data/greeting.txt\n", "");
    }

    @Test
    void unusableFilesAreOneLineErrors() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a module\n");
        Path empty = Files.write(dir.resolve("empty.wasm"), new byte[0]);
        Path cut = Files.write(dir.resolve("cut.wasm"), Arrays.copyOf(Files.readAllBytes(HELLO), 300));
        // (func (result i32)) with an empty body: type mismatch
        Path invalid = Files.write(dir.resolve("invalid.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0,
                1, 5, 1, 0x60, 0, 1, 0x7f, 3, 2, 1, 0, 10, 4, 1, 2, 0, 0x0b});
        Path malformed = Files.write(dir.resolve("malformed.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 42, 0});
        Path otherJar = dir.resolve("other.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(otherJar), new Manifest())) {
            jar.closeEntry();
        }
        String[][] cases = {
                {"run", "missing.wasm", "error: no such file: missing.wasm"},
                {"inspect", "missing.jar", "error: no such file: missing.jar"},
                {"run", text.toString(), "error: " + text + " is neither a WebAssembly module nor a module jar"},
                {"compile", text.toString(), "error: " + text + " is not a WebAssembly module (it does not start with \\0asm)"},
                {"compile", empty.toString(), "error: " + empty + " is empty, not a WebAssembly module"},
                {"run", cut.toString(), "error: " + cut + ": truncated module (300 bytes): length out of bounds at offset 0x48"},
                {"compile", invalid.toString(), "error: " + invalid + ": invalid module: type mismatch at offset 0x18"},
                {"inspect", malformed.toString(), "error: " + malformed + ": malformed module: malformed section id at offset 0x8"},
                {"inspect", otherJar.toString(), "error: " + otherJar + " is not a wasmjar module jar (its manifest names no module)"},
                {"run", dir.toString(), "error: " + dir + " is a directory, not a module file"},
        };
        List<Result> results = wasmjarAll(dir, Arrays.stream(cases).map(c -> new String[] {c[0], c[1]}).toList());
        for (int i = 0; i < cases.length; i++) assertRun(results.get(i), 1, "", cases[i][2] + "\n");
    }

    @Test
    void usageErrorsExit2() throws Exception {
        String calc = e2e("calc.wasm").toString();
        String[][] cases = {
                {"error: Missing required parameter: 'FILE' (see 'wasmjar run --help')", "run"},
                {"error: Unknown option: '--frob' (see 'wasmjar run --help')", "run", "--frob", calc},
                {"error: unknown hostcall set \"nope\"; known sets: ", "run", "--hostcalls", "wasi,nope", calc},
                {"error: fac takes 1 argument (i64) -> (i64), got 0 (see 'wasmjar run --help')", "run", calc, "--invoke", "fac"},
                {"error: argument 1 of fac: \"ten\" is not an i64 (see 'wasmjar run --help')", "run", calc, "--invoke", "fac", "ten"},
                {"error: --hostcalls needs --standalone (see 'wasmjar compile --help')", "compile", "--hostcalls", "wasi", calc},
        };
        List<Result> results = wasmjarAll(dir, Arrays.stream(cases).map(c -> Arrays.copyOfRange(c, 1, c.length)).toList());
        for (int i = 0; i < cases.length; i++) {
            Result r = results.get(i);
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().startsWith(cases[i][0]), r.toString());
            assertEquals(1, r.err().lines().count(), r.toString());
        }
    }

    @Test
    void helpNamesTheOptions() throws Exception {
        Result r = wasmjar(dir, "run", "--help");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("Usage: wasmjar run "), r.out());
        assertTrue(r.out().contains("--hostcalls=NAME[,NAME...]"), r.out());
        assertTrue(r.out().replaceAll("\\s+", " ").contains("Hostcall sets to link imports against, a comma list"), r.out());
        Result v = wasmjar(dir, "inspect", "--version");
        assertTrue(v.out().startsWith("wasmjar "), v.toString());
    }
}
