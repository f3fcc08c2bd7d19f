#include "textrank.h"

#include <math.h>

/* Row i of the symmetric matrix holds the weights of the edges into i;
 * `share` is what each sentence sends per unit of edge weight. Four
 * partial sums let the loop pipeline; the order is fixed, so results are
 * deterministic. */
static double incoming_dense(const float *row, const double *share, size_t n)
{
    double a = 0, b = 0, c = 0, e = 0;
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        a += row[j] * share[j];
        b += row[j + 1] * share[j + 1];
        c += row[j + 2] * share[j + 2];
        e += row[j + 3] * share[j + 3];
    }
    for (; j < n; j++)
        a += row[j] * share[j];
    return (a + b) + (c + e);
}

static double incoming(const lede_graph *g, size_t i, const double *share)
{
    if (!g->sparse)
        return incoming_dense(g->sim + i * g->n, share, g->n);
    double in = 0;
    for (size_t k = g->adj_ptr[i]; k < g->adj_ptr[i + 1]; k++)
        in += g->adj[k].w * share[g->adj[k].col];
    return in;
}

static double weight_sum(const lede_graph *g, size_t j)
{
    double sum = 0;
    if (g->sparse) {
        for (size_t k = g->adj_ptr[j]; k < g->adj_ptr[j + 1]; k++)
            sum += g->adj[k].w;
        return sum;
    }
    const float *row = g->sim + j * g->n;
    for (size_t i = 0; i < g->n; i++)
        sum += row[i];
    return sum;
}

void lede_textrank(const lede_graph *g, const lede_rank_params *p, double *scores, double *work)
{
    size_t n = g->n;
    if (n == 0)
        return;
    double *out_weight = work;
    double *share = work + n;
    for (size_t j = 0; j < n; j++) {
        out_weight[j] = weight_sum(g, j);
        scores[j] = 1.0 / (double)n;
    }
    double d = p->damping;
    for (size_t iter = 0; iter < p->max_iterations; iter++) {
        double dangling = 0;
        for (size_t j = 0; j < n; j++) {
            if (out_weight[j] > 0) {
                share[j] = scores[j] / out_weight[j];
            } else {
                share[j] = 0;
                dangling += scores[j];
            }
        }
        double base = (1.0 - d) / (double)n + d * dangling / (double)n;
        double change = 0;
        for (size_t i = 0; i < n; i++) {
            double next = base + d * incoming(g, i, share);
            change += fabs(next - scores[i]);
            scores[i] = next;
        }
        if (change < p->tolerance)
            break;
    }
}
