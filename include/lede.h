/*
 * lede.h - the public interface of liblede, an offline extractive summarizer.
 *
 * lede reads a long UTF-8 text and returns its most central sentences,
 * verbatim, with their byte spans in the caller's input.
 *
 * Conventions that hold for every function below:
 *
 *  - Objects are opaque and created by a `*_new` function; each has a
 *    matching `*_free` that accepts NULL.
 *  - Fallible functions return a `lede_status` (LEDE_OK is 0). Those that can
 *    say where an input error is take an optional `lede_error **err`: when
 *    it is not NULL and the call fails, `*err` receives a newly allocated
 *    error (free it with lede_error_free); on success `*err` is set to NULL.
 *  - Byte offsets are `size_t` indices into the caller's buffer; spans are
 *    half-open, [start, end).
 *  - The library keeps no global mutable state and never prints. Distinct
 *    objects may be used from different threads at the same time; one object
 *    must not be used from two threads at once without the caller's locking.
 *    Read-only objects (a finished lede_summary, a lede_options that nobody
 *    modifies) may be read from several threads.
 *  - liblede links OpenBLAS and never changes its process-wide thread count.
 *    A multithreaded program that summarizes in several threads should set
 *    OPENBLAS_NUM_THREADS=1 (see the OpenBLAS FAQ).
 */
#ifndef LEDE_H
#define LEDE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(LEDE_BUILDING_SHARED)
#define LEDE_API __declspec(dllexport)
#elif defined(__GNUC__)
#define LEDE_API __attribute__((visibility("default")))
#else
#define LEDE_API
#endif

/* ====== Version ====== */

/* The version of this header. CMake reads these three lines: they are the
 * single source of the project's version. */
#define LEDE_VERSION_MAJOR 0
#define LEDE_VERSION_MINOR 1
#define LEDE_VERSION_PATCH 0

#define LEDE_VERSION_NUMBER \
    (LEDE_VERSION_MAJOR * 10000 + LEDE_VERSION_MINOR * 100 + LEDE_VERSION_PATCH)
#define LEDE_STRINGIFY_(x) #x
#define LEDE_STRINGIFY(x) LEDE_STRINGIFY_(x)
#define LEDE_VERSION_STRING                                            \
    LEDE_STRINGIFY(LEDE_VERSION_MAJOR) "." LEDE_STRINGIFY(LEDE_VERSION_MINOR) \
    "." LEDE_STRINGIFY(LEDE_VERSION_PATCH)

/* The version of the library actually loaded, as LEDE_VERSION_NUMBER would
 * give it. Compare with LEDE_VERSION_NUMBER to detect a header/library
 * mismatch. Thread-safe. */
LEDE_API unsigned lede_version_number(void);

/* The loaded library's version as "MAJOR.MINOR.PATCH"; a static string.
 * Thread-safe. */
LEDE_API const char *lede_version_string(void);

/* ====== Status codes and errors ====== */

/* Status codes. Their numbers never change; new codes are added at the end. */
typedef enum lede_status {
    LEDE_OK = 0,
    LEDE_ERR_NOMEM = 1,            /* an allocation failed */
    LEDE_ERR_INVALID_ARGUMENT = 2, /* NULL where an object is required, value out of range */
    LEDE_ERR_INVALID_UTF8 = 3,     /* input is not valid UTF-8 (offset in the error) */
    LEDE_ERR_NUL_BYTE = 4,         /* input contains a NUL byte (offset in the error) */
    LEDE_ERR_EMPTY_INPUT = 5,      /* input is empty or only whitespace */
    LEDE_ERR_NO_SENTENCES = 6,     /* input has text but no sentence to rank */
    LEDE_ERR_UNKNOWN_LANGUAGE = 7, /* no model or stemmer for the language asked for */
    LEDE_ERR_TOO_LARGE = 8,        /* input exceeds a documented limit */
    LEDE_ERR_BUDGET = 9,           /* no sentence fits the length budget */
    LEDE_ERR_MODEL = 10,           /* model data is malformed */
    LEDE_ERR_INTERNAL = 11,        /* a bug in lede: please report it */
    LEDE_ERR_NO_ARTICLE = 12,      /* a web page has no article text (only menus, links, ...) */
    LEDE_ERR_MARKUP = 13           /* XML that is not well-formed, or a bad XPath (position
                                      in the error) */
} lede_status;

/* A static English description of a status code (never NULL; unknown codes
 * give "unknown error"). Thread-safe. */
LEDE_API const char *lede_strerror(lede_status status);

/* Details of a failure: the code, a message, and for input errors where in
 * the input it was found. Created by the library, freed by the caller. */
typedef struct lede_error lede_error;

/* Frees an error. Accepts NULL. */
LEDE_API void lede_error_free(lede_error *err);

/* The status code of the error (LEDE_OK for a NULL error). */
LEDE_API lede_status lede_error_code(const lede_error *err);

/* A human-readable message, without file name or position; owned by the
 * error and valid until it is freed. Never NULL. */
LEDE_API const char *lede_error_message(const lede_error *err);

/* Position of an input error: byte offset into the caller's buffer (0-based),
 * line and column (1-based; columns count Unicode code points, lines end at
 * LF, CRLF or CR). Line and column are 0 when the error has no position;
 * lede_error_has_position tells which. */
LEDE_API int lede_error_has_position(const lede_error *err);
LEDE_API size_t lede_error_offset(const lede_error *err);
LEDE_API size_t lede_error_line(const lede_error *err);
LEDE_API size_t lede_error_column(const lede_error *err);

/* ====== Options ====== */

/* Settings for one summarization. Every setter validates its value and
 * returns LEDE_ERR_INVALID_ARGUMENT, leaving the option unchanged, when it is
 * out of range. A lede_options is not thread-safe while being modified. */
typedef struct lede_options lede_options;

/* New options with the defaults documented at each setter. Returns NULL when
 * out of memory. */
LEDE_API lede_options *lede_options_new(void);

/* Frees options. Accepts NULL. */
LEDE_API void lede_options_free(lede_options *opts);

/* A copy of `opts` (NULL when out of memory or when opts is NULL). */
LEDE_API lede_options *lede_options_copy(const lede_options *opts);

/* Input flags, combined with |. */
#define LEDE_INPUT_DEFAULT 0u
/* Replace each invalid UTF-8 sequence and each NUL byte by U+FFFD in the
 * returned texts instead of failing. Spans still index the original bytes. */
#define LEDE_INPUT_REPLACE_INVALID (1u << 0)

LEDE_API lede_status lede_options_set_input_flags(lede_options *opts, unsigned flags);

/* Language of the text as a code ("en", "de", ...) or a Snowball name
 * ("english"). Default "en". The language picks the stopwords, the
 * abbreviations and the stemmer. Languages without a model are still
 * summarized (no stopwords, a stemmer only when Snowball has one) when
 * lede_summarizer_new is told so; see there. The string is copied. */
LEDE_API lede_status lede_options_set_language(lede_options *opts, const char *language);

/* Summary length. Exactly one budget is active: the last one set.
 *  - sentences: at most n sentences (n >= 1). The default is 5, lowered for
 *    short inputs to about a third of their sentences (at least 1).
 *  - ratio: round(r * number of sentences), at least 1; 0 < r <= 1.
 *  - words: at most w words in all (w >= 1); sentences that do not fit are
 *    skipped, so the summary never exceeds the budget.
 *  - chars: at most c characters (Unicode code points of the reported,
 *    whitespace-collapsed sentence texts) in all (c >= 1). */
LEDE_API lede_status lede_options_set_sentences(lede_options *opts, size_t n);
LEDE_API lede_status lede_options_set_ratio(lede_options *opts, double r);
LEDE_API lede_status lede_options_set_words(lede_options *opts, size_t w);
LEDE_API lede_status lede_options_set_chars(lede_options *opts, size_t c);

/* TextRank damping factor, 0 < d < 1; default 0.85. */
LEDE_API lede_status lede_options_set_damping(lede_options *opts, double d);

/* Near-duplicate threshold: a candidate whose cosine similarity with an
 * already picked sentence is above t is skipped. 0 < t <= 1; default 0.8.
 * 1 turns the check off. */
LEDE_API lede_status lede_options_set_redundancy(lede_options *opts, double t);

/* Weight of the language model's background IDF against the IDF computed
 * from the document's own sentences: idf = w * background + (1 - w) * local.
 * 0 <= w <= 1; default 0 (local IDF only). Without a background table for
 * the language the weight has no effect. */
LEDE_API lede_status lede_options_set_background_idf(lede_options *opts, double w);

/* ====== Summaries ====== */

/* One sentence of the input. The layout of this struct is part of the ABI
 * of SOVERSION 1 and does not change; later fields get accessors instead. */
typedef struct lede_sentence {
    size_t start;        /* byte span [start, end) in the caller's input */
    size_t end;
    size_t index;        /* 0-based sentence index in the document */
    size_t paragraph;    /* 0-based paragraph index in the document */
    double score;        /* centrality score (TextRank); higher is more central */
    size_t rank;         /* 1 = highest score; ties broken by index; 0 = not ranked */
    const char *text;    /* the sentence, whitespace runs collapsed to one space,
                            NUL-terminated, owned by the summary */
    size_t text_len;     /* strlen(text) */
    unsigned kind;       /* LEDE_KIND_* */
    unsigned picked;     /* 1 when the sentence is part of the summary */
} lede_sentence;

/* What a unit of text is. Only sentences are eligible for a summary. */
#define LEDE_KIND_SENTENCE 0u /* a sentence of running text or of a list item */
#define LEDE_KIND_HEADING 1u  /* a heading (Markdown '#', setext) */
#define LEDE_KIND_LINE 2u     /* a short line without terminal punctuation */

/* The result of summarizing or splitting a document: every sentence of the
 * input with its score and rank, and which of them form the summary.
 * Immutable once returned; may be read from several threads. */
typedef struct lede_summary lede_summary;

/* Frees a summary and every string it owns. Accepts NULL. */
LEDE_API void lede_summary_free(lede_summary *sum);

/* Number of picked sentences, and the i-th of them in document order
 * (NULL when i is out of range). The pointer is valid until the summary is
 * freed. */
LEDE_API size_t lede_summary_count(const lede_summary *sum);
LEDE_API const lede_sentence *lede_summary_sentence(const lede_summary *sum, size_t i);

/* Number of sentences in the whole document, and the i-th of them (all
 * units, in document order, picked or not). */
LEDE_API size_t lede_summary_total(const lede_summary *sum);
LEDE_API const lede_sentence *lede_summary_unit(const lede_summary *sum, size_t i);

/* Number of paragraphs in the document. */
LEDE_API size_t lede_summary_paragraphs(const lede_summary *sum);

/* ====== Summarizer ====== */

/* A reusable summarizer for one language: owns the language model, the
 * stemmer, and buffers reused across calls. Not thread-safe: use one per
 * thread. */
typedef struct lede_summarizer lede_summarizer;

/* A summarizer for the language of `opts` (NULL: defaults, English).
 * Fails with LEDE_ERR_UNKNOWN_LANGUAGE when lede has neither a model nor a
 * Snowball stemmer for the language. The options are copied; the ones that
 * affect a single call are passed again to lede_summarizer_run. */
LEDE_API lede_status lede_summarizer_new(const lede_options *opts, lede_summarizer **out,
                                         lede_error **err);

/* Frees a summarizer. Accepts NULL. */
LEDE_API void lede_summarizer_free(lede_summarizer *s);

/* Summarizes `len` bytes of UTF-8 `text` (need not be NUL-terminated; a
 * leading BOM is skipped). `opts` (NULL: the summarizer's own) sets the
 * length budget and ranking knobs; its language is ignored. On success
 * `*out` receives a summary the caller frees with lede_summary_free. Errors:
 * LEDE_ERR_INVALID_UTF8 and LEDE_ERR_NUL_BYTE (with position),
 * LEDE_ERR_EMPTY_INPUT, LEDE_ERR_NO_SENTENCES, LEDE_ERR_BUDGET,
 * LEDE_ERR_TOO_LARGE, LEDE_ERR_NOMEM, LEDE_ERR_INVALID_ARGUMENT. */
LEDE_API lede_status lede_summarizer_run(lede_summarizer *s, const char *text, size_t len,
                                         const lede_options *opts, lede_summary **out,
                                         lede_error **err);

/* Splits `text` into paragraphs and sentences without ranking: the summary
 * has every unit, none picked, scores 0 and ranks 0. Same errors as
 * lede_summarizer_run except LEDE_ERR_NO_SENTENCES and LEDE_ERR_BUDGET. */
LEDE_API lede_status lede_summarizer_split(lede_summarizer *s, const char *text, size_t len,
                                           const lede_options *opts, lede_summary **out,
                                           lede_error **err);

/* ====== One-call API ====== */

/* Summarizes `text` with a temporary summarizer built from `opts` (NULL:
 * defaults). Same contract as lede_summarizer_run. Thread-safe. */
LEDE_API lede_status lede_summarize(const char *text, size_t len, const lede_options *opts,
                                    lede_summary **out, lede_error **err);

/* Splits `text` into sentences with a temporary summarizer. Same contract as
 * lede_summarizer_split. Thread-safe. */
LEDE_API lede_status lede_split(const char *text, size_t len, const lede_options *opts,
                                lede_summary **out, lede_error **err);

/* ====== Languages ====== */

/* The number of languages with a built-in model, and the code of the i-th
 * ("en", ...); NULL when i is out of range. Static strings. Thread-safe. */
LEDE_API size_t lede_language_count(void);
LEDE_API const char *lede_language_code(size_t i);

/* ====== Build information ====== */

/* Writes a one-line, human-readable description of the libraries liblede
 * runs against (utf8proc and its Unicode version, OpenBLAS's configuration,
 * libstemmer) into `buf`, like snprintf: at most `size` bytes including the
 * terminating NUL; returns the length the full line needs (excluding the
 * NUL). `buf` may be NULL when `size` is 0. Thread-safe. */
LEDE_API size_t lede_dependency_versions(char *buf, size_t size);

/* ====== HTML and XML input ====== */

/* lede reads a saved web page, finds the article in it (dropping navigation,
 * advertisements, comments, related links, footers, scripts and styles) and
 * gives its text as paragraphs, ready for lede_summarizer_run. XML input
 * (news formats, DUC/TAC, JATS, TEI, or any document with an XPath) gives the
 * same kind of document. libxml2 does the parsing; lede never touches the
 * network and never expands external entities. */

/* Settings for extraction. A lede_extract_options is not thread-safe while
 * being modified; read-only use from several threads is fine. */
typedef struct lede_extract_options lede_extract_options;

/* New extraction options with the defaults documented at each setter;
 * NULL when out of memory. */
LEDE_API lede_extract_options *lede_extract_options_new(void);

/* Frees extraction options. Accepts NULL. */
LEDE_API void lede_extract_options_free(lede_extract_options *opts);

/* The encoding of the page's bytes ("windows-1251", "Shift_JIS", ...),
 * overriding detection; NULL or "" restores detection (the default: a byte
 * order mark, then <meta charset> or an http-equiv Content-Type, then UTF-8
 * with each invalid byte read as Windows-1252). The name is checked when a
 * page is read; the string is copied. Errors: LEDE_ERR_INVALID_ARGUMENT for a
 * name longer than 63 bytes. */
LEDE_API lede_status lede_extract_options_set_encoding(lede_extract_options *opts,
                                                       const char *encoding);

/* Limits against hostile pages. max_bytes: the largest input accepted
 * (default 256 MiB, at most INT_MAX). max_nodes: the most elements and text
 * nodes a page may have (default 2,000,000). Beyond either the call fails with
 * LEDE_ERR_TOO_LARGE. max_depth: elements nested deeper than this (default
 * 512) are read as siblings at that depth, as browsers do; their text is kept.
 * Each must be at least 1. */
LEDE_API lede_status lede_extract_options_set_max_bytes(lede_extract_options *opts, size_t n);
LEDE_API lede_status lede_extract_options_set_max_nodes(lede_extract_options *opts, size_t n);
LEDE_API lede_status lede_extract_options_set_max_depth(lede_extract_options *opts, size_t n);

/* Extraction flags, combined with |. */
#define LEDE_EXTRACT_DEFAULT 0u
/* Keep the text of the whole page body (scripts, styles and hidden elements
 * still dropped) instead of looking for the article. */
#define LEDE_EXTRACT_WHOLE_PAGE (1u << 0)

LEDE_API lede_status lede_extract_options_set_flags(lede_extract_options *opts, unsigned flags);

/* An article read from a page: UTF-8 text made of paragraphs separated by a
 * blank line, each paragraph's kind and source line, and the metadata found.
 * Immutable once returned; may be read from several threads. */
typedef struct lede_document lede_document;

/* What a paragraph of an extracted document was in the page. */
#define LEDE_PARA_TEXT 0u       /* a paragraph (<p>, or text in a <div>) */
#define LEDE_PARA_HEADING 1u    /* <h2>..<h6> (and <h1> other than the title) */
#define LEDE_PARA_LIST_ITEM 2u  /* <li>, <dt>, <dd> */
#define LEDE_PARA_QUOTE 3u      /* text in a <blockquote> */
#define LEDE_PARA_PRE 4u        /* <pre>: white space kept as in the page */
#define LEDE_PARA_TABLE_CELL 5u /* <td>, <th>, <caption> */

/* One paragraph of a document. The layout of this struct is part of the ABI
 * of SOVERSION 1 and does not change. */
typedef struct lede_paragraph {
    size_t start;       /* byte span [start, end) in lede_document_text */
    size_t end;
    unsigned kind;      /* LEDE_PARA_* */
    size_t source_line; /* 1-based line of the page where the paragraph's text
                           starts; 0 when unknown */
} lede_paragraph;

/* Extracts the article of the web page in `html` (`len` bytes, any encoding,
 * need not be NUL-terminated). `opts` may be NULL (defaults). On success
 * `*out` receives a document the caller frees with lede_document_free.
 * Errors: LEDE_ERR_EMPTY_INPUT (no bytes, or a page without any text),
 * LEDE_ERR_NO_ARTICLE (the page has text, but nothing that reads as an
 * article: menus, link lists, a form), LEDE_ERR_TOO_LARGE (a limit of `opts`
 * exceeded), LEDE_ERR_INVALID_ARGUMENT (an encoding lede cannot decode),
 * LEDE_ERR_NOMEM. Thread-safe: each call uses its own parser. */
LEDE_API lede_status lede_extract_html(const char *html, size_t len,
                                       const lede_extract_options *opts, lede_document **out,
                                       lede_error **err);

/* Reads the text of an XML document. With `xpath` (an XPath 1.0 expression),
 * the text of each node it selects is read in document order: elements give
 * their text, with a paragraph for each element holding text of its own and
 * for each blank line; attributes and text nodes give their value. Without
 * (NULL), the format is recognised: DUC/TAC and TREC <DOC> files (<HEADLINE>,
 * <TEXT>), NITF, JATS and TEI articles, and XHTML pages (read as HTML);
 * other documents fail with LEDE_ERR_NO_ARTICLE, asking for an XPath.
 * Errors: LEDE_ERR_MARKUP with the position of the first well-formedness error
 * or for an invalid XPath, LEDE_ERR_EMPTY_INPUT when the selected nodes have
 * no text, and those of lede_extract_html. External entities and DTDs are
 * never loaded. Thread-safe. */
LEDE_API lede_status lede_extract_xml(const char *xml, size_t len, const char *xpath,
                                      const lede_extract_options *opts, lede_document **out,
                                      lede_error **err);

/* Frees a document. Accepts NULL. */
LEDE_API void lede_document_free(lede_document *doc);

/* The extracted text, NUL-terminated, valid UTF-8 without NUL bytes; its
 * length goes to `*len` when len is not NULL. Owned by the document. */
LEDE_API const char *lede_document_text(const lede_document *doc, size_t *len);

/* Metadata, NULL when the page gives none; strings owned by the document.
 *  - title: the article's <h1>, else og:title, else <title>.
 *  - author and date: from the usual <meta> tags (author, article:author,
 *    article:published_time, date, ...) or <time datetime>, as written there.
 *  - language: the <html lang> attribute or a Content-Language / og:locale
 *    meta tag, as written ("en-US").
 *  - encoding: the encoding the page was read in ("UTF-8", "windows-1252"). */
LEDE_API const char *lede_document_title(const lede_document *doc);
LEDE_API const char *lede_document_author(const lede_document *doc);
LEDE_API const char *lede_document_date(const lede_document *doc);
LEDE_API const char *lede_document_language(const lede_document *doc);
LEDE_API const char *lede_document_encoding(const lede_document *doc);

/* Number of paragraphs, and the i-th of them (NULL when i is out of range;
 * valid until the document is freed). */
LEDE_API size_t lede_document_paragraph_count(const lede_document *doc);
LEDE_API const lede_paragraph *lede_document_paragraph(const lede_document *doc, size_t i);

/* The 1-based line of the page where the paragraph holding byte `offset` of
 * the extracted text starts; for an offset between paragraphs, the next
 * paragraph's line. 0 when the offset is past the text or the line is
 * unknown. */
LEDE_API size_t lede_document_source_line(const lede_document *doc, size_t offset);

#ifdef __cplusplus
}
#endif

#endif /* LEDE_H */
