/* test_missing_libraries.c - the on-demand loaders (src/html/libxml.c,
 * src/graph/blas.c) built to load libraries that do not exist: every load
 * fails with LEDE_ERR_DEPENDENCY and a message naming the library, and
 * failing twice says the same. */
#include <string.h>

#include "common/error.h"
#include "graph/blas.h"
#include "harness.h"
#include "html/libxml.h"

static void check_missing(const char *what, lede_status (*load)(lede_error **))
{
    for (int attempt = 0; attempt < 2; attempt++) {
        lede_error *err = NULL;
        CHECK_MSG(load(&err) == LEDE_ERR_DEPENDENCY, "%s: loaded", what);
        if (CHECK(err != NULL)) {
            CHECK_EQ(lede_error_code(err), LEDE_ERR_DEPENDENCY);
            const char *msg = lede_error_message(err);
            CHECK_MSG(strstr(msg, "cannot load liblede-no-such-library.so.0") != NULL,
                      "%s: message: %s", what, msg);
        }
        lede_error_free(err);
    }
    CHECK_MSG(load(NULL) == LEDE_ERR_DEPENDENCY, "%s: loaded without err", what);
}

int main(void)
{
    check_missing("libxml2", lede_libxml_load);
    check_missing("OpenBLAS", lede_blas_load);
    CHECK_STR(lede_strerror(LEDE_ERR_DEPENDENCY), "a library lede needs cannot be loaded");
    return harness_finish();
}
