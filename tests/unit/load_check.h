/* load_check.h - what every library lede loads on demand (libxml2,
 * OpenBLAS) must do: the first load succeeds and sets no error, and a
 * second load is a no-op that succeeds. */
#ifndef LEDE_TEST_LOAD_CHECK_H
#define LEDE_TEST_LOAD_CHECK_H

#include "harness.h"
#include "lede.h"

/* Returns nonzero when the library loaded; on failure the check reports
 * the loader's message. */
static inline int check_loads(lede_status (*load)(lede_error **err))
{
    lede_error *err = NULL;
    if (!CHECK_EQ(load(&err), LEDE_OK)) {
        CHECK_MSG(0, "%s", lede_error_message(err));
        lede_error_free(err);
        return 0;
    }
    CHECK(err == NULL);
    return CHECK_EQ(load(NULL), LEDE_OK);
}

#endif
