/* Indirect-call heavy: libc qsort over records with several comparator
 * functions. Keys are made unique so every libc sorts to the same order. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 200000
#define ROUNDS 6

struct rec { int32_t id; int32_t score; double weight; char tag[8]; };

static int by_score(const void *pa, const void *pb) {
    const struct rec *a = pa, *b = pb;
    if (a->score != b->score) return a->score < b->score ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}
static int by_weight_desc(const void *pa, const void *pb) {
    const struct rec *a = pa, *b = pb;
    if (a->weight != b->weight) return a->weight < b->weight ? 1 : -1;
    return (a->id > b->id) - (a->id < b->id);
}
static int by_tag(const void *pa, const void *pb) {
    const struct rec *a = pa, *b = pb;
    int c = strcmp(a->tag, b->tag);
    return c ? c : (a->id > b->id) - (a->id < b->id);
}
static int by_id(const void *pa, const void *pb) {
    const struct rec *a = pa, *b = pb;
    return (a->id > b->id) - (a->id < b->id);
}

typedef int (*comparator)(const void *, const void *);
static const comparator comparators[] = {by_score, by_weight_desc, by_tag, by_id};

static struct rec recs[N];

int main(void) {
    uint32_t x = 88172645u;
    for (int i = 0; i < N; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        recs[i].id = i;
        recs[i].score = (int32_t)(x % 10007u);
        recs[i].weight = (double)(x >> 12) / 1024.0;
        for (int k = 0; k < 7; k++) recs[i].tag[k] = (char)('a' + (x >> (k * 4)) % 4);
        recs[i].tag[7] = '\0';
    }
    uint32_t hash = 0;
    for (int r = 0; r < ROUNDS; r++) {
        for (int c = 0; c < 4; c++) {
            comparator cmp = comparators[c];
            qsort(recs, N, sizeof recs[0], cmp);
            for (int i = 1; i < N; i++)
                if (cmp(&recs[i - 1], &recs[i]) > 0) { printf("not sorted at %d\n", i); return 1; }
            for (int i = 0; i < N; i += 101) hash = hash * 131u + (uint32_t)recs[i].id;
        }
        /* Perturb scores so the next round sorts different data. */
        for (int i = 0; i < N; i++) recs[i].score = (recs[i].score * 7 + r) % 10007;
    }
    printf("checksum: %u\n", hash);
    return 0;
}
