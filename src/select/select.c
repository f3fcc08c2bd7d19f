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

/* Scores this close (relative) are ties: TextRank gives two identical
 * sentences scores that differ in their last bits (its sums add the same
 * terms in another order), and the earlier of the two must rank first.
 * Far below what any score means (they converge to about 1e-6). */
#define NEAR_TIE 1e-9

static int near_tie(double a, double b)
{
    double scale = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= NEAR_TIE * scale;
}

static int cmp_ranked_index(const void *a, const void *b)
{
    size_t x = ((const ranked *)a)->index, y = ((const ranked *)b)->index;
    return (x > y) - (x < y);
}

/* Puts each run of near-tied scores in document order: the scores within
 * NEAR_TIE of the run's highest (not chained from one to the next, which
 * would tie scores far apart). */
static void order_near_ties(ranked *r, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && near_tie(r[i].score, r[j].score))
            j++;
        if (j - i > 1)
            qsort(r + i, j - i, sizeof *r, cmp_ranked_index);
        i = j;
    }
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* A document has a few dozen sentences: insertion sort, its comparison
 * inlined, beats qsort's merge sort through calls there (as for tf-idf's
 * terms; 0.98 x the wall time of `lede batch` on news-dev). The order is
 * total, so the result is the same. */
enum { INSERTION_SORT_MAX = 64 };

static void sort_ranked(ranked *r, size_t n)
{
    if (n > INSERTION_SORT_MAX) {
        qsort(r, n, sizeof *r, cmp_ranked);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        ranked x = r[i];
        size_t j = i;
        for (; j > 0 && cmp_ranked(&r[j - 1], &x) > 0; j--)
            r[j] = r[j - 1];
        r[j] = x;
    }
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

double lede_budget_share(const lede_budget *b, const lede_candidate *c, size_t n)
{
    if (n == 0)
        return 1.0;
    double total = 0, limit;
    switch (b->kind) {
    case LEDE_BUDGET_WORDS:
    case LEDE_BUDGET_CHARS:
        for (size_t i = 0; i < n; i++)
            total += (double)(b->kind == LEDE_BUDGET_WORDS ? c[i].words : c[i].chars);
        limit = (double)b->limit;
        break;
    default:
        total = (double)n;
        limit = (double)sentence_limit(b, n);
        break;
    }
    if (total <= 0 || limit >= total)
        return 1.0;
    return limit / total;
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

static size_t cost_of(const lede_candidate *c, const lede_budget *budget)
{
    if (budget->kind == LEDE_BUDGET_WORDS)
        return c->words;
    if (budget->kind == LEDE_BUDGET_CHARS)
        return c->chars;
    return 0;
}

static int fits(const lede_candidate *c, const lede_budget *budget, size_t used)
{
    if (budget->kind != LEDE_BUDGET_WORDS && budget->kind != LEDE_BUDGET_CHARS)
        return 1;
    return cost_of(c, budget) <= budget->limit - used;
}

/* Greedy by rank: the next best candidate that fits and is not a
 * near-duplicate of one already taken. */
static size_t pick_by_rank(const lede_candidate *c, size_t n, const lede_select_params *p,
                           const size_t *order, size_t *picked)
{
    size_t max_sentences = sentence_limit(&p->budget, n);
    size_t used = 0, npicked = 0;
    for (size_t i = 0; i < n && npicked < max_sentences; i++) {
        size_t cand = order[i];
        if (!fits(&c[cand], &p->budget, used) ||
            redundant(cand, picked, npicked, p->redundancy, p->sim, p->ctx))
            continue;
        picked[npicked++] = cand;
        used += cost_of(&c[cand], &p->budget);
    }
    return npicked;
}

/* Maximal marginal relevance: each step takes the candidate with the best
 * mmr * score - (1 - mmr) * (its highest similarity to those taken), scores
 * rescaled to [0, 1]; ties go to the better rank. */
static size_t pick_by_mmr(const lede_candidate *c, size_t n, const lede_select_params *p,
                          const size_t *order, size_t *picked, double *max_sim)
{
    double lo = c[0].score, hi = c[0].score;
    for (size_t i = 1; i < n; i++) {
        lo = c[i].score < lo ? c[i].score : lo;
        hi = c[i].score > hi ? c[i].score : hi;
    }
    for (size_t i = 0; i < n; i++)
        max_sim[i] = 0;
    size_t max_sentences = sentence_limit(&p->budget, n);
    size_t used = 0, npicked = 0;
    while (npicked < max_sentences) {
        size_t best = n;
        double best_value = 0;
        for (size_t r = 0; r < n; r++) {
            size_t i = order[r];
            /* max_sim[i] is its highest similarity to the picks: the
             * redundancy check without comparing with each pick again. */
            if (max_sim[i] < 0 || !fits(&c[i], &p->budget, used) ||
                (p->redundancy < 1.0 && max_sim[i] > p->redundancy))
                continue;
            double score = hi > lo ? (c[i].score - lo) / (hi - lo) : 1.0;
            double value = p->mmr * score - (1.0 - p->mmr) * max_sim[i];
            /* Candidates come in rank order, near ties by index: of two
             * values this close (a sentence and its copy, whose scores and
             * similarities differ in their last bits) the first stays. */
            if (best == n || value > best_value + NEAR_TIE) {
                best = i;
                best_value = value;
            }
        }
        if (best == n)
            break;
        picked[npicked++] = best;
        used += cost_of(&c[best], &p->budget);
        max_sim[best] = -1; /* taken */
        for (size_t i = 0; i < n; i++) {
            if (max_sim[i] < 0)
                continue;
            double s = p->sim(p->ctx, i, best);
            max_sim[i] = s > max_sim[i] ? s : max_sim[i];
        }
    }
    return npicked;
}

lede_status lede_select(const lede_candidate *c, size_t n, const lede_select_params *p,
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
    sort_ranked(r, n);
    order_near_ties(r, n);
    for (size_t i = 0; i < n; i++)
        order[i] = r[i].index;
    free(r);
    for (size_t i = 0; i < n; i++)
        rank[order[i]] = i + 1;
    size_t npicked;
    if (p->mmr < 1.0 && p->sim) {
        double *max_sim = lede_alloc_array(n, sizeof *max_sim);
        if (!max_sim)
            return LEDE_ERR_NOMEM;
        npicked = pick_by_mmr(c, n, p, order, picked, max_sim);
        free(max_sim);
    } else {
        npicked = pick_by_rank(c, n, p, order, picked);
    }
    qsort(picked, npicked, sizeof *picked, cmp_size);
    *count = npicked;
    return LEDE_OK;
}
