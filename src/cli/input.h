/* input.h - input kinds (plain text, HTML, XML) and turning web pages and
 * XML documents into the text the summarizer reads. */
#ifndef LEDE_CLI_INPUT_H
#define LEDE_CLI_INPUT_H

#include <jansson.h>

#include "cli.h"

enum cli_input_kind { INPUT_AUTO, INPUT_TEXT, INPUT_HTML, INPUT_XML };

/* Parses an --input value (auto, text, html, xml); returns -1 if unknown. */
int cli_parse_input_kind(const char *s, enum cli_input_kind *kind);

/* Guesses the kind of `len` bytes by their content. After an optional BOM,
 * white space, comments and processing instructions: an HTML doctype, or
 * an element of HTML (<html>, <p>, <span>, <h3>, ...) starts a page or a
 * fragment, unless a fragment has Markdown headings or code fences (a
 * README that opens with an HTML block is text); after an XML declaration
 * only <html> does (XHTML); another
 * doctype, or another element that closes in the input, starts XML
 * ("<alice> hi" is a chat log); anything else is text. UTF-16 (with a byte
 * order mark, or '<' first without one) is read the same way. */
enum cli_input_kind cli_detect_input(const char *data, size_t len);

/* How pages are read: the extraction options and an XPath for XML. */
typedef struct cli_extract_config {
    const lede_extract_options *opts; /* NULL: defaults */
    const char *xpath;                /* NULL: recognise the XML format */
    int replace_invalid;              /* UTF-16 text: a lone surrogate or a last odd byte
                                         is U+FFFD (--replace-invalid), not an error */
} cli_extract_config;

/* An input ready to summarize: the text, and for pages the document it was
 * extracted to (the text points into it). */
typedef struct cli_prepared {
    enum cli_input_kind kind;
    const char *text;
    size_t len;
    lede_document *doc;
    char *utf8; /* UTF-16 text converted, which `text` points into (owned) */
} cli_prepared;

/* Reads `in` as `kind` (detected when INPUT_AUTO; XML when an XPath is
 * given). Text in UTF-16 (Windows' "Unicode" text) is converted to UTF-8
 * first; its offsets are then into that. out->text points into `in` (plain
 * text) or into memory `out` owns: `in` must outlive `out`, and `out` is
 * freed with cli_prepared_free, also after a failure (safe on a zeroed or
 * failed one). Prints the error and returns -1 when a page or UTF-16 text
 * cannot be read. Not thread-safe on one `out`. */
int cli_prepare(const cli_input *in, enum cli_input_kind kind, const cli_extract_config *cfg,
                cli_prepared *out);
/* Frees what cli_prepare made (the document, converted text) and zeroes `p`. */
void cli_prepared_free(cli_prepared *p);

/* The summarizer of pages that name a language of their own (other than
 * English, without --lang): made for a page's language when one is first
 * needed and kept for the next page in that language. Zero-initialized;
 * freed by cli_page_summarizer_free. One per thread. */
typedef struct cli_page_summarizer {
    lede_summarizer *s;
    char lang[16];
    int no_model; /* s reads `lang` without a model: lede has none for it */
} cli_page_summarizer;

/* The summarizer for the page `doc` (NULL when the input is not a page) in
 * *out: `shared`, unless `lang_given` is 0 and the page names a language
 * other than English; then c's, made for that language unless it already
 * is. When lede has no model for it, the page is read without one and
 * `warning` (of `size` bytes) receives what to say of it, which the caller
 * puts its input's name in front of; else warning[0] is NUL. Returns
 * LEDE_OK, or LEDE_ERR_NOMEM (then *out is NULL). *out is not the
 * caller's to free: c's stays valid until the next call on c (a page in
 * another language replaces it) or cli_page_summarizer_free. Not
 * thread-safe for one c (one per thread). */
lede_status cli_page_summarizer_get(cli_page_summarizer *c, const lede_document *doc,
                                    const lede_options *opts, int lang_given,
                                    lede_summarizer *shared, lede_summarizer **out,
                                    char *warning, size_t size);

/* Frees c's summarizer and zeroes c, ready for reuse; a zeroed c is
 * accepted. */
void cli_page_summarizer_free(cli_page_summarizer *c);

/* Adds the document's title, author, date, language and encoding to a JSON
 * object. Returns 0, or -1 when out of memory. */
int cli_document_meta_json(json_t *obj, const lede_document *doc);

/* Adds the metadata and, to each object of its "sentences" array, the
 * "source_line" of the page where that sentence's paragraph starts. */
int cli_document_json(json_t *obj, const lede_document *doc);

#endif
