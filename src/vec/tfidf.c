#include "tfidf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/alloc.h"

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Sentences have a few dozen terms: insertion sort beats qsort there. */
static void sort_terms(uint32_t *t, size_t n)
{
    if (n > 64) {
        qsort(t, n, sizeof *t, cmp_u32);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        uint32_t x = t[i];
        size_t j = i;
        while (j > 0 && t[j - 1] > x) {
            t[j] = t[j - 1];
            j--;
        }
        t[j] = x;
    }
}

/* Local id of a global term, numbering new terms as they come. */
static lede_status local_id(lede_tfidf *v, uint32_t g, uint32_t *out)
{
    lede_term_slot *slot = &v->map[g];
    if (slot->stamp == v->generation) {
        *out = slot->local;
        return LEDE_OK;
    }
    if (v->nterms == v->term_cap) {
        size_t cap = v->term_cap ? v->term_cap * 2 : 256;
        uint32_t *df = lede_realloc_array(v->df, cap, sizeof *df);
        if (!df)
            return LEDE_ERR_NOMEM;
        v->df = df;
        uint32_t *global = lede_realloc_array(v->global, cap, sizeof *global);
        if (!global)
            return LEDE_ERR_NOMEM;
        v->global = global;
        v->term_cap = cap;
    }
    *slot = (lede_term_slot){v->generation, (uint32_t)v->nterms};
    v->df[v->nterms] = 0;
    v->global[v->nterms] = g;
    *out = (uint32_t)v->nterms++;
    return LEDE_OK;
}

static lede_status prepare(lede_tfidf *v, size_t nrows, size_t ntokens, size_t nglobal)
{
    if (nglobal > UINT32_MAX || ntokens > SIZE_MAX - 1)
        return LEDE_ERR_TOO_LARGE;
    if (nglobal > v->map_cap) {
        /* The vocabulary grows a little with every document of a batch:
         * room for twice what it has, not the exact size each time. Nothing
         * in the map outlives a document, so a new one replaces it instead
         * of a copy. */
        size_t cap = nglobal > SIZE_MAX / 2 ? nglobal : nglobal * 2;
        lede_term_slot *map = lede_alloc_zeroed(cap, sizeof *map);
        if (!map)
            return LEDE_ERR_NOMEM;
        free(v->map);
        v->map = map;
        v->map_cap = cap;
    }
    if (++v->generation == 0) {
        /* After 2^32 documents the stamps wrap: start them afresh. */
        memset(v->map, 0, v->map_cap * sizeof *v->map);
        v->generation = 1;
    }
    if (lede_grow((void **)&v->row_ptr, &v->row_cap, nrows + 1, sizeof *v->row_ptr) != 0)
        return LEDE_ERR_NOMEM;
    if (ntokens > v->nnz_cap) {
        uint32_t *col = lede_realloc_array(v->col, ntokens, sizeof *col);
        if (!col)
            return LEDE_ERR_NOMEM;
        v->col = col;
        float *val = lede_realloc_array(v->val, ntokens, sizeof *val);
        if (!val)
            return LEDE_ERR_NOMEM;
        v->val = val;
        v->nnz_cap = ntokens;
    }
    v->rows = nrows;
    v->nnz = 0;
    v->nterms = 0;
    return LEDE_OK;
}

/* Counts the terms of one row into (col, count) pairs. */
static lede_status count_row(lede_tfidf *v, const uint32_t *terms, size_t n)
{
    if (n == 0)
        return LEDE_OK;
    if (lede_grow((void **)&v->row_terms, &v->row_terms_cap, n, sizeof *v->row_terms) != 0)
        return LEDE_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        lede_status st = local_id(v, terms[i], &v->row_terms[i]);
        if (st != LEDE_OK)
            return st;
    }
    sort_terms(v->row_terms, n);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && v->row_terms[j] == v->row_terms[i])
            j++;
        v->col[v->nnz] = v->row_terms[i];
        v->val[v->nnz] = (float)(j - i);
        v->df[v->row_terms[i]]++;
        v->nnz++;
        i = j;
    }
    return LEDE_OK;
}

/* 1 + ln(tf): a table for the small counts almost every term has. */
static double sublinear_tf(float tf)
{
    static const double table[] = {0, 1, 1.6931471805599453, 2.0986122886681098,
                                   2.3862943611198906, 2.6094379124341003,
                                   2.791759469228055, 2.9459101090932196, 3.0794415416798357};
    size_t i = (size_t)tf;
    if (i < sizeof table / sizeof table[0])
        return table[i];
    return 1.0 + log(tf);
}

/* The idf of a term found in `df` of `n` rows. */
static double local_idf(double n, uint32_t df)
{
    return log((1.0 + n) / (1.0 + df)) + 1.0;
}

/* An idf raised to the configured power. */
static double powered(double idf, const lede_tfidf_params *p)
{
    if (p && p->idf_power == 0.5)
        return sqrt(idf); /* the default: much cheaper than pow */
    if (p && p->idf_power != 1.0)
        return pow(idf, p->idf_power);
    return idf;
}

/* Without background IDF a term's idf depends on its df alone, and most
 * terms of a document share a df of 1 or 2: one log per distinct df. */
static lede_status idf_by_df(lede_tfidf *v, size_t nrows, const lede_tfidf_params *p)
{
    if (lede_grow((void **)&v->idf_by_df, &v->idf_by_df_cap, nrows + 1, sizeof *v->idf_by_df) !=
        0)
        return LEDE_ERR_NOMEM;
    for (size_t df = 0; df <= nrows; df++)
        v->idf_by_df[df] = -1.0;
    for (size_t t = 0; t < v->nterms; t++) {
        double *idf = &v->idf_by_df[v->df[t]];
        if (*idf < 0)
            *idf = powered(local_idf((double)nrows, v->df[t]), p);
        v->idf[t] = *idf;
    }
    return LEDE_OK;
}

/* The idf of every local term, once per document rather than per entry. */
static lede_status compute_idf(lede_tfidf *v, size_t nrows, const lede_tfidf_params *p)
{
    if (v->nterms > v->idf_cap) {
        double *idf = lede_realloc_array(v->idf, v->term_cap, sizeof *idf);
        if (!idf)
            return LEDE_ERR_NOMEM;
        v->idf = idf;
        v->idf_cap = v->term_cap;
    }
    if (!p || !p->background)
        return idf_by_df(v, nrows, p);
    double n = (double)nrows;
    double local_max = local_idf(n, 1);
    double scale = p->background_max > 0 ? local_max / p->background_max : 1.0;
    for (size_t t = 0; t < v->nterms; t++) {
        double idf = local_idf(n, v->df[t]);
        double bg = p->background(p->ctx, v->global[t]);
        if (bg >= 0)
            idf = p->background_weight * bg * scale + (1.0 - p->background_weight) * idf;
        v->idf[t] = powered(idf, p);
    }
    return LEDE_OK;
}

lede_status lede_tfidf_build(lede_tfidf *v, size_t nrows, const uint32_t *terms,
                             const size_t *first, size_t nglobal, const lede_tfidf_params *p)
{
    lede_status st = prepare(v, nrows, first[nrows] - first[0], nglobal);
    if (st != LEDE_OK)
        return st;
    for (size_t r = 0; r < nrows; r++) {
        v->row_ptr[r] = v->nnz;
        st = count_row(v, terms + first[r], first[r + 1] - first[r]);
        if (st != LEDE_OK)
            return st;
    }
    v->row_ptr[nrows] = v->nnz;
    st = compute_idf(v, nrows, p);
    if (st != LEDE_OK)
        return st;
    for (size_t r = 0; r < nrows; r++) {
        double norm = 0;
        for (size_t k = v->row_ptr[r]; k < v->row_ptr[r + 1]; k++) {
            double weight = sublinear_tf(v->val[k]) * v->idf[v->col[k]];
            v->val[k] = (float)weight;
            norm += weight * weight;
        }
        if (norm <= 0)
            continue;
        double inv = 1.0 / sqrt(norm);
        for (size_t k = v->row_ptr[r]; k < v->row_ptr[r + 1]; k++)
            v->val[k] = (float)(v->val[k] * inv);
    }
    return LEDE_OK;
}

double lede_tfidf_cosine(const lede_tfidf *v, size_t i, size_t j)
{
    size_t a = v->row_ptr[i], a_end = v->row_ptr[i + 1];
    size_t b = v->row_ptr[j], b_end = v->row_ptr[j + 1];
    double dot = 0;
    while (a < a_end && b < b_end) {
        if (v->col[a] < v->col[b]) {
            a++;
        } else if (v->col[a] > v->col[b]) {
            b++;
        } else {
            dot += (double)v->val[a++] * v->val[b++];
        }
    }
    return dot;
}

void lede_tfidf_free(lede_tfidf *v)
{
    free(v->row_ptr);
    free(v->col);
    free(v->val);
    free(v->df);
    free(v->global);
    free(v->map);
    free(v->row_terms);
    free(v->idf);
    free(v->idf_by_df);
    memset(v, 0, sizeof *v);
}
