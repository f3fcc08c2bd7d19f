/* test_pipeline.c - the numeric stages with hand-computed expectations:
 * TF-IDF vectors, the similarity graph, TextRank and selection. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/similarity.h"
#include "harness.h"
#include "rank/textrank.h"
#include "select/select.h"
#include "vec/tfidf.h"

/* Weight of local term `t` in row `r`, 0 when absent. */
static double weight(const lede_tfidf *v, size_t r, uint32_t global)
{
    for (size_t k = v->row_ptr[r]; k < v->row_ptr[r + 1]; k++)
        if (v->global[v->col[k]] == global)
            return v->val[k];
    return 0;
}

static void test_tfidf(void)
{
    /* rows: {a, a, b}, {a, c}, {d}; global ids a=7 b=3 c=9 d=0 */
    uint32_t terms[] = {7, 7, 3, 7, 9, 0};
    size_t first[] = {0, 3, 5, 6};
    lede_tfidf v = {0};
    CHECK_EQ(lede_tfidf_build(&v, 3, terms, first, 10, NULL), LEDE_OK);
    CHECK_EQ(v.rows, 3);
    CHECK_EQ(v.nterms, 4);
    CHECK_EQ(v.nnz, 5);
    double idf_a = log(4.0 / 3.0) + 1, idf_b = log(2.0) + 1;
    double wa = (1 + log(2.0)) * idf_a, wb = idf_b;
    double norm = sqrt(wa * wa + wb * wb);
    CHECK_NEAR(weight(&v, 0, 7), wa / norm, 1e-6);
    CHECK_NEAR(weight(&v, 0, 3), wb / norm, 1e-6);
    double wa1 = idf_a, wc1 = idf_b, norm1 = sqrt(wa1 * wa1 + wc1 * wc1);
    CHECK_NEAR(weight(&v, 1, 7), wa1 / norm1, 1e-6);
    CHECK_NEAR(weight(&v, 2, 0), 1.0, 1e-6);
    /* Columns increase within a row. */
    for (size_t r = 0; r < v.rows; r++)
        for (size_t k = v.row_ptr[r] + 1; k < v.row_ptr[r + 1]; k++)
            CHECK(v.col[k - 1] < v.col[k]);

    /* A second document through the same object renumbers from scratch. */
    uint32_t terms2[] = {3, 3};
    size_t first2[] = {0, 1, 2};
    CHECK_EQ(lede_tfidf_build(&v, 2, terms2, first2, 10, NULL), LEDE_OK);
    CHECK_EQ(v.nterms, 1);
    CHECK_NEAR(weight(&v, 0, 3), 1.0, 1e-6);

    /* An empty row stays all zero. */
    size_t first3[] = {0, 0, 2};
    CHECK_EQ(lede_tfidf_build(&v, 2, terms2, first3, 10, NULL), LEDE_OK);
    CHECK_EQ(v.row_ptr[1] - v.row_ptr[0], 0);
    lede_tfidf_free(&v);
}

/* Regression: a fresh object whose first row is empty passed NULL to
 * qsort (UBSan: null pointer argument). */
static void test_tfidf_empty_first_row(void)
{
    uint32_t terms[] = {5};
    size_t first[] = {0, 0, 1};
    lede_tfidf v = {0};
    CHECK_EQ(lede_tfidf_build(&v, 2, terms, first, 6, NULL), LEDE_OK);
    CHECK_EQ(v.nnz, 1);
    lede_tfidf_free(&v);
}

/* idf ^ 0: every term weighs its sublinear frequency alone. */
static void test_idf_power(void)
{
    uint32_t terms[] = {7, 7, 3, 7, 9, 0};
    size_t first[] = {0, 3, 5, 6};
    lede_tfidf v = {0};
    lede_tfidf_params p = {NULL, NULL, 0, 0, 0.0};
    CHECK_EQ(lede_tfidf_build(&v, 3, terms, first, 10, &p), LEDE_OK);
    double wa = 1 + log(2.0), norm = sqrt(wa * wa + 1.0);
    CHECK_NEAR(weight(&v, 0, 7), wa / norm, 1e-6);
    CHECK_NEAR(weight(&v, 0, 3), 1.0 / norm, 1e-6);
    /* idf ^ 0.5 sits between. */
    p.idf_power = 0.5;
    CHECK_EQ(lede_tfidf_build(&v, 3, terms, first, 10, &p), LEDE_OK);
    double ia = sqrt(log(4.0 / 3.0) + 1), ib = sqrt(log(2.0) + 1);
    double a = wa * ia, b = ib, n2 = sqrt(a * a + b * b);
    CHECK_NEAR(weight(&v, 0, 7), a / n2, 1e-6);
    lede_tfidf_free(&v);
}

static double half_idf(void *ctx, uint32_t term)
{
    (void)ctx;
    return term == 7 ? 10.0 : -1.0;
}

static void test_background_idf(void)
{
    /* Rows {a, b}, {a, b}: the local idf of both is 1; a background idf of
     * 10 for a, mixed at w = 0.5, makes a weigh 5.5 against b's 1. */
    uint32_t terms[] = {7, 3, 7, 3};
    size_t first[] = {0, 2, 4};
    lede_tfidf v = {0};
    CHECK_EQ(lede_tfidf_build(&v, 2, terms, first, 10, &(lede_tfidf_params){half_idf, NULL, 0.5, 0.0, 1.0}), LEDE_OK);
    double norm = sqrt(5.5 * 5.5 + 1.0);
    CHECK_NEAR(weight(&v, 0, 7), 5.5 / norm, 1e-6);
    CHECK_NEAR(weight(&v, 0, 3), 1.0 / norm, 1e-6);
    lede_tfidf_free(&v);
}

static void test_graph_small(void)
{
    uint32_t terms[] = {7, 7, 3, 7, 9, 0};
    size_t first[] = {0, 3, 5, 6};
    lede_tfidf v = {0};
    lede_graph g = {0};
    CHECK_EQ(lede_tfidf_build(&v, 3, terms, first, 10, NULL), LEDE_OK);
    lede_graph_params gp = lede_graph_defaults();
    CHECK_EQ(lede_graph_build(&g, &v, &gp), LEDE_OK);
    CHECK_EQ(g.n, 3);
    CHECK(!g.sparse);
    double want = weight(&v, 0, 7) * weight(&v, 1, 7);
    CHECK_NEAR(lede_graph_sim(&g, 0, 1), want, 1e-6);
    CHECK_NEAR(lede_graph_sim(&g, 1, 0), want, 1e-6);
    CHECK_NEAR(lede_graph_sim(&g, 0, 2), 0, 1e-9);
    CHECK_NEAR(lede_graph_sim(&g, 0, 0), 0, 1e-9);
    lede_graph_free(&g);
    lede_tfidf_free(&v);
}

/* Many shared terms and a tiny block budget force several column blocks;
 * the result must equal the plain dot products. */
static void test_graph_blocks(void)
{
    enum { ROWS = 7, PER_ROW = 40, VOCAB = 60 };
    uint32_t terms[ROWS * PER_ROW];
    size_t first[ROWS + 1];
    unsigned seed = 12345;
    for (size_t r = 0; r < ROWS; r++) {
        first[r] = r * PER_ROW;
        for (size_t k = 0; k < PER_ROW; k++) {
            seed = seed * 1103515245u + 12345u;
            terms[r * PER_ROW + k] = (seed >> 8) % VOCAB;
        }
    }
    first[ROWS] = ROWS * PER_ROW;
    lede_tfidf v = {0};
    lede_graph g = {0};
    CHECK_EQ(lede_tfidf_build(&v, ROWS, terms, first, VOCAB, NULL), LEDE_OK);
    lede_graph_params gp = lede_graph_defaults();
    gp.block_bytes = 16 * ROWS * sizeof(float);
    CHECK_EQ(lede_graph_build(&g, &v, &gp), LEDE_OK);
    for (size_t i = 0; i < ROWS; i++) {
        for (size_t j = 0; j < ROWS; j++) {
            double dot = 0;
            for (uint32_t t = 0; t < VOCAB && i != j; t++) {
                /* Terms in a single row do not enter the graph. */
                double wi = weight(&v, i, t), wj = weight(&v, j, t);
                dot += wi * wj;
            }
            CHECK_NEAR(lede_graph_sim(&g, i, j), dot, 1e-5);
        }
    }
    lede_graph_free(&g);
    lede_tfidf_free(&v);
}

/* A random document of `rows` rows over a vocabulary of `vocab` terms. */
static void random_rows(lede_tfidf *v, size_t rows, size_t per_row, uint32_t vocab,
                        unsigned seed)
{
    uint32_t *terms = malloc(rows * per_row * sizeof *terms);
    size_t *first = malloc((rows + 1) * sizeof *first);
    for (size_t r = 0; r < rows; r++) {
        first[r] = r * per_row;
        for (size_t k = 0; k < per_row; k++) {
            seed = seed * 1103515245u + 12345u;
            /* Squaring skews the draw towards low ids: a few common terms,
             * many rare ones, as in text. */
            uint32_t x = (seed >> 8) % 1000;
            terms[r * per_row + k] = (uint32_t)((uint64_t)x * x * vocab / 1000000);
        }
    }
    first[rows] = rows * per_row;
    CHECK_EQ(lede_tfidf_build(v, rows, terms, first, vocab, NULL), LEDE_OK);
    free(terms);
    free(first);
}

/* The dense graph of `v` and its sparse graph keeping `neighbours` per row
 * with terms in up to `df_cap` rows. */
static void both_graphs(const lede_tfidf *v, size_t neighbours, size_t df_cap,
                        lede_graph *dense, lede_graph *sparse)
{
    lede_graph_params gp = lede_graph_defaults();
    CHECK_EQ(lede_graph_build(dense, v, &gp), LEDE_OK);
    gp.dense_max = 0;
    gp.neighbours = neighbours;
    gp.df_cap = df_cap;
    CHECK_EQ(lede_graph_build(sparse, v, &gp), LEDE_OK);
    CHECK(!dense->sparse && sparse->sparse);
}

/* With room for every neighbour and no term left out, the sparse graph is
 * the dense one without its zeros. */
static void test_sparse_equals_dense(void)
{
    enum { ROWS = 120 };
    lede_tfidf v = {0};
    random_rows(&v, ROWS, 12, 400, 7);
    lede_graph dense = {0}, sparse = {0};
    both_graphs(&v, ROWS, ROWS, &dense, &sparse);
    int mismatches = 0;
    for (size_t i = 0; i < ROWS; i++)
        for (size_t j = 0; j < ROWS; j++)
            mismatches += fabs(lede_graph_sim(&dense, i, j) - lede_graph_sim(&sparse, i, j)) > 1e-5;
    CHECK_EQ(mismatches, 0);
    lede_graph_free(&dense);
    lede_graph_free(&sparse);
    lede_tfidf_free(&v);
}

/* The graph of `v` (more than dense_max rows) with the default parameters,
 * sparse, and the exact dense one. */
static void default_and_exact(const lede_tfidf *v, lede_graph *sparse, lede_graph *dense)
{
    lede_graph_params gp = lede_graph_defaults();
    CHECK_EQ(lede_graph_build(sparse, v, &gp), LEDE_OK);
    gp.dense_max = v->rows;
    CHECK_EQ(lede_graph_build(dense, v, &gp), LEDE_OK);
    CHECK(!dense->sparse && sparse->sparse);
}

/* Just past the dense graph's limit, the default sparse graph keeps every
 * edge of a document whose rows meet a few hundred others (dense_max^2 /
 * rows each): one more sentence does not change the ranking wholesale. */
static void test_sparse_past_dense_max(void)
{
    enum { ROWS = LEDE_GRAPH_DENSE_MAX + 88 };
    lede_tfidf v = {0};
    random_rows(&v, ROWS, 8, 3000, 11);
    lede_graph dense = {0}, sparse = {0};
    default_and_exact(&v, &sparse, &dense);
    size_t mismatches = 0, edges = 0;
    for (size_t i = 0; i < ROWS; i++)
        for (size_t j = 0; j < ROWS; j++) {
            float d = lede_graph_sim(&dense, i, j);
            edges += d > 0;
            mismatches += fabsf(d - lede_graph_sim(&sparse, i, j)) > 1e-5f;
        }
    CHECK_MSG(edges > (size_t)ROWS * 16 * 2, "only %zu edges: the test needs rows with more "
              "than 16 neighbours", edges);
    CHECK_MSG(mismatches == 0, "%zu of %zu similarities differ", mismatches, edges);
    lede_graph_free(&dense);
    lede_graph_free(&sparse);
    lede_tfidf_free(&v);
}

/* At 513 rows every row may have 512 neighbours, and keeps them all: term
 * 0 is in rows 0-511, term 1 in rows 1-512, term 2 in rows 0 and 512, so
 * rows 0 and 512 are each other's weakest neighbour. */
static void test_sparse_every_neighbour_at_513(void)
{
    enum { ROWS = LEDE_GRAPH_DENSE_MAX + 1 };
    uint32_t *terms = malloc(3 * ROWS * sizeof *terms);
    size_t *first = malloc((ROWS + 1) * sizeof *first);
    if (!CHECK(terms && first)) {
        free(terms);
        free(first);
        return;
    }
    size_t n = 0;
    for (size_t r = 0; r < ROWS; r++) {
        first[r] = n;
        if (r < ROWS - 1)
            terms[n++] = 0;
        if (r > 0)
            terms[n++] = 1;
        if (r == 0 || r == ROWS - 1)
            terms[n++] = 2;
    }
    first[ROWS] = n;
    lede_tfidf v = {0};
    CHECK_EQ(lede_tfidf_build(&v, ROWS, terms, first, 3, NULL), LEDE_OK);
    lede_graph dense = {0}, sparse = {0};
    default_and_exact(&v, &sparse, &dense);
    size_t missing = 0;
    for (size_t i = 0; i < ROWS; i++)
        for (size_t j = 0; j < ROWS; j++)
            missing += lede_graph_sim(&dense, i, j) > 0 && lede_graph_sim(&sparse, i, j) == 0;
    CHECK_MSG(missing == 0, "%zu edges of the dense graph missing from the sparse one", missing);
    lede_graph_free(&dense);
    lede_graph_free(&sparse);
    lede_tfidf_free(&v);
    free(terms);
    free(first);
}

/* With k neighbours, each row keeps at least its k strongest dense
 * neighbours (ties aside), the graph is symmetric, and rows are sorted;
 * and it is thinner than the dense one, so the choice was made. k up to
 * SORTED_LIST_MAX (64) keeps a sorted list, above it a selection. */
enum { TOP_K_MAX = 128 };

static void check_sparse_top_k(size_t rows, size_t per_row, size_t vocab, size_t k)
{
    lede_tfidf v = {0};
    random_rows(&v, rows, per_row, vocab, 99);
    lede_graph dense = {0}, sparse = {0};
    both_graphs(&v, k, rows, &dense, &sparse);
    size_t bad = 0, dropped = 0;
    for (size_t i = 0; i < rows; i++) {
        for (size_t e = sparse.adj_ptr[i] + 1; e < sparse.adj_ptr[i + 1]; e++)
            bad += sparse.adj[e - 1].col >= sparse.adj[e].col;
        /* The k-th strongest dense similarity of row i. */
        float best[TOP_K_MAX] = {0};
        for (size_t j = 0; j < rows; j++) {
            float x = lede_graph_sim(&dense, i, j);
            for (size_t b = 0; b < k; b++) {
                if (x > best[b]) {
                    for (size_t m = k - 1; m > b; m--)
                        best[m] = best[m - 1];
                    best[b] = x;
                    break;
                }
            }
        }
        for (size_t j = 0; j < rows; j++) {
            float d = lede_graph_sim(&dense, i, j), s = lede_graph_sim(&sparse, i, j);
            bad += s != lede_graph_sim(&sparse, j, i);
            if (d > best[k - 1] + 1e-6f)
                bad += fabsf(s - d) > 1e-5f;
            if (s > 0)
                bad += fabsf(s - d) > 1e-5f;
            dropped += d > 0 && s == 0;
        }
    }
    CHECK_MSG(bad == 0, "k %zu: %zu wrong edges", k, bad);
    CHECK_MSG(dropped > 0, "k %zu: no edge left out: the test chose nothing", k);
    lede_graph_free(&dense);
    lede_graph_free(&sparse);
    lede_tfidf_free(&v);
}

static void test_sparse_top_k(void)
{
    check_sparse_top_k(200, 10, 600, 5);
    check_sparse_top_k(300, 12, 100, 100);
}

/* Terms in more rows than the cap are left out of the sparse graph. */
static void test_sparse_df_cap(void)
{
    /* rows: {a}, {a}, {a, b}, {b}: a is in 3 rows, b in 2. */
    uint32_t terms[] = {0, 0, 0, 1, 1};
    size_t first[] = {0, 1, 2, 4, 5};
    lede_tfidf v = {0};
    CHECK_EQ(lede_tfidf_build(&v, 4, terms, first, 2, NULL), LEDE_OK);
    lede_graph g = {0};
    lede_graph_params gp = {1 << 20, 0, 8, 2};
    CHECK_EQ(lede_graph_build(&g, &v, &gp), LEDE_OK);
    CHECK(lede_graph_sim(&g, 0, 1) == 0);
    CHECK(lede_graph_sim(&g, 2, 3) > 0);
    CHECK_EQ(g.adj_ptr[4], 2);
    lede_graph_free(&g);
    lede_tfidf_free(&v);
}

/* TextRank gives the same scores on the dense graph and on the sparse
 * graph that holds the same edges. */
static void test_textrank_sparse_matches_dense(void)
{
    enum { ROWS = 60 };
    lede_tfidf v = {0};
    random_rows(&v, ROWS, 8, 300, 3);
    lede_graph dense = {0}, sparse = {0};
    both_graphs(&v, ROWS, ROWS, &dense, &sparse);
    lede_rank_params p = {0.85, 1e-12, 1000, 0.0, 0};
    double a[ROWS], b[ROWS], work[ROWS * ROWS + 3 * ROWS];
    lede_textrank(&dense, &p, a, work);
    lede_textrank(&sparse, &p, b, work);
    for (size_t i = 0; i < ROWS; i++)
        CHECK_NEAR(a[i], b[i], 1e-7);
    lede_graph_free(&dense);
    lede_graph_free(&sparse);
    lede_tfidf_free(&v);
}

static void make_graph(lede_graph *g, size_t n, const float *weights)
{
    g->n = n;
    g->sim = malloc(n * n * sizeof *g->sim);
    memcpy(g->sim, weights, n * n * sizeof *g->sim);
}

static void test_textrank(void)
{
    lede_rank_params p = {0.85, 1e-12, 1000, 0.0, 0};
    double scores[4], work[64];

    /* 0 - 1 connected, 2 isolated: by symmetry s0 = s1, and the isolated
     * node gets (1 - d) / (n - d) from the teleport and its own spread. */
    const float w3[] = {0, 0.5f, 0, 0.5f, 0, 0, 0, 0, 0};
    lede_graph g = {0};
    make_graph(&g, 3, w3);
    lede_textrank(&g, &p, scores, work);
    double y = 0.15 / 2.15;
    CHECK_NEAR(scores[2], y, 1e-9);
    CHECK_NEAR(scores[0], (1 - y) / 2, 1e-9);
    CHECK_NEAR(scores[1], scores[0], 1e-12);
    lede_graph_free(&g);

    /* A star: the centre wins, the leaves tie; scores sum to 1. */
    const float star[] = {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0};
    make_graph(&g, 4, star);
    lede_textrank(&g, &p, scores, work);
    CHECK(scores[0] > scores[1]);
    CHECK_NEAR(scores[1], scores[2], 1e-12);
    CHECK_NEAR(scores[0] + scores[1] + scores[2] + scores[3], 1.0, 1e-9);
    /* Closed form: c = (1-d)/4 + 3 d l and l = (1-d)/4 + d c / 3 give
     * c = (1 + 3d) / (4 (1 + d)). */
    double d = 0.85;
    CHECK_NEAR(scores[0], (1 + 3 * d) / (4 * (1 + d)), 1e-9);
    lede_graph_free(&g);

    /* No edges at all: every sentence scores 1/n. */
    const float none[] = {0, 0, 0, 0};
    make_graph(&g, 2, none);
    lede_textrank(&g, &p, scores, work);
    CHECK_NEAR(scores[0], 0.5, 1e-12);
    CHECK_NEAR(scores[1], 0.5, 1e-12);
    lede_graph_free(&g);
}

static float table_sim(const void *ctx, size_t i, size_t j)
{
    const float *t = ctx;
    return t[i * 4 + j];
}

/* lede_select on the four candidates with the given budget and checks. */
static lede_status select_with(const lede_candidate *c, lede_budget budget, double redundancy,
                               double mmr, lede_similarity_fn sim, const void *ctx,
                               size_t *order, size_t *rank, size_t *picked, size_t *count)
{
    lede_select_params p = {budget, redundancy, mmr, sim, ctx};
    return lede_select(c, 4, &p, order, rank, picked, count);
}

/* Ranks ordered by score, ties by index, and the picked sentences in
 * document order, for a document short enough for select.c's insertion
 * sort and for one long enough for qsort: the two must agree. */
static void test_select_order(void)
{
    for (size_t n = 40; n <= 100; n += 60) {
        lede_candidate *c = calloc(n, sizeof *c);
        size_t *order = calloc(n, sizeof *order), *rank = calloc(n, sizeof *rank);
        size_t *picked = calloc(n, sizeof *picked), count;
        if (!CHECK(c && order && rank && picked)) {
            free(c);
            free(order);
            free(rank);
            free(picked);
            return;
        }
        for (size_t i = 0; i < n; i++)
            c[i] = (lede_candidate){(double)(i * 7 % 5) / 10, 5, 30}; /* five scores, ties */
        lede_budget half = {LEDE_BUDGET_SENTENCES, n / 2, 0};
        lede_select_params p = {half, 1.0, 1.0, NULL, NULL};
        CHECK_EQ(lede_select(c, n, &p, order, rank, picked, &count), LEDE_OK);
        for (size_t k = 1; k < n; k++) {
            const lede_candidate *a = &c[order[k - 1]], *b = &c[order[k]];
            CHECK_MSG(a->score > b->score || (a->score == b->score && order[k - 1] < order[k]),
                      "n %zu: order %zu", n, k);
        }
        for (size_t k = 0; k < n; k++)
            CHECK_EQ(rank[order[k]], k + 1);
        CHECK_EQ(count, n / 2);
        for (size_t k = 1; k < count; k++)
            CHECK_MSG(picked[k - 1] < picked[k], "n %zu: picked %zu", n, k);
        for (size_t k = 0; k < count; k++)
            CHECK_MSG(rank[picked[k]] <= n / 2, "n %zu: picked rank %zu", n, rank[picked[k]]);
        free(c);
        free(order);
        free(rank);
        free(picked);
    }
}

/* The ranking order is `want`, its first n places. */
static void check_order(const size_t *order, const size_t *want, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++)
        CHECK_MSG(order[i] == want[i], "%s: place %zu holds %zu, want %zu", what, i, order[i],
                  want[i]);
}

static void test_select(void)
{
    lede_candidate c[4] = {{0.1, 5, 30}, {0.5, 10, 60}, {0.3, 3, 20}, {0.5, 8, 50}};
    size_t order[4], rank[4], picked[4], count;
    lede_budget two = {LEDE_BUDGET_SENTENCES, 2, 0};
    CHECK_EQ(select_with(c, two, 1.0, 1.0, NULL, NULL, order, rank, picked, &count), LEDE_OK);
    check_order(order, (const size_t[]){1, 3, 2, 0}, 4, "by score");
    CHECK_EQ(rank[0], 4);
    CHECK_EQ(rank[1], 1);
    CHECK_EQ(rank[3], 2);
    CHECK_EQ(count, 2);
    CHECK_EQ(picked[0], 1);
    CHECK_EQ(picked[1], 3);

    /* Words: 10 fits 12, then 8 and 3 do not fit the 2 left, nor 5. */
    lede_budget w12 = {LEDE_BUDGET_WORDS, 12, 0};
    CHECK_EQ(select_with(c, w12, 1.0, 1.0, NULL, NULL, order, rank, picked, &count), LEDE_OK);
    CHECK_EQ(count, 1);
    CHECK_EQ(picked[0], 1);
    lede_budget w13 = {LEDE_BUDGET_WORDS, 13, 0};
    CHECK_EQ(select_with(c, w13, 1.0, 1.0, NULL, NULL, order, rank, picked, &count), LEDE_OK);
    CHECK_EQ(count, 2);
    CHECK_EQ(picked[0], 1);
    CHECK_EQ(picked[1], 2);
    lede_budget c40 = {LEDE_BUDGET_CHARS, 40, 0};
    CHECK_EQ(select_with(c, c40, 1.0, 1.0, NULL, NULL, order, rank, picked, &count), LEDE_OK);
    CHECK_EQ(count, 1);
    CHECK_EQ(picked[0], 2);
    lede_budget c2 = {LEDE_BUDGET_CHARS, 2, 0};
    CHECK_EQ(select_with(c, c2, 1.0, 1.0, NULL, NULL, order, rank, picked, &count), LEDE_OK);
    CHECK_EQ(count, 0);

    /* Redundancy: 3 is a near-duplicate of 1, so the second pick is 2. */
    float sims[16] = {0};
    sims[1 * 4 + 3] = sims[3 * 4 + 1] = 0.95f;
    CHECK_EQ(select_with(c, two, 0.8, 1.0, table_sim, sims, order, rank, picked, &count),
             LEDE_OK);
    CHECK_EQ(count, 2);
    CHECK_EQ(picked[0], 1);
    CHECK_EQ(picked[1], 2);

    lede_budget half = {LEDE_BUDGET_RATIO, 0, 0.5};
    CHECK_EQ(select_with(c, half, 1.0, 1.0, NULL, NULL, order, rank, picked, &count), LEDE_OK);
    CHECK_EQ(count, 2);
    lede_budget tiny = {LEDE_BUDGET_RATIO, 0, 0.01};
    CHECK_EQ(select_with(c, tiny, 1.0, 1.0, NULL, NULL, order, rank, picked, &count), LEDE_OK);
    CHECK_EQ(count, 1);
    lede_budget dflt = {LEDE_BUDGET_SENTENCES, 0, 0};
    CHECK_EQ(select_with(c, dflt, 1.0, 1.0, NULL, NULL, order, rank, picked, &count), LEDE_OK);
    CHECK_EQ(count, 2);

    /* MMR at 0.5: after 1 (score 1 after rescaling), 3 scores
     * 0.5 * 1 - 0.5 * 0.95 = 0.025 and 2 scores 0.5 * 0.5 - 0 = 0.25. */
    CHECK_EQ(select_with(c, two, 1.0, 0.5, table_sim, sims, order, rank, picked, &count),
             LEDE_OK);
    CHECK_EQ(count, 2);
    CHECK_EQ(picked[0], 1);
    CHECK_EQ(picked[1], 2);
    /* MMR at 1 is the ranking itself. */
    CHECK_EQ(select_with(c, two, 1.0, 0.99999, table_sim, sims, order, rank, picked, &count),
             LEDE_OK);
    CHECK_EQ(picked[1], 3);
}

/* Scores that differ in their last bits are ties, broken by index: the
 * earlier of two identical sentences ranks first; distinct scores keep
 * their order. */
static void test_select_near_ties(void)
{
    double s = 0.0206663644;
    lede_candidate c[4] = {{0.01, 5, 30}, {s, 5, 30}, {s * (1 + 4e-16), 5, 30}, {s, 5, 30}};
    c[3].score = nextafter(s, 1.0);
    size_t order[4], rank[4], picked[4], count;
    lede_budget two = {LEDE_BUDGET_SENTENCES, 2, 0};
    CHECK_EQ(select_with(c, two, 1.0, 1.0, NULL, NULL, order, rank, picked, &count), LEDE_OK);
    check_order(order, (const size_t[]){1, 2, 3, 0}, 4, "near ties");
    CHECK_EQ(picked[0], 1);
    CHECK_EQ(picked[1], 2);
    /* Ties do not chain: 1 - 1.8e-9 and 1 are not tied through 1 - 0.9e-9. */
    lede_candidate chain[3] = {{1 - 1.8e-9, 5, 30}, {1 - 0.9e-9, 5, 30}, {1.0, 5, 30}};
    lede_select_params three = {{LEDE_BUDGET_SENTENCES, 3, 0}, 1.0, 1.0, NULL, NULL};
    CHECK_EQ(lede_select(chain, 3, &three, order, rank, picked, &count), LEDE_OK);
    check_order(order, (const size_t[]){1, 2, 0}, 3, "no chain");
    c[2].score = s * (1 + 1e-6); /* a real difference */
    CHECK_EQ(select_with(c, two, 1.0, 1.0, NULL, NULL, order, rank, picked, &count), LEDE_OK);
    check_order(order, (const size_t[]){2, 1}, 2, "a real difference");
}

/* A similarity that counts its calls: 2k and 2k + 1 are near-duplicates. */
typedef struct counted_sim {
    size_t calls;
} counted_sim;

static float counting_sim(const void *ctx, size_t i, size_t j)
{
    ((counted_sim *)ctx)->calls++;
    return i / 2 == j / 2 ? 0.9f : 0.1f;
}

/* MMR with a redundancy limit compares each candidate with the newest
 * pick only, once per step (n * picks calls), not with every pick again
 * (n * picks^2 / 2: 40 s on a 400 KB text); and it skips the same
 * near-duplicates the rank order skips. */
static void test_mmr_cost(void)
{
    enum { N = 400, PICKS = 60 };
    lede_candidate *c = calloc(N, sizeof *c);
    size_t *order = calloc(N, sizeof *order), *rank = calloc(N, sizeof *rank);
    size_t *picked = calloc(N, sizeof *picked), count = 0;
    if (CHECK(c && order && rank && picked)) {
        for (size_t i = 0; i < N; i++)
            c[i] = (lede_candidate){(double)((i * 37) % N) / N, 5, 30};
        counted_sim counter = {0};
        lede_select_params p = {{LEDE_BUDGET_SENTENCES, PICKS, 0}, 0.8, 0.7, counting_sim,
                                &counter};
        CHECK_EQ(lede_select(c, N, &p, order, rank, picked, &count), LEDE_OK);
        CHECK_EQ(count, PICKS);
        CHECK_MSG(counter.calls <= (size_t)N * PICKS, "%zu similarity calls for %d candidates",
                  counter.calls, N);
        for (size_t a = 0; a + 1 < count; a++)
            CHECK_MSG(picked[a] / 2 != picked[a + 1] / 2, "near-duplicates %zu and %zu picked",
                      picked[a], picked[a + 1]);
    }
    free(c);
    free(order);
    free(rank);
    free(picked);
}

static void test_default_sentences(void)
{
    CHECK_EQ(lede_default_sentences(1), 1);
    CHECK_EQ(lede_default_sentences(3), 1);
    CHECK_EQ(lede_default_sentences(4), 2);
    CHECK_EQ(lede_default_sentences(9), 3);
    CHECK_EQ(lede_default_sentences(15), 5);
    CHECK_EQ(lede_default_sentences(1000), 5);
}

int main(void)
{
    test_tfidf();
    test_tfidf_empty_first_row();
    test_idf_power();
    test_background_idf();
    test_graph_small();
    test_graph_blocks();
    test_sparse_equals_dense();
    test_sparse_top_k();
    test_sparse_past_dense_max();
    test_sparse_every_neighbour_at_513();
    test_sparse_df_cap();
    test_textrank_sparse_matches_dense();
    test_textrank();
    test_select();
    test_select_order();
    test_mmr_cost();
    test_select_near_ties();
    test_default_sentences();
    return harness_finish();
}
