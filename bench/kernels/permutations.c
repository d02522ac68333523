/* Integer-heavy: fannkuch-style pancake flipping over every permutation of N
 * elements (permutations generated in counting order). */
#include <stdio.h>

#define N 11

int main(void) {
    int perm[N], perm1[N], count[N];
    int max_flips = 0, checksum = 0, perm_index = 0;

    for (int i = 0; i < N; i++) perm1[i] = i;
    int r = N;
    for (;;) {
        for (; r != 1; r--) count[r - 1] = r;
        for (int i = 0; i < N; i++) perm[i] = perm1[i];

        int flips = 0;
        for (int k = perm[0]; k != 0; k = perm[0]) {
            for (int i = 0, j = k; i < j; i++, j--) {
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            flips++;
        }
        if (flips > max_flips) max_flips = flips;
        checksum += (perm_index & 1) ? -flips : flips;

        /* Advance to the next permutation: rotate prefixes, odometer style. */
        for (;;) {
            if (r == N) {
                printf("max flips: %d\n", max_flips);
                printf("checksum: %d\n", checksum);
                return 0;
            }
            int first = perm1[0];
            for (int i = 0; i < r; i++) perm1[i] = perm1[i + 1];
            perm1[r] = first;
            if (--count[r] > 0) break;
            r++;
        }
        perm_index++;
    }
}
