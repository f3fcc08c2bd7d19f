/* test_blas.c - OpenBLAS loaded on demand (src/graph/blas.h): the table's
 * prototypes are cblas.h's own (this file fills a table from the linked
 * functions, which does not compile when one differs), the library loaded
 * is the one expected (lede's own copy, lede-openblas.so, when it is built;
 * tests/CMakeLists.txt also builds this file as test_blas_system, whose
 * loader looks for a module that does not exist and must fall back to the
 * system's OpenBLAS, the functions the linker finds), and the functions
 * loaded compute what the linked ones do, bit for bit. */
#include <string.h>

#include <cblas.h>

#include "graph/blas.h"
#include "harness.h"
#include "load_check.h"
#include "lede.h"

/* Assignments from the real functions: a prototype in blas.h that differs
 * from cblas.h is an incompatible-pointer error under -Werror. */
static const lede_blas_api linked = {
    .cblas_dsyrk = cblas_dsyrk,
    .cblas_dgemv = cblas_dgemv,
    .openblas_get_config = openblas_get_config,
};

#ifndef EXPECTED_ORIGIN
#error "EXPECTED_ORIGIN must name the file the loader is to load (tests/CMakeLists.txt)"
#endif

/* Deterministic data of the shape lede hands OpenBLAS: a news article's
 * 37 sentences by 300 terms, most weights zero. */
enum { ROWS = 37, COLS = 300 };

static void fill(double *x, double *m, double *v)
{
    unsigned state = 12345;
    for (int i = 0; i < ROWS * COLS; i++) {
        state = state * 1103515245u + 12345u;
        x[i] = (state >> 16) % 5 == 0 ? (double)((state >> 8) % 1000) / 997.0 : 0.0;
    }
    for (int i = 0; i < ROWS * ROWS; i++) {
        state = state * 1103515245u + 12345u;
        m[i] = (double)((state >> 8) % 100000) / 99991.0;
    }
    for (int i = 0; i < ROWS; i++)
        v[i] = 1.0 / (i + 1);
}

/* The loaded and the linked dsyrk and dgemv on the same data: the module is
 * linked from the same OpenBLAS, so it must give the same bits. */
static void check_same_results(const lede_blas_api *blas)
{
    static double x[ROWS * COLS], s_loaded[ROWS * ROWS], s_linked[ROWS * ROWS];
    static double m[ROWS * ROWS], v[ROWS], y_loaded[ROWS], y_linked[ROWS];
    fill(x, m, v);
    blas->cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, ROWS, COLS, 1.0, x, COLS, 0.0,
                      s_loaded, ROWS);
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, ROWS, COLS, 1.0, x, COLS, 0.0,
                s_linked, ROWS);
    for (int i = 0; i < ROWS; i++)
        CHECK_MSG(memcmp(&s_loaded[i * ROWS + i], &s_linked[i * ROWS + i],
                         sizeof(double) * (size_t)(ROWS - i)) == 0,
                  "dsyrk: row %d differs", i);
    blas->cblas_dgemv(CblasRowMajor, CblasTrans, ROWS, ROWS, 0.85, m, ROWS, v, 1, 0.0, y_loaded,
                      1);
    cblas_dgemv(CblasRowMajor, CblasTrans, ROWS, ROWS, 0.85, m, ROWS, v, 1, 0.0, y_linked, 1);
    CHECK_MSG(memcmp(y_loaded, y_linked, sizeof y_loaded) == 0, "dgemv: results differ");
}

int main(void)
{
    if (!check_loads(lede_blas_load))
        return harness_finish();
    const lede_blas_api *blas = lede_blas();
    CHECK_STR(lede_blas_origin(), EXPECTED_ORIGIN);
    int own_copy = strcmp(EXPECTED_ORIGIN, LEDE_OPENBLAS_SONAME) != 0;
    if (own_copy)
        CHECK_MSG(blas->cblas_dsyrk != linked.cblas_dsyrk && blas->cblas_dgemv != linked.cblas_dgemv,
                  "the module's functions are the linked library's");
    else
        CHECK_MSG(memcmp(blas, &linked, sizeof linked) == 0,
                  "dlsym gave other functions than the linker");
    CHECK(strstr(blas->openblas_get_config(), "OpenBLAS") != NULL);
    CHECK_STR(blas->openblas_get_config(), openblas_get_config());

    /* The upper triangle of A·Aᵀ, and y = Mᵀ·x, through the loaded table. */
    const double a[2 * 3] = {1, 2, 3, 4, 5, 6};
    double c[2 * 2] = {0};
    blas->cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, 2, 3, 1.0, a, 3, 0.0, c, 2);
    CHECK_NEAR(c[0], 14, 1e-6);
    CHECK_NEAR(c[1], 32, 1e-6);
    CHECK_NEAR(c[3], 77, 1e-6);
    const double m[2 * 2] = {1, 2, 3, 4}, x[2] = {1, 1};
    double y[2] = {0};
    blas->cblas_dgemv(CblasRowMajor, CblasTrans, 2, 2, 1.0, m, 2, x, 1, 0.0, y, 1);
    CHECK_NEAR(y[0], 4, 1e-12);
    CHECK_NEAR(y[1], 6, 1e-12);
    /* With the system's library the loaded table is the linked one (checked
     * above): comparing it with itself could not fail. */
    if (own_copy)
        check_same_results(blas);
    return harness_finish();
}
