/* document.c - the public lede_document and lede_extract_options, and the
 * HTML pipeline: decode, parse, flatten, find the article, emit. */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "../common/alloc.h"
#include "../common/error.h"
#include "document.h"
#include "html.h"
#include "libxml.h"

/* ====== Options ====== */

enum {
    DEFAULT_MAX_BYTES = 256 * 1024 * 1024,
    DEFAULT_MAX_NODES = 2000000,
    DEFAULT_MAX_DEPTH = 512
};

void lede_extract_options_init(lede_extract_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->max_bytes = DEFAULT_MAX_BYTES;
    opts->max_nodes = DEFAULT_MAX_NODES;
    opts->max_depth = DEFAULT_MAX_DEPTH;
}

lede_extract_options *lede_extract_options_new(void)
{
    lede_extract_options *opts = malloc(sizeof *opts);
    if (opts)
        lede_extract_options_init(opts);
    return opts;
}

void lede_extract_options_free(lede_extract_options *opts)
{
    free(opts);
}

lede_status lede_extract_options_set_encoding(lede_extract_options *opts, const char *encoding)
{
    if (!opts)
        return LEDE_ERR_INVALID_ARGUMENT;
    if (!encoding) {
        opts->encoding[0] = 0;
        return LEDE_OK;
    }
    size_t n = strlen(encoding);
    if (n >= sizeof opts->encoding)
        return LEDE_ERR_INVALID_ARGUMENT;
    memcpy(opts->encoding, encoding, n + 1);
    return LEDE_OK;
}

lede_status lede_extract_options_set_max_bytes(lede_extract_options *opts, size_t n)
{
    if (!opts || n == 0 || n > 0x7FFFFFFF)
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->max_bytes = n;
    return LEDE_OK;
}

lede_status lede_extract_options_set_max_nodes(lede_extract_options *opts, size_t n)
{
    if (!opts || n == 0)
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->max_nodes = n;
    return LEDE_OK;
}

lede_status lede_extract_options_set_max_depth(lede_extract_options *opts, size_t n)
{
    if (!opts || n == 0)
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->max_depth = n;
    return LEDE_OK;
}

lede_status lede_extract_options_set_flags(lede_extract_options *opts, unsigned flags)
{
    if (!opts || (flags & ~LEDE_EXTRACT_WHOLE_PAGE))
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->flags = flags;
    return LEDE_OK;
}

/* ====== The document ====== */

void lede_document_free(lede_document *doc)
{
    if (!doc)
        return;
    free(doc->text);
    free(doc->paras);
    free(doc->title);
    free(doc->author);
    free(doc->date);
    free(doc->language);
    free(doc->encoding);
    free(doc);
}

const char *lede_document_text(const lede_document *doc, size_t *len)
{
    if (len)
        *len = doc ? doc->text_len : 0;
    return doc ? doc->text : "";
}

const char *lede_document_title(const lede_document *doc)
{
    return doc ? doc->title : NULL;
}

const char *lede_document_author(const lede_document *doc)
{
    return doc ? doc->author : NULL;
}

const char *lede_document_date(const lede_document *doc)
{
    return doc ? doc->date : NULL;
}

const char *lede_document_language(const lede_document *doc)
{
    return doc ? doc->language : NULL;
}

const char *lede_document_encoding(const lede_document *doc)
{
    return doc ? doc->encoding : NULL;
}

size_t lede_document_paragraph_count(const lede_document *doc)
{
    return doc ? doc->n_paras : 0;
}

const lede_paragraph *lede_document_paragraph(const lede_document *doc, size_t i)
{
    return doc && i < doc->n_paras ? &doc->paras[i] : NULL;
}

size_t lede_document_source_line(const lede_document *doc, size_t offset)
{
    if (!doc || offset >= doc->text_len || doc->n_paras == 0)
        return 0;
    /* The first paragraph that ends after the offset. */
    size_t lo = 0, hi = doc->n_paras;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->paras[mid].end <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < doc->n_paras ? doc->paras[lo].source_line : 0;
}

lede_status lede_document_finish(lede_html_text *text, lede_html_meta *meta, const char *encoding,
                                 lede_document **out, lede_error **err)
{
    lede_document *doc = calloc(1, sizeof *doc);
    if (!doc)
        return lede_fail_nomem(err);
    doc->text = text->text.data ? text->text.data : lede_strndup("", 0);
    doc->text_len = text->text.len;
    doc->paras = text->paras;
    doc->n_paras = text->count;
    memset(text, 0, sizeof *text);
    doc->title = meta->title;
    doc->author = meta->author;
    doc->date = meta->date;
    doc->language = meta->language;
    meta->title = meta->author = meta->date = meta->language = NULL;
    doc->encoding = lede_strndup(encoding, strlen(encoding));
    if (!doc->text || !doc->encoding) {
        lede_document_free(doc);
        return lede_fail_nomem(err);
    }
    *out = doc;
    return LEDE_OK;
}

/* ====== HTML ====== */

/* Checks the arguments and the limits that apply before decoding. */
lede_status lede_extract_begin(const char *bytes, size_t len, const lede_extract_options **optsp,
                               lede_extract_options *defaults, lede_document **out,
                               lede_error **err)
{
    if (err)
        *err = NULL;
    if (!*optsp) {
        lede_extract_options_init(defaults);
        *optsp = defaults;
    }
    const lede_extract_options *opts = *optsp;
    if (!out)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "no place for the document");
    *out = NULL;
    if (!bytes && len > 0)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "no input buffer");
    if (len == 0)
        return lede_fail(err, LEDE_ERR_EMPTY_INPUT, "the input is empty");
    if (len > opts->max_bytes)
        return lede_fail(err, LEDE_ERR_TOO_LARGE,
                         "the input has %zu bytes, more than the limit of %zu", len,
                         opts->max_bytes);
    return LEDE_OK;
}

/* The title: the article's <h1>, else og:title, else <title>. */
static lede_status choose_title(const lede_hdom *dom, uint32_t title_node, lede_html_meta *meta)
{
    char *chosen = NULL;
    if (title_node != LEDE_HNODE_NONE) {
        lede_strbuf b = {0};
        if (lede_hdom_text(dom, title_node, &b) != LEDE_OK) {
            lede_strbuf_free(&b);
            return LEDE_ERR_NOMEM;
        }
        chosen = b.data;
    }
    if (!chosen && meta->og_title) {
        chosen = meta->og_title;
        meta->og_title = NULL;
    }
    if (chosen) {
        free(meta->title);
        meta->title = chosen;
    }
    return LEDE_OK;
}

/* The article of a parsed page, as a document. */
lede_status lede_document_from_tree(xmlDoc *tree, const lede_extract_options *opts,
                                    const char *encoding, lede_document **out, lede_error **err)
{
    lede_html_meta meta;
    lede_status st = lede_html_read_meta(tree, &meta);
    if (st != LEDE_OK)
        return lede_fail(err, st, "out of memory reading the page's metadata");
    lede_hdom dom = {0};
    lede_html_text text = {0};
    st = lede_hdom_build(&dom, lede_libxml()->xmlDocGetRootElement(tree), opts, err);
    uint32_t title_node = LEDE_HNODE_NONE;
    int has_text = st == LEDE_OK && dom.count > 0 && dom.nodes[dom.body].chars > 0;
    if (st == LEDE_OK && !has_text)
        st = lede_fail(err, LEDE_ERR_EMPTY_INPUT, "the page has no text");
    if (st == LEDE_OK) {
        if (opts->flags & LEDE_EXTRACT_WHOLE_PAGE) {
            dom.nodes[dom.body].flags |= HNODE_KEEP;
        } else {
            const char *hint = meta.og_title ? meta.og_title : meta.title;
            st = lede_html_find_article(&dom, hint, &title_node);
            if (st == LEDE_ERR_NO_ARTICLE)
                lede_fail(err, st,
                          "no article found: the page's text is menus, links or short "
                          "fragments");
            else if (st != LEDE_OK)
                lede_fail(err, st, "out of memory finding the article");
        }
    }
    if (st == LEDE_OK && lede_html_emit(&text, &dom) != LEDE_OK)
        st = lede_fail(err, LEDE_ERR_NOMEM, "out of memory writing the article");
    if (st == LEDE_OK && text.count == 0)
        st = lede_fail(err, LEDE_ERR_NO_ARTICLE,
                       "no article found: nothing of the page's text reads as an article");
    if (st == LEDE_OK && (choose_title(&dom, title_node, &meta) != LEDE_OK ||
                          lede_html_time_date(&dom, &meta) != LEDE_OK))
        st = lede_fail_nomem(err);
    if (st == LEDE_OK)
        st = lede_document_finish(&text, &meta, encoding, out, err);
    lede_html_text_free(&text);
    lede_hdom_free(&dom);
    lede_html_meta_free(&meta);
    return st;
}

lede_status lede_extract_html(const char *html, size_t len, const lede_extract_options *opts,
                              lede_document **out, lede_error **err)
{
    lede_extract_options defaults;
    lede_status st = lede_extract_begin(html, len, &opts, &defaults, out, err);
    if (st != LEDE_OK)
        return st;
    lede_html_source src;
    st = lede_html_decode(html, len, opts->encoding, &src, err);
    if (st != LEDE_OK)
        return st;
    xmlDoc *tree = NULL;
    st = lede_html_parse(&src, opts->max_nodes, &tree, err);
    if (st == LEDE_OK)
        st = lede_document_from_tree(tree, opts, src.encoding, out, err);
    if (tree)
        lede_libxml()->xmlFreeDoc(tree);
    lede_html_source_free(&src);
    return st;
}
