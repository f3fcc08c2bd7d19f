/* input.c - what kind of input a file is (plain text, an HTML page, XML),
 * and turning pages into text to summarize. */
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

/* Skips white space, comments and a doctype-less prologue's <?...?>. */
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

/* Tags that start an HTML page or fragment. */
static int html_tag_at(const char *s, size_t len)
{
    static const char *const tags[] = {"<!doctype html", "<html", "<head", "<body", "<meta",
                                       "<title", "<p>", "<p ", "<div", "<article", "<section",
                                       "<h1", "<h2", "<table", "<ul", "<link", "<script",
                                       "<style", "<base"};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (starts_ci(s, len, tags[i]))
            return 1;
    return 0;
}

enum cli_input_kind cli_detect_input(const char *data, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    /* UTF-16 is never plain text lede reads; pages come in it. Its byte
     * order mark, not a single byte: Latin-1 text may start with 0xFE. */
    const unsigned char *b = (const unsigned char *)data;
    if (len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
        return INPUT_HTML;
    i = skip_prologue(data, i, len);
    if (starts_ci(data + i, len - i, "<?xml")) {
        /* XHTML is read as HTML. */
        size_t limit = len - i < 2048 ? len - i : 2048;
        for (size_t k = i; k + 5 < i + limit; k++)
            if (starts_ci(data + k, len - k, "<html") || starts_ci(data + k, len - k, "<!doctype html"))
                return INPUT_HTML;
        return INPUT_XML;
    }
    if (html_tag_at(data + i, len - i))
        return INPUT_HTML;
    if (starts_ci(data + i, len - i, "<!doctype"))
        return INPUT_XML;
    /* Another element at the start (<DOC>, <nitf>, <article>): XML. */
    if (i + 1 < len && data[i] == '<' &&
        ((data[i + 1] >= 'a' && data[i + 1] <= 'z') || (data[i + 1] >= 'A' && data[i + 1] <= 'Z')))
        return INPUT_XML;
    return INPUT_TEXT;
}

/* ====== Preparing input ====== */

int cli_prepare(const cli_input *in, enum cli_input_kind kind, const cli_extract_config *cfg,
                cli_prepared *out)
{
    memset(out, 0, sizeof *out);
    if (kind == INPUT_AUTO)
        kind = cfg && cfg->xpath ? INPUT_XML : cli_detect_input(in->data, in->len);
    out->kind = kind;
    if (kind == INPUT_TEXT) {
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
