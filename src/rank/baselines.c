#include "baselines.h"

void lede_rank_lead(size_t n, double *scores)
{
    double total = (double)n * (double)(n + 1) / 2.0;
    for (size_t i = 0; i < n; i++)
        scores[i] = (double)(n - i) / total;
}

/* splitmix64: small, fast, and good enough for picking baseline sentences. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void lede_rank_random(size_t n, uint64_t seed, double *scores)
{
    uint64_t state = seed;
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        /* 53 random bits as a double in (0, 1]. */
        scores[i] = (double)((next_random(&state) >> 11) + 1) / 9007199254740992.0;
        total += scores[i];
    }
    for (size_t i = 0; i < n; i++)
        scores[i] /= total;
}
