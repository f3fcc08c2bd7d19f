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

/* A row keeps its neighbours in a sorted list while k is at most this:
 * most edges are then turned away by one comparison with the weakest kept
 * (a long document: k = LEDE_GRAPH_NEIGHBOURS). A larger k (edge_budget,
 * a document just past dense_max) would make the list's insertions cost
 * k each: the row's edges are gathered, and selected when there are more
 * than k. (A heap for both was 1.14 x the wall time on 10 MB.) */
enum { SORTED_LIST_MAX = 64 };

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

/* Moves the k strongest of the n edges of `e` to its front, in no
 * particular order: a selection by partitioning, linear on average. The
 * strongest k are one set however they are found, `stronger` being a
 * total order. */
static void select_strongest(lede_edge *e, size_t n, size_t k)
{
    size_t lo = 0, hi = n; /* the k-th strongest is in [lo, hi) */
    while (hi - lo > 1) {
        lede_edge pivot = e[lo + (hi - lo) / 2];
        /* [lo, a) stronger than the pivot, [a, b) the pivot, [c, hi) weaker */
        size_t a = lo, b = lo, c = hi;
        while (b < c) {
            lede_edge t = e[b];
            if (stronger(&t, &pivot)) {
                e[b++] = e[a];
                e[a++] = t;
            } else if (stronger(&pivot, &t)) {
                e[b] = e[--c];
                e[c] = t;
            } else {
                b++;
            }
        }
        if (k < a)
            hi = a;
        else if (k >= b)
            lo = b;
        else
            return;
    }
}

typedef struct scratch {
    float *acc;        /* per row: similarity with the current row */
    uint32_t *touched; /* rows with acc > 0 */
    lede_edge *found;  /* k > SORTED_LIST_MAX: the row's edges, one per row */
} scratch;

/* The k strongest neighbours of row i into top, in no particular order;
 * returns how many. */
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
        lede_edge e = {j, s->acc[j]};
        s->acc[j] = 0.0f;
        if (e.w <= 0.0f)
            continue;
        if (k <= SORTED_LIST_MAX)
            keep_top(top, &count, k, e);
        else
            s->found[count++] = e;
    }
    if (k <= SORTED_LIST_MAX)
        return count;
    if (count > k) {
        select_strongest(s->found, count, k);
        count = k;
    }
    memcpy(top, s->found, count * sizeof *top);
    return count;
}

static int cmp_edge_col(const void *a, const void *b)
{
    uint32_t x = ((const lede_edge *)a)->col, y = ((const lede_edge *)b)->col;
    return (x > y) - (x < y);
}

/* Sorts a row's chosen edges by column: few (LEDE_GRAPH_NEIGHBOURS) in a
 * long document, by insertion. */
static void sort_by_col(lede_edge *e, size_t n)
{
    if (n > SORTED_LIST_MAX) {
        qsort(e, n, sizeof *e, cmp_edge_col);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        lede_edge x = e[i];
        size_t j = i;
        for (; j > 0 && e[j - 1].col > x.col; j--)
            e[j] = e[j - 1];
        e[j] = x;
    }
}

/* Merges the sorted lists `own` and `theirs` into `out`, an edge in both
 * once; returns how many were written. `theirs` may lie in `out` past the
 * room `own` takes: the writes never pass the reads. */
static size_t merge_unique(const lede_edge *own, size_t n_own, const lede_edge *theirs,
                           size_t n_theirs, lede_edge *out)
{
    size_t i = 0, j = 0, o = 0;
    while (i < n_own && j < n_theirs) {
        if (own[i].col < theirs[j].col) {
            out[o++] = own[i++];
        } else if (theirs[j].col < own[i].col) {
            out[o++] = theirs[j++];
        } else {
            out[o++] = own[i++];
            j++;
        }
    }
    while (i < n_own)
        out[o++] = own[i++];
    while (j < n_theirs)
        out[o++] = theirs[j++];
    return o;
}

/* Turns each row's chosen neighbours (top, n rows of k slots, cnt used)
 * into the symmetric union, columns sorted and unique, without sorting the
 * union: each row's own choices are sorted (k of them); the rows that
 * chose it are written at the end of its room in increasing order, as they
 * are visited in that order; the two are merged to the front. */
static lede_status symmetric_union(lede_graph *g, size_t n, size_t k, lede_edge *top,
                                   const size_t *cnt)
{
    size_t *ptr = calloc(n + 1, sizeof *ptr);
    size_t *theirs = calloc(n, sizeof *theirs);
    if (!ptr || !theirs) {
        free(ptr);
        free(theirs);
        return LEDE_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t x = 0; x < cnt[i]; x++)
            theirs[top[i * k + x].col]++;
    for (size_t i = 0; i < n; i++)
        ptr[i + 1] = ptr[i] + cnt[i] + theirs[i];
    lede_edge *adj = lede_alloc_array(ptr[n], sizeof *adj);
    if (!adj) {
        free(ptr);
        free(theirs);
        return LEDE_ERR_NOMEM;
    }
    /* theirs[j] becomes where row j's next chooser goes. */
    for (size_t j = 0; j < n; j++)
        theirs[j] = ptr[j] + cnt[j];
    for (size_t i = 0; i < n; i++) {
        sort_by_col(top + i * k, cnt[i]);
        for (size_t x = 0; x < cnt[i]; x++) {
            lede_edge e = top[i * k + x];
            adj[theirs[e.col]++] = (lede_edge){(uint32_t)i, e.w};
        }
    }
    /* Rows are merged to the front of what is left, in order: a row's
     * output starts at or before its own room. */
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        size_t start = ptr[i] + cnt[i], end = ptr[i + 1];
        ptr[i] = out;
        out += merge_unique(top + i * k, cnt[i], adj + start, end - start, adj + out);
    }
    ptr[n] = out;
    free(theirs);
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
    if (k > n)
        k = n; /* no row has more neighbours */
    postings p = {0};
    scratch s = {calloc(n, sizeof(float)), lede_alloc_array(n, sizeof(uint32_t)),
                 k > SORTED_LIST_MAX ? lede_alloc_array(n, sizeof(lede_edge)) : NULL};
    lede_edge *top = lede_alloc_array(n, k * sizeof *top);
    size_t *cnt = lede_alloc_array(n, sizeof *cnt);
    lede_status st = LEDE_ERR_NOMEM;
    if (s.acc && s.touched && (s.found || k <= SORTED_LIST_MAX) && top && cnt)
        st = build_postings(&p, v, df_cap);
    for (size_t i = 0; st == LEDE_OK && i < n; i++)
        cnt[i] = row_neighbours(v, &p, df_cap, i, k, &s, top + i * k);
    /* The index is done with: free it before the union allocates, which
     * lowers the peak of a long document by the index's size. */
    postings_free(&p);
    free(s.acc);
    free(s.touched);
    free(s.found);
    if (st == LEDE_OK)
        st = symmetric_union(g, n, k, top, cnt);
    free(top);
    free(cnt);
    return st;
}
