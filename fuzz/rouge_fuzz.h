/* rouge_fuzz.h - what fuzz_rouge.c and fuzz_rouge_files.c share: cutting an
 * input into texts (at byte 0x01) and texts into sentences, and the checks
 * every score must pass. */
#ifndef LEDE_FUZZ_ROUGE_FUZZ_H
#define LEDE_FUZZ_ROUGE_FUZZ_H

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"

/* Cuts data[0, size) at byte `cut` into at most `max` parts (the last
 * takes the rest) in parts[] and lens[]; returns how many (at least 1). */
static size_t rouge_fuzz_split(const char *data, size_t size, char cut, const char **parts,
                               size_t *lens, size_t max)
{
    size_t n = 0;
    for (;;) {
        const char *sep = n + 1 < max ? memchr(data, cut, size) : NULL;
        size_t len = sep ? (size_t)(sep - data) : size;
        parts[n] = data;
        lens[n++] = len;
        if (!sep)
            return n;
        data = sep + 1;
        size -= len + 1;
    }
}

static int rouge_fuzz_in_unit(double x)
{
    return isfinite(x) && x >= 0 && x <= 1;
}

/* Aborts unless every score of every document and peer is a finite number,
 * and, when documents are averaged, a document's R, P and F lie in [0, 1]. */
static void rouge_fuzz_check_scores(const lede_rouge *r)
{
    int averaged = lede_rouge_average_mode(r) == LEDE_ROUGE_AVERAGE_DOCS;
    for (size_t m = 0; m < lede_rouge_metric_count(r); m++) {
        for (size_t d = 0; d < lede_rouge_doc_count(r); d++) {
            lede_rouge_score s;
            if (lede_rouge_doc_score(r, d, m, &s) != LEDE_OK)
                abort();
            if (!isfinite(s.model_count) || !isfinite(s.peer_count) || !isfinite(s.hits))
                abort();
            if (averaged && (!rouge_fuzz_in_unit(s.recall) ||
                             !rouge_fuzz_in_unit(s.precision) || !rouge_fuzz_in_unit(s.f)))
                abort();
        }
        for (size_t p = 0; p < lede_rouge_peer_count(r); p++) {
            lede_rouge_overall o;
            if (lede_rouge_overall_score(r, p, m, &o) != LEDE_OK ||
                o.n_docs != lede_rouge_peer_doc_count(r, p))
                abort();
            if (!isfinite(o.recall) || !isfinite(o.precision) || !isfinite(o.f))
                abort();
        }
    }
}

#endif
