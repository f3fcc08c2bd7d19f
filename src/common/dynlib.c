#include "dynlib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int lede_dynlib_open(lede_dynlib *lib, int flags)
{
    lib->error[0] = '\0'; /* a failure of an earlier open is over */
    lib->handle = dlopen(lib->soname, flags);
    if (lib->handle)
        return 0;
    const char *why = dlerror();
    snprintf(lib->error, sizeof lib->error, "cannot load %s: %s", lib->soname,
             why ? why : "dlopen failed");
    return -1;
}

void lede_dynlib_bind(lede_dynlib *lib, const char *name, void *out, size_t size)
{
    void *p = dlsym(lib->handle, name);
    if (!p && !lib->error[0]) {
        const char *why = dlerror();
        snprintf(lib->error, sizeof lib->error, "%s lacks %s: %s", lib->soname, name,
                 why ? why : "no such symbol");
    }
    memcpy(out, &p, size);
}

lede_status lede_dynlib_status(const lede_dynlib *lib, lede_error **err)
{
    if (lib->error[0])
        return lede_fail(err, LEDE_ERR_DEPENDENCY, "%s", lib->error);
    return LEDE_OK;
}
