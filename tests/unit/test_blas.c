/* test_blas.c - OpenBLAS loaded on demand (src/graph/blas.h): the table's
 * prototypes are cblas.h's own (this file fills a table from the linked
 * functions, which does not compile when one differs), the functions
 * loaded with dlsym are the ones the linker finds, and they compute. */
#include <string.h>

#include <cblas.h>

#include "graph/blas.h"
#include "harness.h"
#include "load_check.h"
#include "lede.h"

/* Assignments from the real functions: a prototype in blas.h that differs
 * from cblas.h is an incompatible-pointer error under -Werror. */
static const lede_blas_api linked = {
    .cblas_ssyrk = cblas_ssyrk,
    .cblas_dgemv = cblas_dgemv,
    .openblas_get_config = openblas_get_config,
};

int main(void)
{
    if (!check_loads(lede_blas_load))
        return harness_finish();
    const lede_blas_api *blas = lede_blas();
    CHECK_MSG(memcmp(blas, &linked, sizeof linked) == 0,
              "dlsym gave other functions than the linker");
    CHECK(strstr(blas->openblas_get_config(), "OpenBLAS") != NULL);

    /* The upper triangle of A·Aᵀ, and y = Mᵀ·x, through the loaded table. */
    const float a[2 * 3] = {1, 2, 3, 4, 5, 6};
    float c[2 * 2] = {0};
    blas->cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans, 2, 3, 1.0f, a, 3, 0.0f, c, 2);
    CHECK_NEAR(c[0], 14, 1e-6);
    CHECK_NEAR(c[1], 32, 1e-6);
    CHECK_NEAR(c[3], 77, 1e-6);
    const double m[2 * 2] = {1, 2, 3, 4}, x[2] = {1, 1};
    double y[2] = {0};
    blas->cblas_dgemv(CblasRowMajor, CblasTrans, 2, 2, 1.0, m, 2, x, 1, 0.0, y, 1);
    CHECK_NEAR(y[0], 4, 1e-12);
    CHECK_NEAR(y[1], 6, 1e-12);
    return harness_finish();
}
