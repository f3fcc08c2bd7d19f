/* blas.h - OpenBLAS, loaded the first time a similarity graph is built.
 *
 * Linked in, OpenBLAS cost every lede process 2.2 ms of start-up, most of
 * it the dynamic loader binding 12,000 of OpenBLAS's references to its own
 * symbols, each looked up through every library loaded before it. Opened
 * with dlopen(RTLD_DEEPBIND), its own symbols come first: 1.4 ms, paid only
 * by the processes that rank by a graph (not `lede split`, `lede rouge`,
 * `lede extract`, nor the baselines). OpenBLAS also reads
 * OPENBLAS_NUM_THREADS when it is loaded, so a program may still set it
 * before its first summary. The headers are still OpenBLAS's cblas.h.
 *
 * Loading happens once per process, under pthread_once; after that the
 * table is read-only and may be used from any thread. The library is never
 * unloaded. */
#ifndef LEDE_GRAPH_BLAS_H
#define LEDE_GRAPH_BLAS_H

#include <cblas.h>

#include "../common/error.h"

/* The OpenBLAS functions lede calls, named as cblas.h names them. The
 * prototypes are checked against cblas.h by tests/unit/test_blas.c, which
 * fills this table from the linked functions. */
typedef struct lede_blas_api {
    void (*cblas_ssyrk)(OPENBLAS_CONST enum CBLAS_ORDER order, OPENBLAS_CONST enum CBLAS_UPLO uplo,
                        OPENBLAS_CONST enum CBLAS_TRANSPOSE trans, OPENBLAS_CONST blasint n,
                        OPENBLAS_CONST blasint k, OPENBLAS_CONST float alpha,
                        OPENBLAS_CONST float *a, OPENBLAS_CONST blasint lda,
                        OPENBLAS_CONST float beta, float *c, OPENBLAS_CONST blasint ldc);
    void (*cblas_dgemv)(OPENBLAS_CONST enum CBLAS_ORDER order,
                        OPENBLAS_CONST enum CBLAS_TRANSPOSE trans, OPENBLAS_CONST blasint m,
                        OPENBLAS_CONST blasint n, OPENBLAS_CONST double alpha,
                        OPENBLAS_CONST double *a, OPENBLAS_CONST blasint lda,
                        OPENBLAS_CONST double *x, OPENBLAS_CONST blasint incx,
                        OPENBLAS_CONST double beta, double *y, OPENBLAS_CONST blasint incy);
    char *(*openblas_get_config)(void);
} lede_blas_api;

/* Loads OpenBLAS (the soname lede was built against), once per process;
 * thread-safe. Returns LEDE_OK, or LEDE_ERR_DEPENDENCY with `*err` naming
 * the library and what dlopen or dlsym said when it cannot be loaded
 * (every later call says the same). */
lede_status lede_blas_load(lede_error **err);

/* The loaded library's functions: only after lede_blas_load() succeeded
 * (a dense graph from lede_graph_build is proof of that). */
const lede_blas_api *lede_blas(void);

#endif
