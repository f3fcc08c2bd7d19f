#include "textrank.h"

#include <math.h>

void lede_textrank(const lede_graph *g, const lede_rank_params *p, double *scores, double *work)
{
    size_t n = g->n;
    if (n == 0)
        return;
    double *out_weight = work;
    double *share = work + n; /* score each sentence sends per unit weight */
    for (size_t j = 0; j < n; j++) {
        double sum = 0;
        const float *row = g->sim + j * n;
        for (size_t i = 0; i < n; i++)
            sum += row[i];
        out_weight[j] = sum;
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
            /* The matrix is symmetric, so row i holds the weights into i. */
            const float *row = g->sim + i * n;
            double in = 0;
            for (size_t j = 0; j < n; j++)
                in += row[j] * share[j];
            double next = base + d * in;
            change += fabs(next - scores[i]);
            scores[i] = next;
        }
        if (change < p->tolerance)
            break;
    }
}
