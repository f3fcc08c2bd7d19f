/* dynlib.h - a library opened with dlopen the first time it is needed
 * (libxml2 for markup, OpenBLAS for similarity graphs): opening it, binding
 * its functions into a table, and the error every later call reports when
 * either failed. The callers run these once, under their pthread_once. */
#ifndef LEDE_COMMON_DYNLIB_H
#define LEDE_COMMON_DYNLIB_H

#include <stddef.h>

#include "error.h"

typedef struct lede_dynlib {
    const char *soname;
    void *handle;
    char error[256]; /* empty while all is well; else the first failure */
} lede_dynlib;

/* Opens lib->soname with dlopen(`flags`), forgetting an earlier failure.
 * Returns 0, or -1 with lib->error saying what dlopen said. */
int lede_dynlib_open(lede_dynlib *lib, int flags);

/* Copies the address of symbol `name` into the `size` bytes at `out` (a
 * function pointer: ISO C does not convert void * to one, POSIX makes the
 * bytes of dlsym's answer one). A missing symbol gives NULL and, when it is
 * the first failure, sets lib->error. */
void lede_dynlib_bind(lede_dynlib *lib, const char *name, void *out, size_t size);

/* LEDE_OK, or LEDE_ERR_DEPENDENCY with lib->error in `*err`. */
lede_status lede_dynlib_status(const lede_dynlib *lib, lede_error **err);

#endif
