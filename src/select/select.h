/* select.h - picks the summary: the best-ranked candidates that fit the
 * length budget, skipping near-duplicates, returned in document order. */
#ifndef LEDE_SELECT_SELECT_H
#define LEDE_SELECT_SELECT_H

#include <stddef.h>

#include "lede.h"

enum lede_budget_kind {
    LEDE_BUDGET_SENTENCES,
    LEDE_BUDGET_RATIO,
    LEDE_BUDGET_WORDS,
    LEDE_BUDGET_CHARS
};

typedef struct lede_budget {
    enum lede_budget_kind kind;
    size_t limit;   /* sentences, words or chars; 0 with SENTENCES = default */
    double ratio;
} lede_budget;

typedef struct lede_candidate {
    double score;
    size_t words;
    size_t chars;
} lede_candidate;

/* Similarity of candidates i and j, for the redundancy check. */
typedef float (*lede_similarity_fn)(const void *ctx, size_t i, size_t j);

/* Default number of sentences for a document of n candidates: 5, or about
 * a third of a short document (at least 1). */
size_t lede_default_sentences(size_t n);

/* The share of the document the budget allows, in [0, 1]: sentences over
 * all candidates, or words or characters over the candidates' total. */
double lede_budget_share(const lede_budget *b, const lede_candidate *c, size_t n);

typedef struct lede_select_params {
    lede_budget budget;
    double redundancy;      /* skip a candidate more similar than this to a pick */
    double mmr;             /* < 1: maximal marginal relevance with this weight */
    lede_similarity_fn sim; /* NULL: no redundancy check, no MMR */
    const void *ctx;
} lede_select_params;

/* Ranks the n candidates by score (ties, scores within a relative 1e-9 of
 * the highest of their run: lower index first) into `order`,
 * writes each one's 1-based rank into `rank`, then picks within the budget:
 * greedily in rank order, skipping a candidate whose similarity with an
 * already picked one exceeds `redundancy` (when < 1); or, with mmr < 1, by
 * maximal marginal relevance. The picked indices go to `picked` in
 * increasing order and their number to `*count`. `order`, `rank` and
 * `picked` have room for n entries. Returns LEDE_OK or LEDE_ERR_NOMEM. */
lede_status lede_select(const lede_candidate *c, size_t n, const lede_select_params *p,
                        size_t *order, size_t *rank, size_t *picked, size_t *count);

#endif
