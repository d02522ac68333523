/* wasmjar_edge.h - the `edge` hostcalls (the Terrarium seed's HTTP API) for C guests.
 *
 * Build a guest as a WASI reactor that exports `run`:
 *     clang --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--export-table -I<wasmjar>/hostcalls/include -o app.wasm app.c
 *     wasmjar run app.wasm --hostcalls edge,wasi --request "GET /path?q=1"
 * --export-table matters: without it wasm-ld leaves out the function table when the module itself makes no
 * indirect calls, and the host could not find malloc and free by their table indices.
 *
 * Memory model: call wasmjar_edge_init() (or hostcall_init_mm with your own allocator) before any hostcall
 * that returns data. Such a hostcall allocates the result with that malloc and stores pointer and length
 * through its out-pointers; the result is yours to free() (empty results are NULL and need no free).
 * A header list is an array of slices: free each slice's ptr, then the array.
 * Handles: the incoming request is 0, the outgoing response is 0. Status results: 0 ok, 1 invalid.
 */
#ifndef WASMJAR_EDGE_H
#define WASMJAR_EDGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WASMJAR_EDGE_IMPORT(name) __attribute__((import_module("env"), import_name(#name)))

typedef struct {
    uint8_t *ptr;
    size_t len;
} slice_t;

#define EDGE_REQUEST 0
#define EDGE_RESPONSE 0

WASMJAR_EDGE_IMPORT(hostcall_init_mm)
void hostcall_init_mm(void *(*malloc_fn)(size_t), void (*free_fn)(void *));

WASMJAR_EDGE_IMPORT(hostcall_req_get_method)
void hostcall_req_get_method(char **ptr_p, size_t *len_p, int32_t req);
WASMJAR_EDGE_IMPORT(hostcall_req_get_path)
void hostcall_req_get_path(char **ptr_p, size_t *len_p, int32_t req);
WASMJAR_EDGE_IMPORT(hostcall_req_get_header)
void hostcall_req_get_header(slice_t **values_p, size_t *count_p, int32_t req, const char *name, size_t name_len);
WASMJAR_EDGE_IMPORT(hostcall_req_get_headers)
void hostcall_req_get_headers(slice_t **names_p, size_t *count_p, int32_t req);
WASMJAR_EDGE_IMPORT(hostcall_req_get_body)
void hostcall_req_get_body(uint8_t **ptr_p, size_t *len_p, int32_t req);

WASMJAR_EDGE_IMPORT(hostcall_resp_set_response_code)
int32_t hostcall_resp_set_response_code(int32_t resp, int32_t code);
WASMJAR_EDGE_IMPORT(hostcall_resp_set_header)
int32_t hostcall_resp_set_header(int32_t resp, const char *name, size_t name_len, const slice_t *values, size_t count);
WASMJAR_EDGE_IMPORT(hostcall_resp_set_body)
int32_t hostcall_resp_set_body(int32_t resp, const uint8_t *body, size_t len);

WASMJAR_EDGE_IMPORT(hostcall_kvstore_get)
bool hostcall_kvstore_get(uint8_t **ptr_p, size_t *len_p, const char *key, size_t key_len);
WASMJAR_EDGE_IMPORT(hostcall_kvstore_insert)
bool hostcall_kvstore_insert(const char *key, size_t key_len, const uint8_t *val, size_t val_len);
WASMJAR_EDGE_IMPORT(hostcall_kvstore_upsert)
bool hostcall_kvstore_upsert(const char *key, size_t key_len, const uint8_t *val, size_t val_len);
WASMJAR_EDGE_IMPORT(hostcall_kvstore_append)
bool hostcall_kvstore_append(const char *key, size_t key_len, const uint8_t *val, size_t val_len);
WASMJAR_EDGE_IMPORT(hostcall_kvstore_remove)
bool hostcall_kvstore_remove(const char *key, size_t key_len);

WASMJAR_EDGE_IMPORT(hostcall_time_now)
uint64_t hostcall_time_now(uint32_t *subsec_nanos_p);
WASMJAR_EDGE_IMPORT(hostcall_rng_next_u64)
uint64_t hostcall_rng_next_u64(void);
WASMJAR_EDGE_IMPORT(hostcall_debug)
void hostcall_debug(const char *msg, size_t len);
WASMJAR_EDGE_IMPORT(hostcall_panic_hook)
void hostcall_panic_hook(const char *msg, size_t len);

/* Registers libc's malloc and free as the allocator for the hostcalls that follow. */
static inline void wasmjar_edge_init(void) { hostcall_init_mm(malloc, free); }

/* Frees a slice array from hostcall_req_get_header(s): each slice's bytes, then the array. */
static inline void wasmjar_edge_free_slices(slice_t *slices, size_t count) {
    for (size_t i = 0; i < count; i++) free(slices[i].ptr);
    free(slices);
}

#ifdef __cplusplus
}
#endif

#endif
