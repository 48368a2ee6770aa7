/* Braces split by the preprocessor, a stray closing brace and a block that never closes:
   the folding regions of this file do not balance. Fixture for tst_chunker. */
#include <stdio.h>

#ifdef LEGACY_API
int open_device(const char *name) {
#else
int open_device(const char *name, int flags) {
#endif
    if (name == NULL)
        return -1;
    printf("opening %s\n", name);
    return 0;
}
}

static void log_line(const char *text)
{
    fputs(text, stderr);
    fputc('\n', stderr);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        log_line(argv[i]);
#ifdef LEGACY_API
        open_device(argv[i]);
#else
        open_device(argv[i], 0);
#endif
    }
    return 0;
