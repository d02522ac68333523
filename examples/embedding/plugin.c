/* A guest library a Java host drives (see Embed.java): it hands out operations as C function pointers, which in
 * WebAssembly are indices into the module's function table, and the host calls them by index. Built as a WASI
 * reactor: no main; the host calls _initialize once, then any export. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*binop)(int, int);

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
static int power(int base, int exp) {
    int r = 1;
    while (exp-- > 0) r *= base;
    return r;
}
static void hello(void) { puts("plugin: hello from a function without parameters"); }

static const struct { const char *name; binop fn; } ops[] = {
    {"add", add}, {"sub", sub}, {"mul", mul}, {"pow", power},
};

/* A buffer of n bytes in guest memory, for the host to write into. */
__attribute__((export_name("alloc"))) void *alloc(size_t n) { return malloc(n); }

__attribute__((export_name("release"))) void release(void *p) { free(p); }

/* The operation called name (a NUL-terminated string in guest memory), or NULL (table index 0). */
__attribute__((export_name("find_op"))) binop find_op(const char *name) {
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(ops[i].name, name) == 0) return ops[i].fn;
    return NULL;
}

/* Applies op to a and b inside the guest, printing what it does: a guest-side indirect call for comparison. */
__attribute__((export_name("apply"))) int apply(binop op, int a, int b) {
    int r = op(a, b);
    printf("plugin: op #%d(%d, %d) = %d\n", (int)(size_t)op, a, b, r);
    return r;
}

/* A function pointer of another type, so the host can see the type check refuse it. */
__attribute__((export_name("greeter"))) void (*greeter(void))(void) { return hello; }
