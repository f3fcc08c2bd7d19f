/* libxml.h - libxml2, loaded the first time a page or an XML file is read.
 *
 * libxml2 brings ICU, libstdc++, liblzma and zlib with it: linked in, they
 * cost every lede process 1.4 ms of start-up (symbol relocations and
 * mappings), a fifth of `lede summarize` on a plain-text article, although
 * only HTML and XML input use them. So the library is opened with dlopen()
 * by the rooms that parse markup (html, rouge's XML settings) and its
 * functions are called through this table. The headers are still
 * libxml2's: types, constants and node fields are used as they are.
 *
 * Loading happens once per process, under pthread_once; after that the
 * table is read-only and may be used from any thread. The library is never
 * unloaded (its documents may outlive any lede object). */
#ifndef LEDE_HTML_LIBXML_H
#define LEDE_HTML_LIBXML_H

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "../common/error.h"

/* The libxml2 functions lede calls, named as libxml2 names them. The
 * prototypes are checked against libxml2's headers by tests/unit/test_libxml.c,
 * which fills this table from the linked functions. */
typedef struct lede_libxml_api {
    void (*xmlInitParser)(void);
    void (*xml_free)(void *mem); /* the value of libxml2's variable xmlFree */
    const char *version;         /* the value of its variable xmlParserVersion */

    htmlParserCtxtPtr (*htmlCreateMemoryParserCtxt)(const char *buffer, int size);
    int (*htmlCtxtUseOptions)(htmlParserCtxtPtr ctxt, int options);
    int (*htmlParseDocument)(htmlParserCtxtPtr ctxt);
    void (*htmlFreeParserCtxt)(htmlParserCtxtPtr ctxt);

    xmlParserCtxtPtr (*xmlCreateMemoryParserCtxt)(const char *buffer, int size);
    xmlParserCtxtPtr (*xmlNewParserCtxt)(void);
    int (*xmlCtxtUseOptions)(xmlParserCtxtPtr ctxt, int options);
    int (*xmlSwitchEncoding)(xmlParserCtxtPtr ctxt, xmlCharEncoding enc);
    int (*xmlParseDocument)(xmlParserCtxtPtr ctxt);
    xmlDocPtr (*xmlCtxtReadMemory)(xmlParserCtxtPtr ctxt, const char *buffer, int size,
                                   const char *URL, const char *encoding, int options);
    xmlErrorPtr (*xmlCtxtGetLastError)(void *ctx);
    void (*xmlFreeParserCtxt)(xmlParserCtxtPtr ctxt);

    xmlNodePtr (*xmlDocGetRootElement)(const xmlDoc *doc);
    void (*xmlFreeDoc)(xmlDocPtr cur);
    long (*xmlGetLineNo)(const xmlNode *node);
    xmlChar *(*xmlGetProp)(const xmlNode *node, const xmlChar *name);
    xmlChar *(*xmlNodeGetContent)(const xmlNode *cur);
    xmlNodePtr (*xmlNewDocText)(const xmlDoc *doc, const xmlChar *content);
    xmlNodePtr (*xmlReplaceNode)(xmlNodePtr old, xmlNodePtr cur);
    void (*xmlFreeNode)(xmlNodePtr cur);
    const htmlEntityDesc *(*htmlEntityLookup)(const xmlChar *name);

    xmlXPathContextPtr (*xmlXPathNewContext)(xmlDocPtr doc);
    xmlXPathObjectPtr (*xmlXPathEvalExpression)(const xmlChar *str, xmlXPathContextPtr ctxt);
    void (*xmlXPathFreeContext)(xmlXPathContextPtr ctxt);
    void (*xmlXPathFreeObject)(xmlXPathObjectPtr obj);
} lede_libxml_api;

/* Loads libxml2 (the soname it was built against) and initializes its
 * parser, once per process; thread-safe. Returns LEDE_OK, or
 * LEDE_ERR_DEPENDENCY with `*err` naming the library and what dlopen or
 * dlsym said when it cannot be loaded (every later call says the same). */
lede_status lede_libxml_load(lede_error **err);

/* The loaded library's functions. Only for code that holds a libxml2
 * object (a parser context, a document, a node, an XPath result): such an
 * object exists only after lede_libxml_load() succeeded. */
const lede_libxml_api *lede_libxml(void);

#endif
