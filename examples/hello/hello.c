/* Smallest useful WASI program: greets, then echoes its arguments one per line. */
#include <stdio.h>

int main(int argc, char **argv) {
    puts("Hello, world!");
    for (int i = 1; i < argc; i++)
        printf("argv[%d] = %s\n", i, argv[i]);
    return 0;
}
