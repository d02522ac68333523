/* Call-heavy: naive Fibonacci, Ackermann, Takeuchi and mutual recursion.
 * noinline keeps the compiler from turning the recursion into loops. */
#include <stdint.h>
#include <stdio.h>

__attribute__((noinline)) static int32_t fib(int32_t n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

__attribute__((noinline)) static int32_t ack(int32_t m, int32_t n) {
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

__attribute__((noinline)) static int32_t tak(int32_t x, int32_t y, int32_t z) {
    if (y >= x) return z;
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

static int is_odd(uint32_t n);
__attribute__((noinline)) static int is_even(uint32_t n) { return n == 0 ? 1 : is_odd(n - 1); }
__attribute__((noinline)) static int is_odd(uint32_t n) { return n == 0 ? 0 : is_even(n - 1); }

int main(void) {
    int32_t f = fib(42);
    int32_t a = ack(2, 3000);
    for (int32_t n = 1; n <= 10; n++) a += ack(3, n); /* recursion depth stays below ~8200 */
    int32_t t = tak(30, 20, 10) + tak(28, 18, 9);
    int32_t e = 0;
    for (uint32_t i = 0; i < 3000; i++) e += is_even(i * 7 % 5000);
    printf("fib %d ack %d tak %d even %d\n", f, a, t, e);
    printf("checksum: %u\n", (uint32_t)f * 31u + (uint32_t)a * 17u + (uint32_t)t * 7u + (uint32_t)e);
    return 0;
}
