#include <stdio.h>
#include <utf8proc.h>

#include "../graph/blas.h"
#include "../html/libxml.h"
#include "../model/model_data.h"
#include "lede.h"

unsigned lede_version_number(void)
{
    return LEDE_VERSION_NUMBER;
}

const char *lede_version_string(void)
{
    return LEDE_VERSION_STRING;
}

size_t lede_language_count(void)
{
    return lede_builtin_model_count;
}

const char *lede_language_code(size_t i)
{
    return i < lede_builtin_model_count ? lede_builtin_models[i].code : NULL;
}

size_t lede_dependency_versions(char *buf, size_t size)
{
    /* libstemmer has no version call; Debian's 2.2.0 is what we build on.
     * libxml2 and OpenBLAS are loaded on demand: asking for their versions
     * loads them; OpenBLAS's file says whether it is lede's own copy. */
    const char *xml_version =
        lede_libxml_load(NULL) == LEDE_OK ? lede_libxml()->version : "(cannot be loaded)";
    const char *blas_config = lede_blas_load(NULL) == LEDE_OK ? lede_blas()->openblas_get_config()
                                                              : "OpenBLAS (cannot be loaded)";
    int n = snprintf(buf, size,
                     "libxml2 %s (built with %s); utf8proc %s (Unicode %s); %s (%s); "
                     "libstemmer (Snowball)",
                     xml_version, LIBXML_DOTTED_VERSION, utf8proc_version(),
                     utf8proc_unicode_version(), blas_config, lede_blas_origin());
    return n < 0 ? 0 : (size_t)n;
}
