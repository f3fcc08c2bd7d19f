/* bootstrap.c - ROUGE-1.5.5's overall scores: bootstrap resampling with the
 * script's deterministic seeding.
 *
 * Resample s calls Perl's srand(s) and draws N indices int(N * rand());
 * Perl >= 5.20 implements rand with drand48 (state = s << 16 | 0x330E,
 * state = 0x5DEECE66D * state + 0xB mod 2^48, rand = state / 2^48). The
 * same indices serve every value of a document, so they are drawn once per
 * resample and reused for all metrics. The reported average is the mean of
 * the sorted resample means, and the bounds are read off the sorted means
 * with the script's index arithmetic. */
#include <stdlib.h>
#include <string.h>

#include "../common/alloc.h"
#include "rouge_internal.h"

#define DRAND48_A 0x5DEECE66Dull
#define DRAND48_C 0xBull
#define DRAND48_MASK ((1ull << 48) - 1)

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y ? 1 : 0;
}

/* A Perl array element: undef (0) past either end; negative indices count
 * from the end. */
static double element(const double *a, size_t n, long i)
{
    if (i < 0)
        i += (long)n;
    if (i < 0 || (size_t)i >= n)
        return 0;
    return a[i];
}

static void summarize_column(double *samples, size_t resamples, double confidence, double *out)
{
    qsort(samples, resamples, sizeof *samples, cmp_double);
    double sum = 0;
    for (size_t s = 0; s < resamples; s++)
        sum += samples[s];
    double r = (double)resamples;
    double delta = r * ((100 - confidence) / 2.0) / 100.0;
    long upper_a = (long)(r - delta - 1);
    long lower_a = (long)delta;
    double ratio = r - delta - 1 - (double)upper_a;
    double la = element(samples, resamples, lower_a);
    double lb = element(samples, resamples, lower_a + 1);
    double ua = element(samples, resamples, upper_a);
    double ub = element(samples, resamples, upper_a + 1);
    out[0] = lede_rouge_round5(sum / r);
    out[1] = lede_rouge_round5(la + (lb - la) * ratio);
    out[2] = lede_rouge_round5(ua + (ub - ua) * ratio);
}

/* -t 1: a resample's R, P and F from its summed counts. */
static void pooled_scores(double *sums, size_t width, double alpha)
{
    for (size_t k = 0; k + 2 < width; k += 3) {
        double model = sums[k], peer = sums[k + 1], hit = sums[k + 2];
        double r = model > 0 ? hit / model : 0;
        double p = peer > 0 ? hit / peer : 0;
        double den = (1 - alpha) * p + alpha * r;
        sums[k] = r;
        sums[k + 1] = p;
        sums[k + 2] = den > 0 ? (r * p) / den : 0;
    }
}

lede_status lede_rouge_bootstrap(const double *rows, size_t n_docs, size_t width,
                                 size_t resamples, double confidence, int pooled,
                                 double alpha, double *out)
{
    if (width == 0)
        return LEDE_OK;
    double *samples = lede_alloc_array(resamples, width * sizeof *samples);
    double *sums = lede_alloc_array(width, sizeof *sums);
    if (!samples || !sums) {
        free(samples);
        free(sums);
        return LEDE_ERR_NOMEM;
    }
    for (size_t s = 0; s < resamples; s++) {
        uint64_t state = (((uint64_t)(uint32_t)s << 16) | 0x330Eull) & DRAND48_MASK;
        memset(sums, 0, width * sizeof *sums);
        for (size_t i = 0; i < n_docs; i++) {
            state = (DRAND48_A * state + DRAND48_C) & DRAND48_MASK;
            size_t idx = (size_t)((double)n_docs * ((double)state * 0x1p-48));
            if (idx >= n_docs) /* cannot happen: rand() < 1 */
                idx = n_docs - 1;
            const double *row = rows + idx * width;
            for (size_t k = 0; k < width; k++)
                sums[k] += row[k];
        }
        if (pooled)
            pooled_scores(sums, width, alpha);
        for (size_t k = 0; k < width; k++)
            samples[k * resamples + s] = pooled ? sums[k] : n_docs ? sums[k] / (double)n_docs : 0;
    }
    for (size_t k = 0; k < width; k++)
        summarize_column(samples + k * resamples, resamples, confidence, out + 3 * k);
    free(samples);
    free(sums);
    return LEDE_OK;
}
