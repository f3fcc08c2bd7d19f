/* baselines.h - scores for the baseline methods, which need no graph. */
#ifndef LEDE_RANK_BASELINES_H
#define LEDE_RANK_BASELINES_H

#include <stddef.h>
#include <stdint.h>

/* Lead: earlier sentences score higher, linearly; scores sum to 1. */
void lede_rank_lead(size_t n, double *scores);

/* Random: scores drawn from a generator seeded with `seed` (the same seed
 * gives the same scores for the same n); they sum to 1. */
void lede_rank_random(size_t n, uint64_t seed, double *scores);

#endif
