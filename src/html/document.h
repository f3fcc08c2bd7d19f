/* document.h - the lede_document object and the steps html and xml input
 * share. */
#ifndef LEDE_HTML_DOCUMENT_H
#define LEDE_HTML_DOCUMENT_H

#include "html.h"

struct lede_document {
    char *text;
    size_t text_len;
    lede_paragraph *paras;
    size_t n_paras;
    char *title;
    char *author;
    char *date;
    char *language;
    char *encoding;
};

/* Checks the arguments of an extraction call and the limit that applies to
 * the raw bytes (their size); clears *out and *err. A NULL *opts
 * is replaced by `defaults`, filled with the default options. */
lede_status lede_extract_begin(const char *bytes, size_t len, const lede_extract_options **opts,
                               lede_extract_options *defaults, lede_document **out,
                               lede_error **err);

/* Finds the article in a parsed HTML tree and makes the document. */
lede_status lede_document_from_tree(xmlDoc *tree, const lede_extract_options *opts,
                                    const char *encoding, lede_document **out,
                                    lede_error **err);

/* Makes a document, taking over the text, the paragraphs and the metadata
 * strings (the structs are left empty). */
lede_status lede_document_finish(lede_html_text *text, lede_html_meta *meta,
                                 const char *encoding, lede_document **out, lede_error **err);

#endif
