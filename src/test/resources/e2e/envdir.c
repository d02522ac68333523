/* Prints its arguments, its whole environment and the first line of greeting.txt in the directory named by its
 * first argument: what --env, --dir and guest arguments give a program.
 * Build: clang --target=wasm32-wasi -O2 -Wl,--strip-debug -o envdir.wasm envdir.c */
#include <stdio.h>

extern char **environ;

int main(int argc, char **argv) {
    for (int i = 0; i < argc; i++) printf("argv[%d] = %s\n", i, argv[i]);
    for (char **e = environ; *e; e++) printf("env %s\n", *e);
    if (argc > 1) {
        char path[256], line[256];
        snprintf(path, sizeof path, "%s/greeting.txt", argv[1]);
        FILE *f = fopen(path, "r");
        if (!f) {
            printf("cannot open %s\n", path);
            return 3;
        }
        if (fgets(line, sizeof line, f)) printf("%s: %s", path, line);
        fclose(f);
    }
    return 0;
}
