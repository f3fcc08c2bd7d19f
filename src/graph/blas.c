#define _GNU_SOURCE /* RTLD_DEEPBIND, dladdr1 */
#include "blas.h"

#include <dlfcn.h>
#include <limits.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../common/dynlib.h"

#ifndef LEDE_OPENBLAS_SONAME
#error "LEDE_OPENBLAS_SONAME must name the OpenBLAS lede is built against (src/CMakeLists.txt)"
#endif
/* LEDE_OPENBLAS_MODULE names lede's own copy of OpenBLAS when the build
 * made one (src/CMakeLists.txt); without it, no module is looked for, not
 * even a stray file of that name. */

/* The sanitizers refuse libraries opened with RTLD_DEEPBIND (they would
 * bypass their malloc); under them OpenBLAS's symbols are bound the usual
 * way. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
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

#ifdef LEDE_OPENBLAS_MODULE
static char module_path[PATH_MAX];

/* The module's path: beside the object this code is in, liblede.so or a
 * program linked with liblede.a (whose file the kernel names; dladdr would
 * give argv[0]). Only an absolute path is used: a relative one would have
 * the module looked up in the working directory, where anyone may put one. */
static int find_module(char *path, size_t size)
{
    Dl_info self;
    struct link_map *object = NULL;
    if (!dladdr1(&load_once, &self, (void **)&object, RTLD_DL_LINKMAP) || !object)
        return -1;
    char program[PATH_MAX];
    const char *file = object->l_name;
    if (!file[0]) {
        ssize_t n = readlink("/proc/self/exe", program, sizeof program - 1);
        if (n <= 0)
            return -1;
        program[n] = '\0';
        file = program;
    }
    if (file[0] != '/')
        return -1;
    int dir_length = (int)(strrchr(file, '/') - file);
    int n = snprintf(path, size, "%.*s/%s", dir_length, file, LEDE_OPENBLAS_MODULE);
    return n > 0 && (size_t)n < size ? 0 : -1;
}
#endif

/* Lazy binding: most of the shared OpenBLAS's thousands of kernels never run. */
static int open_library(const char *name)
{
    library.soname = name;
    return lede_dynlib_open(&library, RTLD_LAZY | RTLD_LOCAL | LEDE_BLAS_DEEPBIND);
}

static void load_library(void)
{
    /* A module that is absent or does not open leaves the system's OpenBLAS:
     * the same functions, only slower to load. */
    int opened = 0;
#ifdef LEDE_OPENBLAS_MODULE
    opened = find_module(module_path, sizeof module_path) == 0 && open_library(module_path) == 0;
#endif
    if (!opened && open_library(LEDE_OPENBLAS_SONAME) != 0)
        return;
    lede_dynlib_bind(&library, "cblas_dsyrk", &loaded.cblas_dsyrk, sizeof loaded.cblas_dsyrk);
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

const char *lede_blas_origin(void)
{
    const char *slash = strrchr(library.soname, '/');
    return slash ? slash + 1 : library.soname;
}
