/* test_blas_threads.c - the BLAS lede loads must be safe to call from two
 * threads at once, as two summarizers in two threads do. Debian's serial
 * OpenBLAS is not (it is built without USE_LOCKING): linked by mistake, it
 * made `lede batch -j 2` pick other sentences now and then. Each thread
 * here repeats the calls lede makes (dsyrk for the similarity, dgemv for
 * TextRank) on its own data and compares every result with the one
 * computed before the threads started. The functions are the ones lede
 * loads (graph/blas.h), so this checks the library a run would get. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "graph/blas.h"
#include "harness.h"

enum { ROWS = 24, COLS = 40, ROUNDS = 20000, THREADS = 2 };

typedef struct work {
    double x[ROWS * COLS];
    double want_s[ROWS * ROWS];
    double m[ROWS * ROWS], v[ROWS], want_y[ROWS];
    long mismatches;
} work;

static void similarity(const work *w, double *s)
{
    memset(s, 0, sizeof(double) * ROWS * ROWS);
    lede_blas()->cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, ROWS, COLS, 1.0, w->x,
                             COLS, 0.0, s, ROWS);
}

static void step(const work *w, double *y)
{
    lede_blas()->cblas_dgemv(CblasRowMajor, CblasNoTrans, ROWS, ROWS, 0.85, w->m, ROWS, w->v, 1,
                             0.0, y, 1);
}

static void fill(work *w, unsigned seed)
{
    for (size_t i = 0; i < ROWS * COLS; i++) {
        seed = seed * 1103515245u + 12345u;
        w->x[i] = (double)(seed >> 16 & 0xFF) / 255.0;
    }
    for (size_t i = 0; i < ROWS * ROWS; i++)
        w->m[i] = w->x[i % (ROWS * COLS)] + 0.5;
    for (size_t i = 0; i < ROWS; i++)
        w->v[i] = 1.0 / (double)(i + 1);
    similarity(w, w->want_s);
    step(w, w->want_y);
}

static void *hammer(void *arg)
{
    work *w = arg;
    double s[ROWS * ROWS];
    double y[ROWS];
    for (int r = 0; r < ROUNDS; r++) {
        similarity(w, s);
        step(w, y);
        w->mismatches += memcmp(s, w->want_s, sizeof s) != 0;
        w->mismatches += memcmp(y, w->want_y, sizeof y) != 0;
    }
    return NULL;
}

int main(void)
{
    static work works[THREADS];
    if (!CHECK_EQ(lede_blas_load(NULL), LEDE_OK))
        return harness_finish();
    for (unsigned t = 0; t < THREADS; t++)
        fill(&works[t], 7 + t);
    pthread_t threads[THREADS];
    for (int t = 0; t < THREADS; t++)
        CHECK(pthread_create(&threads[t], NULL, hammer, &works[t]) == 0);
    for (int t = 0; t < THREADS; t++)
        pthread_join(threads[t], NULL);
    for (int t = 0; t < THREADS; t++)
        CHECK_MSG(works[t].mismatches == 0,
                  "thread %d: %ld of %d rounds gave another result: the loaded BLAS (%s) is "
                  "not safe to call from two threads",
                  t, works[t].mismatches, ROUNDS, lede_blas()->openblas_get_config());
    return harness_finish();
}
