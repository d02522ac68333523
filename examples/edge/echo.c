/* Echoes the request's method and path (with its query): "GET /path?q=1" answers "GET /path?q=1\n". */
#include <string.h>
#include "wasmjar_edge.h"

static void set_header(const char *name, const char *value) {
    slice_t v = {(uint8_t *)value, strlen(value)};
    hostcall_resp_set_header(EDGE_RESPONSE, name, strlen(name), &v, 1);
}

__attribute__((export_name("run"))) void run(void) {
    wasmjar_edge_init();
    char *method, *path;
    size_t method_len, path_len;
    hostcall_req_get_method(&method, &method_len, EDGE_REQUEST);
    hostcall_req_get_path(&path, &path_len, EDGE_REQUEST);

    size_t len = method_len + 1 + path_len + 1;
    char *body = malloc(len);
    memcpy(body, method, method_len);
    body[method_len] = ' ';
    memcpy(body + method_len + 1, path, path_len);
    body[len - 1] = '\n';
    free(method);
    free(path);

    set_header("Content-Type", "text/plain");
    hostcall_resp_set_body(EDGE_RESPONSE, (uint8_t *)body, len);
    free(body);
}
