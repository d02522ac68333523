/* Counts visits per path in the key-value store, which outlives each request: the first "GET /a" answers
 * "visit 1 of /a", the next "visit 2 of /a". "DELETE /a" resets the count. */
#include <stdio.h>
#include <string.h>
#include "wasmjar_edge.h"

__attribute__((export_name("run"))) void run(void) {
    wasmjar_edge_init();
    char *method, *path;
    size_t method_len, path_len;
    hostcall_req_get_method(&method, &method_len, EDGE_REQUEST);
    hostcall_req_get_path(&path, &path_len, EDGE_REQUEST);

    char key[300];
    int key_len = snprintf(key, sizeof key, "visits:%.*s", (int)path_len, path);
    if (key_len >= (int)sizeof key) key_len = sizeof key - 1;

    char body[400];
    int n;
    if (method_len == 6 && memcmp(method, "DELETE", 6) == 0) {
        bool existed = hostcall_kvstore_remove(key, (size_t)key_len);
        n = snprintf(body, sizeof body, "%s %.*s\n", existed ? "reset" : "never visited", (int)path_len, path);
    } else {
        unsigned long visits = 0;
        uint8_t *value;
        size_t value_len;
        if (hostcall_kvstore_get(&value, &value_len, key, (size_t)key_len)) {
            char digits[24] = {0};
            memcpy(digits, value, value_len < 23 ? value_len : 23);
            visits = strtoul(digits, NULL, 10);
            free(value);
        }
        visits++;
        char digits[24];
        int d = snprintf(digits, sizeof digits, "%lu", visits);
        hostcall_kvstore_upsert(key, (size_t)key_len, (uint8_t *)digits, (size_t)d);
        n = snprintf(body, sizeof body, "visit %lu of %.*s\n", visits, (int)path_len, path);
    }
    hostcall_resp_set_body(EDGE_RESPONSE, (uint8_t *)body, (size_t)n);
    free(method);
    free(path);
}
