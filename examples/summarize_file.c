/* summarize_file.c - embedding lede: summarize a file and print each picked
 * sentence with its byte span, score and rank.
 *
 * Build against an installed lede:
 *   cc summarize_file.c $(pkg-config --cflags --libs lede) -o summarize_file
 * Run:
 *   ./summarize_file article.txt 3
 */
#include <ctype.h>
#include <errno.h>
#include <lede.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a whole file; NULL on failure (errno says why). fread returns 0
 * both at the end and on an error (a directory opens, then fails with
 * EISDIR), so ferror tells them apart. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    if (buf && ferror(f)) {
        int saved = errno;
        free(buf);
        fclose(f);
        errno = saved;
        return NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Reads a sentence count: digits only, at least 1. strtoul alone would
 * take "-1" (as ULONG_MAX, every sentence), " 3" and "2x". */
static int parse_count(const char *arg, size_t *count)
{
    if (!isdigit((unsigned char)arg[0]))
        return -1;
    char *end;
    errno = 0;
    unsigned long n = strtoul(arg, &end, 10);
    if (errno != 0 || *end != '\0' || n == 0)
        return -1;
    *count = n;
    return 0;
}

/* Names the program without its directory: the message reads the same
 * wherever it was built. */
static int usage(const char *argv0)
{
    if (!argv0)
        argv0 = "summarize_file";
    const char *slash = strrchr(argv0, '/');
    fprintf(stderr, "usage: %s FILE [SENTENCES]\n"
                    "SENTENCES is how many to pick: a whole number, 1 or more\n",
            slash ? slash + 1 : argv0);
    return 2;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    if (argc < 2 || argc > 3)
        return usage(argv[0]);
    if (argc == 3 && parse_count(argv[2], &count) != 0) {
        fprintf(stderr, "bad sentence count '%s'\n", argv[2]);
        return usage(argv[0]);
    }
    if (lede_version_number() != LEDE_VERSION_NUMBER) {
        fprintf(stderr, "liblede %s does not match lede.h %s\n", lede_version_string(),
                LEDE_VERSION_STRING);
        return 1;
    }
    lede_options *opts = lede_options_new();
    if (!opts || (count > 0 && lede_options_set_sentences(opts, count) != LEDE_OK)) {
        fprintf(stderr, "cannot set the options\n");
        lede_options_free(opts);
        return 1;
    }
    size_t len;
    char *text = read_file(argv[1], &len);
    if (!text) {
        perror(argv[1]);
        lede_options_free(opts);
        return 1;
    }
    lede_summary *sum = NULL;
    lede_error *err = NULL;
    lede_status st = lede_summarize(text, len, opts, &sum, &err);
    if (st != LEDE_OK) {
        if (lede_error_has_position(err))
            fprintf(stderr, "%s:%zu:%zu: %s\n", argv[1], lede_error_line(err),
                    lede_error_column(err), lede_error_message(err));
        else
            fprintf(stderr, "%s: %s\n", argv[1], lede_error_message(err));
        lede_error_free(err);
        free(text);
        lede_options_free(opts);
        return 1;
    }
    for (size_t i = 0; i < lede_summary_count(sum); i++) {
        const lede_sentence *s = lede_summary_sentence(sum, i);
        printf("[%zu,%zu) score=%.4f rank=%zu %s\n", s->start, s->end, s->score, s->rank,
               s->text);
    }
    lede_summary_free(sum);
    lede_options_free(opts);
    free(text);
    return 0;
}
