/* Memory-heavy: dense 512x512 double matrix products (i-k-j order so the inner
 * loop streams rows), repeated, feeding each normalised result back in. */
#include <math.h>
#include <stdio.h>

#define N 512
#define REPS 50

static double A[N][N], B[N][N], C[N][N];

static void multiply(void) {
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) C[i][j] = 0;
        for (int k = 0; k < N; k++) {
            double aik = A[i][k];
            for (int j = 0; j < N; j++) C[i][j] += aik * B[k][j];
        }
    }
}

int main(void) {
    unsigned x = 7;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            x = x * 1664525u + 1013904223u;
            A[i][j] = (double)(x >> 8) / (1 << 24) - 0.5;
            x = x * 1664525u + 1013904223u;
            B[i][j] = (double)(x >> 8) / (1 << 24) - 0.5;
        }
    double trace_sum = 0;
    for (int r = 0; r < REPS; r++) {
        multiply();
        double t = 0, max = 0;
        for (int i = 0; i < N; i++) t += C[i][i];
        trace_sum += t;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                if (fabs(C[i][j]) > max) max = fabs(C[i][j]);
        /* Normalise into A so values neither overflow nor decay to denormals. */
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) A[i][j] = C[i][j] / max;
    }
    double total = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) total += C[i][j];
    printf("trace sum: %.9f\n", trace_sum);
    printf("checksum: %.9f\n", total);
    return 0;
}
