/* xml.c - XML input: the text an XPath selects, or the article of a
 * document in a format lede recognises (TREC/DUC/TAC <DOC> files, NITF,
 * JATS, TEI). XHTML goes to the HTML path.
 *
 * XPath errors go to a handler on the XPath context, never to libxml2's
 * process-wide one (which prints). External entities are never loaded;
 * libxml2 refuses an entity bomb of nested references while parsing, and
 * the walk of the tree (dom.c) one whose references expand to too much text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xpath.h>

#include "../common/alloc.h"
#include "../common/error.h"
#include "../common/parse.h"
#include "document.h"
#include "html.h"
#include "libxml.h"

/* ====== Formats ====== */

/* Element names are matched on the local name, so namespaced documents
 * (JATS, TEI) need no prefixes. */
#define NAME_IS(n) "local-name()='" n "'"

typedef struct xml_format {
    const char *root;     /* local name of the root element */
    const char *text;     /* XPath of the article's text */
    const char *title;    /* XPath of the title */
    const char *fallback; /* XPath of the title when there is none of the above */
} xml_format;

#define TREC_TEXT "//*[" NAME_IS("TEXT") " or " NAME_IS("text") "]"
#define TREC_TITLE                                                                          \
    "//*[" NAME_IS("HEADLINE") " or " NAME_IS("HEAD") " or " NAME_IS("headline") " or "     \
    NAME_IS("TITLE") " or " NAME_IS("title") "]"
#define TEI_TEXT "//*[" NAME_IS("text") "]/*[" NAME_IS("body") "]"
#define TEI_TITLE "//*[" NAME_IS("titleStmt") "]/*[" NAME_IS("title") "]"

static const xml_format formats[] = {
    /* TREC, DUC and TAC: one or more <DOC>, each with <TEXT> and a headline
     * (several <DOC>s get a root element added, lede-docs) */
    {"DOC", TREC_TEXT, TREC_TITLE, NULL},
    {"doc", TREC_TEXT, TREC_TITLE, NULL},
    {"DOCSTREAM", TREC_TEXT, TREC_TITLE, NULL},
    {"lede-docs", TREC_TEXT, TREC_TITLE, NULL},
    /* NITF */
    {"nitf", "//*[" NAME_IS("body.content") "]", "//*[" NAME_IS("hl1") "]",
     "/*/*[" NAME_IS("head") "]/*[" NAME_IS("title") "]"},
    /* JATS (and NLM) journal articles: the body, not the abstract */
    {"article", "/*/*[" NAME_IS("body") "]", "//*[" NAME_IS("article-title") "]", NULL},
    /* TEI */
    {"TEI", TEI_TEXT, TEI_TITLE, NULL},
    {"TEI.2", TEI_TEXT, TEI_TITLE, NULL},
};

static const xml_format *find_format(const xmlNode *root)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp((const char *)root->name, formats[i].root) == 0)
            return &formats[i];
    return NULL;
}

/* ====== XPath ====== */

typedef struct xpath_errors {
    int failed;
    char message[160];
    int position;
} xpath_errors;

static void on_xpath_error(void *data, xmlErrorPtr e)
{
    xpath_errors *x = data;
    if (x->failed)
        return;
    x->failed = 1;
    x->position = e->int1;
    const char *m = e->message ? e->message : "invalid expression";
    size_t n = strlen(m);
    while (n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' '))
        n--;
    if (n >= sizeof x->message)
        n = sizeof x->message - 1;
    memcpy(x->message, m, n);
    x->message[n] = 0;
}

/* Evaluates `expr` on `doc`; errors are reported as LEDE_ERR_MARKUP. */
static lede_status eval_xpath(xmlDoc *doc, const char *expr, xmlXPathObjectPtr *result,
                              lede_error **err)
{
    *result = NULL;
    xmlXPathContextPtr ctx = lede_libxml()->xmlXPathNewContext(doc);
    if (!ctx)
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory for the XPath");
    xpath_errors x = {0, "", 0};
    ctx->error = on_xpath_error;
    ctx->userData = &x;
    *result = lede_libxml()->xmlXPathEvalExpression((const xmlChar *)expr, ctx);
    lede_libxml()->xmlXPathFreeContext(ctx);
    if (x.failed || !*result) {
        lede_libxml()->xmlXPathFreeObject(*result);
        *result = NULL;
        if (!x.failed)
            return lede_fail(err, LEDE_ERR_NOMEM, "out of memory evaluating the XPath");
        return lede_fail(err, LEDE_ERR_MARKUP, "invalid XPath '%s': %s", expr, x.message);
    }
    return LEDE_OK;
}

/* ====== Text of the selected nodes ====== */

static uint32_t flat_index(const xmlNode *node)
{
    return node->_private ? (uint32_t)((uintptr_t)node->_private - 1) : LEDE_HNODE_NONE;
}

/* Appends the text of each node of a node set, in document order, skipping
 * nodes inside one already read. */
/* The value of a node that is not in the flat tree (attribute, comment,
 * processing instruction, namespace) as a paragraph. */
static lede_status emit_value(lede_html_text *out, const xmlNode *node)
{
    if (node->type == XML_NAMESPACE_DECL) {
        const xmlNs *ns = (const xmlNs *)node;
        const char *href = ns->href ? (const char *)ns->href : "";
        return lede_html_emit_text(out, href, strlen(href), LEDE_PARA_TEXT, 0);
    }
    xmlChar *value = lede_libxml()->xmlNodeGetContent(node);
    if (!value)
        return LEDE_OK;
    const xmlNode *at = node->type == XML_ATTRIBUTE_NODE ? node->parent : node;
    long line = at ? lede_libxml()->xmlGetLineNo(at) : 0;
    lede_status st = lede_html_emit_text(out, (const char *)value, strlen((const char *)value),
                                         LEDE_PARA_TEXT, line > 0 ? (size_t)line : 0);
    lede_libxml()->xml_free(value);
    return st;
}

/* Appends the text of each node of a node set, in document order, skipping
 * nodes inside one already read. */
static lede_status emit_nodes(lede_html_text *out, const lede_hdom *dom, xmlNodeSetPtr set)
{
    uint32_t covered = 0; /* nodes before this index were read */
    for (int k = 0; set && k < set->nodeNr; k++) {
        const xmlNode *node = set->nodeTab[k];
        lede_status st = LEDE_OK;
        uint32_t i = LEDE_HNODE_NONE;
        switch (node->type) {
        case XML_ELEMENT_NODE:
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
            i = flat_index(node); /* none for skipped ones (XHTML script, style) */
            break;
        case XML_DOCUMENT_NODE:
            i = dom->count > 0 ? 0 : LEDE_HNODE_NONE;
            break;
        case XML_ATTRIBUTE_NODE:
        case XML_COMMENT_NODE:
        case XML_PI_NODE:
        case XML_NAMESPACE_DECL:
            st = emit_value(out, node);
            break;
        default:
            break;
        }
        if (st == LEDE_OK && i != LEDE_HNODE_NONE && i >= covered) {
            st = lede_html_emit_node(out, dom, i);
            covered = dom->nodes[i].end;
        }
        if (st != LEDE_OK)
            return st;
    }
    return LEDE_OK;
}

static lede_status emit_result(lede_html_text *out, const lede_hdom *dom, xmlXPathObjectPtr r,
                               const char *expr, lede_error **err)
{
    lede_status st;
    switch (r->type) {
    case XPATH_NODESET:
        st = emit_nodes(out, dom, r->nodesetval);
        break;
    case XPATH_STRING:
        st = lede_html_emit_text(out, (const char *)r->stringval,
                                 strlen((const char *)r->stringval), LEDE_PARA_TEXT, 0);
        break;
    default:
        return lede_fail(err, LEDE_ERR_MARKUP,
                         "the XPath '%s' gives a number or a boolean, not nodes or text", expr);
    }
    if (st != LEDE_OK)
        return lede_fail(err, st, "out of memory reading the XML");
    return LEDE_OK;
}

/* The text of the first node an XPath of lede's own selects, white space
 * collapsed, in *out; NULL when none. Fails only when memory runs out (the
 * expressions are constants): a title is optional, but one lost to a failed
 * allocation must not pass for a page without one. */
static lede_status first_text(xmlDoc *doc, const lede_hdom *dom, const char *expr, char **out,
                              lede_error **err)
{
    *out = NULL;
    xmlXPathObjectPtr r;
    lede_status st = eval_xpath(doc, expr, &r, err);
    if (st != LEDE_OK)
        return st;
    if (r->type == XPATH_NODESET && r->nodesetval && r->nodesetval->nodeNr > 0) {
        uint32_t i = flat_index(r->nodesetval->nodeTab[0]);
        lede_strbuf b = {0};
        if (i != LEDE_HNODE_NONE)
            st = lede_hdom_text(dom, i, &b);
        if (st == LEDE_OK && b.len > 0)
            *out = b.data;
        else
            lede_strbuf_free(&b);
    }
    lede_libxml()->xmlXPathFreeObject(r);
    return st == LEDE_OK ? LEDE_OK : lede_fail(err, st, "out of memory reading the XML");
}

/* ====== The document ====== */

static lede_status xml_document(xmlDoc *tree, const char *xpath, const lede_extract_options *opts,
                                const char *encoding, lede_document **out, lede_error **err)
{
    const xmlNode *root = lede_libxml()->xmlDocGetRootElement(tree);
    const xml_format *format = xpath ? NULL : find_format(root);
    if (!xpath && !format)
        return lede_fail(err, LEDE_ERR_NO_ARTICLE,
                         "no article found: lede does not know XML documents whose root is "
                         "<%s>; give an XPath of the text to read (--xpath)",
                         (const char *)root->name);
    lede_hdom dom = {0};
    lede_status st = lede_hdom_build_xml(&dom, root, opts, err);
    if (st != LEDE_OK) {
        lede_hdom_free(&dom);
        return st;
    }
    for (size_t i = 0; i < dom.count; i++)
        ((xmlNode *)dom.nodes[i].xml)->_private = (void *)(uintptr_t)(i + 1);
    const char *expr = xpath ? xpath : format->text;
    xmlXPathObjectPtr r;
    lede_html_text text = {0};
    lede_html_meta meta;
    memset(&meta, 0, sizeof meta);
    st = eval_xpath(tree, expr, &r, err);
    if (st == LEDE_OK) {
        st = emit_result(&text, &dom, r, expr, err);
        lede_libxml()->xmlXPathFreeObject(r);
    }
    if (st == LEDE_OK && text.count == 0)
        st = lede_fail(err, LEDE_ERR_EMPTY_INPUT, "the XPath '%s' selects no text", expr);
    if (st == LEDE_OK && format)
        st = first_text(tree, &dom, format->title, &meta.title, err);
    if (st == LEDE_OK && format && !meta.title && format->fallback)
        st = first_text(tree, &dom, format->fallback, &meta.title, err);
    if (st == LEDE_OK) {
        const char *lang = lede_html_attr(root, "lang");
        if (lang && *lang && !(meta.language = lede_strndup(lang, strlen(lang))))
            st = lede_fail(err, LEDE_ERR_NOMEM, "out of memory reading the XML");
    }
    if (st == LEDE_OK)
        st = lede_document_finish(&text, &meta, encoding, out, err);
    lede_html_meta_free(&meta);
    lede_html_text_free(&text);
    lede_hdom_free(&dom);
    return st;
}

lede_status lede_extract_xml(const char *xml, size_t len, const char *xpath,
                             const lede_extract_options *opts, lede_document **out,
                             lede_error **err)
{
    lede_extract_options defaults;
    lede_status st = lede_extract_begin(xml, len, &opts, &defaults, out, err);
    if (st != LEDE_OK)
        return st;
    if (xpath && !*xpath)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "the XPath is empty");
    lede_html_source src;
    st = lede_html_decode(xml, len, opts->encoding, &src, err);
    if (st != LEDE_OK)
        return st;
    xmlDoc *tree = NULL;
    st = lede_xml_parse(&src, opts->max_nodes, &tree, err);
    if (st == LEDE_OK) {
        const xmlNode *root = lede_libxml()->xmlDocGetRootElement(tree);
        if (!root) {
            st = lede_fail(err, LEDE_ERR_EMPTY_INPUT, "the XML document has no element");
        } else if (!xpath && lede_ascii_casecmp((const char *)root->name, "html") == 0) {
            /* XHTML: a web page like any other */
            lede_libxml()->xmlFreeDoc(tree);
            tree = NULL;
            st = lede_html_parse(&src, opts->max_nodes, &tree, err);
            if (st == LEDE_OK)
                st = lede_document_from_tree(tree, opts, src.encoding, out, err);
        } else {
            st = xml_document(tree, xpath, opts, src.encoding, out, err);
        }
    }
    if (tree)
        lede_libxml()->xmlFreeDoc(tree);
    lede_html_source_free(&src);
    return st;
}
