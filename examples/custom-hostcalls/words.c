/* A guest of the `text` hostcall set (see src/): counts, walks and upper-cases words through the host. */
#include <stdio.h>
#include <string.h>

#define TEXT_IMPORT(name) __attribute__((import_module("text"), import_name(#name)))

TEXT_IMPORT(upper) void text_upper(char *text, size_t len);
TEXT_IMPORT(count_words) int text_count_words(const char *text, size_t len);
TEXT_IMPORT(for_each_word) int text_for_each_word(const char *text, size_t len, void (*callback)(const char *word, size_t len));
TEXT_IMPORT(log) void text_log(const char *msg, size_t len);

static int longest;

/* The host calls this by its table index, once per word. */
static void on_word(const char *word, size_t len) {
    printf("word: %.*s\n", (int)len, word);
    if ((int)len > longest) longest = (int)len;
}

int main(int argc, char **argv) {
    char text[256] = "the quick brown fox jumps over the lazy dog";
    if (argc > 1) snprintf(text, sizeof text, "%s", argv[1]);
    size_t len = strlen(text);
    printf("%d words\n", text_count_words(text, len));
    int walked = text_for_each_word(text, len, on_word);
    printf("walked %d words, the longest has %d letters\n", walked, longest);
    text_upper(text, len);
    printf("%s\n", text);
    text_log("done", 4);
    return 0;
}
