/* textrank.h - centrality scores on the sentence graph. */
#ifndef LEDE_RANK_TEXTRANK_H
#define LEDE_RANK_TEXTRANK_H

#include <stddef.h>

#include "../graph/similarity.h"
#include "lede.h"

/* Power iteration stops when the scores, which sum to 1, change by less
 * than this in total (L1) in one iteration. */
#define LEDE_RANK_TOLERANCE 1e-7

typedef struct lede_rank_params {
    double damping;   /* 0 < d < 1 */
    double tolerance; /* stop when the L1 change of an iteration is below */
    size_t max_iterations;
    double threshold; /* edges of weight <= threshold are left out */
    int binary;       /* kept edges weigh 1 (LexRank) instead of their weight */
} lede_rank_params;

/* Doubles of scratch lede_textrank needs for `g`. */
size_t lede_textrank_work_size(const lede_graph *g);

/* Weighted PageRank on the similarity graph (TextRank; with `binary` and a
 * threshold, LexRank): each sentence passes its score to its neighbours in
 * proportion to edge weight; a sentence without edges passes it to all
 * sentences evenly, so isolated sentences and disconnected graphs are
 * handled and the scores sum to 1. `scores` receives g->n values; `work`
 * needs lede_textrank_work_size(g) doubles. Deterministic for a given graph
 * and build; scores agree across machines to about the tolerance. */

void lede_textrank(const lede_graph *g, const lede_rank_params *p, double *scores, double *work);

#endif
