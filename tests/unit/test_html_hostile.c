/* test_html_hostile.c - pages built to hurt: deep nesting, a 50 MB page,
 * limits, broken and mislabeled encodings, NUL bytes, random bytes. The big
 * inputs are generated here, not stored. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "html_test.h"

static const char article_text[] =
    "This paragraph is long enough to be part of an article, and it has commas, "
    "so the extractor treats it as running text.";

/* ====== Nesting ====== */

static void test_deep_nesting(void)
{
    static const char *const tags[] = {"div", "span", "b", "section", "li", "table"};
    for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++) {
        for (int closed = 0; closed <= 1; closed++) {
            test_page p = {0};
            char open[16], close[16];
            snprintf(open, sizeof open, "<%s>", tags[t]);
            snprintf(close, sizeof close, "</%s>", tags[t]);
            page_add(&p, "<html><body><p>");
            page_add(&p, article_text);
            page_add(&p, " First.</p>");
            page_add_times(&p, open, 100000);
            page_add(&p, "<p>Deep down: ");
            page_add(&p, article_text);
            page_add(&p, "</p>");
            if (closed)
                page_add_times(&p, close, 100000);
            page_add(&p, "<p>After the nesting: ");
            page_add(&p, article_text);
            page_add(&p, "</p></body></html>");
            lede_document *doc = NULL;
            lede_error *err = NULL;
            lede_status st = lede_extract_html(p.data, p.len, NULL, &doc, &err);
            if (CHECK_MSG(st == LEDE_OK, "100000 nested <%s> (closed %d): %s", tags[t], closed,
                          lede_error_message(err))) {
                check_document_shape(doc, tags[t]);
                CHECK_MSG(text_has(doc, "Deep down:"), "<%s>: deep text lost", tags[t]);
                CHECK_MSG(text_has(doc, "After the nesting:") || !closed,
                          "<%s>: text after the nesting lost", tags[t]);
            }
            lede_error_free(err);
            lede_document_free(doc);
            page_free(&p);
        }
    }
}

/* Elements deeper than max_depth are read as siblings: their text stays,
 * in order. */
static void test_depth_limit(void)
{
    test_page p = {0};
    page_add(&p, "<html><body>");
    for (int i = 0; i < 20; i++)
        page_addf(&p, "<div>Level %d text, with a comma.", i);
    page_add_times(&p, "</div>", 20);
    page_add(&p, "</body></html>");
    lede_extract_options *opts = lede_extract_options_new();
    lede_extract_options_set_max_depth(opts, 8);
    lede_extract_options_set_flags(opts, LEDE_EXTRACT_WHOLE_PAGE);
    lede_document *doc = NULL;
    if (CHECK(lede_extract_html(p.data, p.len, opts, &doc, NULL) == LEDE_OK)) {
        check_document_shape(doc, "depth limit");
        CHECK_EQ(lede_document_paragraph_count(doc), 20);
        char buf[64];
        CHECK_STR(para_text(doc, 19, buf, sizeof buf), "Level 19 text, with a comma.");
    }
    lede_document_free(doc);
    lede_extract_options_free(opts);
    page_free(&p);
}

/* ====== Size ====== */

static void test_big_page(void)
{
    /* 50 MB: a menu, then 100,000 paragraphs of about 500 bytes. */
    test_page p = {0};
    page_add(&p, "<!DOCTYPE html><html><head><title>Big</title></head><body><nav><ul>");
    page_add_times(&p, "<li><a href=\"/x\">Menu entry</a></li>", 10);
    page_add(&p, "</ul></nav><article>\n");
    size_t paragraphs = 0;
    while (p.len < 50 * 1000 * 1000) {
        page_addf(&p, "<p>Paragraph %zu. %s %s %s</p>\n", paragraphs, article_text, article_text,
                  article_text);
        paragraphs++;
    }
    page_add(&p, "</article></body></html>");
    lede_document *doc = NULL;
    lede_error *err = NULL;
    lede_status st = lede_extract_html(p.data, p.len, NULL, &doc, &err);
    if (CHECK_MSG(st == LEDE_OK, "50 MB page: %s", lede_error_message(err))) {
        CHECK_EQ(lede_document_paragraph_count(doc), paragraphs);
        CHECK(!text_has(doc, "Menu entry"));
        const lede_paragraph *last = lede_document_paragraph(doc, paragraphs - 1);
        CHECK(last && last->source_line == paragraphs + 1);
        char para[64];
        snprintf(para, sizeof para, "Paragraph %zu. ", paragraphs - 1);
        CHECK(last && strncmp(lede_document_text(doc, NULL) + last->start, para,
                              strlen(para)) == 0);
    }
    lede_error_free(err);
    lede_document_free(doc);

    /* The same bytes over a lower limit: refused before parsing. */
    lede_extract_options *opts = lede_extract_options_new();
    lede_extract_options_set_max_bytes(opts, 10 * 1000 * 1000);
    err = NULL;
    CHECK_STATUS(lede_extract_html(p.data, p.len, opts, &doc, &err), LEDE_ERR_TOO_LARGE);
    CHECK(err && strstr(lede_error_message(err), "limit") != NULL);
    lede_error_free(err);
    lede_extract_options_free(opts);
    page_free(&p);

    /* One text node of 20 MB without a line break. */
    test_page q = {0};
    page_add(&q, "<p>");
    while (q.len < 20 * 1000 * 1000)
        page_add(&q, "word, ");
    page_add(&q, "end.</p>");
    if (CHECK(lede_extract_html(q.data, q.len, NULL, &doc, NULL) == LEDE_OK)) {
        CHECK_EQ(lede_document_paragraph_count(doc), 1);
        CHECK(text_has(doc, "word, end."));
    }
    lede_document_free(doc);
    free(q.data);
}

static void test_node_limits(void)
{
    /* More tags than the default limit of 2,000,000: refused by counting. */
    test_page p = {0};
    page_add_times(&p, "<b>", 2000001);
    lede_document *doc = NULL;
    lede_error *err = NULL;
    CHECK_STATUS(lede_extract_html(p.data, p.len, NULL, &doc, &err), LEDE_ERR_TOO_LARGE);
    CHECK(err && strstr(lede_error_message(err), "2000000") != NULL);
    lede_error_free(err);
    page_free(&p);

    /* The limit is on elements and text nodes, as documented: eight
     * elements and three text nodes (18 '<' with the closing tags). */
    const char *exact = "<html><body><div><div><div>"
                        "<p>The council approved the new budget on Tuesday, raising spending on "
                        "schools by five percent.</p><p>The mayor said the vote, which was "
                        "unanimous, followed months of debate.</p><p>Officials said work on the "
                        "roads would start in the spring and end by winter.</p>"
                        "</div></div></div></body></html>";
    for (size_t n = 10; n <= 11; n++) {
        lede_extract_options *limit = lede_extract_options_new();
        lede_extract_options_set_max_nodes(limit, n);
        lede_status want = n == 11 ? LEDE_OK : LEDE_ERR_TOO_LARGE;
        CHECK_STATUS(lede_extract_html(exact, strlen(exact), limit, &doc, NULL), want);
        lede_document_free(doc);
        doc = NULL;
        lede_extract_options_free(limit);
    }

    /* UTF-16 is counted too: the count is of the decoded text. */
    for (int big = 0; big <= 1; big++) {
        test_page ascii = {0};
        page_add(&ascii, "<html><body>");
        page_add_times(&ascii, "<b>x</b>", 100);
        test_page utf16;
        page_utf16(ascii.data, ascii.len, big, 1, &utf16);
        lede_extract_options *limit = lede_extract_options_new();
        lede_extract_options_set_max_nodes(limit, 50);
        lede_error *e = NULL;
        CHECK_STATUS(lede_extract_html(utf16.data, utf16.len, limit, &doc, &e),
                     LEDE_ERR_TOO_LARGE);
        CHECK_MSG(e && strstr(lede_error_message(e), "102 start tags"), "UTF-16%s: %s",
                  big ? "BE" : "LE", e ? lede_error_message(e) : "no error");
        lede_error_free(e);
        lede_document_free(doc);
        doc = NULL;
        lede_extract_options_free(limit);
        page_free(&utf16);
        page_free(&ascii);
    }

    /* A lower limit, reached while reading the tree. */
    test_page q = {0};
    page_add(&q, "<body>");
    page_add_times(&q, "<p>Short paragraph, with a comma, and a full stop.</p>", 600);
    lede_extract_options *opts = lede_extract_options_new();
    lede_extract_options_set_max_nodes(opts, 1000);
    CHECK_STATUS(lede_extract_html(q.data, q.len, opts, &doc, NULL), LEDE_ERR_TOO_LARGE);
    lede_extract_options_set_max_nodes(opts, 2000);
    if (CHECK(lede_extract_html(q.data, q.len, opts, &doc, NULL) == LEDE_OK))
        CHECK_EQ(lede_document_paragraph_count(doc), 600);
    lede_document_free(doc);
    lede_extract_options_free(opts);
    free(q.data);
}

/* The message of extracting `page` (as XML when `xml`) with a limit of
 * `max_nodes`, into `buf`; "" when the call does not fail. */
static const char *node_limit_message(const char *page, int xml, size_t max_nodes, char *buf,
                                      size_t size)
{
    lede_extract_options *limit = lede_extract_options_new();
    lede_extract_options_set_max_nodes(limit, max_nodes);
    lede_document *doc = NULL;
    lede_error *err = NULL;
    lede_status st = xml ? lede_extract_xml(page, strlen(page), NULL, limit, &doc, &err)
                         : lede_extract_html(page, strlen(page), limit, &doc, &err);
    snprintf(buf, size, "%s", st == LEDE_OK ? "" : lede_error_message(err));
    lede_error_free(err);
    lede_document_free(doc);
    lede_extract_options_free(limit);
    return buf;
}

/* Start tags are counted wherever they are: in a quoted value, a comment or
 * a script, where the scan of attributes has several tags open at once;
 * closing tags are not. */
static void test_tag_count(void)
{
    const char *hidden = "<html><body><div title=\"<b c='<i>'>\"><!-- <i a='<i> -->"
                         "<script>if (a<b) {}</script><p>Text.</p></div></body></html>";
    char buf[256];
    CHECK_STR(node_limit_message(hidden, 0, 9, buf, sizeof buf),
              "the input has 10 start tags, more than the limit of 9 nodes");
    const char *xml = "<doc><p>One.</p><p>Two.</p></doc>";
    CHECK_STR(node_limit_message(xml, 1, 2, buf, sizeof buf),
              "the input has 3 start tags, more than the limit of 2 nodes");
}

/* ====== Encodings ====== */

typedef struct encoding_case {
    const char *name;
    const char *html; /* NUL-terminated unless len is given */
    size_t len;
    const char *forced;
    const char *want_text;     /* expected in the text */
    const char *want_encoding; /* reported encoding */
} encoding_case;

/* A NUL byte inside the text. */
static const char nul_page[] = "<p>Before\0after the NUL byte, with a comma, long enough.</p>";

/* UTF-16LE with a BOM and an odd number of bytes: the last one is half a
 * character. */
static const char utf16_page[] =
    "\xFF\xFE<\0p\0>\0L\0o\0n\0g\0 \0e\0n\0o\0u\0g\0h\0,\0 \0w\0i\0t\0h\0 \0a\0 \0c\0o\0m\0m"
    "\0a\0 \0a\0n\0d\0 \0w\0o\0r\0d\0s\0.\0<";

static void test_broken_encodings(void)
{
    static const char para[] = " is a word in a paragraph long enough, with a comma.";
    char buf[8][256];
    snprintf(buf[0], sizeof buf[0], "<meta charset=utf-8><p>Caf\xC3\xA9 and caf\xE9%s</p>", para);
    snprintf(buf[1], sizeof buf[1], "<p>Na\xEFve, no declaration%s</p>", para);
    snprintf(buf[2], sizeof buf[2], "<p>Overlong \xC0\xAF, surrogate \xED\xA0\x80%s</p>", para);
    snprintf(buf[3], sizeof buf[3], "<meta charset=\"x-no-such\"><p>Unknown label%s \xE2\x82\xAC</p>",
             para);
    snprintf(buf[4], sizeof buf[4],
             "<meta charset=windows-1251><p>\xD0\x9C\xD0\xB8\xD1\x80 valid UTF-8 under a wrong "
             "label%s</p>",
             para);
    snprintf(buf[5], sizeof buf[5], "<meta charset=Shift_JIS><p>\x93\xfa\x96\x7b bad \x81\x20 "
             "end%s</p>", para);
    snprintf(buf[6], sizeof buf[6], "<p>Truncated at the end%s \xE2\x82", para);
    const encoding_case cases[] = {
        {"mixed UTF-8 and Latin-1", buf[0], 0, NULL, "Caf\xC3\xA9 and caf\xC3\xA9",
         "UTF-8 (invalid bytes as WINDOWS-1252)"},
        {"Latin-1 without a label", buf[1], 0, NULL, "Na\xC3\xAFve", "WINDOWS-1252"},
        {"overlong and surrogate", buf[2], 0, NULL, "Overlong \xC3\x80\xC2\xAF", "WINDOWS-1252"},
        {"unknown label", buf[3], 0, NULL, "Unknown label", "UTF-8"},
        {"UTF-8 under a legacy label", buf[4], 0, NULL, "\xD0\x9C\xD0\xB8\xD1\x80 valid", "UTF-8"},
        {"invalid Shift_JIS", buf[5], 0, NULL, "\xE6\x97\xA5\xE6\x9C\xAC bad \xEF\xBF\xBD end",
         "CP932"},
        {"truncated UTF-8", buf[6], 0, NULL, "Truncated at the end", "WINDOWS-1252"},
        {"forced encoding", "<p>\xC4\xE0\xED\xED\xFB\xE5 forced windows-1251 with a comma, "
                            "long enough to be kept.</p>",
         0, "windows-1251", "\xD0\x94\xD0\xB0\xD0\xBD\xD0\xBD\xD1\x8B\xD0\xB5", "windows-1251"},
        {"NUL bytes", nul_page, sizeof nul_page - 1, NULL, "Before\xEF\xBF\xBD" "after", "UTF-8"},
        {"odd UTF-16", utf16_page, sizeof utf16_page - 1, NULL,
         "Long enough, with a comma and words.", "UTF-16LE"},
        {"UTF-16 without a BOM", utf16_page + 2, sizeof utf16_page - 3, NULL,
         "Long enough, with a comma and words.", "UTF-16LE"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const encoding_case *c = &cases[i];
        lede_extract_options *opts = lede_extract_options_new();
        lede_extract_options_set_encoding(opts, c->forced);
        lede_document *doc = NULL;
        lede_error *err = NULL;
        size_t len = c->len ? c->len : strlen(c->html);
        lede_status st = lede_extract_html(c->html, len, opts, &doc, &err);
        if (CHECK_MSG(st == LEDE_OK, "%s: %s", c->name, lede_error_message(err))) {
            check_document_shape(doc, c->name);
            CHECK_MSG(text_has(doc, c->want_text), "%s: '%s' not in '%s'", c->name,
                      c->want_text, lede_document_text(doc, NULL));
            CHECK_STR(lede_document_encoding(doc), c->want_encoding);
        }
        lede_error_free(err);
        lede_document_free(doc);
        lede_extract_options_free(opts);
    }
    /* An encoding nobody knows, asked for explicitly, is an error. */
    lede_extract_options *opts = lede_extract_options_new();
    lede_extract_options_set_encoding(opts, "x-no-such-encoding");
    lede_document *doc = NULL;
    lede_error *err = NULL;
    CHECK_STATUS(lede_extract_html("<p>x</p>", 8, opts, &doc, &err), LEDE_ERR_INVALID_ARGUMENT);
    CHECK(err && strstr(lede_error_message(err), "x-no-such-encoding") != NULL);
    lede_error_free(err);
    lede_extract_options_free(opts);
}

/* Random bytes and random markup: never a crash (the sanitizer build checks
 * memory), and any text given back is valid UTF-8. */
static void test_random_pages(void)
{
    static const char *const pieces[] = {
        "<p>", "</p>", "<div class=\"content\">", "</div>", "<a href=x>", "</a>", "<br>",
        "<pre>", "</pre>", "<li>", "<table><tr><td>", "&amp;", "&#0;", "&#xD800;", "<!--",
        "-->", "<script>", "</script>", "<![CDATA[", "\xC3", "\xA9", "\xFF", "\0", "\r\n",
        "\n\n", " words, words. ", "<meta charset=\"shift_jis\">", "<meta charset=utf-16>",
        "<h1>", "</h1>", "<?xml encoding=\"koi8-r\"?>", "<title>", "\xE3\x80\x82",
    };
    unsigned seed = 12345;
    int ok = 1;
    for (int round = 0; round < 300 && ok; round++) {
        size_t n = 0;
        char bytes[4096];
        for (int k = 0; k < 200; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *piece = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
            size_t len = piece[0] ? strlen(piece) : 1;
            if (n + len < sizeof bytes) {
                memcpy(bytes + n, piece, len);
                n += len;
            }
        }
        lede_document *doc = NULL;
        lede_status st = lede_extract_html(bytes, n, NULL, &doc, NULL);
        if (st == LEDE_OK)
            ok &= check_document_shape(doc, "random page");
        else
            ok &= CHECK_MSG(st == LEDE_ERR_NO_ARTICLE || st == LEDE_ERR_EMPTY_INPUT,
                            "random page %d: status %d", round, st);
        lede_document_free(doc);
    }
    CHECK(ok);
}

/* libxml2 prints nothing: every kind of error goes through the context, not
 * through its process-wide handlers (stderr is watched meanwhile). */
static void test_silence(void)
{
    FILE *sink = tmpfile();
    if (!CHECK(sink != NULL))
        return;
    fflush(stderr);
    int saved = dup(2);
    dup2(fileno(sink), 2);
    static const char *const xml[] = {
        "<doc><p>open</doc>", "<?xml version=\"1.0\" encoding=\"x-unknown\"?><doc/>",
        "<doc>&undefined;</doc>", "<!DOCTYPE d [<!ENTITY e SYSTEM \"http://example.com/\">]><d>&e;</d>",
        "<doc><p>\xFF\xFE bad bytes</p></doc>", "<a:b xmlns:c=\"x\"><c:d/></a:b>",
    };
    static const char *const xpaths[] = {"//p", "//[", "count(", "//*[local-name()=", "$x"};
    int statuses = 0;
    for (size_t i = 0; i < sizeof xml / sizeof xml[0]; i++) {
        for (size_t k = 0; k < sizeof xpaths / sizeof xpaths[0]; k++) {
            lede_document *doc = NULL;
            lede_error *err = NULL;
            statuses += lede_extract_xml(xml[i], strlen(xml[i]), xpaths[k], NULL, &doc, &err) != LEDE_OK;
            lede_document_free(doc);
            lede_error_free(err);
        }
    }
    static const char *const html[] = {
        ("<html><body><p>Unclosed <b><i>tags</p></div></span><p>and &bogus; entities, "
         "with enough text to be an article of some kind.</body>"),
        "<meta charset=shift_jis><p>\x81\x81\xFF\xFF\x80 invalid Shift_JIS, and more words.</p>",
        "<meta charset=iso-2022-jp><p>\x1B$B broken escape, and more words here.</p>",
        "<p attr=\"unterminated>Text <![CDATA[ x ]]> <?pi x?> </p></p></p>",
    };
    for (size_t i = 0; i < sizeof html / sizeof html[0]; i++) {
        lede_document *doc = NULL;
        lede_extract_html(html[i], strlen(html[i]), NULL, &doc, NULL);
        lede_document_free(doc);
    }
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    struct stat st;
    CHECK(fstat(fileno(sink), &st) == 0 && st.st_size == 0);
    CHECK(statuses > 0);
    fclose(sink);
}

int main(void)
{
    test_deep_nesting();
    test_depth_limit();
    test_big_page();
    test_node_limits();
    test_tag_count();
    test_broken_encodings();
    test_random_pages();
    test_silence();
    return harness_finish();
}
