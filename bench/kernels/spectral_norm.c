/* Floating-point: power iteration for the spectral norm of an infinite matrix
 * truncated to N x N. Each multiply is a long-running doubly nested loop. */
#include <math.h>
#include <stdio.h>

#define N 5500
#define ITERATIONS 10

static double a(int i, int j) { return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1); }

static void mul_av(const double *v, double *out) {
    for (int i = 0; i < N; i++) {
        double s = 0;
        for (int j = 0; j < N; j++) s += a(i, j) * v[j];
        out[i] = s;
    }
}

static void mul_atv(const double *v, double *out) {
    for (int i = 0; i < N; i++) {
        double s = 0;
        for (int j = 0; j < N; j++) s += a(j, i) * v[j];
        out[i] = s;
    }
}

static void mul_atav(const double *v, double *out, double *tmp) {
    mul_av(v, tmp);
    mul_atv(tmp, out);
}

static double u[N], v[N], tmp[N];

int main(void) {
    for (int i = 0; i < N; i++) u[i] = 1.0;
    for (int i = 0; i < ITERATIONS; i++) {
        mul_atav(u, v, tmp);
        mul_atav(v, u, tmp);
    }
    double vbv = 0, vv = 0;
    for (int i = 0; i < N; i++) {
        vbv += u[i] * v[i];
        vv += v[i] * v[i];
    }
    printf("checksum: %.9f\n", sqrt(vbv / vv));
    return 0;
}
