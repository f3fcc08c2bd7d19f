/* input.c - what kind of input a file is (plain text, an HTML page, XML),
 * and turning pages into text to summarize. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "input.h"

int cli_parse_input_kind(const char *s, enum cli_input_kind *kind)
{
    static const char *const names[] = {"auto", "text", "html", "xml"};
    for (int i = 0; i < 4; i++) {
        if (strcmp(s, names[i]) == 0) {
            *kind = (enum cli_input_kind)i;
            return 0;
        }
    }
    return -1;
}

/* ====== Detection ====== */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int starts_ci(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    return len >= n && strncasecmp(s, word, n) == 0;
}

/* Skips white space and comments (skip_instructions skips <?...?> too). */
static size_t skip_prologue(const char *s, size_t i, size_t len)
{
    for (;;) {
        while (i < len && is_space(s[i]))
            i++;
        if (!starts_ci(s + i, len - i, "<!--"))
            return i;
        const char *end = NULL;
        for (size_t k = i + 4; k + 2 < len && !end; k++)
            if (s[k] == '-' && s[k + 1] == '-' && s[k + 2] == '>')
                end = s + k + 3;
        if (!end)
            return len;
        i = (size_t)(end - s);
    }
}

/* Skips "<?...?>" processing instructions (and the XML declaration) and
 * what skip_prologue skips. */
static size_t skip_instructions(const char *s, size_t i, size_t len)
{
    for (;;) {
        i = skip_prologue(s, i, len);
        if (!starts_ci(s + i, len - i, "<?"))
            return i;
        const char *end = NULL;
        for (size_t k = i + 2; k + 1 < len && !end; k++)
            if (s[k] == '?' && s[k + 1] == '>')
                end = s + k + 2;
        if (!end)
            return len;
        i = (size_t)(end - s);
    }
}

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == ':' || c == '.';
}

/* The elements of HTML (the living standard's, and the obsolete ones pages
 * still use): a document or fragment whose first element is one of them is
 * read as HTML, which recovers from anything, rather than as XML, which
 * refuses what is not well-formed. Sorted for bsearch. */
static const char *const html_elements[] = {
    "a",        "abbr",     "acronym",  "address",  "applet",   "area",     "article",
    "aside",    "audio",    "b",        "base",     "basefont", "bdi",      "bdo",
    "big",      "blink",    "blockquote", "body",   "br",       "button",   "canvas",
    "caption",  "center",   "cite",     "code",     "col",      "colgroup", "data",
    "datalist", "dd",       "del",      "details",  "dfn",      "dialog",   "dir",
    "div",      "dl",       "dt",       "em",       "embed",    "fieldset", "figcaption",
    "figure",   "font",     "footer",   "form",     "frame",    "frameset", "h1",
    "h2",       "h3",       "h4",       "h5",       "h6",       "head",     "header",
    "hgroup",   "hr",       "html",     "i",        "iframe",   "img",      "input",
    "ins",      "kbd",      "label",    "legend",   "li",       "link",     "main",
    "map",      "mark",     "marquee",  "menu",     "meta",     "meter",    "nav",
    "nobr",     "noframes", "noscript", "object",   "ol",       "optgroup", "option",
    "output",   "p",        "param",    "picture",  "pre",      "progress", "q",
    "rp",       "rt",       "ruby",     "s",        "samp",     "script",   "search",
    "section",  "select",   "slot",     "small",    "source",   "span",     "strike",
    "strong",   "style",    "sub",      "summary",  "sup",      "table",    "tbody",
    "td",       "template", "textarea", "tfoot",    "th",       "thead",    "time",
    "title",    "tr",       "track",    "tt",       "u",        "ul",       "var",
    "video",    "wbr",
};

static int cmp_name(const void *key, const void *elem)
{
    return strcasecmp((const char *)key, *(const char *const *)elem);
}

/* The name of the element that starts at s[i] ('<'), copied into `name`
 * (up to `cap` - 1 bytes, cut there: no HTML element has a long name).
 * Returns the name's whole length; 0 when no element starts there. */
static size_t element_name(const char *s, size_t i, size_t len, char *name, size_t cap)
{
    if (i + 1 >= len || s[i] != '<' ||
        !((s[i + 1] >= 'a' && s[i + 1] <= 'z') || (s[i + 1] >= 'A' && s[i + 1] <= 'Z')))
        return 0;
    size_t n = 0, k = i + 1;
    for (; k < len && is_name_char(s[k]); k++, n++)
        if (n + 1 < cap)
            name[n] = s[k];
    name[n + 1 < cap ? n : cap - 1] = '\0';
    /* A tag goes on with white space, '>' or "/>"; "<https://..." (a
     * Markdown link) is no element. */
    if (k < len && !is_space(s[k]) && s[k] != '>' && !(s[k] == '/' && k + 1 < len && s[k + 1] == '>'))
        return 0;
    return n;
}

static int is_html_element(const char *name)
{
    return bsearch(name, html_elements, sizeof html_elements / sizeof html_elements[0],
                   sizeof html_elements[0], cmp_name) != NULL;
}

/* The whole input an end tag is looked for in: ASCII-compatible bytes
 * (unit 1) or UTF-16 (unit 2, little-endian when `le`), which detection
 * otherwise reads through an ASCII view of its start. */
typedef struct markup_bytes {
    const unsigned char *b;
    size_t len;
    int unit;
    int le;
} markup_bytes;

/* Whether "</name" is in `m` from its code unit `from` on. */
static int has_end_tag(const markup_bytes *m, size_t from, const char *name, size_t n)
{
    unsigned char close[2 * 66] = {0};
    size_t k = 0, at = m->unit == 2 && !m->le; /* where the ASCII byte lies in a unit */
    for (size_t c = 0; c < n + 2; c++, k += (size_t)m->unit)
        close[k + at] = (unsigned char)(c < 2 ? "</"[c] : name[c - 2]);
    const unsigned char *end = m->b + m->len;
    for (const unsigned char *p = m->b + from * (size_t)m->unit + at; p < end; p++) {
        p = memchr(p, '<', (size_t)(end - p));
        if (!p)
            return 0;
        const unsigned char *unit = p - at;
        if ((size_t)(unit - m->b) % (size_t)m->unit == 0 && (size_t)(end - unit) >= k &&
            memcmp(unit, close, k) == 0)
            return 1;
    }
    return 0;
}

/* Whether the root element `name` (`n` bytes, whole), whose start tag is
 * at s[i] of the view, closes in the input `whole`, as "</name" or, for an
 * empty root, "/>": a text that starts with "<alice>" (a chat log) or
 * "<Ctrl>" is no XML document. */
static int root_closes(const char *s, size_t i, size_t len, const char *name, size_t n,
                       const markup_bytes *whole)
{
    if (n + 1 > 64)
        return 1; /* a name that long is no word of a text */
    size_t tag_end = i;
    while (tag_end < len && s[tag_end] != '>')
        tag_end++;
    if (tag_end > i && tag_end < len && s[tag_end - 1] == '/')
        return 1;
    return has_end_tag(whole, i, name, n);
}

/* "<?xml" and white space: the XML declaration, not "<?xml-stylesheet". */
static int xml_declaration_at(const char *s, size_t i, size_t len)
{
    return starts_ci(s + i, len - i, "<?xml") && i + 5 < len && is_space(s[i + 5]);
}

/* Whether the `n` bytes at p start with `tag` (a name after '<' or "</"),
 * whatever their case, and the name ends there: '>', white space or the
 * end. */
static int tag_at(const char *p, const char *end, const char *tag)
{
    size_t n = strlen(tag);
    return starts_ci(p, (size_t)(end - p), tag) &&
           (p + n == end || p[n] == '>' || is_space(p[n]));
}

/* HTML's raw text elements, whose lines no Markdown reads (CommonMark's
 * first kind of HTML block): the end tag of the one whose start tag is at
 * `p`, or NULL when none starts there. Only a tag that markup alone comes
 * before on its line (white space, or the '>' of another tag) opens one:
 * "a `<script>` tag" in a README's prose does not. */
static const char *raw_block_at(const char *line, const char *p, const char *end)
{
    static const char *const raw[][2] = {
        {"<pre", "</pre"}, {"<script", "</script"}, {"<style", "</style"},
        {"<textarea", "</textarea"}};
    if (end - p < 4 || !strchr("pstPST", p[1]))
        return NULL;
    const char *before = p;
    while (before > line && (before[-1] == ' ' || before[-1] == '\t'))
        before--;
    if (before > line && before[-1] != '>')
        return NULL;
    for (size_t k = 0; k < sizeof raw / sizeof raw[0]; k++)
        if (tag_at(p, end, raw[k][0]))
            return raw[k][1];
    return NULL;
}

/* Whether a line starts as Markdown writes a heading ("# ", "## ") or a
 * code fence ("```"): no HTML fragment does, outside the raw text of a
 * <pre>, <script>, <style> or <textarea> (a shell comment in a code
 * sample). */
static int has_markdown_line(const char *s, size_t len)
{
    const char *end = s + len;
    const char *raw_end = NULL; /* the end tag of the raw block we are in */
    for (const char *line = s; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        const char *line_end = nl ? nl : end;
        size_t k = 0;
        while (!raw_end && line + k < line_end && line[k] == '#' && k < 7)
            k++;
        if (!raw_end && ((k >= 1 && k <= 6 && line + k < line_end && line[k] == ' ') ||
                         starts_ci(line, (size_t)(line_end - line), "```")))
            return 1;
        for (const char *p = line; (p = memchr(p, '<', (size_t)(line_end - p))) != NULL; p++) {
            if (!raw_end)
                raw_end = raw_block_at(line, p, line_end);
            else if (tag_at(p, line_end, raw_end))
                raw_end = NULL;
        }
        line = nl ? nl + 1 : end;
    }
    return 0;
}

/* The kind of ASCII-compatible bytes (UTF-8 or a legacy encoding). */
static enum cli_input_kind detect_ascii(const char *data, size_t len, const markup_bytes *whole)
{
    size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    i = skip_prologue(data, i, len);
    int declared_xml = xml_declaration_at(data, i, len);
    i = skip_instructions(data, i, len);
    if (starts_ci(data + i, len - i, "<!doctype"))
        return starts_ci(data + i, len - i, "<!doctype html") ? INPUT_HTML : INPUT_XML;
    char name[68];
    size_t n = element_name(data, i, len, name, sizeof name);
    if (n == 0)
        return declared_xml ? INPUT_XML : INPUT_TEXT;
    /* After an XML declaration only <html> is a page (XHTML); without one,
     * any element of HTML starts a page or a fragment of one, and another
     * element an XML document if it closes. */
    if (declared_xml)
        return strcasecmp(name, "html") == 0 ? INPUT_HTML : INPUT_XML;
    /* A fragment (no <html>, <head> or <body>) with Markdown headings or
     * fences is Markdown that starts with an HTML block (a README's
     * centred logo). */
    int document = strcasecmp(name, "html") == 0 || strcasecmp(name, "head") == 0 ||
                   strcasecmp(name, "body") == 0;
    if (is_html_element(name))
        return !document && has_markdown_line(data, len) ? INPUT_TEXT : INPUT_HTML;
    return root_closes(data, i, len, name, n, whole) ? INPUT_XML : INPUT_TEXT;
}

/* The first bytes of UTF-16 as ASCII (other characters as '?'), enough to
 * tell a page from XML the same way as in ASCII. */
enum { UTF16_VIEW_CHARS = 4096 };

static size_t utf16_ascii_view(const unsigned char *b, size_t len, int le, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i + 1 < len && n < UTF16_VIEW_CHARS; i += 2) {
        unsigned char lo = b[i + (le ? 0 : 1)], hi = b[i + (le ? 1 : 0)];
        out[n++] = hi == 0 && lo != 0 && lo < 0x80 ? (char)lo : '?';
    }
    return n;
}

/* UTF-16: a page, XML or text as its view says (text is converted by
 * cli_prepare), the end tag of its root searched for in all of it. */
static enum cli_input_kind detect_utf16(const unsigned char *b, size_t len, int le)
{
    char view[UTF16_VIEW_CHARS];
    size_t n = utf16_ascii_view(b, len, le, view);
    markup_bytes whole = {b, len, 2, le};
    return detect_ascii(view, n, &whole);
}

/* UTF-16 without a byte order mark: the first character that is not white
 * space is '<' with a zero byte beside it. Returns 1 for little-endian, 2
 * for big-endian, 0 for neither. */
static int utf16_markup(const unsigned char *b, size_t len)
{
    for (int le = 1; le >= 0; le--) {
        size_t i = 0;
        while (i + 1 < len && b[i + le] == 0 && is_space((char)b[i + 1 - le]))
            i += 2;
        if (i + 1 < len && b[i + le] == 0 && b[i + 1 - le] == '<')
            return le ? 1 : 2;
    }
    return 0;
}

/* Whether input is UTF-16: 1 little-endian, 2 big-endian, 0 not; *start is
 * where its text starts (past a byte order mark). A byte order mark, not a
 * single byte (Latin-1 text may start with 0xFE); without one, '<' first
 * beside a zero byte. */
static int utf16_order(const unsigned char *b, size_t len, size_t *start)
{
    *start = 0;
    if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
        *start = 2;
        return b[0] == 0xFF ? 1 : 2;
    }
    return utf16_markup(b, len < 512 ? len : 512);
}

enum cli_input_kind cli_detect_input(const char *data, size_t len)
{
    const unsigned char *b = (const unsigned char *)data;
    size_t start;
    int order = utf16_order(b, len, &start);
    if (order)
        return detect_utf16(b + start, len - start, order == 1);
    markup_bytes whole = {b, len, 1, 1};
    return detect_ascii(data, len, &whole);
}

/* ====== Preparing input ====== */

/* iconv over all of *src, writing U+FFFD for each code unit it cannot
 * convert (a lone surrogate) and for a last odd byte or unpaired high
 * surrogate when `replace`; else it stops there. Returns iconv's result. */
static size_t convert_utf16(iconv_t cd, char **src, size_t *in_left, char **dst,
                            size_t *out_left, int replace)
{
    for (;;) {
        size_t rc = iconv(cd, src, in_left, dst, out_left);
        if (rc != (size_t)-1 || !replace || (errno != EILSEQ && errno != EINVAL) ||
            *out_left < 3)
            return rc;
        memcpy(*dst, "\xEF\xBF\xBD", 3);
        *dst += 3;
        *out_left -= 3;
        /* One U+FFFD a code unit: a lone high surrogate before an odd
         * last byte gives two. */
        size_t skip = *in_left >= 2 ? 2 : *in_left;
        *src += skip;
        *in_left -= skip;
    }
}

/* Converts UTF-16 text (of byte order `order`, from byte `start`) to UTF-8
 * in out->utf8, with iconv; `replace`: --replace-invalid. Returns 0, or -1
 * after a message. */
static int utf16_text(const cli_input *in, int order, size_t start, int replace,
                      cli_prepared *out)
{
    iconv_t cd = iconv_open("UTF-8", order == 1 ? "UTF-16LE" : "UTF-16BE");
    if (cd == (iconv_t)-1) {
        cli_warn("%s: cannot convert UTF-16: %s", in->display, strerror(errno));
        return -1;
    }
    /* Each 2 bytes give at most 3 (U+FFFD too); an odd last byte 3 more. */
    size_t in_left = in->len - start, cap = (in_left / 2) * 3 + 4;
    char *src = in->data + start, *utf8 = malloc(cap), *dst = utf8;
    size_t out_left = cap - 1;
    size_t rc = utf8 ? convert_utf16(cd, &src, &in_left, &dst, &out_left, replace) : (size_t)-1;
    int error = utf8 ? errno : ENOMEM;
    iconv_close(cd);
    if (rc == (size_t)-1 || in_left > 0) {
        size_t at = (size_t)(src - in->data);
        if (rc == (size_t)-1 && error == ENOMEM)
            cli_warn("%s: out of memory converting UTF-16", in->display);
        else
            cli_warn("%s: invalid UTF-16 at byte %zu", in->display, at);
        free(utf8);
        return -1;
    }
    *dst = '\0';
    out->utf8 = utf8;
    out->text = utf8;
    out->len = (size_t)(dst - utf8);
    return 0;
}

int cli_prepare(const cli_input *in, enum cli_input_kind kind, const cli_extract_config *cfg,
                cli_prepared *out)
{
    memset(out, 0, sizeof *out);
    if (kind == INPUT_AUTO)
        kind = cfg && cfg->xpath ? INPUT_XML : cli_detect_input(in->data, in->len);
    out->kind = kind;
    if (kind == INPUT_TEXT) {
        size_t start;
        int order = utf16_order((const unsigned char *)in->data, in->len, &start);
        if (order)
            return utf16_text(in, order, start, cfg && cfg->replace_invalid, out);
        out->text = in->data;
        out->len = in->len;
        return 0;
    }
    lede_error *err = NULL;
    const lede_extract_options *opts = cfg ? cfg->opts : NULL;
    lede_status st = kind == INPUT_XML
                         ? lede_extract_xml(in->data, in->len, cfg ? cfg->xpath : NULL, opts,
                                            &out->doc, &err)
                         : lede_extract_html(in->data, in->len, opts, &out->doc, &err);
    if (st != LEDE_OK) {
        cli_report_error(in->display, err, st);
        lede_error_free(err);
        return -1;
    }
    out->text = lede_document_text(out->doc, &out->len);
    return 0;
}

void cli_prepared_free(cli_prepared *p)
{
    lede_document_free(p->doc);
    free(p->utf8);
    memset(p, 0, sizeof *p);
}

/* ====== Language ====== */

/* The primary subtag of a language tag: "en" of "en-US". */
static void primary_subtag(const char *tag, char *out, size_t size)
{
    size_t n = 0;
    while (tag[n] && tag[n] != '-' && tag[n] != '_' && n + 1 < size) {
        out[n] = (char)(tag[n] >= 'A' && tag[n] <= 'Z' ? tag[n] + 32 : tag[n]);
        n++;
    }
    out[n] = 0;
}

/* The language a page asks for: the primary subtag of its declared one
 * ("ja" of "ja-JP") in `code`, when it names one other than English.
 * Returns 1 then, else 0. */
static int page_language(const lede_document *doc, char *code, size_t size)
{
    const char *lang = doc ? lede_document_language(doc) : NULL;
    if (!lang || size == 0)
        return 0;
    primary_subtag(lang, code, size);
    return code[0] && strcmp(code, "en") != 0;
}

/* A new summarizer for language `code`, with `opts`'s other settings; when
 * lede has no model for it, one for no language ("und"), with *no_model
 * set. Returns LEDE_OK, or LEDE_ERR_NOMEM when memory runs out. */
static lede_status summarizer_in(const lede_options *opts, const char *code,
                                 lede_summarizer **out, int *no_model)
{
    *out = NULL;
    *no_model = 0;
    lede_options *copy = lede_options_copy(opts);
    if (!copy)
        return LEDE_ERR_NOMEM;
    lede_status st = lede_options_set_language(copy, code);
    if (st == LEDE_OK)
        st = lede_summarizer_new(copy, out, NULL);
    if (st == LEDE_ERR_UNKNOWN_LANGUAGE || st == LEDE_ERR_INVALID_ARGUMENT) {
        *no_model = 1;
        st = lede_options_set_language(copy, "und");
        if (st == LEDE_OK)
            st = lede_summarizer_new(copy, out, NULL);
    }
    lede_options_free(copy);
    return st;
}

lede_status cli_page_summarizer_get(cli_page_summarizer *c, const lede_document *doc,
                                    const lede_options *opts, int lang_given,
                                    lede_summarizer *shared, lede_summarizer **out,
                                    char *warning, size_t size)
{
    char code[sizeof c->lang];
    *out = shared;
    if (size > 0)
        warning[0] = '\0';
    if (lang_given || !page_language(doc, code, sizeof code))
        return LEDE_OK;
    if (!c->s || strcmp(code, c->lang) != 0) {
        cli_page_summarizer_free(c);
        lede_status st = summarizer_in(opts, code, &c->s, &c->no_model);
        if (st != LEDE_OK) {
            /* Not `shared` instead: that would be another language's summary. */
            *out = NULL;
            return st;
        }
        memcpy(c->lang, code, sizeof code);
    }
    /* Every page read without a model says so, not only the first. */
    if (c->no_model)
        snprintf(warning, size,
                 "the page is in '%s', which lede has no model for; reading it without one "
                 "(--lang sets the language)",
                 lede_document_language(doc));
    *out = c->s;
    return LEDE_OK;
}

void cli_page_summarizer_free(cli_page_summarizer *c)
{
    lede_summarizer_free(c->s);
    memset(c, 0, sizeof *c);
}

/* ====== JSON ====== */

static int set_string(json_t *obj, const char *key, const char *value)
{
    if (!value)
        return 0;
    return json_object_set_new(obj, key, json_string(value));
}

int cli_document_meta_json(json_t *obj, const lede_document *doc)
{
    int rc = 0;
    rc |= set_string(obj, "title", lede_document_title(doc));
    rc |= set_string(obj, "author", lede_document_author(doc));
    rc |= set_string(obj, "date", lede_document_date(doc));
    rc |= set_string(obj, "language", lede_document_language(doc));
    rc |= set_string(obj, "encoding", lede_document_encoding(doc));
    return rc ? -1 : 0;
}

int cli_document_json(json_t *obj, const lede_document *doc)
{
    if (cli_document_meta_json(obj, doc) != 0)
        return -1;
    json_t *list = json_object_get(obj, "sentences");
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item)
    {
        json_int_t start = json_integer_value(json_object_get(item, "start"));
        size_t line = lede_document_source_line(doc, (size_t)start);
        if (json_object_set_new(item, "source_line", json_integer((json_int_t)line)) != 0)
            return -1;
    }
    return 0;
}
