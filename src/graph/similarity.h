/* similarity.h - the sentence graph: cosine similarity of TF-IDF rows,
 * either as a dense matrix computed with OpenBLAS, or, for long documents,
 * as a sparse graph where each sentence keeps its strongest neighbours. */
#ifndef LEDE_GRAPH_SIMILARITY_H
#define LEDE_GRAPH_SIMILARITY_H

#include <stddef.h>
#include <stdint.h>

#include "../vec/tfidf.h"
#include "lede.h"

typedef struct lede_graph_params {
    size_t block_bytes;  /* dense: largest column block of the TF-IDF matrix */
    size_t dense_max;    /* more rows than this: build the sparse graph */
    /* sparse: strongest neighbours each row keeps, at least; up to
     * dense_max^2 / rows when that is more (as many edges as the dense
     * graph's limit holds), so that just past dense_max the graph keeps
     * every edge and ranks as the dense one does, and it thins gradually
     * as the document grows instead of at once. */
    size_t neighbours;
    size_t df_cap;       /* sparse: terms in more rows than this are left out */
} lede_graph_params;

/* Defaults; see docs/design.md for how they were measured. */
#define LEDE_GRAPH_BLOCK_BYTES (32u * 1024 * 1024)
#ifndef LEDE_GRAPH_DENSE_MAX
#define LEDE_GRAPH_DENSE_MAX 512
#endif
#define LEDE_GRAPH_NEIGHBOURS 16
#define LEDE_GRAPH_DF_CAP 512

typedef struct lede_edge {
    uint32_t col;
    float w;
} lede_edge;

typedef struct lede_graph {
    size_t n;
    int sparse;
    /* dense: n x n, row-major, symmetric, zero diagonal */
    float *sim;
    size_t sim_cap;
    double *block;    /* dense column block of the TF-IDF matrix, quantized */
    size_t block_cap;
    double *dot;      /* dense: n x n dot products, upper triangle, exact */
    size_t dot_cap;
    int *dense_col;   /* local term -> dense column, -1 for single-sentence terms */
    size_t dense_cap;
    /* sparse: symmetric adjacency, columns increasing within a row */
    size_t *adj_ptr;  /* n + 1 */
    lede_edge *adj;
} lede_graph;

/* Builds the graph of the rows of `v`. Dense (rows <= p->dense_max): the
 * TF-IDF matrix restricted to terms found in two or more sentences (the
 * others touch only the diagonal), in column blocks of at most
 * p->block_bytes, accumulated with cblas_dsyrk: each weight is rounded to a
 * multiple of 2^-24, which makes every sum exact and the similarities the
 * same bits on every CPU, whatever kernel OpenBLAS picks. Sparse: from an inverted
 * index of the terms found in 2 .. p->df_cap rows, each row keeps its
 * max(p->neighbours, ceil(p->dense_max^2 / rows)) most similar rows; the graph
 * is the symmetric union of those edges, so memory grows linearly with the
 * document. Errors:
 * LEDE_ERR_TOO_LARGE (more than 2^32 - 1 rows), LEDE_ERR_NOMEM. */
lede_status lede_graph_build(lede_graph *g, const lede_tfidf *v, const lede_graph_params *p);

/* The default parameters. */
lede_graph_params lede_graph_defaults(void);

/* Similarity of rows i and j (0 when the sparse graph has no such edge). */
float lede_graph_sim(const lede_graph *g, size_t i, size_t j);

void lede_graph_free(lede_graph *g);

/* The sparse builder, in sparse.c. */
lede_status lede_graph_build_sparse(lede_graph *g, const lede_tfidf *v, size_t neighbours,
                                    size_t df_cap);

#endif
