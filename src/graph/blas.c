#define _GNU_SOURCE /* RTLD_DEEPBIND */
#include "blas.h"

#include <dlfcn.h>
#include <pthread.h>

#include "../common/dynlib.h"

#ifndef LEDE_OPENBLAS_SONAME
#error "LEDE_OPENBLAS_SONAME must name the OpenBLAS lede is built against (src/CMakeLists.txt)"
#endif

/* AddressSanitizer refuses libraries opened with RTLD_DEEPBIND (they would
 * bypass its malloc); under it OpenBLAS's symbols are bound the usual way. */
#if defined(__SANITIZE_ADDRESS__)
#define LEDE_BLAS_DEEPBIND 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || \
    __has_feature(thread_sanitizer)
#define LEDE_BLAS_DEEPBIND 0
#endif
#endif
#ifndef LEDE_BLAS_DEEPBIND
#define LEDE_BLAS_DEEPBIND RTLD_DEEPBIND
#endif

/* Written once under pthread_once, read-only afterwards. */
static lede_blas_api loaded;
static lede_dynlib library = {LEDE_OPENBLAS_SONAME, NULL, ""};
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load_library(void)
{
    /* Lazy binding: most of OpenBLAS's thousands of kernels never run. */
    if (lede_dynlib_open(&library, RTLD_LAZY | RTLD_LOCAL | LEDE_BLAS_DEEPBIND) != 0)
        return;
    lede_dynlib_bind(&library, "cblas_ssyrk", &loaded.cblas_ssyrk, sizeof loaded.cblas_ssyrk);
    lede_dynlib_bind(&library, "cblas_dgemv", &loaded.cblas_dgemv, sizeof loaded.cblas_dgemv);
    lede_dynlib_bind(&library, "openblas_get_config", &loaded.openblas_get_config,
                     sizeof loaded.openblas_get_config);
}

lede_status lede_blas_load(lede_error **err)
{
    pthread_once(&load_once, load_library);
    return lede_dynlib_status(&library, err);
}

const lede_blas_api *lede_blas(void)
{
    return &loaded;
}
