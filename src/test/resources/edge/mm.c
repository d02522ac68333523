/* Test guest for EdgeHostcallsTest: `run` calls every edge hostcall and reports what it saw in the response
 * body, one "name: value" line each; the other exports each trigger one failure of the memory model. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "wasmjar_edge.h"

#define EXPORT(name) __attribute__((export_name(#name)))

static char report[1 << 16];
static size_t report_len;

static void line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void line(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    report_len += vsnprintf(report + report_len, sizeof report - report_len, fmt, ap);
    va_end(ap);
    if (report_len < sizeof report - 1) report[report_len++] = '\n';
}

/* Counting wrappers around libc's allocator, to see the host call them. */
static int heap_mallocs, heap_frees;
static void *heap_malloc(size_t n) { heap_mallocs++; return malloc(n); }
static void heap_free(void *p) { if (p) heap_frees++; free(p); }

/* A second allocator: a bump arena in static memory, so its blocks are recognisable by address. */
static unsigned char arena[1 << 12];
static size_t arena_used;
static int arena_mallocs, arena_frees;
static void *arena_malloc(size_t n) {
    arena_mallocs++;
    size_t at = (arena_used + 7) & ~(size_t)7;
    if (at + n > sizeof arena) return NULL;
    arena_used = at + n;
    return arena + at;
}
static void arena_free(void *p) { if (p) arena_frees++; }
static int in_arena(const void *p) { return (const unsigned char *)p >= arena && (const unsigned char *)p < arena + sizeof arena; }

static int constructors;
__attribute__((constructor)) static void count_constructor(void) { constructors++; }

EXPORT(run) void run(void) {
    hostcall_init_mm(heap_malloc, heap_free);
    line("constructors ran: %d", constructors);

    char *s;
    size_t len;
    hostcall_req_get_method(&s, &len, EDGE_REQUEST);
    line("method: %.*s", (int)len, s);
    if (len == 5 && memcmp(s, "PANIC", 5) == 0) {
        hostcall_resp_set_response_code(EDGE_RESPONSE, 299);
        hostcall_panic_hook("it all went wrong", 17);
        __builtin_trap();
    }
    heap_free(s);
    hostcall_req_get_path(&s, &len, EDGE_REQUEST);
    line("path: %.*s", (int)len, s);
    heap_free(s);

    slice_t *slices;
    size_t count;
    hostcall_req_get_header(&slices, &count, EDGE_REQUEST, "x-multi", 7);
    line("x-multi count: %zu", count);
    for (size_t i = 0; i < count; i++) { line("x-multi: %.*s", (int)slices[i].len, slices[i].ptr); heap_free(slices[i].ptr); }
    heap_free(slices);
    hostcall_req_get_header(&slices, &count, EDGE_REQUEST, "X-Absent", 8);
    line("x-absent: count %zu ptr %s", count, slices == NULL ? "NULL" : "set");
    hostcall_req_get_headers(&slices, &count, EDGE_REQUEST);
    for (size_t i = 0; i < count; i++) { line("header name: %.*s", (int)slices[i].len, slices[i].ptr); heap_free(slices[i].ptr); }
    heap_free(slices);

    uint8_t *body;
    hostcall_req_get_body(&body, &len, EDGE_REQUEST);
    unsigned sum = 0;
    for (size_t i = 0; i < len; i++) sum = sum * 31 + body[i];
    line("body: %zu bytes, hash %u", len, sum);
    heap_free(body);
    line("heap: %d mallocs, %d frees", heap_mallocs, heap_frees);

    /* switch allocators: the next results come from the arena */
    hostcall_init_mm(arena_malloc, arena_free);
    hostcall_req_get_path(&s, &len, EDGE_REQUEST);
    line("arena path: %.*s in arena: %s", (int)len, s, in_arena(s) ? "yes" : "no");
    arena_free(s);
    hostcall_req_get_header(&slices, &count, EDGE_REQUEST, "x-multi", 7);
    int all_in = in_arena(slices);
    for (size_t i = 0; i < count; i++) { all_in &= in_arena(slices[i].ptr); arena_free(slices[i].ptr); }
    arena_free(slices);
    line("arena header: %zu values in arena: %s", count, all_in ? "yes" : "no");
    line("arena: %d mallocs, %d frees; heap still %d mallocs", arena_mallocs, arena_frees, heap_mallocs);

    /* key-value store */
    line("kv insert new: %d", hostcall_kvstore_insert("k", 1, (const uint8_t *)"one", 3));
    line("kv insert again: %d", hostcall_kvstore_insert("k", 1, (const uint8_t *)"uno", 3));
    uint8_t *v;
    line("kv get: %d", hostcall_kvstore_get(&v, &len, "k", 1));
    line("kv value: %.*s", (int)len, v);
    line("kv upsert: %d", hostcall_kvstore_upsert("k", 1, (const uint8_t *)"two", 3));
    line("kv append: %d", hostcall_kvstore_append("k", 1, (const uint8_t *)"+3", 2));
    hostcall_kvstore_get(&v, &len, "k", 1);
    line("kv value: %.*s", (int)len, v);
    line("kv append new: %d", hostcall_kvstore_append("fresh", 5, (const uint8_t *)"x", 1));
    line("kv remove: %d", hostcall_kvstore_remove("k", 1));
    line("kv remove again: %d", hostcall_kvstore_remove("k", 1));
    v = (uint8_t *)1;
    line("kv get missing: %d (out-pointer %s)", hostcall_kvstore_get(&v, &len, "k", 1), v == (uint8_t *)1 ? "untouched" : "written");
    line("kv binary key: %d", hostcall_kvstore_upsert("\0\xff", 2, (const uint8_t *)"\0", 1));

    /* time, randomness, logging */
    uint32_t nanos = 0xFFFFFFFF;
    uint64_t secs = hostcall_time_now(&nanos);
    line("time: %llu s, nanos ok: %s", (unsigned long long)secs, nanos < 1000000000u ? "yes" : "no");
    line("time without nanos: %s", hostcall_time_now(NULL) >= secs ? "ok" : "bad");
    uint64_t r1 = hostcall_rng_next_u64(), r2 = hostcall_rng_next_u64();
    line("rng differs: %s", r1 != r2 ? "yes" : "no");
    hostcall_debug("hello from the guest", 20);

    /* response: status results */
    line("code 42: %d", hostcall_resp_set_response_code(EDGE_RESPONSE, 42));
    line("code bad handle: %d", hostcall_resp_set_response_code(3, 200));
    slice_t vals[2] = {{(uint8_t *)"a", 1}, {(uint8_t *)"b", 1}};
    line("header bad name: %d", hostcall_resp_set_header(EDGE_RESPONSE, "bad name", 8, vals, 1));
    slice_t crlf = {(uint8_t *)"x\r\ny: z", 7};
    line("header bad value: %d", hostcall_resp_set_header(EDGE_RESPONSE, "x-ok", 4, &crlf, 1));
    slice_t wild = {(uint8_t *)0xFFFFFF00, 300};
    line("header wild value: %d", hostcall_resp_set_header(EDGE_RESPONSE, "x-ok", 4, &wild, 1));
    line("header wild array: %d", hostcall_resp_set_header(EDGE_RESPONSE, "x-ok", 4, (slice_t *)0xFFFFFFF8, 2));
    line("header bad handle: %d", hostcall_resp_set_header(9, "x-ok", 4, vals, 1));
    line("body wild: %d", hostcall_resp_set_body(EDGE_RESPONSE, (const uint8_t *)0xFFFFFFF0, 100));
    line("body bad handle: %d", hostcall_resp_set_body(1, (const uint8_t *)"x", 1));
    line("header removed: %d", hostcall_resp_set_header(EDGE_RESPONSE, "X-Gone", 6, vals, 0));
    line("header: %d", hostcall_resp_set_header(EDGE_RESPONSE, "X-Two", 5, vals, 2));
    line("code 201: %d", hostcall_resp_set_response_code(EDGE_RESPONSE, 201));
    hostcall_resp_set_body(EDGE_RESPONSE, (const uint8_t *)report, report_len);
}

/* Everything below fails on purpose. Out-pointers start as sentinels; intact() says whether the host left them. */
static char *out_ptr = (char *)0x5EB7;
static size_t out_len = 0x5EB7;
static int wild_calls;

EXPORT(intact) int intact(void) { return out_ptr == (char *)0x5EB7 && out_len == 0x5EB7; }
EXPORT(wild_calls) int get_wild_calls(void) { return wild_calls; }
EXPORT(heap_mallocs) int get_heap_mallocs(void) { return heap_mallocs; }

static int add(int a, int b) { return a + b; }
static void *trap_malloc(size_t n) { (void)n; __builtin_trap(); }
static void *wild_malloc(size_t n) { (void)n; wild_calls++; return (void *)0xFFFFFF00; }
static void *null_malloc(size_t n) { (void)n; wild_calls++; return NULL; }
static void *edge_malloc(size_t n) { wild_calls++; return (void *)(__builtin_wasm_memory_size(0) * 65536 - n + 1); }

EXPORT(malloc_index_out_of_table) void malloc_index_out_of_table(void) {
    hostcall_init_mm((void *(*)(size_t))(uintptr_t)99999, free);
}
EXPORT(free_index_out_of_table) void free_index_out_of_table(void) {
    hostcall_init_mm(malloc, (void (*)(void *))(uintptr_t)0x80000000u);
}
EXPORT(malloc_wrong_type) void malloc_wrong_type(void) {
    hostcall_init_mm((void *(*)(size_t))add, free);
}
EXPORT(free_wrong_type) void free_wrong_type(void) {
    hostcall_init_mm(malloc, (void (*)(void *))malloc);
}
EXPORT(malloc_null_entry) void malloc_null_entry(void) {
    hostcall_init_mm(NULL, free);
}
EXPORT(before_init) void before_init(void) {
    hostcall_req_get_path(&out_ptr, &out_len, EDGE_REQUEST);
}
EXPORT(kv_get_before_init) void kv_get_before_init(void) {
    hostcall_kvstore_get((uint8_t **)&out_ptr, &out_len, "nothing-here", 12);
}
EXPORT(trapping_malloc) void trapping_malloc(void) {
    hostcall_init_mm(trap_malloc, free);
    hostcall_req_get_path(&out_ptr, &out_len, EDGE_REQUEST);
}
EXPORT(wild_malloc) void wild_malloc_case(void) {
    hostcall_init_mm(wild_malloc, free);
    hostcall_req_get_method(&out_ptr, &out_len, EDGE_REQUEST);
}
EXPORT(null_malloc) void null_malloc_case(void) {
    hostcall_init_mm(null_malloc, free);
    hostcall_req_get_method(&out_ptr, &out_len, EDGE_REQUEST);
}
EXPORT(straddling_malloc) void straddling_malloc_case(void) {
    hostcall_init_mm(edge_malloc, free);
    hostcall_req_get_method(&out_ptr, &out_len, EDGE_REQUEST);
}
EXPORT(bad_out_pointer) void bad_out_pointer(void) {
    hostcall_init_mm(heap_malloc, heap_free);
    hostcall_req_get_path((char **)0xFFFFFFFE, &out_len, EDGE_REQUEST);
}
EXPORT(bad_request_handle) void bad_request_handle(void) {
    hostcall_init_mm(heap_malloc, heap_free);
    hostcall_req_get_path(&out_ptr, &out_len, 7);
}
EXPORT(bad_key_pointer) void bad_key_pointer(void) {
    hostcall_kvstore_upsert((const char *)0xFFFFFFF0, 100, (const uint8_t *)"v", 1);
}
