/* input.h - input kinds (plain text, HTML, XML) and turning web pages and
 * XML documents into the text the summarizer reads. */
#ifndef LEDE_CLI_INPUT_H
#define LEDE_CLI_INPUT_H

#include <jansson.h>

#include "cli.h"

enum cli_input_kind { INPUT_AUTO, INPUT_TEXT, INPUT_HTML, INPUT_XML };

/* Parses an --input value (auto, text, html, xml); returns -1 if unknown. */
int cli_parse_input_kind(const char *s, enum cli_input_kind *kind);

/* Guesses the kind of `len` bytes by their content: an HTML page starts,
 * after an optional BOM, white space and comments, with a doctype, <html>,
 * <head>, <body> or another common HTML tag; XML with <?xml (unless it is
 * XHTML) or another element; anything else is text. */
enum cli_input_kind cli_detect_input(const char *data, size_t len);

/* How pages are read: the extraction options and an XPath for XML. */
typedef struct cli_extract_config {
    const lede_extract_options *opts; /* NULL: defaults */
    const char *xpath;                /* NULL: recognise the XML format */
} cli_extract_config;

/* An input ready to summarize: the text, and for pages the document it was
 * extracted to (the text points into it). */
typedef struct cli_prepared {
    enum cli_input_kind kind;
    const char *text;
    size_t len;
    lede_document *doc;
} cli_prepared;

/* Reads `in` as `kind` (detected when INPUT_AUTO; XML when an XPath is
 * given). Prints the error and returns -1 when a page cannot be read. */
int cli_prepare(const cli_input *in, enum cli_input_kind kind, const cli_extract_config *cfg,
                cli_prepared *out);
void cli_prepared_free(cli_prepared *p);

/* The language a page asks for: the primary subtag of its declared one
 * ("ja" of "ja-JP") in `code`, when it names one other than English.
 * Returns 1 then, else 0. */
int cli_page_language(const lede_document *doc, char *code, size_t size);

/* A new summarizer for language `code`, with `opts`'s other settings; when
 * lede has no model for it, one for no language ("und"), with *fallback
 * set. Returns LEDE_OK, or LEDE_ERR_NOMEM when memory runs out. */
lede_status cli_summarizer_in(const lede_options *opts, const char *code, lede_summarizer **out,
                              int *fallback);

/* What is said of a page read without a model because lede has none for
 * its language, written to `buf` (cut to `size`): one wording for `lede
 * summarize` and `lede batch`, which put their own where in front. */
void cli_no_model_warning(const lede_document *doc, char *buf, size_t size);

/* The summarizer for a prepared input: `shared`, unless the language was
 * left to the input (`lang_given` 0) and the page names another one; then
 * a summarizer for that language (or for none, with a warning, when lede has
 * no model for it) is made in `*own`, which the caller frees. NULL after a
 * message when it cannot be made (out of memory). */
lede_summarizer *cli_summarizer_for(const cli_prepared *p, const char *display,
                                    const lede_options *opts, int lang_given,
                                    lede_summarizer *shared, lede_summarizer **own);

/* Adds the document's title, author, date, language and encoding to a JSON
 * object. Returns 0, or -1 when out of memory. */
int cli_document_meta_json(json_t *obj, const lede_document *doc);

/* Adds the metadata and, to each object of its "sentences" array, the
 * "source_line" of the page where that sentence's paragraph starts. */
int cli_document_json(json_t *obj, const lede_document *doc);

#endif
