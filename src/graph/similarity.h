/* similarity.h - the sentence graph: cosine similarity of TF-IDF rows as a
 * dense matrix computed with OpenBLAS. */
#ifndef LEDE_GRAPH_SIMILARITY_H
#define LEDE_GRAPH_SIMILARITY_H

#include <stddef.h>

#include "../vec/tfidf.h"
#include "lede.h"

/* Largest document, in ranked sentences, for the dense n x n matrix
 * (8192^2 floats = 256 MiB). */
#define LEDE_DENSE_MAX_SENTENCES 8192

typedef struct lede_graph {
    size_t n;
    float *sim;      /* n x n, row-major, symmetric, zero diagonal */
    size_t sim_cap;  /* floats */
    float *block;    /* dense column block of the TF-IDF matrix */
    size_t block_cap;
    int *dense_col;  /* local term -> dense column, -1 for single-sentence terms */
    size_t dense_cap;
} lede_graph;

/* Computes the similarity of every pair of rows of `v` into `g`: the dense
 * TF-IDF matrix restricted to terms found in two or more sentences (the
 * others touch only the diagonal), in column blocks of at most
 * `block_bytes`, accumulated with cblas_ssyrk. Errors: LEDE_ERR_TOO_LARGE
 * past LEDE_DENSE_MAX_SENTENCES, LEDE_ERR_NOMEM. */
lede_status lede_graph_build(lede_graph *g, const lede_tfidf *v, size_t block_bytes);

static inline float lede_graph_sim(const lede_graph *g, size_t i, size_t j)
{
    return g->sim[i * g->n + j];
}

void lede_graph_free(lede_graph *g);

#endif
