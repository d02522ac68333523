package org.wasmjar.hostcalls.edge;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wasmjar.hostcalls.api.Caller;
import org.wasmjar.hostcalls.api.HostModule;
import org.wasmjar.runtime.api.GuestThread;
import org.wasmjar.runtime.api.Invoker;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.api.TrapKind;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.types.FuncType;

/**
 * One HTTP exchange as the Terrarium seed's hostcalls (module {@code env}) see it: the incoming request (handle 0),
 * the outgoing response (handle 0), the key-value store, and the guest allocator.
 *
 * <p>The memory model: {@code hostcall_init_mm} registers two indices into the guest's function table, its
 * {@code malloc} {@code (i32)->i32} and {@code free} {@code (i32)->()}. A hostcall that returns data calls that
 * {@code malloc} (a typed, unboxed call) for each block, copies the bytes into it and stores pointer and length
 * through the guest's out-pointers; the guest frees each block with its {@code free}. Empty data is pointer 0 and
 * nothing is allocated. The host writes guest memory only inside blocks its {@code malloc} returned and at the
 * out-pointers, and never grows it.
 *
 * <p>Failures: a bad table index or type in {@code hostcall_init_mm}, a data-returning hostcall before it, an
 * allocator that traps or returns a block outside memory (or NULL), a bad pointer or handle in a hostcall that has no
 * status to return - each is a {@link Trap} whose message names the hostcall and the cause, and nothing more is
 * written or called in the guest. The {@code hostcall_resp_set_*} calls return 1 for a bad handle, pointer or value
 * instead, 0 when done.
 *
 * <p>{@link #serve} runs the guest: {@code _initialize} when exported (a reactor), then {@code run}.
 */
public final class Edge {
    /** The import module of every edge hostcall. */
    public static final String MODULE = "env";
    static final FuncType MALLOC = HostModule.type("i32 -> i32");
    static final FuncType FREE = HostModule.type("i32 ->");
    private static final FuncType ENTRY = HostModule.type("->");
    private static final int OK = 0, INVALID = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpRequest request;
    private final KvStore store;
    private final OutputStream log;
    private final HostModule module;

    private int status = 200;
    /** Response headers by lower-cased name, in the order first set. */
    private final Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
    private byte[] responseBody = new byte[0];

    /** The instance that registered the allocator, and its malloc's table index; no allocator while null. */
    private Instance mmOwner;
    private int mallocIndex;

    /** The result of {@link #serve}: the response, and the failure that replaced it with a 500 (or null). */
    public record Outcome(HttpResponse response, WasmjarException failure) {}

    /** An exchange answering {@code request} with {@code store}; {@code hostcall_debug} and panics go to {@code log}. */
    public Edge(HttpRequest request, KvStore store, OutputStream log) {
        this.request = request;
        this.store = store;
        this.log = log;
        this.module = bind();
    }

    /** Every hostcall, named {@code env.<name>}. */
    public HostModule module() { return module; }

    public void define(Linker linker) { module.define(linker); }

    /** The response as the guest has set it so far (200, no headers, empty body until it sets one). */
    public HttpResponse response() {
        List<Header> headers = new ArrayList<>();
        responseHeaders.forEach((name, values) -> values.forEach(v -> headers.add(new Header(name, v))));
        return new HttpResponse(status, headers, responseBody);
    }

    /**
     * Runs a fresh instance of a guest linked against this exchange on a {@link GuestThread}: {@code _initialize} if
     * exported, then {@code run}. A trap (or any other guest failure) gives a 500 response and the failure. A module
     * without a {@code run} function {@code () -> ()} is a {@link WasmjarException} thrown before anything runs.
     */
    public Outcome serve(Instance inst) {
        WasmFunction init = entry(inst, "_initialize", false);
        WasmFunction run = entry(inst, "run", true);
        try {
            GuestThread.run(() -> {
                if (init != null) Invoker.call(init);
                return Invoker.call(run);
            });
            return new Outcome(response(), null);
        } catch (WasmjarException e) {
            return new Outcome(HttpResponse.of(500), e);
        }
    }

    private static WasmFunction entry(Instance inst, String name, boolean required) {
        Object export = inst.export(name);
        if (export == null && !required) return null;
        if (!(export instanceof WasmFunction f) || !f.type.equals(ENTRY)) {
            throw new WasmjarException(export == null ? "the guest exports no \"" + name + "\" function"
                    : "the guest's \"" + name + "\" must be a function () -> (), is " + (export instanceof WasmFunction f ? f.type : export));
        }
        return f;
    }

    private HostModule bind() {
        String outPointers = "i32 i32 i32 ->";
        String kv = "i32 i32 i32 i32 -> i32";
        return HostModule.named(MODULE, MethodHandles.lookup())
                .function("hostcall_init_mm", "i32 i32 ->", this, "initMm")
                .function("hostcall_req_get_method", outPointers, this, "reqGetMethod")
                .function("hostcall_req_get_path", outPointers, this, "reqGetPath")
                .function("hostcall_req_get_header", "i32 i32 i32 i32 i32 ->", this, "reqGetHeader")
                .function("hostcall_req_get_headers", outPointers, this, "reqGetHeaders")
                .function("hostcall_req_get_body", outPointers, this, "reqGetBody")
                .function("hostcall_resp_set_response_code", "i32 i32 -> i32", this, "respSetResponseCode")
                .function("hostcall_resp_set_header", "i32 i32 i32 i32 i32 -> i32", this, "respSetHeader")
                .function("hostcall_resp_set_body", "i32 i32 i32 -> i32", this, "respSetBody")
                .function("hostcall_kvstore_get", kv, this, "kvGet")
                .function("hostcall_kvstore_insert", kv, this, "kvInsert")
                .function("hostcall_kvstore_upsert", kv, this, "kvUpsert")
                .function("hostcall_kvstore_append", kv, this, "kvAppend")
                .function("hostcall_kvstore_remove", "i32 i32 -> i32", this, "kvRemove")
                .function("hostcall_time_now", "i32 -> i64", this, "timeNow")
                .function("hostcall_rng_next_u64", "-> i64", this, "rngNextU64")
                .function("hostcall_debug", "i32 i32 ->", this, "debug")
                .function("hostcall_panic_hook", "i32 i32 ->", this, "panicHook");
    }

    // --- memory model ---

    /** The host never calls {@code free} (the guest frees what it gets), but a bad one is caught here, early. */
    void initMm(int malloc, int free, Instance inst) {
        Caller.tableFunction(inst, malloc, MALLOC, "hostcall_init_mm: malloc");
        Caller.tableFunction(inst, free, FREE, "hostcall_init_mm: free");
        mmOwner = inst;
        mallocIndex = malloc;
    }

    /**
     * Copies {@code data} into a block from the guest's malloc and returns its address (0 for empty data, with no
     * call). The allocator is looked up and type-checked again on every call: the guest may have changed its table.
     */
    private int allocate(Instance inst, byte[] data, String fn) {
        if (data.length == 0) return 0;
        WasmFunction malloc = Caller.tableFunction(inst, mallocIndex, MALLOC, fn + ": the registered malloc");
        int ptr;
        try {
            ptr = (int) malloc.handle.invokeExact(data.length);
        } catch (Throwable t) {
            RuntimeException failure = Invoker.guestFailure(t);
            if (!(failure instanceof Trap cause)) throw failure;
            Trap trap = new Trap(TrapKind.HOST, fn + ": the guest's malloc (table index " + mallocIndex + ") trapped: " + cause.getMessage());
            trap.addSuppressed(cause);
            trap.setWasmBacktrace(cause.wasmBacktrace());
            throw trap;
        }
        if (ptr == 0 || !Caller.inBounds(inst, ptr, data.length)) {
            throw new Trap(TrapKind.HOST, fn + ": the guest's malloc (table index " + mallocIndex + ") returned "
                    + (ptr == 0 ? "NULL" : "0x" + Integer.toHexString(ptr)) + " for " + data.length + " bytes"
                    + (ptr == 0 ? "" : ", outside memory (" + inst.memory.bytes.length + " bytes)"));
        }
        System.arraycopy(data, 0, inst.memory.bytes, ptr, data.length);
        return ptr;
    }

    /** Every data-returning hostcall starts here, whether or not it turns out to have data. */
    private void requireAllocator(Instance inst, String fn) {
        if (mmOwner != inst) {
            throw new Trap(TrapKind.HOST, fn + " returns data in guest memory, but no allocator is registered: call hostcall_init_mm first");
        }
    }

    /** Returns one block through {@code ptrP}/{@code lenP}, which are checked before anything is allocated. */
    private void returnBytes(Instance inst, int ptrP, int lenP, byte[] data, String fn) {
        Caller.check(inst, ptrP, 4, fn);
        Caller.check(inst, lenP, 4, fn);
        int ptr = allocate(inst, data, fn);
        Caller.putI32(inst, ptrP, ptr, fn);
        Caller.putI32(inst, lenP, data.length, fn);
    }

    /**
     * Returns {@code items} as an array of slices {@code {ptr, len}} through {@code arrayP}/{@code countP}: one
     * block per item, then the array; each is the guest's to free.
     */
    private void returnSlices(Instance inst, int arrayP, int countP, List<String> items, String fn) {
        Caller.check(inst, arrayP, 4, fn);
        Caller.check(inst, countP, 4, fn);
        byte[] array = new byte[items.size() * 8];
        for (int i = 0; i < items.size(); i++) {
            byte[] item = items.get(i).getBytes(StandardCharsets.UTF_8);
            int ptr = allocate(inst, item, fn);
            putLe(array, i * 8, ptr);
            putLe(array, i * 8 + 4, item.length);
        }
        int arrayPtr = allocate(inst, array, fn);
        Caller.putI32(inst, arrayP, arrayPtr, fn);
        Caller.putI32(inst, countP, items.size(), fn);
    }

    private static void putLe(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    // --- request ---

    private void checkRequest(int req, String fn) {
        if (req != 0) throw new Trap(TrapKind.HOST, fn + ": no request " + req + " (the incoming request is 0)");
    }

    void reqGetMethod(int ptrP, int lenP, int req, Instance inst) {
        requireAllocator(inst, "hostcall_req_get_method");
        checkRequest(req, "hostcall_req_get_method");
        returnBytes(inst, ptrP, lenP, request.method().getBytes(StandardCharsets.UTF_8), "hostcall_req_get_method");
    }

    void reqGetPath(int ptrP, int lenP, int req, Instance inst) {
        requireAllocator(inst, "hostcall_req_get_path");
        checkRequest(req, "hostcall_req_get_path");
        returnBytes(inst, ptrP, lenP, request.target().getBytes(StandardCharsets.UTF_8), "hostcall_req_get_path");
    }

    void reqGetHeader(int valuesP, int countP, int req, int name, int nameLen, Instance inst) {
        String fn = "hostcall_req_get_header";
        requireAllocator(inst, fn);
        checkRequest(req, fn);
        // Names are case-insensitive ASCII tokens; ISO-8859-1 keeps any other bytes distinct so they match nothing.
        String wanted = new String(Caller.read(inst, name, nameLen, fn), StandardCharsets.ISO_8859_1);
        returnSlices(inst, valuesP, countP, request.values(wanted), fn);
    }

    void reqGetHeaders(int namesP, int countP, int req, Instance inst) {
        requireAllocator(inst, "hostcall_req_get_headers");
        checkRequest(req, "hostcall_req_get_headers");
        returnSlices(inst, namesP, countP, request.names(), "hostcall_req_get_headers");
    }

    void reqGetBody(int ptrP, int lenP, int req, Instance inst) {
        requireAllocator(inst, "hostcall_req_get_body");
        checkRequest(req, "hostcall_req_get_body");
        returnBytes(inst, ptrP, lenP, request.body(), "hostcall_req_get_body");
    }

    // --- response: status results, nothing changes on INVALID ---

    int respSetResponseCode(int resp, int code, Instance inst) {
        if (resp != 0 || code < 100 || code > 999) return INVALID;
        status = code;
        return OK;
    }

    /** Replaces every value of header {@code name}; a count of 0 removes it. */
    int respSetHeader(int resp, int name, int nameLen, int values, int count, Instance inst) {
        if (resp != 0 || !Caller.inBounds(inst, name, Integer.toUnsignedLong(nameLen))
                || !Caller.inBounds(inst, values, Integer.toUnsignedLong(count) * 8)) {
            return INVALID;
        }
        String headerName = utf8(inst.memory.bytes, name, nameLen);
        if (!Header.isToken(headerName)) return INVALID;
        List<String> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int ptr = Caller.i32(inst, values + i * 8, "hostcall_resp_set_header");
            int len = Caller.i32(inst, values + i * 8 + 4, "hostcall_resp_set_header");
            if (!Caller.inBounds(inst, ptr, Integer.toUnsignedLong(len))) return INVALID;
            String value = utf8(inst.memory.bytes, ptr, len);
            if (value == null || !Header.isValue(value)) return INVALID;
            list.add(value);
        }
        String key = headerName.toLowerCase(Locale.ROOT);
        if (list.isEmpty()) responseHeaders.remove(key);
        else responseHeaders.put(key, list);
        return OK;
    }

    int respSetBody(int resp, int body, int len, Instance inst) {
        if (resp != 0 || !Caller.inBounds(inst, body, Integer.toUnsignedLong(len))) return INVALID;
        responseBody = Caller.read(inst, body, len, "hostcall_resp_set_body");
        return OK;
    }

    /** Strict UTF-8, or null when malformed. */
    private static String utf8(byte[] mem, int at, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(mem, at, len)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    // --- key-value store: bool results ---

    int kvGet(int ptrP, int lenP, int key, int keyLen, Instance inst) {
        String fn = "hostcall_kvstore_get";
        requireAllocator(inst, fn);
        byte[] value = store.get(Caller.read(inst, key, keyLen, fn));
        if (value == null) return 0;
        returnBytes(inst, ptrP, lenP, value, fn);
        return 1;
    }

    int kvInsert(int key, int keyLen, int val, int valLen, Instance inst) {
        String fn = "hostcall_kvstore_insert";
        return store.insert(Caller.read(inst, key, keyLen, fn), Caller.read(inst, val, valLen, fn)) ? 1 : 0;
    }

    int kvUpsert(int key, int keyLen, int val, int valLen, Instance inst) {
        String fn = "hostcall_kvstore_upsert";
        store.upsert(Caller.read(inst, key, keyLen, fn), Caller.read(inst, val, valLen, fn));
        return 1;
    }

    int kvAppend(int key, int keyLen, int val, int valLen, Instance inst) {
        String fn = "hostcall_kvstore_append";
        store.append(Caller.read(inst, key, keyLen, fn), Caller.read(inst, val, valLen, fn));
        return 1;
    }

    int kvRemove(int key, int keyLen, Instance inst) {
        return store.remove(Caller.read(inst, key, keyLen, "hostcall_kvstore_remove")) ? 1 : 0;
    }

    // --- time, randomness, logging ---

    /** Seconds since the Unix epoch; the nanoseconds within the second go to {@code subsecNanosP} unless it is NULL. */
    long timeNow(int subsecNanosP, Instance inst) {
        Instant now = Instant.now();
        if (subsecNanosP != 0) Caller.putI32(inst, subsecNanosP, now.getNano(), "hostcall_time_now");
        return now.getEpochSecond();
    }

    long rngNextU64(Instance inst) { return RANDOM.nextLong(); }

    void debug(int msg, int len, Instance inst) {
        log("debug: ", Caller.read(inst, msg, len, "hostcall_debug"));
    }

    /** Rust guests call this from their panic hook, just before they trap; the message explains the trap. */
    void panicHook(int msg, int len, Instance inst) {
        log("panic: ", Caller.read(inst, msg, len, "hostcall_panic_hook"));
    }

    private void log(String prefix, byte[] message) {
        try {
            log.write((prefix + new String(message, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));
            log.flush();
        } catch (IOException e) {
            // A log that cannot be written must not fail the guest.
        }
    }
}
