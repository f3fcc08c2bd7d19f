/* host_contention.c - what this machine gives two copies of a loop that
 * share nothing, the reading bench/speed.py prints beside the two-thread
 * rows of `lede batch`.
 *
 * Usage: host_contention chase|arith MIB STEPS
 *
 * "chase" follows a random cycle of pointers through MIB mebibytes, one
 * dependent load after another, as a hash-table lookup does (most of
 * `lede batch`'s time per word is two such lookups into tables of a few
 * megabytes); "arith" runs a chain of multiplications that touches no
 * memory. Each prints the nanoseconds per step of its timed loop. Run
 * alone and then two at once, the ratio of the two readings is what the
 * host gives a second CPU's worth of the same work: a virtual machine
 * whose two CPUs share a core's caches or a busy host's memory shows it in
 * "chase" and not in "arith". */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* A xorshift generator: the cycle is the same on every run. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *state = x;
}

/* One cycle through all `n` slots, each holding the index of the next, in
 * a random order (Sattolo's shuffle), so that no prefetcher guesses it. */
static uint32_t *make_cycle(size_t n)
{
    uint32_t *order = malloc(n * sizeof *order), *next = malloc(n * sizeof *next);
    if (!order || !next) {
        free(order);
        free(next);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = (uint32_t)i;
    uint64_t state = 88172645463325252ull;
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = next_random(&state) % i;
        uint32_t t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (size_t i = 0; i < n; i++)
        next[order[i]] = order[(i + 1) % n];
    free(order);
    return next;
}

static int chase(size_t mib, long steps)
{
    size_t n = mib * 1024 * 1024 / sizeof(uint32_t);
    uint32_t *next = n > 1 ? make_cycle(n) : NULL;
    if (!next) {
        fprintf(stderr, "host_contention: cannot make a cycle of %zu MiB\n", mib);
        return 1;
    }
    uint32_t at = 0;
    for (size_t i = 0; i < n; i++) /* once round: the pages are mapped */
        at = next[at];
    double start = now();
    for (long s = 0; s < steps; s++)
        at = next[at];
    double seconds = now() - start;
    printf("%.3f %u\n", seconds * 1e9 / (double)steps, at % 2);
    free(next);
    return 0;
}

static int arith(long steps)
{
    uint64_t x = 1;
    double start = now();
    for (long s = 0; s < steps; s++)
        x = x * 6364136223846793005ull + 1442695040888963407ull;
    double seconds = now() - start;
    printf("%.3f %u\n", seconds * 1e9 / (double)steps, (unsigned)(x % 2));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: host_contention chase|arith MIB STEPS\n");
        return 2;
    }
    size_t mib = strtoul(argv[2], NULL, 10);
    long steps = strtol(argv[3], NULL, 10);
    if (steps < 1 || mib < 1 || mib > 4096) {
        fprintf(stderr, "host_contention: MIB must be 1 to 4096 and STEPS at least 1\n");
        return 2;
    }
    if (strcmp(argv[1], "chase") == 0)
        return chase(mib, steps);
    if (strcmp(argv[1], "arith") == 0)
        return arith(steps);
    fprintf(stderr, "host_contention: unknown loop '%s'\n", argv[1]);
    return 2;
}
