/* Formatting-heavy: snprintf with many conversion specifiers; the output bytes
 * are hashed. Only conversions whose output C fully specifies are used, so any
 * conforming libc prints the same text (no %p, %a or locale-dependent forms). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ITERATIONS 2000000

static uint32_t fnv1a(uint32_t h, const char *s, int len) {
    for (int i = 0; i < len; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

static const char *const words[] = {"alpha", "beta", "gamma", "delta", "", "epsilon-zeta", "x"};

int main(void) {
    char buf[256];
    uint32_t hash = 2166136261u, x = 1;
    uint64_t bytes = 0;
    for (int i = 0; i < ITERATIONS; i++) {
        x = x * 1103515245u + 12345u;
        int32_t si = (int32_t)x >> 3;
        uint32_t ui = x ^ (x >> 7);
        long long ll = (long long)si * 1000003LL - (long long)ui;
        double d = (double)si / 977.0;
        const char *w = words[x % 7];
        int n;
        switch (i % 6) {
        case 0: n = snprintf(buf, sizeof buf, "%d|%5d|%-7d|%+d|%05d", si, si % 1000, si % 77, si % 5, (int)(ui % 100000)); break;
        case 1: n = snprintf(buf, sizeof buf, "%u %x %X %#o %#x %08x", ui, ui, ui % 4096, ui % 512, ui % 65536, ui); break;
        case 2: n = snprintf(buf, sizeof buf, "%lld|%20lld|%-12lld|%llx", ll, ll / 3, ll % 100000, (unsigned long long)ll); break;
        case 3: n = snprintf(buf, sizeof buf, "%f %.3f %10.2f %-12.4f %.0f", d, d * 1.5, d / 7.0, d * d, d); break;
        case 4: n = snprintf(buf, sizeof buf, "%e %.2E %g %.10g %G", d, d * 1e10, d * 1e-5, d / 3.0, d * 1e20); break;
        default: n = snprintf(buf, sizeof buf, "[%s] [%10s] [%-8.3s] [%c] [%%] [%*d]", w, w, w, 'A' + (int)(x % 26), (int)(x % 9), (int)(x % 1000)); break;
        }
        if (n < 0 || n >= (int)sizeof buf || n != (int)strlen(buf)) { printf("bad length %d at %d\n", n, i); return 1; }
        hash = fnv1a(hash, buf, n);
        bytes += (uint64_t)n;
    }
    printf("last: %s\n", buf);
    printf("bytes %llu\n", (unsigned long long)bytes);
    printf("checksum: %08x\n", hash);
    return 0;
}
