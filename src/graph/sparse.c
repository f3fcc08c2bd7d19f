/* sparse.c - the sentence graph of a long document: every sentence keeps
 * its strongest neighbours, found through an inverted index, so time and
 * memory grow with the document rather than with its square. */
#include <stdlib.h>
#include <string.h>

#include "../common/alloc.h"
#include "similarity.h"

typedef struct postings {
    size_t *ptr;   /* per local term, nterms + 1 */
    uint32_t *row;
    float *w;
} postings;

static void postings_free(postings *p)
{
    free(p->ptr);
    free(p->row);
    free(p->w);
}

static int eligible(const lede_tfidf *v, uint32_t t, size_t df_cap)
{
    return v->df[t] >= 2 && v->df[t] <= df_cap;
}

/* The transpose of the TF-IDF rows, restricted to terms in 2 .. df_cap
 * rows: rare terms carry the similarity that matters, and a term in a
 * great many rows would make the pair count quadratic. */
static lede_status build_postings(postings *p, const lede_tfidf *v, size_t df_cap)
{
    p->ptr = calloc(v->nterms + 1, sizeof *p->ptr);
    if (!p->ptr)
        return LEDE_ERR_NOMEM;
    for (size_t k = 0; k < v->nnz; k++)
        if (eligible(v, v->col[k], df_cap))
            p->ptr[v->col[k] + 1]++;
    for (size_t t = 0; t < v->nterms; t++)
        p->ptr[t + 1] += p->ptr[t];
    size_t total = p->ptr[v->nterms];
    p->row = lede_alloc_array(total, sizeof *p->row);
    p->w = lede_alloc_array(total, sizeof *p->w);
    size_t *fill = lede_alloc_array(v->nterms, sizeof *fill);
    if (!p->row || !p->w || !fill) {
        free(fill);
        return LEDE_ERR_NOMEM;
    }
    memcpy(fill, p->ptr, v->nterms * sizeof *fill);
    for (size_t r = 0; r < v->rows; r++) {
        for (size_t k = v->row_ptr[r]; k < v->row_ptr[r + 1]; k++) {
            uint32_t t = v->col[k];
            if (!eligible(v, t, df_cap))
                continue;
            p->row[fill[t]] = (uint32_t)r;
            p->w[fill[t]++] = v->val[k];
        }
    }
    free(fill);
    return LEDE_OK;
}

/* Whether edge a ranks before edge b: stronger first, then lower index. */
static int stronger(const lede_edge *a, const lede_edge *b)
{
    return a->w > b->w || (a->w == b->w && a->col < b->col);
}

/* Inserts `e` into the sorted list top[0..*count) of at most k edges. */
static void keep_top(lede_edge *top, size_t *count, size_t k, lede_edge e)
{
    if (*count == k && !stronger(&e, &top[k - 1]))
        return;
    size_t i = *count < k ? (*count)++ : k - 1;
    while (i > 0 && stronger(&e, &top[i - 1])) {
        top[i] = top[i - 1];
        i--;
    }
    top[i] = e;
}

typedef struct scratch {
    float *acc;        /* per row: similarity with the current row */
    uint32_t *touched; /* rows with acc > 0 */
} scratch;

/* The k strongest neighbours of row i into top; returns how many. */
static size_t row_neighbours(const lede_tfidf *v, const postings *p, size_t df_cap, size_t i,
                             size_t k, scratch *s, lede_edge *top)
{
    size_t ntouched = 0;
    for (size_t q = v->row_ptr[i]; q < v->row_ptr[i + 1]; q++) {
        uint32_t t = v->col[q];
        if (!eligible(v, t, df_cap))
            continue;
        float wi = v->val[q];
        for (size_t e = p->ptr[t]; e < p->ptr[t + 1]; e++) {
            uint32_t j = p->row[e];
            if (j == i)
                continue;
            if (s->acc[j] == 0.0f)
                s->touched[ntouched++] = j;
            s->acc[j] += wi * p->w[e];
        }
    }
    size_t count = 0;
    for (size_t x = 0; x < ntouched; x++) {
        uint32_t j = s->touched[x];
        if (s->acc[j] > 0.0f)
            keep_top(top, &count, k, (lede_edge){j, s->acc[j]});
        s->acc[j] = 0.0f;
    }
    return count;
}

static int cmp_edge_col(const void *a, const void *b)
{
    uint32_t x = ((const lede_edge *)a)->col, y = ((const lede_edge *)b)->col;
    return (x > y) - (x < y);
}

/* Turns each row's chosen neighbours (top, n rows of k slots, cnt used)
 * into the symmetric union, columns sorted and unique. */
static lede_status symmetric_union(lede_graph *g, size_t n, size_t k, const lede_edge *top,
                                   const size_t *cnt)
{
    size_t *ptr = calloc(n + 1, sizeof *ptr);
    if (!ptr)
        return LEDE_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        ptr[i + 1] += cnt[i];
        for (size_t x = 0; x < cnt[i]; x++)
            ptr[top[i * k + x].col + 1]++;
    }
    for (size_t i = 0; i < n; i++)
        ptr[i + 1] += ptr[i];
    lede_edge *adj = lede_alloc_array(ptr[n], sizeof *adj);
    size_t *fill = lede_alloc_array(n, sizeof *fill);
    if (!adj || !fill) {
        free(ptr);
        free(adj);
        free(fill);
        return LEDE_ERR_NOMEM;
    }
    memcpy(fill, ptr, n * sizeof *fill);
    for (size_t i = 0; i < n; i++) {
        for (size_t x = 0; x < cnt[i]; x++) {
            lede_edge e = top[i * k + x];
            adj[fill[i]++] = e;
            adj[fill[e.col]++] = (lede_edge){(uint32_t)i, e.w};
        }
    }
    /* Sort each row and drop the duplicates of edges both ends chose. */
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        size_t start = ptr[i], end = ptr[i + 1];
        qsort(adj + start, end - start, sizeof *adj, cmp_edge_col);
        ptr[i] = out;
        for (size_t x = start; x < end; x++)
            if (x == start || adj[x].col != adj[x - 1].col)
                adj[out++] = adj[x];
    }
    ptr[n] = out;
    free(fill);
    free(g->adj_ptr);
    free(g->adj);
    g->adj_ptr = ptr;
    g->adj = adj;
    return LEDE_OK;
}

lede_status lede_graph_build_sparse(lede_graph *g, const lede_tfidf *v, size_t neighbours,
                                    size_t df_cap)
{
    size_t n = v->rows, k = neighbours ? neighbours : 1;
    if (k > SIZE_MAX / sizeof(lede_edge))
        return LEDE_ERR_TOO_LARGE;
    postings p = {0};
    scratch s = {calloc(n, sizeof(float)), lede_alloc_array(n, sizeof(uint32_t))};
    lede_edge *top = lede_alloc_array(n, k * sizeof *top);
    size_t *cnt = lede_alloc_array(n, sizeof *cnt);
    lede_status st = LEDE_ERR_NOMEM;
    if (s.acc && s.touched && top && cnt)
        st = build_postings(&p, v, df_cap);
    for (size_t i = 0; st == LEDE_OK && i < n; i++)
        cnt[i] = row_neighbours(v, &p, df_cap, i, k, &s, top + i * k);
    /* The index is done with: free it before the union allocates, which
     * lowers the peak of a long document by the index's size. */
    postings_free(&p);
    free(s.acc);
    free(s.touched);
    if (st == LEDE_OK)
        st = symmetric_union(g, n, k, top, cnt);
    free(top);
    free(cnt);
    return st;
}
