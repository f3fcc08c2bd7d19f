/* summarize_file.c - embedding lede: summarize a file and print each picked
 * sentence with its byte span, score and rank.
 *
 * Build against an installed lede:
 *   cc summarize_file.c $(pkg-config --cflags --libs lede) -o summarize_file
 * Run:
 *   ./summarize_file article.txt 3
 */
#include <lede.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a whole file; NULL on failure (errno says why). */
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
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE [SENTENCES]\n", argv[0]);
        return 2;
    }
    if (lede_version_number() != LEDE_VERSION_NUMBER) {
        fprintf(stderr, "liblede %s does not match lede.h %s\n", lede_version_string(),
                LEDE_VERSION_STRING);
        return 1;
    }
    size_t len;
    char *text = read_file(argv[1], &len);
    if (!text) {
        perror(argv[1]);
        return 1;
    }
    lede_options *opts = lede_options_new();
    if (!opts || (argc > 2 && lede_options_set_sentences(opts, strtoul(argv[2], NULL, 10)))) {
        fprintf(stderr, "bad sentence count\n");
        return 2;
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
