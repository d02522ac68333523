/* Fixed-width SIMD (wasm simd128): dot products and an image filter, each written with
 * <wasm_simd128.h> intrinsics and as plain scalar C, with the results compared. Data is
 * generated, and every value is exact in float, so the output is deterministic.
 *
 *   simd.wasm            run the kernels and print their results
 *   simd.wasm bench N    time N rounds of each kernel (N/16 of the image ones), SIMD against scalar; the
 *                        best of five timings is shown (it varies from run to run) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wasm_simd128.h>

/* Kernels stay functions of their own, as they would in a library, and so that they are timed alone. */
#define NOINLINE __attribute__((noinline))

#define N 4096
#define W 96
#define H 64

static float xs[N], ys[N];
static int16_t as[N], bs[N];
static uint8_t image[H][W], blurred_simd[H][W], blurred_scalar[H][W];

/* ---- float dot product */

NOINLINE static float dot_scalar(const float *x, const float *y, int n) {
    float sum = 0;
#pragma clang loop vectorize(disable) interleave(disable)
    for (int i = 0; i < n; i++) sum += x[i] * y[i];
    return sum;
}

NOINLINE static float dot_simd(const float *x, const float *y, int n) {
    v128_t acc0 = wasm_f32x4_splat(0), acc1 = wasm_f32x4_splat(0);
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        acc0 = wasm_f32x4_add(acc0, wasm_f32x4_mul(wasm_v128_load(x + i), wasm_v128_load(y + i)));
        acc1 = wasm_f32x4_add(acc1, wasm_f32x4_mul(wasm_v128_load(x + i + 4), wasm_v128_load(y + i + 4)));
    }
    v128_t acc = wasm_f32x4_add(acc0, acc1);
    /* horizontal sum: add the high half onto the low half, then lane 1 onto lane 0 */
    acc = wasm_f32x4_add(acc, wasm_i32x4_shuffle(acc, acc, 2, 3, 0, 1));
    acc = wasm_f32x4_add(acc, wasm_i32x4_shuffle(acc, acc, 1, 0, 3, 2));
    float sum = wasm_f32x4_extract_lane(acc, 0);
    for (; i < n; i++) sum += x[i] * y[i];
    return sum;
}

/* ---- 16-bit integer dot product (i32x4.dot_i16x8_s) */

NOINLINE static int64_t dot16_scalar(const int16_t *a, const int16_t *b, int n) {
    int64_t sum = 0;
#pragma clang loop vectorize(disable) interleave(disable)
    for (int i = 0; i < n; i++) sum += a[i] * b[i];
    return sum;
}

NOINLINE static int64_t dot16_simd(const int16_t *a, const int16_t *b, int n) {
    v128_t acc = wasm_i64x2_splat(0);
    for (int i = 0; i < n; i += 8) {
        v128_t d = wasm_i32x4_dot_i16x8(wasm_v128_load(a + i), wasm_v128_load(b + i));
        acc = wasm_i64x2_add(acc, wasm_i64x2_extend_low_i32x4(d));
        acc = wasm_i64x2_add(acc, wasm_i64x2_extend_high_i32x4(d));
    }
    return wasm_i64x2_extract_lane(acc, 0) + wasm_i64x2_extract_lane(acc, 1);
}

/* ---- 3x3 box blur of an 8-bit image; the border is copied */

NOINLINE static void blur_scalar(uint8_t in[H][W], uint8_t out[H][W]) {
    memcpy(out, in, sizeof(uint8_t[H][W]));
    for (int y = 1; y < H - 1; y++) {
#pragma clang loop vectorize(disable) interleave(disable)
        for (int x = 1; x < W - 1; x++) {
            int s = 0;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++) s += in[y + dy][x + dx];
            out[y][x] = (uint8_t)((s * 7282) >> 16); /* s / 9, exact for s <= 9 * 255 */
        }
    }
}

/* Sum of three horizontally adjacent pixels for 8 pixels, as u16 lanes. */
static v128_t row3(const uint8_t *p) {
    return wasm_i16x8_add(wasm_i16x8_add(wasm_u16x8_load8x8(p - 1), wasm_u16x8_load8x8(p)),
                          wasm_u16x8_load8x8(p + 1));
}

NOINLINE static void blur_simd(uint8_t in[H][W], uint8_t out[H][W]) {
    memcpy(out, in, sizeof(uint8_t[H][W]));
    const v128_t ninth = wasm_i32x4_splat(7282);
    for (int y = 1; y < H - 1; y++) {
        int x = 1;
        for (; x + 8 <= W - 1; x += 8) {
            v128_t s = wasm_i16x8_add(wasm_i16x8_add(row3(&in[y - 1][x]), row3(&in[y][x])), row3(&in[y + 1][x]));
            /* s * 7282 needs 32 bits: widen, multiply, shift, narrow back */
            v128_t lo = wasm_u32x4_shr(wasm_i32x4_mul(wasm_u32x4_extend_low_u16x8(s), ninth), 16);
            v128_t hi = wasm_u32x4_shr(wasm_i32x4_mul(wasm_u32x4_extend_high_u16x8(s), ninth), 16);
            v128_t px = wasm_u8x16_narrow_i16x8(wasm_u16x8_narrow_i32x4(lo, hi), wasm_i16x8_splat(0));
            wasm_v128_store64_lane(&out[y][x], px, 0);
        }
        for (; x < W - 1; x++) {
            int s = 0;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++) s += in[y + dy][x + dx];
            out[y][x] = (uint8_t)((s * 7282) >> 16);
        }
    }
}

/* ---- brightness (saturating) and a threshold count over the whole image */

NOINLINE static int bright_count_scalar(uint8_t in[H][W], uint8_t add, uint8_t threshold) {
    int count = 0;
    const uint8_t *p = &in[0][0];
#pragma clang loop vectorize(disable) interleave(disable)
    for (int i = 0; i < W * H; i++) {
        int v = p[i] + add;
        if ((v > 255 ? 255 : v) > threshold) count++;
    }
    return count;
}

NOINLINE static int bright_count_simd(uint8_t in[H][W], uint8_t add, uint8_t threshold) {
    int count = 0;
    const uint8_t *p = &in[0][0];
    v128_t a = wasm_u8x16_splat(add), t = wasm_u8x16_splat(threshold);
    for (int i = 0; i < W * H; i += 16) {
        v128_t v = wasm_u8x16_add_sat(wasm_v128_load(p + i), a);
        count += __builtin_popcount(wasm_i8x16_bitmask(wasm_u8x16_gt(v, t)));
    }
    return count;
}

/* ---- a loop clang vectorises on its own (-O2 -msimd128) */

static void saxpy(float a, const float *x, float *y, int n) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}

static uint32_t checksum(const uint8_t *p, int n) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (int i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}

static void init(void) {
    for (int i = 0; i < N; i++) {
        xs[i] = (float)(i % 17) * 0.5f;
        ys[i] = (float)((i * 7) % 13) - 6.0f;
        as[i] = (int16_t)((i * 37) % 2001 - 1000);
        bs[i] = (int16_t)((i * 91) % 1999 - 999);
    }
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) image[y][x] = (uint8_t)((x * x + 3 * y * x + 7 * y) % 256);
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Results of the timed rounds land here, so the rounds cannot be optimised away. */
static volatile float sink_f;
static volatile int64_t sink_d;

static void round_dot_scalar(int n) { for (int r = 0; r < n; r++) sink_f += dot_scalar(xs, ys, N); }
static void round_dot_simd(int n) { for (int r = 0; r < n; r++) sink_f += dot_simd(xs, ys, N); }
static void round_dot16_scalar(int n) { for (int r = 0; r < n; r++) sink_d += dot16_scalar(as, bs, N); }
static void round_dot16_simd(int n) { for (int r = 0; r < n; r++) sink_d += dot16_simd(as, bs, N); }
static void round_blur_scalar(int n) { for (int r = 0; r < n / 16; r++) blur_scalar(image, blurred_scalar); }
static void round_blur_simd(int n) { for (int r = 0; r < n / 16; r++) blur_simd(image, blurred_simd); }
static void round_bright_scalar(int n) { for (int r = 0; r < n / 16; r++) sink_d += bright_count_scalar(image, 40, 200); }
static void round_bright_simd(int n) { for (int r = 0; r < n / 16; r++) sink_d += bright_count_simd(image, 40, 200); }

/* The fastest of five timings of n rounds, in milliseconds (the first ones include warming up). */
static double best_ms(void (*rounds)(int), int n) {
    double best = 1e30;
    for (int k = 0; k < 5; k++) {
        double t0 = now_ms();
        rounds(n);
        double t = now_ms() - t0;
        if (t < best) best = t;
    }
    return best;
}

static void bench(int n) {
    printf("%-14s %10s %10s\n", "kernel", "scalar ms", "simd ms");
    printf("%-14s %10.1f %10.1f\n", "dot f32", best_ms(round_dot_scalar, n), best_ms(round_dot_simd, n));
    printf("%-14s %10.1f %10.1f\n", "dot i16", best_ms(round_dot16_scalar, n), best_ms(round_dot16_simd, n));
    printf("%-14s %10.1f %10.1f\n", "box blur", best_ms(round_blur_scalar, n), best_ms(round_blur_simd, n));
    printf("%-14s %10.1f %10.1f\n", "bright count", best_ms(round_bright_scalar, n), best_ms(round_bright_simd, n));
}

int main(int argc, char **argv) {
    init();
    if (argc == 3 && strcmp(argv[1], "bench") == 0) {
        bench(atoi(argv[2]));
        return 0;
    }
    float ds = dot_scalar(xs, ys, N), dv = dot_simd(xs, ys, N);
    printf("dot f32:   scalar %.1f, simd %.1f, %s\n", ds, dv, ds == dv ? "equal" : "DIFFERENT");
    int64_t is = dot16_scalar(as, bs, N), iv = dot16_simd(as, bs, N);
    printf("dot i16:   scalar %lld, simd %lld, %s\n", (long long)is, (long long)iv, is == iv ? "equal" : "DIFFERENT");

    blur_scalar(image, blurred_scalar);
    blur_simd(image, blurred_simd);
    uint32_t bs_sum = checksum(&blurred_scalar[0][0], W * H), bv_sum = checksum(&blurred_simd[0][0], W * H);
    printf("box blur:  scalar %08x, simd %08x, %s\n", bs_sum, bv_sum, bs_sum == bv_sum ? "equal" : "DIFFERENT");
    printf("blurred row 32: ");
    for (int x = 0; x < 16; x++) printf("%d%c", blurred_simd[32][x], x == 15 ? '\n' : ' ');

    int cs = bright_count_scalar(image, 40, 200), cv = bright_count_simd(image, 40, 200);
    printf("bright:    scalar %d, simd %d, %s\n", cs, cv, cs == cv ? "equal" : "DIFFERENT");

    static float y[N];
    for (int i = 0; i < N; i++) y[i] = ys[i];
    saxpy(2.0f, xs, y, N);
    float s = 0;
    for (int i = 0; i < N; i++) s += y[i];
    printf("saxpy:     sum %.1f, y[100] %.1f\n", s, y[100]);
    return 0;
}
