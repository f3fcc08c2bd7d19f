#include "textrank.h"

#include <math.h>

#include "../graph/blas.h"

size_t lede_textrank_work_size(const lede_graph *g)
{
    size_t n = g->n;
    return g->sparse ? 3 * n : n * n + 3 * n;
}

/* How edges count: dropped at or below `threshold`, else 1 in a binary
 * graph and their weight otherwise. Passed by value so that the n^2 loops
 * below keep it in registers: they store doubles, which the compiler must
 * otherwise assume may change a lede_rank_params. */
typedef struct edge_rule {
    double threshold;
    double binary; /* 1.0 or 0.0 */
} edge_rule;

/* Without branches: whether an edge is dropped is data (about half the
 * pairs of a news article share no term), and a branch on it
 * mispredicts in every other n^2 step. */
static double edge_weight(float w, edge_rule r)
{
    double x = w;
    double kept = (double)(x > r.threshold); /* 1.0 or 0.0 */
    return kept * (r.binary + (1.0 - r.binary) * x);
}

static double sparse_weight_sum(const lede_graph *g, size_t j, edge_rule r)
{
    double sum = 0;
    for (size_t k = g->adj_ptr[j]; k < g->adj_ptr[j + 1]; k++)
        sum += edge_weight(g->adj[k].w, r);
    return sum;
}

/* Dense graphs: row j of `share` holds what sentence j passes to each
 * sentence per unit of its score (edge weight over j's total weight,
 * out_weight[j]). Each edge's weight is made once, summed and stored, then
 * scaled. */
static void build_shares(const lede_graph *g, edge_rule r, double *restrict out_weight,
                         double *restrict share)
{
    size_t n = g->n;
    for (size_t j = 0; j < n; j++) {
        const float *row = g->sim + j * n;
        double *dst = share + j * n;
        double sum = 0;
        for (size_t i = 0; i < n; i++) {
            dst[i] = edge_weight(row[i], r);
            sum += dst[i];
        }
        out_weight[j] = sum;
        double inv = sum > 0 ? 1.0 / sum : 0.0;
        for (size_t i = 0; i < n; i++)
            dst[i] *= inv;
    }
}

/* in = shareᵀ · scores: the score flowing into each sentence along its
 * edges. OpenBLAS picks a kernel for this CPU at run time. */
static void flow_dense(size_t n, const double *share, const double *scores, double *in)
{
    lede_blas()->cblas_dgemv(CblasRowMajor, CblasTrans, (blasint)n, (blasint)n, 1.0, share,
                             (blasint)n, scores, 1, 0.0, in, 1);
}

/* share[j] = what sentence j sends per unit of edge weight: one division
 * per sentence and one array read per edge, instead of a division and two
 * scattered reads per edge (long documents have tens of millions). */
static void flow_sparse(const lede_graph *g, edge_rule r, const double *out_weight,
                        const double *scores, double *share, double *in)
{
    for (size_t j = 0; j < g->n; j++)
        share[j] = out_weight[j] > 0 ? scores[j] / out_weight[j] : 0.0;
    for (size_t i = 0; i < g->n; i++) {
        double sum = 0;
        for (size_t k = g->adj_ptr[i]; k < g->adj_ptr[i + 1]; k++)
            sum += edge_weight(g->adj[k].w, r) * share[g->adj[k].col];
        in[i] = sum;
    }
}

void lede_textrank(const lede_graph *g, const lede_rank_params *p, double *scores, double *work)
{
    size_t n = g->n;
    if (n == 0)
        return;
    double *out_weight = work;
    double *in = work + n;
    double *share = work + 2 * n;
    edge_rule r = {p->threshold, p->binary ? 1.0 : 0.0};
    for (size_t j = 0; j < n; j++)
        scores[j] = 1.0 / (double)n;
    if (g->sparse) {
        for (size_t j = 0; j < n; j++)
            out_weight[j] = sparse_weight_sum(g, j, r);
    } else {
        build_shares(g, r, out_weight, share);
    }
    /* Most graphs have no sentence without edges: then the sum of their
     * scores, below, is skipped in every iteration. */
    size_t first_dangling = n;
    for (size_t j = 0; j < n && first_dangling == n; j++)
        if (out_weight[j] <= 0)
            first_dangling = j;
    double d = p->damping;
    for (size_t iter = 0; iter < p->max_iterations; iter++) {
        /* A sentence without edges spreads its score evenly. */
        double dangling = 0;
        for (size_t j = first_dangling; j < n; j++)
            if (out_weight[j] <= 0)
                dangling += scores[j];
        if (g->sparse)
            flow_sparse(g, r, out_weight, scores, share, in);
        else
            flow_dense(n, share, scores, in);
        double base = (1.0 - d) / (double)n + d * dangling / (double)n;
        double change = 0;
        for (size_t i = 0; i < n; i++) {
            double next = base + d * in[i];
            change += fabs(next - scores[i]);
            scores[i] = next;
        }
        if (change < p->tolerance)
            break;
    }
}
