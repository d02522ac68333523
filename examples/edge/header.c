/* Echoes the request header named by the query (default "User-Agent"): "GET /?name=X-Token" with
 * "X-Token: abc" answers with header "echo: abc" and body "abc\n"; 404 when the header is absent. */
#include <stdio.h>
#include <string.h>
#include "wasmjar_edge.h"

__attribute__((export_name("run"))) void run(void) {
    wasmjar_edge_init();
    char *path;
    size_t path_len;
    hostcall_req_get_path(&path, &path_len, EDGE_REQUEST);
    const char *name = "User-Agent";
    size_t name_len = strlen(name);
    const char *query = memchr(path, '?', path_len);
    if (query != NULL && path + path_len - query > 6 && memcmp(query, "?name=", 6) == 0) {
        name = query + 6;
        name_len = path + path_len - name;
    }

    slice_t *values;
    size_t count;
    hostcall_req_get_header(&values, &count, EDGE_REQUEST, name, name_len);
    if (count == 0) {
        char msg[200];
        int n = snprintf(msg, sizeof msg, "no header %.*s\n", (int)name_len, name);
        hostcall_resp_set_response_code(EDGE_RESPONSE, 404);
        hostcall_resp_set_body(EDGE_RESPONSE, (uint8_t *)msg, (size_t)n);
    } else {
        /* every value goes back as a header; the body lists them one per line */
        hostcall_resp_set_header(EDGE_RESPONSE, "echo", 4, values, count);
        size_t len = 0;
        for (size_t i = 0; i < count; i++) len += values[i].len + 1;
        char *body = malloc(len), *at = body;
        for (size_t i = 0; i < count; i++) {
            memcpy(at, values[i].ptr, values[i].len);
            at += values[i].len;
            *at++ = '\n';
        }
        hostcall_resp_set_body(EDGE_RESPONSE, (uint8_t *)body, len);
        free(body);
    }
    wasmjar_edge_free_slices(values, count);
    free(path);
}
