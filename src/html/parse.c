/* parse.c - libxml2's parsers, used so that nothing global changes: one
 * parser context per call, options instead of global settings, errors read
 * from the context instead of through the (process-wide) error handlers. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "../common/error.h"
#include "../common/parse.h"
#include "../common/strbuf.h"
#include "html.h"
#include "libxml.h"

/* Recover from any markup, never print, never fetch anything. XML_PARSE_HUGE
 * because without it libxml2 2.9.14 stops at 256 nested elements and drops a
 * text node over 10 MB, silently losing the rest of the page; lede's own
 * limits (bytes, nodes) bound the work instead, and both the HTML parser and
 * xmlFreeDoc are iterative, so depth costs no stack. HTML_PARSE_IGNORE_ENC
 * because the bytes are already UTF-8 (encoding.c). */
static const int html_options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;

/* Strict XML: no entity substitution (NOENT: it would load external
 * entities, local files included), no DTD loading, no HUGE (its depth and
 * size limits stay, and its entity amplification check), CDATA read as text.
 * Internal entities are read in place of their references by the walk
 * (dom.c); the other references become text after the parse. */
static const int xml_options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                               XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_IGNORE_ENC |
                               XML_PARSE_BIG_LINES;

static int is_ascii_letter(unsigned char c)
{
    c |= 0x20;
    return c >= 'a' && c <= 'z';
}

/* ====== Attributes per element ======
 *
 * libxml2 2.9.14 checks each attribute of a start tag against all those
 * before it (and its tree builder walks the list to append each one), so a
 * tag with n attributes costs n^2: 100,000 attributes, 1 MB, take 20 s. The
 * scan below bounds every element's attribute count before the parse. It
 * follows the parser's own reading of a start tag (htmlParseStartTag, or
 * xmlParseStartTag2 with XML's wider names), where the tag ends at a '>'
 * outside a quoted value. Where the parser is at a '<' (text, comment,
 * script, a quoted value) is not modelled: every '<' that could open a start
 * tag starts a reading of its own, so no context can hide a tag. The readings
 * run side by side as a set of automaton states; two readings in the same
 * state go on alike and are merged, keeping the larger count, so the scan is
 * linear whatever the overlap. */

/* Both parsers refuse a source (LEDE_ERR_TOO_LARGE) where a start tag may
 * have more than MAX_ATTRIBUTES attributes, or where the squares of the
 * start tags' attribute counts add up to more than attribute_work_limit
 * (many tags, each with many). Real pages stay far below both: a few dozen
 * attributes at most. */
#define MAX_ATTRIBUTES ((size_t)5000)
#define ATTRIBUTE_WORK_BASE ((size_t)1 << 25)
#define ATTRIBUTE_WORK_PER_BYTE ((size_t)8)

/* What count_attributes found: bounds on what the parser will read, never
 * less than it does. */
typedef struct attr_load {
    size_t tags;           /* the '<' that may open a start tag */
    size_t max_attributes; /* the most attributes of one start tag */
    size_t max_at;         /* the offset of that tag's '<' */
    size_t work;           /* the sum of the squared counts (saturating) */
    size_t work_limit;     /* attribute_work_limit of the length */
    size_t work_at;        /* the '<' of the tag where `work` passed
                              `work_limit`, else SIZE_MAX */
} attr_load;

typedef enum attr_state {
    ATTR_TAG_NAME,   /* the element's name */
    ATTR_BETWEEN,    /* blanks before an attribute, or after a value */
    ATTR_NAME,       /* an attribute's name */
    ATTR_AFTER_NAME, /* blanks after the name: '=' may follow */
    ATTR_AFTER_EQ,   /* after '=', before the value */
    ATTR_UNQUOTED,   /* a value without quotes, up to a blank or '>' */
    ATTR_DQUOTED,    /* a value in double quotes */
    ATTR_SQUOTED,    /* a value in single quotes */
    ATTR_BOGUS,      /* what the HTML parser skips up to a blank */
    ATTR_STATES,
    ATTR_END = ATTR_STATES
} attr_state;

/* The HTML parser reads a name into a 100-byte buffer and starts a new
 * attribute where one is cut (HTML_PARSER_BUFFER_SIZE in HTMLparser.c). */
enum { HTML_NAME_BUFFER = 100 };

/* The readings of one state: the largest attribute count among them and
 * where that one's tag starts. `run` is the length of the name being read;
 * readings that share a name state share it, since a name starts after a
 * byte that ends every name. */
typedef struct attr_reading {
    size_t count;
    size_t start;
    size_t run;
} attr_reading;

typedef struct attr_scan {
    int xml;
    unsigned live; /* bit s: some reading is in state s */
    attr_reading at[ATTR_STATES];
    attr_load *load;
} attr_scan;

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* htmlParseHTMLName's first byte; XML names also start with any non-ASCII
 * byte (an upper bound of XML's name characters). */
static int is_name_start(unsigned char c, int xml)
{
    return is_ascii_letter(c) || c == '_' || c == ':' || (xml ? c >= 0x80 : c == '.');
}

static int is_name_char(unsigned char c, int xml)
{
    return is_name_start(c, xml) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/* What the parser does at `c` between attributes: end the tag, skip a
 * blank, start an attribute, or skip a bogus one up to a blank. */
static attr_state attr_between(unsigned char c, int xml, attr_reading *r)
{
    if (c == '>')
        return ATTR_END;
    if (is_blank(c))
        return ATTR_BETWEEN;
    if (!is_name_start(c, xml))
        return ATTR_BOGUS;
    r->count++;
    r->run = 1;
    return ATTR_NAME;
}

/* The next byte of a name: it goes on, is cut (HTML) or ends the name. */
static attr_state attr_name(attr_state s, unsigned char c, int xml, attr_reading *r)
{
    if (!is_name_char(c, xml)) {
        if (s == ATTR_NAME && c == '=')
            return ATTR_AFTER_EQ;
        if (s == ATTR_NAME && is_blank(c))
            return ATTR_AFTER_NAME;
        return attr_between(c, xml, r);
    }
    if (xml || r->run < HTML_NAME_BUFFER) {
        r->run++;
        return s;
    }
    /* The name was cut: the rest is read as the next attribute. */
    return attr_between(c, xml, r);
}

static attr_state attr_step(attr_state s, unsigned char c, int xml, attr_reading *r)
{
    switch (s) {
    case ATTR_TAG_NAME:
    case ATTR_NAME:
        return attr_name(s, c, xml, r);
    case ATTR_BETWEEN:
        return attr_between(c, xml, r);
    case ATTR_AFTER_NAME:
        if (c == '=')
            return ATTR_AFTER_EQ;
        return is_blank(c) ? s : attr_between(c, xml, r);
    case ATTR_AFTER_EQ:
        if (is_blank(c))
            return s;
        if (c == '"' || c == '\'')
            return c == '"' ? ATTR_DQUOTED : ATTR_SQUOTED;
        return c == '>' ? ATTR_END : ATTR_UNQUOTED;
    case ATTR_UNQUOTED:
    case ATTR_BOGUS:
        return c == '>' || is_blank(c) ? attr_between(c, xml, r) : s;
    case ATTR_DQUOTED:
        return c == '"' ? ATTR_BETWEEN : s;
    case ATTR_SQUOTED:
        return c == '\'' ? ATTR_BETWEEN : s;
    default:
        return ATTR_END;
    }
}

static size_t saturating_add(size_t a, size_t b)
{
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

/* ATTRIBUTE_WORK_BASE + ATTRIBUTE_WORK_PER_BYTE * len (saturating): the
 * work allowed grows with the page, so that no large real page is refused,
 * and stays within a few times the parse's own. */
static size_t attribute_work_limit(size_t len)
{
    size_t per_byte =
        len > SIZE_MAX / ATTRIBUTE_WORK_PER_BYTE ? SIZE_MAX : len * ATTRIBUTE_WORK_PER_BYTE;
    return saturating_add(ATTRIBUTE_WORK_BASE, per_byte);
}

/* A tag ends: its count enters the totals. Readings merged into one end
 * together and overlap, and the parser's tags do not, so at most one of
 * them is a tag the parser reads: its count is at most the largest. */
static void attr_tag_ends(attr_scan *scan, const attr_reading *r)
{
    attr_load *load = scan->load;
    if (r->count > load->max_attributes) {
        load->max_attributes = r->count;
        load->max_at = r->start;
    }
    size_t square = r->count > SIZE_MAX / r->count ? SIZE_MAX : r->count * r->count;
    load->work = saturating_add(load->work, square);
    if (load->work > load->work_limit && load->work_at == SIZE_MAX)
        load->work_at = r->start;
}

static void attr_merge(attr_scan *scan, attr_state s, const attr_reading *r)
{
    if (s == ATTR_END) {
        if (r->count > 0)
            attr_tag_ends(scan, r);
        return;
    }
    attr_reading *into = &scan->at[s];
    unsigned bit = 1u << s;
    if (!(scan->live & bit)) {
        *into = *r;
        scan->live |= bit;
        return;
    }
    if (r->count > into->count) {
        into->count = r->count;
        into->start = r->start;
    }
    if (r->run > into->run)
        into->run = r->run;
}

/* Moves every reading over byte `c`. */
static void attr_advance(attr_scan *scan, unsigned char c)
{
    unsigned was_live = scan->live;
    if (!was_live)
        return;
    if (!(was_live & (was_live - 1))) { /* one state: the usual case */
        int s = 0;
        while (!(was_live & (1u << s)))
            s++;
        attr_reading r = scan->at[s];
        scan->live = 0;
        attr_merge(scan, attr_step((attr_state)s, c, scan->xml, &r), &r);
        return;
    }
    attr_reading before[ATTR_STATES];
    memcpy(before, scan->at, sizeof before);
    scan->live = 0;
    for (int s = 0; s < ATTR_STATES; s++) {
        if (!(was_live & (1u << s)))
            continue;
        attr_reading r = before[s];
        attr_merge(scan, attr_step((attr_state)s, c, scan->xml, &r), &r);
    }
}

/* The end of the bytes from `p` that leave state `s` as it is. A '<' always
 * ends them, since it may start a tag of its own. */
static const char *attr_same(attr_state s, attr_reading *r, int xml, const char *p,
                             const char *end)
{
    switch (s) {
    case ATTR_TAG_NAME:
    case ATTR_NAME:
        while (p < end && is_name_char((unsigned char)*p, xml) &&
               (xml || r->run < HTML_NAME_BUFFER)) {
            r->run++;
            p++;
        }
        return p;
    case ATTR_BETWEEN:
    case ATTR_AFTER_NAME:
    case ATTR_AFTER_EQ:
        while (p < end && is_blank((unsigned char)*p))
            p++;
        return p;
    case ATTR_UNQUOTED:
    case ATTR_BOGUS:
        while (p < end && *p != '>' && *p != '<' && !is_blank((unsigned char)*p))
            p++;
        return p;
    default: {
        const char *q = memchr(p, s == ATTR_DQUOTED ? '"' : '\'', (size_t)(end - p));
        if (!q)
            q = end;
        const char *lt = memchr(p, '<', (size_t)(q - p));
        return lt ? lt : q;
    }
    }
}

/* Whether the parser may read a start tag at `p`: '<' and a name. */
static int may_open_tag(const char *p, const char *end, int xml)
{
    if (*p != '<' || end - p < 2)
        return 0;
    unsigned char next = (unsigned char)p[1];
    return xml ? is_name_start(next, 1) : is_ascii_letter(next);
}

/* Follows the one open reading alone, as far as it goes: to its end, or to
 * a '<' that may start another. Returns where it stopped. */
static const char *attr_follow(attr_scan *scan, const char *p, const char *end)
{
    attr_state s = ATTR_TAG_NAME;
    while (!(scan->live & (1u << s)))
        s++;
    attr_reading r = scan->at[s];
    scan->live = 0;
    while (p < end) {
        p = attr_same(s, &r, scan->xml, p, end);
        if (p == end || may_open_tag(p, end, scan->xml))
            break;
        s = attr_step(s, (unsigned char)*p++, scan->xml, &r);
        if (s == ATTR_END) {
            attr_merge(scan, s, &r);
            return p;
        }
    }
    attr_merge(scan, s, &r);
    return p;
}

/* Bounds the attributes of every start tag the HTML parser (or, when `xml`,
 * the XML parser) would read in `len` bytes of UTF-8, and counts the '<'
 * that may open one, in one linear pass. Each such '<' is read as a start
 * tag, whatever surrounds it (a comment, a script, a quoted value), so that
 * nothing can hide a tag; such readings overcount a little, never
 * undercount. */
static void count_attributes(const char *data, size_t len, int xml, attr_load *load)
{
    attr_scan scan = {.xml = xml, .live = 0, .load = load};
    load->tags = 0;
    load->max_attributes = 0;
    load->max_at = 0;
    load->work = 0;
    load->work_limit = attribute_work_limit(len);
    load->work_at = SIZE_MAX;
    const char *p = data, *end = data + len;
    while (p < end) {
        if (!scan.live) {
            p = memchr(p, '<', (size_t)(end - p));
            if (!p)
                break;
        } else if (!(scan.live & (scan.live - 1))) {
            p = attr_follow(&scan, p, end);
            if (p == end || !scan.live)
                continue;
        }
        /* Several readings, or a '<' that starts one more. */
        attr_advance(&scan, (unsigned char)*p);
        if (may_open_tag(p, end, xml)) {
            load->tags++;
            attr_reading r = {0, (size_t)(p - data), 0};
            attr_merge(&scan, ATTR_TAG_NAME, &r);
        }
        p++;
    }
    /* At the end of the input the parser ends an open tag. */
    for (int s = 0; s < ATTR_STATES; s++)
        if ((scan.live & (1u << s)) && scan.at[s].count > 0)
            attr_tag_ends(&scan, &scan.at[s]);
}

/* Places the error a failed call has just made (`code`, in *err) at byte
 * `offset` of the parsed source, and returns `code`: its message is made
 * once, by lede_fail, and only the place is added here. The source's own
 * bytes give the error its position; a copy converted from another
 * encoding has other byte offsets but the same lines and columns, which the
 * message then ends with instead (lede_error_has_position is 0). */
static lede_status place_in_source(const lede_html_source *src, size_t offset, lede_status code,
                                   lede_error **err)
{
    lede_error *e = err ? *err : NULL;
    if (!e)
        return code;
    if (offset > src->len)
        offset = src->len;
    if (!src->converted) {
        /* The caller's offsets count the BOM that data starts after. */
        lede_error_place(e, src->data - src->skipped, src->len + src->skipped,
                         offset + src->skipped);
        return code;
    }
    size_t line, column;
    lede_text_position(src->data, src->len, offset, &line, &column);
    char where[64];
    snprintf(where, sizeof where, " (at line %zu, column %zu)", line, column);
    return lede_error_append(err, code, where);
}

/* Refuses a source with more start tags than `max_nodes` (each makes an
 * element: a bound on what the parser would build, before it builds it),
 * or where libxml2's time, which grows with the square of a tag's
 * attributes, would be long (see MAX_ATTRIBUTES). */
static lede_status check_tags(const lede_html_source *src, int xml, size_t max_nodes,
                              lede_error **err)
{
    attr_load load;
    count_attributes(src->data, src->len, xml, &load);
    if (load.tags > max_nodes)
        return lede_fail(err, LEDE_ERR_TOO_LARGE,
                         "the input has %zu start tags, more than the limit of %zu nodes",
                         load.tags, max_nodes);
    if (load.max_attributes > MAX_ATTRIBUTES) {
        lede_status st = lede_fail(err, LEDE_ERR_TOO_LARGE,
                                   "a start tag may have %zu attributes, more than the limit of "
                                   "%zu (the parser's time grows with their square)",
                                   load.max_attributes, MAX_ATTRIBUTES);
        return place_in_source(src, load.max_at, st, err);
    }
    if (load.work_at != SIZE_MAX) {
        lede_status st = lede_fail(err, LEDE_ERR_TOO_LARGE,
                                   "the start tags up to here have too many attributes: the "
                                   "squares of their counts add up to more than the limit of "
                                   "%zu (the parser's time grows with them)",
                                   load.work_limit);
        return place_in_source(src, load.work_at, st, err);
    }
    return LEDE_OK;
}

/* What both parsers check first: libxml2 is there, takes an int length,
 * and will not build more than `max_nodes` elements or take quadratic time
 * over attributes. */
static lede_status check_source(const lede_html_source *src, xmlDoc **doc, const char *what,
                                int xml, size_t max_nodes, lede_error **err)
{
    *doc = NULL;
    lede_status st = lede_libxml_load(err);
    if (st != LEDE_OK)
        return st;
    if (src->len > INT_MAX)
        return lede_fail(err, LEDE_ERR_TOO_LARGE, "the %s is larger than %d bytes", what,
                         INT_MAX);
    if (src->len == 0)
        return lede_fail(err, LEDE_ERR_EMPTY_INPUT, "the %s is empty", what);
    return check_tags(src, xml, max_nodes, err);
}

lede_status lede_html_parse(const lede_html_source *src, size_t max_nodes, xmlDoc **doc,
                            lede_error **err)
{
    lede_status st = check_source(src, doc, "page", 0, max_nodes, err);
    if (st != LEDE_OK)
        return st;
    /* htmlCtxtReadMemory would reset the options and drop XML_PARSE_BIG_LINES
     * (line numbers then stop at 65535), so the context is set up by hand. */
    const lede_libxml_api *xml = lede_libxml();
    htmlParserCtxtPtr ctxt = xml->htmlCreateMemoryParserCtxt(src->data, (int)src->len);
    if (!ctxt)
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory creating the HTML parser");
    xml->htmlCtxtUseOptions(ctxt, html_options);
    ctxt->options |= XML_PARSE_BIG_LINES;
    ctxt->linenumbers = 1;
    /* Without this the parser reads bytes >= 0x80 as Latin-1. */
    xml->xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    xml->htmlParseDocument(ctxt);
    int nomem = ctxt->errNo == XML_ERR_NO_MEMORY;
    *doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    xml->htmlFreeParserCtxt(ctxt);
    if (nomem || !*doc) {
        xml->xmlFreeDoc(*doc);
        *doc = NULL;
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory parsing the page");
    }
    return LEDE_OK;
}

/* Byte offset of 1-based (line, column) in text, columns counting code
 * points as libxml2 does. */
static size_t offset_of(const char *text, size_t len, long line, long column)
{
    size_t i = 0;
    for (long l = 1; l < line && i < len; i++)
        if (text[i] == '\n')
            l++;
    for (long c = 1; c < column && i < len && text[i] != '\n'; c++) {
        i++;
        while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

/* The text libxml2 parses: the caller's, or a copy with a root element put
 * around it; `prefix`: the bytes of the start tag added before. */
typedef struct xml_text {
    const char *data;
    size_t len;
    size_t prefix;
    char *owned;
} xml_text;

/* `root`: the name of the element to put around the text, or NULL. */
static lede_status make_text(const lede_html_source *src, const char *root, xml_text *t)
{
    memset(t, 0, sizeof *t);
    t->data = src->data;
    t->len = src->len;
    if (!root)
        return LEDE_OK;
    size_t name = strlen(root);
    size_t len = src->len + 2 * name + 5; /* <root> and </root> */
    if (!(t->owned = malloc(len + 1)))
        return LEDE_ERR_NOMEM;
    /* on the first line, so that line numbers stay right */
    snprintf(t->owned, name + 3, "<%s>", root);
    memcpy(t->owned + name + 2, src->data, src->len);
    snprintf(t->owned + name + 2 + src->len, name + 4, "</%s>", root);
    t->data = t->owned;
    t->len = len;
    t->prefix = name + 2;
    return LEDE_OK;
}

/* The first error of an XML parse; later ones follow from it. */
typedef struct first_error {
    int seen;
    xmlError error; /* message and file fields are not kept */
    char message[200];
    xmlParserCtxtPtr document; /* the context reading the document itself */
    void *attribute_defaults;  /* the document's ctxt->attsDefault, set aside */
    /* The error is in an entity's replacement text, read through a context of
     * its own or an input pushed on the document's: its line and column are
     * in that text, not in the document. */
    int in_entity;
    long after_reference; /* then: offset in the document just past the
                           * reference being read, -1 when unknown */
} first_error;

/* Where the reading of the document has reached: past the reference whose
 * entity holds the error. */
static long document_offset(xmlParserCtxtPtr document)
{
    if (document->inputNr < 1 || !document->inputTab[0])
        return -1;
    const xmlParserInput *in = document->inputTab[0];
    if (!in->base || !in->cur || in->cur < in->base)
        return -1;
    return (long)(in->cur - in->base) + (long)in->consumed;
}

/* Structured errors of one parser context (ctxt->sax->serror), so that
 * nothing goes to libxml2's process-wide handlers. Entities' text is parsed
 * by a context that shares the document's handler and _private. */
static void keep_first_error(void *ctx, xmlErrorPtr e)
{
    xmlParserCtxtPtr ctxt = ctx;
    first_error *first = ctxt->_private;
    if (!first || first->seen || e->level < XML_ERR_ERROR)
        return;
    first->seen = 1;
    first->error = *e;
    first->error.file = NULL;
    first->error.str1 = first->error.str2 = first->error.str3 = NULL;
    snprintf(first->message, sizeof first->message, "%s", e->message ? e->message : "");
    first->error.message = first->message;
    first->in_entity = ctxt != first->document || ctxt->inputNr > 1;
    first->after_reference = first->in_entity ? document_offset(first->document) : -1;
}

/* The start of the reference ("&name;", or "%name;" in the DTD) that ends at
 * `end` in text, or -1. */
static long reference_start(const char *text, size_t len, long end)
{
    if (end < 2 || (size_t)end > len || text[end - 1] != ';')
        return -1;
    for (long i = end - 2; i >= 0; i--) {
        if (text[i] == '&' || text[i] == '%')
            return i;
        if (strchr(";<> \t\r\n", text[i]))
            return -1;
    }
    return -1;
}

/* The offset of the error in the parsed text, -1 when it cannot be known:
 * for an error inside an entity's text, its reference's. */
static long error_offset(const xml_text *parsed, const first_error *first,
                         const xmlError *e)
{
    if (first->seen && first->in_entity)
        return reference_start(parsed->data, parsed->len, first->after_reference);
    if (!e || e->line <= 0)
        return -1;
    return (long)offset_of(parsed->data, parsed->len, e->line, e->int2 > 0 ? e->int2 : 1);
}

static lede_status xml_error(const lede_html_source *src, const xml_text *parsed,
                             xmlParserCtxtPtr ctxt, const first_error *first, lede_error **err)
{
    const xmlError *e = first->seen ? &first->error : lede_libxml()->xmlCtxtGetLastError(ctxt);
    if (e && e->code == XML_ERR_NO_MEMORY)
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory parsing the XML");
    const char *msg = e && e->message ? e->message : "not well-formed";
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        n--;
    int in_entity = first->seen && first->in_entity;
    long at = error_offset(parsed, first, e);
    if (at < 0)
        return lede_fail(err, LEDE_ERR_MARKUP, "XML is not well-formed%s: %.*s",
                         in_entity ? " in the text of an entity" : "", (int)n, msg);
    const char *where = in_entity ? " in the text of the entity referenced here" : "";
    /* back to the caller's text: the start tag added before it is not there,
     * and an error in the end tag added after it is at its end */
    size_t off = (size_t)at > parsed->prefix ? (size_t)at - parsed->prefix : 0;
    lede_status st =
        lede_fail(err, LEDE_ERR_MARKUP, "XML is not well-formed%s: %.*s", where, (int)n, msg);
    return place_in_source(src, off, st, err);
}

/* ====== References to entities lede does not expand ====== */

static int is_internal_reference(const xmlNode *ref)
{
    const xmlEntity *ent = (const xmlEntity *)ref->children;
    return ent && ent->type == XML_ENTITY_DECL && ent->etype == XML_INTERNAL_GENERAL_ENTITY;
}

/* What stands for a reference lede does not expand: an undeclared entity
 * that HTML names is its character (news DTDs declare HTML's entities, and
 * DTDs are not loaded); any other (undeclared, or external and so never
 * loaded) stays as written, so that no text goes missing without a sign. */
static int unexpanded_text(const xmlNode *ref, lede_strbuf *b)
{
    lede_strbuf_clear(b);
    if (!ref->children) {
        const htmlEntityDesc *html = lede_libxml()->htmlEntityLookup(ref->name);
        if (html)
            return lede_strbuf_put_utf8(b, (int32_t)html->value);
    }
    const char *name = (const char *)ref->name;
    if (lede_strbuf_putc(b, '&') != 0 || lede_strbuf_append(b, name, strlen(name)) != 0)
        return -1;
    return lede_strbuf_putc(b, ';');
}

/* Replaces the reference `*node` by a text node; *node becomes that. */
static int replace_reference(xmlNode **node, lede_strbuf *b)
{
    const lede_libxml_api *xml = lede_libxml();
    xmlNode *ref = *node;
    if (unexpanded_text(ref, b) != 0)
        return -1;
    xmlNode *text = xml->xmlNewDocText(ref->doc, (const xmlChar *)b->data);
    if (!text)
        return -1;
    xml->xmlReplaceNode(ref, text);
    xml->xmlFreeNode(ref); /* not the entity: a reference does not own it */
    *node = text;
    return 0;
}

/* Turns every reference to an entity that is not internal into text, in the
 * document and in the content of internal entities (under the DTD).
 * Iterative, like the rest of the tree walks. */
static lede_status replace_unexpanded_references(xmlDoc *doc, lede_error **err)
{
    xmlNode *top = (xmlNode *)doc;
    xmlNode *node = doc->children;
    lede_strbuf b = {0};
    int failed = 0;
    while (node && !failed) {
        if (node->type == XML_ENTITY_REF_NODE) {
            if (!is_internal_reference(node))
                failed = replace_reference(&node, &b) != 0;
        } else if (node->children) {
            node = node->children;
            continue;
        }
        while (node != top && !node->next)
            node = node->parent;
        node = node == top ? NULL : node->next;
    }
    lede_strbuf_free(&b);
    return failed ? lede_fail(err, LEDE_ERR_NOMEM, "out of memory reading the XML") : LEDE_OK;
}

/* The SAX call at the end of the DOCTYPE, after the internal subset: the
 * attribute defaults it declared are set aside for the parse (and given
 * back to be freed). libxml2 2.9.14 adds each element's defaults comparing
 * each with all those before it, so 5,000 defaults on an element cost 25 ms
 * per start tag of it; lede reads no attribute a default could give.
 * External subsets are never loaded (no XML_PARSE_DTDLOAD). */
static void set_attribute_defaults_aside(void *ctx, const xmlChar *name, const xmlChar *external_id,
                                         const xmlChar *system_id)
{
    (void)name;
    (void)external_id;
    (void)system_id;
    xmlParserCtxtPtr ctxt = ctx;
    first_error *first = ctxt->_private;
    if (!first || first->document != ctxt || first->attribute_defaults)
        return;
    first->attribute_defaults = ctxt->attsDefault;
    ctxt->attsDefault = NULL;
}

/* One parse of the checked source (`root`: see make_text); on an error,
 * `*extra_content` tells whether it was content after the root element. */
static lede_status read_xml(const lede_html_source *src, const char *root, xmlDoc **doc,
                            int *extra_content, lede_error **err)
{
    *extra_content = 0;
    lede_status st = LEDE_OK;
    xml_text text;
    if (make_text(src, root, &text) != LEDE_OK)
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory reading the XML");
    if (text.len > INT_MAX) {
        free(text.owned);
        return lede_fail(err, LEDE_ERR_TOO_LARGE, "the XML document is larger than %d bytes",
                         INT_MAX);
    }
    /* Set up by hand (not xmlCtxtReadMemory, which resets the context) to
     * catch the first error on this context alone. */
    const lede_libxml_api *xml = lede_libxml();
    xmlParserCtxtPtr ctxt = xml->xmlCreateMemoryParserCtxt(text.data, (int)text.len);
    if (!ctxt) {
        free(text.owned);
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory creating the XML parser");
    }
    xml->xmlCtxtUseOptions(ctxt, xml_options);
    first_error first;
    memset(&first, 0, sizeof first);
    first.document = ctxt;
    ctxt->_private = &first;
    ctxt->sax->serror = keep_first_error;
    ctxt->sax->externalSubset = set_attribute_defaults_aside;
    xml->xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    xml->xmlParseDocument(ctxt);
    if (first.attribute_defaults && !ctxt->attsDefault)
        ctxt->attsDefault = first.attribute_defaults; /* freed with the context */
    xmlDocPtr d = ctxt->myDoc;
    ctxt->myDoc = NULL;
    if (!d || !ctxt->wellFormed) {
        *extra_content = first.seen && first.error.code == XML_ERR_DOCUMENT_END;
        st = xml_error(src, &text, ctxt, &first, err);
        xml->xmlFreeDoc(d);
        d = NULL;
    }
    xml->xmlFreeParserCtxt(ctxt);
    free(text.owned);
    if (d && (st = replace_unexpanded_references(d, err)) != LEDE_OK) {
        xml->xmlFreeDoc(d);
        d = NULL;
    }
    *doc = d;
    return st;
}

static int starts_with_doc(const lede_html_source *src)
{
    size_t i = 0;
    while (i < src->len && is_blank((unsigned char)src->data[i]))
        i++;
    return src->len - i >= 5 && lede_ascii_ncasecmp(src->data + i, "<DOC", 4) == 0 &&
           (src->data[i + 4] == '>' || src->data[i + 4] == ' ');
}

/* TREC files hold many <DOC>s without a root element: such a file is read
 * again inside one, and the errors are that reading's. The source is
 * checked once: the root added around it changes no tag of it. */
lede_status lede_xml_parse(const lede_html_source *src, size_t max_nodes, xmlDoc **doc,
                           lede_error **err)
{
    lede_status st = check_source(src, doc, "XML document", 1, max_nodes, err);
    if (st != LEDE_OK)
        return st;
    lede_error *first = NULL;
    int extra = 0;
    st = read_xml(src, NULL, doc, &extra, err ? &first : NULL);
    if (st == LEDE_OK || !extra || !starts_with_doc(src)) {
        if (err)
            *err = first;
        return st;
    }
    lede_error_free(first);
    return read_xml(src, "lede-docs", doc, &extra, err);
}
