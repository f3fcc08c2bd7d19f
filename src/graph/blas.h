/* blas.h - OpenBLAS, loaded the first time a similarity graph is built.
 *
 * Linked in, OpenBLAS cost every lede process 2.2 ms of start-up, most of
 * it the dynamic loader binding 13,900 of OpenBLAS's references to its own
 * symbols. Loaded on demand, it is paid only by the processes that rank by
 * a graph (not `lede split`, `lede rouge`, `lede extract`, nor the
 * baselines). What is loaded is lede's own copy of the three functions,
 * lede-openblas.so beside liblede (openblas_module.c), whose references are
 * bound when it is linked: 0.3 ms. Without it (not built, or liblede linked
 * statically into a program elsewhere) the system's OpenBLAS is opened with
 * RTLD_DEEPBIND, its own symbols first: 1.3 ms. Both read
 * OPENBLAS_NUM_THREADS when they are loaded, so a program may still set it
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
    void (*cblas_dsyrk)(OPENBLAS_CONST enum CBLAS_ORDER order, OPENBLAS_CONST enum CBLAS_UPLO uplo,
                        OPENBLAS_CONST enum CBLAS_TRANSPOSE trans, OPENBLAS_CONST blasint n,
                        OPENBLAS_CONST blasint k, OPENBLAS_CONST double alpha,
                        OPENBLAS_CONST double *a, OPENBLAS_CONST blasint lda,
                        OPENBLAS_CONST double beta, double *c, OPENBLAS_CONST blasint ldc);
    void (*cblas_dgemv)(OPENBLAS_CONST enum CBLAS_ORDER order,
                        OPENBLAS_CONST enum CBLAS_TRANSPOSE trans, OPENBLAS_CONST blasint m,
                        OPENBLAS_CONST blasint n, OPENBLAS_CONST double alpha,
                        OPENBLAS_CONST double *a, OPENBLAS_CONST blasint lda,
                        OPENBLAS_CONST double *x, OPENBLAS_CONST blasint incx,
                        OPENBLAS_CONST double beta, double *y, OPENBLAS_CONST blasint incy);
    char *(*openblas_get_config)(void);
} lede_blas_api;

/* Loads OpenBLAS once per process: lede-openblas.so beside the object this
 * code is linked into, when its path is absolute and the module opens;
 * else the soname lede was built against. Thread-safe. Returns LEDE_OK, or
 * LEDE_ERR_DEPENDENCY with `*err` naming the soname and what dlopen or
 * dlsym said when neither can be loaded (every later call says the same). */
lede_status lede_blas_load(lede_error **err);

/* The loaded library's functions: only after lede_blas_load() succeeded
 * (a dense graph from lede_graph_build is proof of that). */
const lede_blas_api *lede_blas(void);

/* The file name of what lede_blas_load() loaded: LEDE_OPENBLAS_MODULE for
 * lede's own copy, else the soname (the same when it failed). Static,
 * valid for the life of the process. */
const char *lede_blas_origin(void);

#endif
