#include "centrality.h"

/* An edge's contribution to a degree: its weight, or 1 when counting. */
static double degree_term(float w, double threshold, int weighted)
{
    if (w <= threshold)
        return 0.0;
    return weighted ? w : 1.0;
}

void lede_rank_degree(const lede_graph *g, double threshold, int weighted, double *scores)
{
    for (size_t i = 0; i < g->n; i++) {
        double degree = 0;
        if (g->sparse) {
            for (size_t k = g->adj_ptr[i]; k < g->adj_ptr[i + 1]; k++)
                degree += degree_term(g->adj[k].w, threshold, weighted);
        } else {
            const float *row = g->sim + i * g->n;
            for (size_t j = 0; j < g->n; j++)
                degree += j != i ? degree_term(row[j], threshold, weighted) : 0.0;
        }
        scores[i] = degree;
    }
}

/* The smallest and largest similarity between two different sentences
 * (edges of the sparse graph; every pair of the dense one). */
static void similarity_range(const lede_graph *g, double *lo, double *hi)
{
    double min = 1e300, max = -1e300;
    for (size_t i = 0; i < g->n; i++) {
        if (g->sparse) {
            for (size_t k = g->adj_ptr[i]; k < g->adj_ptr[i + 1]; k++) {
                double w = g->adj[k].w;
                min = w < min ? w : min;
                max = w > max ? w : max;
            }
            continue;
        }
        const float *row = g->sim + i * g->n;
        for (size_t j = i + 1; j < g->n; j++) {
            double w = row[j];
            min = w < min ? w : min;
            max = w > max ? w : max;
        }
    }
    *lo = min <= max ? min : 0;
    *hi = min <= max ? max : 0;
}

void lede_rank_position_aware(const lede_graph *g, double beta, double backward, double forward,
                              double *scores)
{
    double lo, hi;
    similarity_range(g, &lo, &hi);
    double cut = lo + beta * (hi - lo);
    for (size_t i = 0; i < g->n; i++) {
        double before = 0, after = 0;
        if (g->sparse) {
            for (size_t k = g->adj_ptr[i]; k < g->adj_ptr[i + 1]; k++) {
                double w = g->adj[k].w - cut;
                if (w <= 0)
                    continue;
                if (g->adj[k].col < i)
                    before += w;
                else
                    after += w;
            }
        } else {
            const float *row = g->sim + i * g->n;
            for (size_t j = 0; j < g->n; j++) {
                double w = row[j] - cut;
                if (j == i || w <= 0)
                    continue;
                if (j < i)
                    before += w;
                else
                    after += w;
            }
        }
        scores[i] = backward * before + forward * after;
    }
}
