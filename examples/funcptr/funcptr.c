/* Exercises indirect calls (call_indirect): an operation table, qsort with
 * comparators, and a callback registry. Output is fully deterministic. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*binop)(int, int);

static int op_add(int a, int b) { return a + b; }
static int op_sub(int a, int b) { return a - b; }
static int op_mul(int a, int b) { return a * b; }
static int op_div(int a, int b) { return b ? a / b : 0; }
static int op_mod(int a, int b) { return b ? a % b : 0; }
static int op_max(int a, int b) { return a > b ? a : b; }

static const struct { const char *name; binop fn; } ops[] = {
    {"add", op_add}, {"sub", op_sub}, {"mul", op_mul},
    {"div", op_div}, {"mod", op_mod}, {"max", op_max},
};
#define NOPS (int)(sizeof ops / sizeof ops[0])

static int cmp_int_asc(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_int_desc(const void *a, const void *b) { return cmp_int_asc(b, a); }

struct person { const char *name; int age; };
static int cmp_person(const void *a, const void *b) {
    const struct person *p = a, *q = b;
    if (p->age != q->age) return p->age - q->age;
    return strcmp(p->name, q->name);
}

/* Callback registry: handlers subscribe to an event and are invoked in order. */
typedef void (*handler)(int event, void *ctx);
#define MAX_HANDLERS 8
static struct { handler fn; void *ctx; } registry[MAX_HANDLERS];
static int nhandlers;

static void subscribe(handler fn, void *ctx) {
    if (nhandlers < MAX_HANDLERS) {
        registry[nhandlers].fn = fn;
        registry[nhandlers].ctx = ctx;
        nhandlers++;
    }
}
static void publish(int event) {
    for (int i = 0; i < nhandlers; i++) registry[i].fn(event, registry[i].ctx);
}
static void on_count(int event, void *ctx) { (void)event; ++*(int *)ctx; }
static void on_sum(int event, void *ctx) { *(long *)ctx += event; }
static void on_print(int event, void *ctx) { printf("  %s got event %d\n", (const char *)ctx, event); }

/* A function returning a function pointer, chosen at run time. */
static binop pick(const char *name) {
    for (int i = 0; i < NOPS; i++)
        if (strcmp(ops[i].name, name) == 0) return ops[i].fn;
    return NULL;
}

static int fold(binop f, const int *xs, int n, int init) {
    int acc = init;
    for (int i = 0; i < n; i++) acc = f(acc, xs[i]);
    return acc;
}

int main(void) {
    puts("operation table:");
    for (int i = 0; i < NOPS; i++)
        printf("  %s(17, 5) = %d\n", ops[i].name, ops[i].fn(17, 5));

    int xs[] = {42, -7, 13, 0, 99, 5, -31, 64, 8, 21};
    int n = (int)(sizeof xs / sizeof xs[0]);
    printf("fold add = %d, fold max = %d, fold mul(1..) = %d\n",
           fold(pick("add"), xs, n, 0), fold(pick("max"), xs, n, xs[0]),
           fold(op_mul, xs + 7, 3, 1));

    qsort(xs, n, sizeof xs[0], cmp_int_asc);
    printf("ascending:");
    for (int i = 0; i < n; i++) printf(" %d", xs[i]);
    printf("\ndescending:");
    qsort(xs, n, sizeof xs[0], cmp_int_desc);
    for (int i = 0; i < n; i++) printf(" %d", xs[i]);
    putchar('\n');

    struct person people[] = {
        {"mallory", 41}, {"alice", 30}, {"bob", 25}, {"carol", 30}, {"dave", 25}, {"eve", 19},
    };
    int np = (int)(sizeof people / sizeof people[0]);
    qsort(people, np, sizeof people[0], cmp_person);
    puts("people by age, then name:");
    for (int i = 0; i < np; i++) printf("  %-8s %d\n", people[i].name, people[i].age);

    int count = 0;
    long sum = 0;
    subscribe(on_count, &count);
    subscribe(on_sum, &sum);
    subscribe(on_print, "logger");
    puts("events:");
    for (int e = 1; e <= 3; e++) publish(e * 10);
    printf("handlers saw %d events, sum %ld\n", count, sum);

    printf("unknown op is %s\n", pick("pow") ? "found" : "NULL");
    return 0;
}
