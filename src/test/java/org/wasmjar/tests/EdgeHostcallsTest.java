package org.wasmjar.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wasmjar.compiler.Compiler;
import org.wasmjar.hostcalls.api.HostEnvironment;
import org.wasmjar.hostcalls.api.HostcallSet;
import org.wasmjar.hostcalls.api.HostcallSets;
import org.wasmjar.hostcalls.edge.Edge;
import org.wasmjar.hostcalls.edge.Header;
import org.wasmjar.hostcalls.edge.HttpRequest;
import org.wasmjar.hostcalls.edge.HttpResponse;
import org.wasmjar.hostcalls.edge.KvStore;
import org.wasmjar.runtime.api.GuestThread;
import org.wasmjar.runtime.api.Invoker;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.load.LoadedModule;
import org.wasmjar.runtime.load.ModuleLoader;

/**
 * The {@code edge} hostcalls from C guests: {@code edge/mm.c} calls every hostcall and both allocators, and fails
 * the memory model in every way it can; the examples in {@code examples/edge} answer requests.
 */
class EdgeHostcallsTest {
    private static final Map<String, LoadedModule> MODULES = new ConcurrentHashMap<>();

    /** A guest instance linked against an exchange (edge + wasi), with what it logged. */
    private record Guest(Edge edge, Instance inst, ByteArrayOutputStream log) {
        String logged() { return log.toString(StandardCharsets.UTF_8); }
    }

    private static LoadedModule module(Path wasm) {
        return MODULES.computeIfAbsent(wasm.toString(), w -> {
            try {
                return ModuleLoader.load(Compiler.compile(Files.readAllBytes(wasm)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static Path mm() throws Exception {
        return Path.of(EdgeHostcallsTest.class.getResource("/edge/mm.wasm").toURI());
    }

    private static Path example(String name) {
        return JavaProcess.checkout().resolve("examples/edge").resolve(name);
    }

    private static Guest guest(Path wasm, HttpRequest request, KvStore store) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Edge edge = new Edge(request, store, log);
        Linker linker = new Linker();
        edge.define(linker);
        HostcallSets.find("wasi").define(linker, HostEnvironment.inherit()
                .withStdio(new ByteArrayInputStream(new byte[0]), log, log));
        return new Guest(edge, linker.instantiate(module(wasm)), log);
    }

    private static HttpRequest get(String target, String... headers) {
        return HttpRequest.parse("GET " + target, List.of(headers), new byte[0]);
    }

    /** Calls {@code _initialize} and then {@code export}; returns what it threw. */
    private static RuntimeException failure(Guest g, String export) {
        return assertThrows(RuntimeException.class, () -> GuestThread.run(() -> {
            Invoker.invoke(g.inst(), "_initialize");
            return Invoker.invoke(g.inst(), export);
        }));
    }

    private static int i32(Guest g, String export) {
        return (Integer) GuestThread.run(() -> Invoker.invoke(g.inst(), export))[0];
    }

    @Test
    void everyHostcallAndBothAllocatorsFromACGuest() throws Exception {
        byte[] body = new byte[300_000]; // more than the guest's memory: its malloc grows memory mid-hostcall
        for (int i = 0; i < body.length; i++) body[i] = (byte) (i * 7 + 3);
        int hash = 0;
        for (byte b : body) hash = hash * 31 + (b & 0xFF);
        HttpRequest request = HttpRequest.parse("POST /p/q?x=1&y=%20", List.of("X-Multi: one", "Accept: */*", "x-multi: two"), body);
        KvStore store = new KvStore();
        Guest g = guest(mm(), request, store);
        int pagesBefore = g.inst().memory.pages();

        Edge.Outcome outcome = g.edge().serve(g.inst());

        assertNull(outcome.failure(), () -> "guest failed: " + outcome.failure());
        assertTrue(g.inst().memory.pages() > pagesBefore, "the 300 KB body should have made the guest's malloc grow memory");
        HttpResponse r = outcome.response();
        assertEquals(201, r.status());
        assertEquals(List.of(new Header("x-two", "a"), new Header("x-two", "b")), r.headers());
        String report = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(String.join("\n",
                "constructors ran: 1",
                "method: POST",
                "path: /p/q?x=1&y=%20",
                "x-multi count: 2",
                "x-multi: one",
                "x-multi: two",
                "x-absent: count 0 ptr NULL",
                "header name: x-multi",
                "header name: accept",
                "body: 300000 bytes, hash " + Integer.toUnsignedString(hash),
                // method, path, 2 values + array, 2 names + array, body: each one malloc, each freed by the guest
                "heap: 9 mallocs, 9 frees",
                "arena path: /p/q?x=1&y=%20 in arena: yes",
                "arena header: 2 values in arena: yes",
                "arena: 4 mallocs, 4 frees; heap still 9 mallocs",
                "kv insert new: 1",
                "kv insert again: 0",
                "kv get: 1",
                "kv value: one",
                "kv upsert: 1",
                "kv append: 1",
                "kv value: two+3",
                "kv append new: 1",
                "kv remove: 1",
                "kv remove again: 0",
                "kv get missing: 0 (out-pointer untouched)",
                "kv binary key: 1",
                report.lines().filter(l -> l.startsWith("time: ")).findFirst().orElse("time: missing"),
                "time without nanos: ok",
                "rng differs: yes",
                "code 42: 1",
                "code bad handle: 1",
                "header bad name: 1",
                "header bad value: 1",
                "header wild value: 1",
                "header wild array: 1",
                "header bad handle: 1",
                "body wild: 1",
                "body bad handle: 1",
                "header removed: 0",
                "header: 0",
                "code 201: 0") + "\n", report);
        String time = report.lines().filter(l -> l.startsWith("time: ")).findFirst().orElseThrow();
        long seconds = Long.parseLong(time.substring(6, time.indexOf(' ', 6)));
        assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000) < 60, time);
        assertTrue(time.endsWith("nanos ok: yes"), time);
        assertEquals("debug: hello from the guest\n", g.logged());

        assertNull(store.get("k".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), store.get("fresh".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(new byte[] {0}, store.get(new byte[] {0, (byte) 0xFF}));
    }

    @Test
    void aTrapGivesA500AndThePanicMessageIsLogged() throws Exception {
        Guest g = guest(mm(), HttpRequest.parse("PANIC /", List.of(), new byte[0]), new KvStore());
        Edge.Outcome outcome = g.edge().serve(g.inst());
        assertEquals(500, outcome.response().status(), "the 299 the guest set before trapping is dropped");
        Trap trap = assertInstanceOf(Trap.class, outcome.failure());
        assertEquals(TrapKind.UNREACHABLE, trap.kind());
        assertEquals("panic: it all went wrong\n", g.logged());
        assertEquals("HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n",
                new String(outcome.response().toHttp(), StandardCharsets.UTF_8));
    }

    /** Each export of mm.c that breaks the memory model, and what the trap must say. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malloc_index_out_of_table | undefined element: hostcall_init_mm: malloc: table index 99999 is outside the table (size 16)",
        "free_index_out_of_table   | undefined element: hostcall_init_mm: free: table index 2147483648 is outside the table (size 16)",
        "malloc_wrong_type         | indirect call type mismatch: hostcall_init_mm: malloc: table index",
        "free_wrong_type           | indirect call type mismatch: hostcall_init_mm: free: table index",
        "malloc_null_entry         | uninitialized element: hostcall_init_mm: malloc: table index 0 holds no function",
        "before_init               | host error: hostcall_req_get_path returns data in guest memory, but no allocator is registered: call hostcall_init_mm first",
        "kv_get_before_init        | host error: hostcall_kvstore_get returns data in guest memory, but no allocator is registered",
        "trapping_malloc           | host error: hostcall_req_get_path: the guest's malloc (table index",
        "wild_malloc               | host error: hostcall_req_get_method: the guest's malloc (table index",
        "null_malloc               | host error: hostcall_req_get_method: the guest's malloc (table index",
        "straddling_malloc         | host error: hostcall_req_get_method: the guest's malloc (table index",
        "bad_out_pointer           | out of bounds memory access: hostcall_req_get_path: 4 bytes at 0xfffffffe are outside memory",
        "bad_request_handle        | host error: hostcall_req_get_path: no request 7 (the incoming request is 0)",
        "bad_key_pointer           | out of bounds memory access: hostcall_kvstore_upsert: 100 bytes at 0xfffffff0 are outside memory",
    })
    void memoryModelFailuresTrapNamingTheCauseAndTouchNothing(String export, String message) throws Exception {
        KvStore store = new KvStore();
        Guest g = guest(mm(), get("/"), store);
        int pages = g.inst().memory.pages();
        RuntimeException e = failure(g, export);
        Trap trap = assertInstanceOf(Trap.class, e, () -> "expected a trap, got " + e);
        assertTrue(trap.getMessage().startsWith(message), () -> "trap message: " + trap.getMessage());
        assertEquals(1, i32(g, "intact"), "the out-pointers must keep their sentinels");
        assertEquals(pages, g.inst().memory.pages(), "the host must not grow memory");
        assertEquals(0, store.size());
        assertEquals(0, i32(g, "heap_mallocs"), "no allocation may have happened");
    }

    @Test
    void allocatorFailuresSayWhatWentWrong() throws Exception {
        Guest g = guest(mm(), get("/"), new KvStore());
        Trap trap = (Trap) failure(g, "trapping_malloc");
        assertTrue(trap.getMessage().endsWith(") trapped: unreachable"), trap.getMessage());
        assertEquals(TrapKind.UNREACHABLE, ((Trap) trap.getSuppressed()[0]).kind());

        g = guest(mm(), get("/"), new KvStore());
        assertTrue(failure(g, "wild_malloc").getMessage().endsWith(") returned 0xffffff00 for 3 bytes, outside memory (196608 bytes)"));
        assertEquals(1, i32(g, "wild_calls"));

        g = guest(mm(), get("/"), new KvStore());
        assertTrue(failure(g, "null_malloc").getMessage().endsWith(") returned NULL for 3 bytes"));

        g = guest(mm(), get("/"), new KvStore());
        assertTrue(failure(g, "straddling_malloc").getMessage().endsWith(") returned 0x2fffe for 3 bytes, outside memory (196608 bytes)"));
    }

    @Test
    void aGuestWithoutFunctionTableGetsAHint() throws Exception {
        Guest g = guest(Path.of(EdgeHostcallsTest.class.getResource("/edge/no-table.wasm").toURI()), get("/"), new KvStore());
        Edge.Outcome o = g.edge().serve(g.inst());
        assertEquals(500, o.response().status());
        assertEquals("host error: hostcall_init_mm: malloc: the module has no function table (C guests: link with"
                + " -Wl,--export-table, or wasm-ld drops the table when nothing calls through it)", o.failure().getMessage());
    }

    @Test
    void moduleWithoutRunIsAnErrorBeforeAnythingRuns() {
        byte[] empty = {0, 'a', 's', 'm', 1, 0, 0, 0};
        Edge edge = new Edge(get("/"), new KvStore(), new ByteArrayOutputStream());
        Linker linker = new Linker();
        edge.define(linker);
        Instance inst = linker.instantiate(Compiler.compile(empty));
        WasmjarException e = assertThrows(WasmjarException.class, () -> edge.serve(inst));
        assertEquals("the guest exports no \"run\" function", e.getMessage());
    }

    @Test
    void echoExampleEchoesMethodAndPath() {
        Guest g = guest(example("echo.wasm"), get("/path?q=1"), new KvStore());
        Edge.Outcome o = g.edge().serve(g.inst());
        assertNull(o.failure());
        assertEquals("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 14\r\n\r\nGET /path?q=1\n",
                new String(o.response().toHttp(), StandardCharsets.UTF_8));
    }

    @Test
    void headerExampleEchoesAHeader() {
        Guest g = guest(example("header.wasm"), get("/?name=X-Token", "X-Token: abc", "x-token: def", "User-Agent: test"), new KvStore());
        HttpResponse r = g.edge().serve(g.inst()).response();
        assertEquals(200, r.status());
        assertEquals(List.of(new Header("echo", "abc"), new Header("echo", "def")), r.headers());
        assertEquals("abc\ndef\n", new String(r.body(), StandardCharsets.UTF_8));

        g = guest(example("header.wasm"), get("/", "User-Agent: test/1.0"), new KvStore());
        assertEquals("test/1.0\n", new String(g.edge().serve(g.inst()).response().body(), StandardCharsets.UTF_8));

        g = guest(example("header.wasm"), get("/?name=X-None"), new KvStore());
        r = g.edge().serve(g.inst()).response();
        assertEquals(404, r.status());
        assertEquals("no header X-None\n", new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void counterExampleKeepsCountsAcrossRequests() {
        KvStore store = new KvStore();
        List<String> bodies = new java.util.ArrayList<>();
        for (String request : List.of("GET /a", "GET /a", "GET /b", "GET /a", "DELETE /a", "GET /a", "DELETE /c")) {
            Guest g = guest(example("counter.wasm"), HttpRequest.parse(request, List.of(), new byte[0]), store);
            Edge.Outcome o = g.edge().serve(g.inst());
            assertNull(o.failure());
            bodies.add(new String(o.response().body(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of("visit 1 of /a\n", "visit 2 of /a\n", "visit 1 of /b\n", "visit 3 of /a\n", "reset /a\n",
                "visit 1 of /a\n", "never visited /c\n"), bodies);
    }

    @Test
    void edgeIsFoundByNameAndLinksWithDefaultRequest() {
        HostcallSet set = HostcallSets.find("edge");
        assertEquals("edge", set.name());
        assertTrue(HostcallSets.available().stream().map(HostcallSet::name).toList().containsAll(List.of("edge", "wasi")));
        Linker linker = new Linker();
        set.define(linker, HostEnvironment.inherit());
        assertNotNull(linker.lookup("env", "hostcall_init_mm"));
        Instance inst = linker.instantiate(module(example("echo.wasm")));
        GuestThread.run(() -> Invoker.invoke(inst, "run"));
    }

    @Test
    void requestsParseAndBadOnesSayWhy() {
        HttpRequest r = HttpRequest.parse("GET /path?q=1 HTTP/1.1", List.of("Host: example.com", "X-A:  spaced  "), "hi".getBytes(StandardCharsets.UTF_8));
        assertEquals("GET", r.method());
        assertEquals("/path?q=1", r.target());
        assertEquals(List.of("host", "x-a"), r.names());
        assertEquals(List.of("spaced"), r.values("X-A"));
        assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), r.body());

        assertEquals("a request is \"METHOD /path\", e.g. \"GET /path?q=1\", got \"GET\"",
                assertThrows(IllegalArgumentException.class, () -> HttpRequest.parse("GET", List.of(), new byte[0])).getMessage());
        assertEquals("a request target starts with / and has no spaces, got \"path\"",
                assertThrows(IllegalArgumentException.class, () -> HttpRequest.parse("GET path", List.of(), new byte[0])).getMessage());
        assertEquals("bad request method \"G(T\"",
                assertThrows(IllegalArgumentException.class, () -> HttpRequest.parse("G(T /", List.of(), new byte[0])).getMessage());
        assertEquals("a header is \"Name: value\", got \"NoColon\"",
                assertThrows(IllegalArgumentException.class, () -> get("/", "NoColon")).getMessage());
        assertEquals("bad header name \"Bad Name\"",
                assertThrows(IllegalArgumentException.class, () -> get("/", "Bad Name: x")).getMessage());
    }

    @Test
    void responsesPrintAsHttp() {
        HttpResponse r = new HttpResponse(404, List.of(new Header("X-A", "1"), new Header("content-length", "2")), "no".getBytes(StandardCharsets.UTF_8));
        assertEquals("HTTP/1.1 404 Not Found\r\nx-a: 1\r\ncontent-length: 2\r\n\r\nno", new String(r.toHttp(), StandardCharsets.UTF_8));
        assertEquals("HTTP/1.1 299\r\ncontent-length: 0\r\n\r\n", new String(HttpResponse.of(299).toHttp(), StandardCharsets.UTF_8));
    }

    @Test
    void kvStoreKeysAreBytes() {
        KvStore s = new KvStore();
        assertTrue(s.insert(new byte[] {(byte) 0xC3, (byte) 0xA9}, new byte[] {1}));
        assertFalse(s.insert(new byte[] {(byte) 0xC3, (byte) 0xA9}, new byte[] {2}));
        assertNull(s.get("é".getBytes(StandardCharsets.ISO_8859_1)), "one byte 0xE9 is another key than UTF-8's two bytes");
        assertArrayEquals(new byte[] {1}, s.get("é".getBytes(StandardCharsets.UTF_8)));
        assertTrue(KvStore.process() == KvStore.process());
    }
}
