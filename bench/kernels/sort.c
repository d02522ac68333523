/* Sorts a large pseudo-random int array with our own quicksort and, separately,
 * our own merge sort; verifies both and checksums the result. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 4000000
#define ROUNDS 2

static void insertion_sort(int32_t *a, long lo, long hi) {
    for (long i = lo + 1; i <= hi; i++) {
        int32_t v = a[i];
        long j = i - 1;
        while (j >= lo && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}

static void quicksort(int32_t *a, long lo, long hi) {
    while (hi - lo > 16) {
        long mid = lo + (hi - lo) / 2;
        /* Median of three as pivot. */
        if (a[mid] < a[lo]) { int32_t t = a[mid]; a[mid] = a[lo]; a[lo] = t; }
        if (a[hi] < a[lo]) { int32_t t = a[hi]; a[hi] = a[lo]; a[lo] = t; }
        if (a[hi] < a[mid]) { int32_t t = a[hi]; a[hi] = a[mid]; a[mid] = t; }
        int32_t pivot = a[mid];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) { int32_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        /* Recurse into the smaller side to bound stack depth. */
        if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; }
        else { quicksort(a, i, hi); hi = j; }
    }
    insertion_sort(a, lo, hi);
}

/* Bottom-up; passes alternate between the two buffers, so return the one
 * holding the sorted result. */
static int32_t *merge_sort(int32_t *a, int32_t *tmp, long n) {
    for (long width = 1; width < n; width *= 2) {
        for (long lo = 0; lo < n; lo += 2 * width) {
            long mid = lo + width < n ? lo + width : n;
            long hi = lo + 2 * width < n ? lo + 2 * width : n;
            long i = lo, j = mid, k = lo;
            while (i < mid && j < hi) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
            while (i < mid) tmp[k++] = a[i++];
            while (j < hi) tmp[k++] = a[j++];
        }
        int32_t *s = a; a = tmp; tmp = s;
    }
    return a;
}

static int32_t data[N], copy[N], scratch[N];

int main(void) {
    uint32_t x = 2463534242u, hash = 0;
    for (int r = 0; r < ROUNDS; r++) {
        for (long i = 0; i < N; i++) {
            x ^= x << 13; x ^= x >> 17; x ^= x << 5; /* xorshift32 */
            data[i] = (int32_t)(x % 1000000007u) - 500000000;
        }
        memcpy(copy, data, sizeof data);
        quicksort(data, 0, N - 1);
        for (long i = 1; i < N; i++)
            if (data[i - 1] > data[i]) { printf("quicksort failed at %ld\n", i); return 1; }

        int32_t *merged = merge_sort(copy, scratch, N);
        if (memcmp(merged, data, sizeof data) != 0) { puts("merge sort disagrees"); return 1; }

        for (long i = 0; i < N; i += 97) hash = hash * 31u + (uint32_t)data[i];
    }
    printf("min %d max %d\n", data[0], data[N - 1]);
    printf("checksum: %u\n", hash);
    return 0;
}
