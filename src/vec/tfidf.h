/* tfidf.h - sentence vectors: sublinear tf times smoothed idf, rows
 * L2-normalized, stored as compressed sparse rows over the document's own
 * term numbering. */
#ifndef LEDE_VEC_TFIDF_H
#define LEDE_VEC_TFIDF_H

#include <stddef.h>
#include <stdint.h>

#include "lede.h"

/* A global term's local id in the current document, valid when its stamp
 * is the document's generation. Side by side, so that a token's lookup
 * reads one cache line of a map as long as the vocabulary. */
typedef struct lede_term_slot {
    uint32_t stamp;
    uint32_t local;
} lede_term_slot;

typedef struct lede_tfidf {
    size_t rows;
    size_t nnz;
    size_t *row_ptr;   /* rows + 1 entries */
    uint32_t *col;     /* local term id, increasing within a row */
    float *val;        /* weight / row norm */
    size_t nterms;     /* distinct terms in the document */
    uint32_t *df;      /* sentences containing each local term */
    uint32_t *global;  /* global term id of each local term */
    double *idf;       /* idf of each local term */
    size_t idf_cap;
    double *idf_by_df; /* without background IDF: the idf of each df, or < 0 */
    size_t idf_by_df_cap;
    /* capacities and scratch, reused across documents */
    size_t row_cap, nnz_cap, term_cap;
    lede_term_slot *map;  /* global id -> local id */
    size_t map_cap;
    uint32_t generation;
    uint32_t *row_terms;  /* one row's local ids while counting */
    size_t row_terms_cap;
} lede_tfidf;

/* Background IDF of a global term id; negative means "not available". */
typedef double (*lede_idf_fn)(void *ctx, uint32_t global_term);

/* How term weights are made. */
typedef struct lede_tfidf_params {
    lede_idf_fn background; /* background idf of a term, or NULL */
    void *ctx;
    double background_weight; /* idf = w * background + (1 - w) * local */
    double background_max;    /* the background's largest idf, to rescale it */
    double idf_power;         /* idf ^ p: 1 = plain TF-IDF, 0 = term frequency only */
} lede_tfidf_params;

/* Builds the vectors of `nrows` rows; row r holds the term ids
 * terms[first[r] .. first[r + 1]) (global ids below `nglobal`). The local
 * idf of a term is ln((1 + n) / (1 + df)) + 1 over the rows; `p` (NULL:
 * plain TF-IDF) mixes in a background idf and raises idf to a power. The
 * background, from a corpus far larger than one document, is rescaled so
 * that its largest value is the document's largest possible idf. */
lede_status lede_tfidf_build(lede_tfidf *v, size_t nrows, const uint32_t *terms,
                             const size_t *first, size_t nglobal, const lede_tfidf_params *p);

/* Cosine similarity of rows i and j: the dot product of two normalized
 * rows, merging their sorted columns. */
double lede_tfidf_cosine(const lede_tfidf *v, size_t i, size_t j);

void lede_tfidf_free(lede_tfidf *v);

#endif
