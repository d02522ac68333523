/* Allocation-heavy: builds, walks and frees many binary trees with malloc/free,
 * while one long-lived tree stays allocated (binary-trees style). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct node { struct node *left, *right; int32_t value; };

static struct node *build(int depth, int32_t value) {
    struct node *n = malloc(sizeof *n);
    if (!n) { puts("out of memory"); exit(1); }
    n->value = value;
    if (depth > 0) {
        n->left = build(depth - 1, 2 * value - 1);
        n->right = build(depth - 1, 2 * value);
    } else {
        n->left = n->right = NULL;
    }
    return n;
}

/* Returns node count; folds values into *sum. */
static int64_t walk(const struct node *n, int64_t *sum) {
    if (!n) return 0;
    *sum += n->value;
    return 1 + walk(n->left, sum) + walk(n->right, sum);
}

static void release(struct node *n) {
    if (!n) return;
    release(n->left);
    release(n->right);
    free(n);
}

#define MAX_DEPTH 18
#define MIN_DEPTH 4

int main(void) {
    int64_t sum = 0, total_nodes = 0;
    struct node *long_lived = build(MAX_DEPTH, 1);

    for (int depth = MIN_DEPTH; depth <= MAX_DEPTH; depth += 2) {
        int iterations = 1 << (MAX_DEPTH - depth + MIN_DEPTH);
        int64_t nodes = 0;
        for (int i = 0; i < iterations; i++) {
            struct node *t = build(depth, i);
            nodes += walk(t, &sum);
            release(t);
        }
        printf("%d trees of depth %d: %lld nodes\n", iterations, depth, (long long)nodes);
        total_nodes += nodes;
    }
    total_nodes += walk(long_lived, &sum);
    release(long_lived);
    printf("nodes %lld\n", (long long)total_nodes);
    printf("checksum: %lld\n", (long long)sum);
    return 0;
}
