#include "libxml.h"

#include <dlfcn.h>
#include <pthread.h>

#include "../common/dynlib.h"

#ifndef LEDE_LIBXML2_SONAME
#error "LEDE_LIBXML2_SONAME must name the libxml2 lede is built against (src/CMakeLists.txt)"
#endif

/* Written once under pthread_once, read-only afterwards. */
static lede_libxml_api loaded;
static lede_dynlib library = {LEDE_LIBXML2_SONAME, NULL, ""};
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

#define BIND(field) lede_dynlib_bind(&library, #field, &loaded.field, sizeof loaded.field)

static void bind_functions(void)
{
    BIND(xmlInitParser);
    BIND(htmlCreateMemoryParserCtxt);
    BIND(htmlCtxtUseOptions);
    BIND(htmlParseDocument);
    BIND(htmlFreeParserCtxt);
    BIND(xmlCreateMemoryParserCtxt);
    BIND(xmlNewParserCtxt);
    BIND(xmlCtxtUseOptions);
    BIND(xmlSwitchEncoding);
    BIND(xmlParseDocument);
    BIND(xmlCtxtReadMemory);
    BIND(xmlCtxtGetLastError);
    BIND(xmlFreeParserCtxt);
    BIND(xmlDocGetRootElement);
    BIND(xmlFreeDoc);
    BIND(xmlGetLineNo);
    BIND(xmlGetProp);
    BIND(xmlNodeGetContent);
    BIND(xmlNewDocText);
    BIND(xmlReplaceNode);
    BIND(xmlFreeNode);
    BIND(htmlEntityLookup);
    BIND(xmlXPathNewContext);
    BIND(xmlXPathEvalExpression);
    BIND(xmlXPathFreeContext);
    BIND(xmlXPathFreeObject);
}
#undef BIND

static void load_library(void)
{
    if (lede_dynlib_open(&library, RTLD_NOW | RTLD_LOCAL) != 0)
        return;
    bind_functions();
    /* xmlFree and xmlParserVersion are variables: dlsym gives their address. */
    void (**free_var)(void *);
    const char **version_var;
    lede_dynlib_bind(&library, "xmlFree", &free_var, sizeof free_var);
    lede_dynlib_bind(&library, "xmlParserVersion", &version_var, sizeof version_var);
    if (library.error[0])
        return;
    loaded.xml_free = *free_var;
    loaded.version = *version_var;
    /* libxml2 wants this before it is used from several threads. */
    loaded.xmlInitParser();
}

lede_status lede_libxml_load(lede_error **err)
{
    pthread_once(&load_once, load_library);
    return lede_dynlib_status(&library, err);
}

const lede_libxml_api *lede_libxml(void)
{
    return &loaded;
}
