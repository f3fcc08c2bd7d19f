#include "select.h"

#include <math.h>
#include <stdlib.h>

#include "../common/alloc.h"

size_t lede_default_sentences(size_t n)
{
    size_t third = (n + 2) / 3;
    if (third < 1)
        third = 1;
    return third < 5 ? third : 5;
}

/* Descending order by score; the index as the last key makes ties keep
 * document order and the order deterministic. */
typedef struct ranked {
    double score;
    size_t index;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return (x->index > y->index) - (x->index < y->index);
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

static size_t sentence_limit(const lede_budget *b, size_t n)
{
    if (b->kind == LEDE_BUDGET_RATIO) {
        double k = floor(b->ratio * (double)n + 0.5);
        return k < 1 ? 1 : (size_t)k;
    }
    if (b->kind == LEDE_BUDGET_SENTENCES)
        return b->limit ? b->limit : lede_default_sentences(n);
    return n;
}

static int redundant(size_t cand, const size_t *picked, size_t npicked, double redundancy,
                     lede_similarity_fn sim, const void *ctx)
{
    if (redundancy >= 1.0 || !sim)
        return 0;
    for (size_t k = 0; k < npicked; k++)
        if (sim(ctx, cand, picked[k]) > redundancy)
            return 1;
    return 0;
}

lede_status lede_select(const lede_candidate *c, size_t n, const lede_budget *budget,
                        double redundancy, lede_similarity_fn sim, const void *ctx,
                        size_t *order, size_t *rank, size_t *picked, size_t *count)
{
    *count = 0;
    if (n == 0)
        return LEDE_OK;
    ranked *r = lede_alloc_array(n, sizeof *r);
    if (!r)
        return LEDE_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        r[i] = (ranked){c[i].score, i};
    qsort(r, n, sizeof *r, cmp_ranked);
    for (size_t i = 0; i < n; i++)
        order[i] = r[i].index;
    free(r);
    for (size_t i = 0; i < n; i++)
        rank[order[i]] = i + 1;

    size_t max_sentences = sentence_limit(budget, n);
    size_t used = 0, npicked = 0;
    for (size_t i = 0; i < n && npicked < max_sentences; i++) {
        size_t cand = order[i];
        size_t cost = budget->kind == LEDE_BUDGET_WORDS   ? c[cand].words
                      : budget->kind == LEDE_BUDGET_CHARS ? c[cand].chars
                                                          : 0;
        if ((budget->kind == LEDE_BUDGET_WORDS || budget->kind == LEDE_BUDGET_CHARS) &&
            cost > budget->limit - used)
            continue;
        if (redundant(cand, picked, npicked, redundancy, sim, ctx))
            continue;
        picked[npicked++] = cand;
        used += cost;
    }
    qsort(picked, npicked, sizeof *picked, cmp_size);
    *count = npicked;
    return LEDE_OK;
}
