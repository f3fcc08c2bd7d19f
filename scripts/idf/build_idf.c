/* build_idf.c - builds a language model's background IDF table from a
 * corpus given as one document per line on standard input, with lede's own
 * tokenizer (so terms are normalized and stemmed exactly as at run time).
 *
 * Usage: build_idf LANG MIN_DF MAX_TERMS < corpus.txt > models/LANG/idf.tsv
 * Writes TERM<TAB>IDF lines, idf = ln((1 + N) / (1 + df)) + 1 over the N
 * documents, for the MAX_TERMS terms with the highest df among those in at
 * least MIN_DF documents; rarer terms get the table's highest idf at run
 * time. Built by CMake as lede_build_idf (not installed). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "model/model.h"
#include "text/tokens.h"
#include "text/units.h"

typedef struct term_df {
    uint32_t term;
    uint32_t df;
} term_df;

static int by_df(const void *a, const void *b)
{
    const term_df *x = a, *y = b;
    if (x->df != y->df)
        return x->df < y->df ? 1 : -1;
    return (x->term > y->term) - (x->term < y->term);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s LANG MIN_DF MAX_TERMS < corpus > idf.tsv\n", argv[0]);
        return 2;
    }
    const lede_model_data *data = lede_model_find(argv[1]);
    lede_model model;
    lede_tokenizer tok;
    if (!data || lede_model_init(&model, data) != LEDE_OK ||
        lede_tokenizer_init(&tok, &model, data->stemmer) != LEDE_OK) {
        fprintf(stderr, "%s: no model for '%s'\n", argv[0], argv[1]);
        return 1;
    }
    /* Document frequencies are counted by term id over the whole corpus:
     * the tokenizer must never forget its terms between documents. */
    tok.max_cached_terms = SIZE_MAX;
    size_t min_df = strtoul(argv[2], NULL, 10), max_terms = strtoul(argv[3], NULL, 10);
    uint32_t *df = NULL, *seen = NULL;
    size_t cap = 0, docs = 0;
    char *line = NULL;
    size_t line_cap = 0;
    ssize_t n;
    lede_tokens tokens = {0};
    while ((n = getline(&line, &line_cap, stdin)) > 0) {
        lede_unit unit = {.start = 0, .end = (size_t)n, .kind = LEDE_KIND_SENTENCE};
        lede_units units = {&unit, 1, 1, 0, NULL, 0};
        if (lede_tokenize(&tok, line, &units, &tokens) != LEDE_OK)
            return 1;
        docs++;
        size_t nterms = lede_tokenizer_term_count(&tok);
        if (nterms > cap) {
            size_t fresh = nterms * 2;
            df = lede_realloc_array(df, fresh, sizeof *df);
            seen = lede_realloc_array(seen, fresh, sizeof *seen);
            if (!df || !seen) {
                fprintf(stderr, "%s: out of memory\n", argv[0]);
                return 1;
            }
            memset(df + cap, 0, (fresh - cap) * sizeof *df);
            memset(seen + cap, 0, (fresh - cap) * sizeof *seen);
            cap = fresh;
        }
        for (size_t k = 0; k < tokens.count; k++) {
            uint32_t t = tokens.items[k].term;
            if (seen[t] != docs) {
                seen[t] = (uint32_t)docs;
                df[t]++;
            }
        }
    }
    size_t nterms = lede_tokenizer_term_count(&tok);
    term_df *list = lede_alloc_array(nterms, sizeof *list);
    if (!list) {
        fprintf(stderr, "%s: out of memory\n", argv[0]);
        return 1;
    }
    size_t m = 0;
    for (uint32_t t = 0; t < nterms; t++)
        if (df[t] >= min_df)
            list[m++] = (term_df){t, df[t]};
    qsort(list, m, sizeof *list, by_df);
    if (m > max_terms)
        m = max_terms;
    printf("# Background IDF for '%s': %zu documents; idf = ln((1 + N) / (1 + df)) + 1.\n",
           data->code, docs);
    for (size_t i = 0; i < m; i++) {
        size_t len;
        const char *term = lede_tokenizer_term(&tok, list[i].term, &len);
        printf("%.*s\t%.4f\n", (int)len, term,
               log((1.0 + (double)docs) / (1.0 + list[i].df)) + 1.0);
    }
    free(list);
    free(df);
    free(seen);
    free(line);
    lede_tokens_free(&tokens);
    lede_tokenizer_free(&tok);
    lede_model_free(&model);
    return 0;
}
