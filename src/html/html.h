/* html.h - the HTML and XML input stage: page bytes to article text, its
 * paragraphs, their source lines and the page's metadata. The only user of
 * libxml2 in the library. */
#ifndef LEDE_HTML_HTML_H
#define LEDE_HTML_HTML_H

#include <libxml/tree.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/strbuf.h"
#include "lede.h"

/* ====== Options ====== */

enum { LEDE_ENCODING_NAME_MAX = 64 };

struct lede_extract_options {
    char encoding[LEDE_ENCODING_NAME_MAX]; /* "" = detect */
    size_t max_bytes;
    size_t max_nodes;
    size_t max_depth;
    unsigned flags;
};

void lede_extract_options_init(lede_extract_options *opts);

/* HTML's white space (the WHATWG's ASCII whitespace: no '\v'), by byte. */
static inline int lede_html_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* ====== Decoding (encoding.c) ====== */

/* The page as UTF-8 without NUL bytes, ready for libxml2. */
typedef struct lede_html_source {
    const char *data; /* the caller's bytes (after a BOM) or in `owned` */
    size_t len;
    size_t skipped;   /* bytes of the caller's before `data` (a UTF-8 BOM) */
    char *owned;      /* the copy, when one was needed */
    /* 1 when `data` is not the caller's bytes one for one (another
     * encoding, repaired bytes): positions in it are then no offsets of the
     * caller's. A copy whose lone CRs became LF is one for one. */
    int converted;
    char encoding[LEDE_ENCODING_NAME_MAX];
} lede_html_source;

/* Finds the encoding of `len` bytes of `bytes` (`forced` when not empty,
 * else a BOM, an XML declaration, a <meta> charset, else UTF-8) and turns
 * them into UTF-8. Bytes that are invalid in the encoding become U+FFFD,
 * except in UTF-8 where each invalid byte is read as Windows-1252 (pages that
 * mix a UTF-8 template with Latin-1 text); NUL bytes become U+FFFD. Line
 * breaks are kept, so lines of the result are lines of the page; a CR not
 * followed by LF becomes LF (the line break of old Mac pages, which
 * libxml2 and lede's line counts would miss otherwise). Errors:
 * LEDE_ERR_INVALID_ARGUMENT for a `forced` encoding libxml2 does not know,
 * LEDE_ERR_NOMEM, LEDE_ERR_TOO_LARGE. */
lede_status lede_html_decode(const char *bytes, size_t len, const char *forced,
                             lede_html_source *src, lede_error **err);

void lede_html_source_free(lede_html_source *src);

/* ====== Parsing (parse.c) ====== */

/* Parses UTF-8 HTML with a parser context of its own, in recover mode,
 * without network access and without messages, loading libxml2 first
 * (LEDE_ERR_DEPENDENCY when it cannot be). A source with more start tags
 * than `max_nodes` ('<' and a name: each makes an element) is refused
 * before it is parsed (LEDE_ERR_TOO_LARGE); closing tags and comments make
 * no node, and the walk of the parsed page counts the nodes exactly
 * (dom.c). So is one where libxml2's time, quadratic in a start tag's
 * attributes, would be long, with the tag's place (parse.c). The caller
 * frees the document with lede_libxml()->xmlFreeDoc. */
lede_status lede_html_parse(const lede_html_source *src, size_t max_nodes, xmlDoc **doc,
                            lede_error **err);

/* Parses UTF-8 XML strictly, without DTD loading, entity substitution or
 * network access, with lede_html_parse's bound on start tags. References
 * to entities that are not internal become text: the character HTML names
 * so for an undeclared one, else "&name;" (internal entities are read in
 * place by lede_hdom_build_xml). A file of several <DOC>s (TREC) and no
 * root is read inside a root element, <lede-docs>. A well-formedness error
 * gives LEDE_ERR_MARKUP with its position in `src` (for one inside an
 * entity's text, its reference's; none when that is not known). On success
 * `*doc` is the caller's, freed with xmlFreeDoc; on an error it is NULL.
 * Thread-safe: a parser context per call. */
lede_status lede_xml_parse(const lede_html_source *src, size_t max_nodes, xmlDoc **doc,
                           lede_error **err);

/* ====== The flat tree (dom.c) ====== */

/* Element kinds lede tells apart; every other element is HTML_TAG_OTHER. */
enum lede_html_tag {
    HTAG_TEXT = 0, /* a text node */
    HTAG_OTHER,
    HTAG_A,
    HTAG_ADDRESS,
    HTAG_ARTICLE,
    HTAG_ASIDE,
    HTAG_BLOCKQUOTE,
    HTAG_BODY,
    HTAG_BR,
    HTAG_BUTTON,
    HTAG_CAPTION,
    HTAG_CENTER,
    HTAG_CODE,
    HTAG_DD,
    HTAG_DETAILS,
    HTAG_DIALOG,
    HTAG_DIV,
    HTAG_DL,
    HTAG_DT,
    HTAG_FIELDSET,
    HTAG_FIGCAPTION,
    HTAG_FIGURE,
    HTAG_FOOTER,
    HTAG_FORM,
    HTAG_H1,
    HTAG_H2,
    HTAG_H3,
    HTAG_H4,
    HTAG_H5,
    HTAG_H6,
    HTAG_HEADER,
    HTAG_HGROUP,
    HTAG_HR,
    HTAG_HTML,
    HTAG_IMG,
    HTAG_INPUT,
    HTAG_LABEL,
    HTAG_LEGEND,
    HTAG_LI,
    HTAG_MAIN,
    HTAG_MENU,
    HTAG_NAV,
    HTAG_OL,
    HTAG_P,
    HTAG_PRE,
    HTAG_SECTION,
    HTAG_SELECT,
    HTAG_SPAN,
    HTAG_SUMMARY,
    HTAG_TABLE,
    HTAG_TBODY,
    HTAG_TD,
    HTAG_TFOOT,
    HTAG_TH,
    HTAG_THEAD,
    HTAG_TIME,
    HTAG_TR,
    HTAG_UL,
    HTAG_COUNT
};

/* Node flags. */
enum {
    HNODE_BLOCK = 1u << 0,    /* starts and ends a paragraph */
    HNODE_IN_LINK = 1u << 1,  /* inside an <a href> */
    HNODE_IN_PRE = 1u << 2,   /* inside <pre>: white space is kept */
    HNODE_REMOVED = 1u << 3,  /* dropped by extraction, with its subtree */
    HNODE_KEEP = 1u << 4,     /* part of the article */
    HNODE_FLATTENED = 1u << 5, /* deeper than max_depth: read as a sibling */
    HNODE_MIXED = 1u << 6,     /* XML: has text of its own beside elements */
    HNODE_BLANK_BREAKS = 1u << 7 /* XML text: a blank line starts a paragraph */
};

/* Hints from an element's class and id: what the words in them suggest. */
enum {
    HINT_CONTENT = 1u << 0,   /* article, content, entry, post, story, body, text */
    HINT_MAIN = 1u << 1,      /* main, article-body, ... strong content words */
    HINT_NAV = 1u << 2,       /* nav, menu, breadcrumb, pagination */
    HINT_COMMENT = 1u << 3,   /* comment, reply, discussion */
    HINT_SHARE = 1u << 4,     /* share, social, print, email buttons */
    HINT_RELATED = 1u << 5,   /* related, recommended, more, popular, trending */
    HINT_AD = 1u << 6,        /* ad, advert, sponsor, promo, banner */
    HINT_SIDEBAR = 1u << 7,   /* sidebar, widget, aside, rail */
    HINT_FOOTER = 1u << 8,    /* footer, copyright, legal */
    HINT_HEADER = 1u << 9,    /* header, masthead, topbar */
    HINT_SUBSCRIBE = 1u << 10, /* newsletter, subscribe, signup, paywall, cookie */
    HINT_META = 1u << 11,     /* byline, author, date, timestamp, meta, tags */
    HINT_CAPTION = 1u << 12,  /* caption, credit, image, photo, media */
    HINT_HIDDEN = 1u << 13    /* hidden, sr-only, visually-hidden */
};

typedef struct lede_hnode {
    const xmlNode *xml;
    uint32_t parent;     /* index of the parent, LEDE_HNODE_NONE for the root */
    uint32_t owner;      /* the nearest block element at or above the node */
    uint32_t end;        /* one past the last node of the subtree */
    uint32_t line;       /* source line (elements: of the start tag) */
    uint16_t tag;        /* enum lede_html_tag */
    uint16_t hints;      /* HINT_* of this element's class and id */
    uint16_t flags;      /* HNODE_* */
    uint8_t kind;        /* LEDE_PARA_* of the text here (nearest li, hN, td...) */
    uint8_t heading;     /* 1..6 inside <hN>, else 0 */
    /* Subtree totals: visible characters (white space runs count once), those
     * inside links, commas and sentence stops. */
    uint32_t chars;
    uint32_t link_chars;
    uint32_t commas;
    uint32_t stops;
    /* Text directly in this block (inline descendants, not nested blocks). */
    uint32_t own_chars;
    uint32_t own_link_chars;
    uint32_t own_commas;
    uint32_t own_stops;
    uint32_t own_breaks; /* <br> directly in this block's text */
    uint32_t blocks;     /* text blocks of 25+ characters in the subtree */
    uint32_t images;     /* <img> in the subtree */
    uint32_t paras;      /* <p> in the subtree */
    uint32_t items;      /* <li> in the subtree */
    uint32_t prose_items; /* of them, those that read as prose (dom.c) */
    uint32_t quoted;     /* characters inside <blockquote> in the subtree */
    uint32_t listed;     /* characters inside <li> in the subtree */
    float score;
    float best;          /* the highest score in the subtree (-FLT_MAX: none) */
} lede_hnode;

#define LEDE_HNODE_NONE UINT32_MAX

typedef struct lede_hdom {
    lede_hnode *nodes;
    size_t count;
    size_t cap;
    uint32_t body; /* the <body> (or the root) */
} lede_hdom;

/* Flattens the tree under `root` into `dom`, in document order, skipping
 * scripts, styles, forms controls, comments and hidden elements, and
 * computes the subtree totals. Iterative: no recursion on the tree. Errors:
 * LEDE_ERR_TOO_LARGE past opts->max_nodes, LEDE_ERR_NOMEM. */
lede_status lede_hdom_build(lede_hdom *dom, const xmlNode *root,
                            const lede_extract_options *opts, lede_error **err);

/* The same for an XML document: elements are told apart by a few common
 * names (p, para, title, head, li, quote...) and otherwise by their content:
 * an element inside text of its parent is inline (unless it is a paragraph,
 * list item, cell, heading or display quote), any other one is a block.
 * Blank lines in text start new paragraphs. A reference to an internal entity
 * is read as the entity's content: nodes may then point into the DTD's
 * entity declarations, which live as long as the xmlDoc. Errors: those of
 * lede_hdom_build, and LEDE_ERR_TOO_LARGE when entity references expand to
 * more than 16 MiB of text. */
lede_status lede_hdom_build_xml(lede_hdom *dom, const xmlNode *root,
                                const lede_extract_options *opts, lede_error **err);

void lede_hdom_free(lede_hdom *dom);

/* The value of attribute `name` of an element, NULL when absent. Points into
 * the tree (no copy). */
const char *lede_html_attr(const xmlNode *node, const char *name);

/* ====== Class and id hints (hints.c) ====== */

/* HINT_* for a class or id attribute value. */
uint16_t lede_html_class_hints(const char *value);

/* HINT_* for an ARIA role. */
uint16_t lede_html_role_hints(const char *role);

/* ====== Output text (emit.c) ====== */

typedef struct lede_html_text {
    lede_strbuf text;
    lede_paragraph *paras;
    size_t count;
    size_t cap;
} lede_html_text;

/* Appends the visible text of the kept nodes of dom (HNODE_KEEP subtrees
 * without HNODE_REMOVED ones) as paragraphs: blocks, <br><br> and list items
 * end paragraphs, inline elements do not; white space collapses except in
 * <pre>. */
lede_status lede_html_emit(lede_html_text *out, const lede_hdom *dom);

/* Appends the text of node i's subtree alone (XPath results), as paragraphs. */
lede_status lede_html_emit_node(lede_html_text *out, const lede_hdom *dom, uint32_t i);

/* Appends raw text (an XPath string or attribute value) as paragraphs: white
 * space runs collapse, blank lines start new paragraphs. */
lede_status lede_html_emit_text(lede_html_text *out, const char *text, size_t len,
                                unsigned kind, size_t line);

void lede_html_text_free(lede_html_text *out);

/* The visible text of node i's subtree, white space collapsed and trimmed,
 * appended to `b` (for titles and metadata). */
lede_status lede_hdom_text(const lede_hdom *dom, uint32_t i, lede_strbuf *b);

/* ====== Article extraction (extract.c) ====== */

/* Marks the article in `dom`: HNODE_KEEP on the chosen subtrees, HNODE_REMOVED
 * on the boilerplate inside them. `*title_node` receives the headline to
 * leave out of the text (LEDE_HNODE_NONE if none). Returns LEDE_OK,
 * LEDE_ERR_NO_ARTICLE or LEDE_ERR_NOMEM (never an article chosen as though
 * a text that could not be read were not there). */
lede_status lede_html_find_article(lede_hdom *dom, const char *title, uint32_t *title_node);

/* ====== Metadata (meta.c) ====== */

typedef struct lede_html_meta {
    char *title;
    char *og_title;
    char *author;
    char *date;
    char *language;
} lede_html_meta;

/* Reads <title>, <meta> and <html lang> from the document. */
lede_status lede_html_read_meta(const xmlDoc *doc, lede_html_meta *meta);

/* When meta->date is not set, sets it to the datetime of the article's
 * <time> whose datetime is a date: the first inside the kept subtrees of
 * `dom`, else the last before them. The string is allocated, owned by
 * `meta` (lede_html_meta_free). Call after lede_html_find_article. Errors:
 * LEDE_ERR_NOMEM. */
lede_status lede_html_time_date(const lede_hdom *dom, lede_html_meta *meta);

void lede_html_meta_free(lede_html_meta *meta);

#endif
