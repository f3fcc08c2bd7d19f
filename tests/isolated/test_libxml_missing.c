/* test_libxml_missing.c - src/html/libxml.c built to load a library that
 * does not exist: every load fails with LEDE_ERR_DEPENDENCY and a message
 * naming the library, and failing twice says the same. */
#include <string.h>

#include "common/error.h"
#include "harness.h"
#include "html/libxml.h"

int main(void)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        lede_error *err = NULL;
        CHECK_EQ(lede_libxml_load(&err), LEDE_ERR_DEPENDENCY);
        if (CHECK(err != NULL)) {
            CHECK_EQ(lede_error_code(err), LEDE_ERR_DEPENDENCY);
            const char *msg = lede_error_message(err);
            CHECK_MSG(strstr(msg, "cannot load liblede-no-such-library.so.0") != NULL,
                      "message: %s", msg);
        }
        lede_error_free(err);
    }
    CHECK_EQ(lede_libxml_load(NULL), LEDE_ERR_DEPENDENCY);
    CHECK_STR(lede_strerror(LEDE_ERR_DEPENDENCY), "a library lede needs cannot be loaded");
    return harness_finish();
}
