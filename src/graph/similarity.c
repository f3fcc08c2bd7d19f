#include "similarity.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../common/alloc.h"
#include "blas.h"

/* A weight of a normalized row (0 <= x <= 1) to the nearest multiple of
 * 2^-24. Why: OpenBLAS picks its kernel for the CPU it runs on, and the
 * kernels add the products in different orders (the SSE3 ones unlike the
 * AVX2 ones), so a float ssyrk gave other last bits on other machines, and
 * lede other scores for the same input. With every weight m * 2^-24, each
 * product is an integer multiple of 2^-48 of at most 1, and every partial
 * sum of a dot product, bounded by the rows' norms (at most 1 plus the
 * rounding), one below 2: all exact in a double (53 bits), so dsyrk gives
 * the same bits in any order, with or without fused multiply-adds. */
static double quantize_weight(float x)
{
    /* Halves away from zero, by a conversion rather than a call to libm:
     * y +- 0.5 is exact below 2^25, and the rounding mode plays no part. */
    double y = (double)x * 16777216.0;
    int64_t m = (int64_t)(y < 0 ? y - 0.5 : y + 0.5);
    return (double)m / 16777216.0;
}

/* Numbers the terms that occur in at least two rows; returns their count. */
static size_t number_dense_terms(lede_graph *g, const lede_tfidf *v)
{
    size_t k = 0;
    for (size_t t = 0; t < v->nterms; t++)
        g->dense_col[t] = v->df[t] >= 2 ? (int)k++ : -1;
    return k;
}

/* Fills the block of dense columns [c0, c0 + width) from the sparse rows;
 * cursor[r] walks row r's entries, which are in increasing column order. */
static void fill_block(lede_graph *g, const lede_tfidf *v, size_t *cursor, size_t c0,
                       size_t width)
{
    memset(g->block, 0, v->rows * width * sizeof *g->block);
    for (size_t r = 0; r < v->rows; r++) {
        size_t k = cursor[r];
        for (; k < v->row_ptr[r + 1]; k++) {
            int d = g->dense_col[v->col[k]];
            if (d < 0)
                continue;
            if ((size_t)d >= c0 + width)
                break;
            g->block[r * width + ((size_t)d - c0)] = quantize_weight(v->val[k]);
        }
        cursor[r] = k;
    }
}

/* The similarities from the upper triangle of the exact dot products. */
static void symmetrize(lede_graph *g)
{
    size_t n = g->n;
    for (size_t i = 0; i < n; i++) {
        g->sim[i * n + i] = 0;
        for (size_t j = i + 1; j < n; j++) {
            float s = (float)g->dot[i * n + j];
            /* Weights are >= 0; a similarity stays >= 0 should they
             * ever not be. */
            if (s < 0)
                s = 0;
            g->sim[i * n + j] = s;
            g->sim[j * n + i] = s;
        }
    }
}

lede_graph_params lede_graph_defaults(void)
{
    lede_graph_params p = {LEDE_GRAPH_BLOCK_BYTES, LEDE_GRAPH_DENSE_MAX, LEDE_GRAPH_NEIGHBOURS,
                           LEDE_GRAPH_DF_CAP};
    return p;
}

static lede_status build_dense(lede_graph *g, const lede_tfidf *v, size_t block_bytes)
{
    /* First, before any way out: lede_textrank counts on OpenBLAS being
     * loaded whenever there is a dense graph. */
    lede_status st = lede_blas_load(NULL);
    if (st != LEDE_OK)
        return st;
    size_t n = v->rows;
    if (n > SIZE_MAX / n || n > INT_MAX)
        return LEDE_ERR_TOO_LARGE;
    if (lede_grow((void **)&g->sim, &g->sim_cap, n * n, sizeof *g->sim) != 0 ||
        lede_grow((void **)&g->dot, &g->dot_cap, n * n, sizeof *g->dot) != 0)
        return LEDE_ERR_NOMEM;
    if (v->nterms > g->dense_cap) {
        int *dc = lede_realloc_array(g->dense_col, v->nterms, sizeof *dc);
        if (!dc)
            return LEDE_ERR_NOMEM;
        g->dense_col = dc;
        g->dense_cap = v->nterms;
    }
    size_t k = number_dense_terms(g, v);
    if (k == 0) {
        memset(g->sim, 0, n * n * sizeof *g->sim);
        return LEDE_OK;
    }
    /* The first dsyrk has beta 0, which BLAS says ignores what C holds;
     * cleared anyway, since some OpenBLAS versions scaled C by 0, and
     * leftover NaN times 0 is NaN. */
    memset(g->dot, 0, n * n * sizeof *g->dot);
    size_t width = block_bytes / (n * sizeof(double));
    if (width < 16)
        width = 16;
    if (width > k)
        width = k;
    if (width > INT_MAX)
        width = INT_MAX;
    if (lede_grow((void **)&g->block, &g->block_cap, n * width, sizeof *g->block) != 0)
        return LEDE_ERR_NOMEM;
    size_t *cursor = lede_alloc_array(n, sizeof *cursor);
    if (!cursor)
        return LEDE_ERR_NOMEM;
    memcpy(cursor, v->row_ptr, n * sizeof *cursor);
    for (size_t c0 = 0; c0 < k; c0 += width) {
        size_t w = k - c0 < width ? k - c0 : width;
        fill_block(g, v, cursor, c0, w);
        lede_blas()->cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, (blasint)n, (blasint)w,
                                 1.0, g->block, (blasint)w, c0 == 0 ? 0.0 : 1.0, g->dot,
                                 (blasint)n);
    }
    free(cursor);
    symmetrize(g);
    return LEDE_OK;
}

lede_status lede_graph_build(lede_graph *g, const lede_tfidf *v, const lede_graph_params *p)
{
    size_t n = v->rows;
    g->n = n;
    g->sparse = n > p->dense_max;
    if (n == 0)
        return LEDE_OK;
    if (n >= UINT32_MAX)
        return LEDE_ERR_TOO_LARGE;
    if (g->sparse) {
        /* Rounded up: at 513 rows, 512 each, every neighbour a row has. */
        size_t budget = p->dense_max <= SIZE_MAX / (p->dense_max ? p->dense_max : 1)
                            ? p->dense_max * p->dense_max
                            : SIZE_MAX;
        size_t share = budget / n + (budget % n != 0);
        size_t k = share > p->neighbours ? share : p->neighbours;
        return lede_graph_build_sparse(g, v, k, p->df_cap);
    }
    return build_dense(g, v, p->block_bytes);
}

float lede_graph_sim(const lede_graph *g, size_t i, size_t j)
{
    if (!g->sparse)
        return g->sim[i * g->n + j];
    /* Columns increase within a row: binary search. */
    size_t lo = g->adj_ptr[i], hi = g->adj_ptr[i + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->adj[mid].col < j)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < g->adj_ptr[i + 1] && g->adj[lo].col == j ? g->adj[lo].w : 0.0f;
}

void lede_graph_free(lede_graph *g)
{
    free(g->sim);
    free(g->block);
    free(g->dot);
    free(g->dense_col);
    free(g->adj_ptr);
    free(g->adj);
    memset(g, 0, sizeof *g);
}
