/* test_libxml.c - libxml2 loaded on demand (src/html/libxml.h): the table's
 * prototypes are libxml2's own (this file fills a table from the linked
 * functions, which does not compile when one differs), and the functions
 * and variables loaded with dlsym are the ones the linker finds. */
#include <string.h>

#include <libxml/globals.h>

#include "harness.h"
#include "load_check.h"
#include "html/libxml.h"
#include "lede.h"

/* Assignments from the real functions: a prototype in libxml.h that differs
 * from libxml2's header is an incompatible-pointer error under -Werror. */
static const lede_libxml_api linked = {
    .xmlInitParser = xmlInitParser,
    .htmlCreateMemoryParserCtxt = htmlCreateMemoryParserCtxt,
    .htmlCtxtUseOptions = htmlCtxtUseOptions,
    .htmlParseDocument = htmlParseDocument,
    .htmlFreeParserCtxt = htmlFreeParserCtxt,
    .xmlCreateMemoryParserCtxt = xmlCreateMemoryParserCtxt,
    .xmlNewParserCtxt = xmlNewParserCtxt,
    .xmlCtxtUseOptions = xmlCtxtUseOptions,
    .xmlSwitchEncoding = xmlSwitchEncoding,
    .xmlParseDocument = xmlParseDocument,
    .xmlCtxtReadMemory = xmlCtxtReadMemory,
    .xmlCtxtGetLastError = xmlCtxtGetLastError,
    .xmlFreeParserCtxt = xmlFreeParserCtxt,
    .xmlDocGetRootElement = xmlDocGetRootElement,
    .xmlFreeDoc = xmlFreeDoc,
    .xmlGetLineNo = xmlGetLineNo,
    .xmlGetProp = xmlGetProp,
    .xmlNodeGetContent = xmlNodeGetContent,
    .xmlNewDocText = xmlNewDocText,
    .xmlReplaceNode = xmlReplaceNode,
    .xmlFreeNode = xmlFreeNode,
    .htmlEntityLookup = htmlEntityLookup,
    .xmlXPathNewContext = xmlXPathNewContext,
    .xmlXPathEvalExpression = xmlXPathEvalExpression,
    .xmlXPathFreeContext = xmlXPathFreeContext,
    .xmlXPathFreeObject = xmlXPathFreeObject,
};

/* Every function pointer of two tables, compared as bytes: the same
 * library object gives the same addresses. */
static void check_same_functions(const lede_libxml_api *got, const lede_libxml_api *want)
{
    lede_libxml_api a = *got, b = *want;
    /* the fields the static table cannot hold */
    a.xml_free = b.xml_free = NULL;
    a.version = b.version = NULL;
    CHECK_MSG(memcmp(&a, &b, sizeof a) == 0, "dlsym gave other functions than the linker");
}

int main(void)
{
    if (!check_loads(lede_libxml_load))
        return harness_finish();
    const lede_libxml_api *xml = lede_libxml();
    check_same_functions(xml, &linked);
    CHECK(xml->xml_free == xmlFree);
    CHECK_STR(xml->version, xmlParserVersion);

    /* A round trip through the loaded functions. */
    const char page[] = "<html><body><p>Hello</p></body></html>";
    htmlParserCtxtPtr ctxt = xml->htmlCreateMemoryParserCtxt(page, (int)strlen(page));
    if (CHECK(ctxt != NULL)) {
        xml->htmlCtxtUseOptions(ctxt, HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
        xml->htmlParseDocument(ctxt);
        xmlDocPtr doc = ctxt->myDoc;
        ctxt->myDoc = NULL;
        xml->htmlFreeParserCtxt(ctxt);
        if (CHECK(doc != NULL)) {
            xmlNodePtr root = xml->xmlDocGetRootElement(doc);
            xmlChar *text = root ? xml->xmlNodeGetContent(root) : NULL;
            CHECK_STR((const char *)text, "Hello");
            xml->xml_free(text);
            xml->xmlFreeDoc(doc);
        }
    }
    return harness_finish();
}
