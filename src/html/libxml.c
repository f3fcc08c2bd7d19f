#include "libxml.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#ifndef LEDE_LIBXML2_SONAME
#error "LEDE_LIBXML2_SONAME must name the libxml2 lede is built against (src/CMakeLists.txt)"
#endif

/* Written once under pthread_once, read-only afterwards. */
static lede_libxml_api loaded;
static char load_error[256];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

/* dlsym's answer for `name`, or NULL with load_error saying which. */
static void *symbol(void *handle, const char *name)
{
    void *p = dlsym(handle, name);
    if (!p && !load_error[0]) {
        const char *why = dlerror();
        snprintf(load_error, sizeof load_error, "%s lacks %s: %s", LEDE_LIBXML2_SONAME, name,
                 why ? why : "no such symbol");
    }
    return p;
}

/* Function pointers and data pointers differ in ISO C; POSIX makes dlsym's
 * void * convertible, through a copy of its bytes. */
#define LOAD(field) \
    do { \
        void *p_ = symbol(handle, #field); \
        memcpy(&loaded.field, &p_, sizeof loaded.field); \
    } while (0)

static void load_functions(void *handle)
{
    LOAD(xmlInitParser);
    LOAD(htmlCreateMemoryParserCtxt);
    LOAD(htmlCtxtUseOptions);
    LOAD(htmlParseDocument);
    LOAD(htmlFreeParserCtxt);
    LOAD(xmlCreateMemoryParserCtxt);
    LOAD(xmlNewParserCtxt);
    LOAD(xmlCtxtUseOptions);
    LOAD(xmlSwitchEncoding);
    LOAD(xmlParseDocument);
    LOAD(xmlCtxtReadFile);
    LOAD(xmlCtxtGetLastError);
    LOAD(xmlFreeParserCtxt);
    LOAD(xmlDocGetRootElement);
    LOAD(xmlFreeDoc);
    LOAD(xmlGetLineNo);
    LOAD(xmlGetProp);
    LOAD(xmlNodeGetContent);
    LOAD(xmlXPathNewContext);
    LOAD(xmlXPathEvalExpression);
    LOAD(xmlXPathFreeContext);
    LOAD(xmlXPathFreeObject);
}
#undef LOAD

static void load_library(void)
{
    void *handle = dlopen(LEDE_LIBXML2_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *why = dlerror();
        snprintf(load_error, sizeof load_error, "cannot load %s: %s", LEDE_LIBXML2_SONAME,
                 why ? why : "dlopen failed");
        return;
    }
    load_functions(handle);
    /* xmlFree and xmlParserVersion are variables: dlsym gives their address. */
    void (**free_var)(void *) = symbol(handle, "xmlFree");
    const char **version_var = symbol(handle, "xmlParserVersion");
    if (load_error[0])
        return;
    loaded.xml_free = *free_var;
    loaded.version = *version_var;
    /* libxml2 wants this before it is used from several threads. */
    loaded.xmlInitParser();
}

lede_status lede_libxml_load(lede_error **err)
{
    pthread_once(&load_once, load_library);
    if (load_error[0])
        return lede_fail(err, LEDE_ERR_DEPENDENCY, "%s", load_error);
    return LEDE_OK;
}

const lede_libxml_api *lede_libxml(void)
{
    return &loaded;
}
