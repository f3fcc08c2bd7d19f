/* test_html_attributes.c - start tags with very many attributes, which take
 * libxml2 2.9.14 quadratic time: refused quickly, whatever hides them, and
 * real-sized ones still read. The pages are generated here. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "html_test.h"

/* MAX_ATTRIBUTES of src/html/parse.c (static there). */
enum { MAX_ATTRIBUTES = 5000 };

/* `n` attributes named a<first>.. (with `value` when not NULL). */
static void add_attributes(test_page *p, size_t first, size_t n, const char *value)
{
    char one[64];
    for (size_t i = first; i < first + n; i++) {
        snprintf(one, sizeof one, " a%zu%s%s", i, value ? "=" : "", value ? value : "");
        page_add(p, one);
    }
}

static const char article[] =
    "<p>This paragraph is long enough to be part of an article, and it has commas, "
    "so the extractor treats it as running text.</p>";

/* Where a refusal must point: at the start tag `tag` (its byte offset in
 * the page as given; line and column in code points). */
typedef struct place {
    size_t offset, line, column;
    int converted; /* the page is not UTF-8: line and column in the message */
} place;

/* Extracts `p` as HTML (or XML) and checks the status; a refusal must come
 * fast and say where (at `at`, when not NULL). */
static void check_refusal_at(const test_page *p, int xml, lede_status want, const char *what,
                             const place *at)
{
    lede_document *doc = NULL;
    lede_error *err = NULL;
    double start = cpu_seconds();
    lede_status st = xml ? lede_extract_xml(p->data, p->len, NULL, NULL, &doc, &err)
                         : lede_extract_html(p->data, p->len, NULL, &doc, &err);
    double ms = (cpu_seconds() - start) * 1e3;
    CHECK_MSG(st == want, "%s: status %s (%s), want %s", what, lede_strerror(st),
              err ? lede_error_message(err) : "", lede_strerror(want));
    if (want == LEDE_ERR_TOO_LARGE && st == want) {
        CHECK_MSG(ms < 500, "%s: refused after %.0f ms", what, ms);
        CHECK_MSG(err && (lede_error_has_position(err) || strstr(lede_error_message(err),
                                                                  "(at line ")),
                  "%s: no position: %s", what, err ? lede_error_message(err) : "");
    }
    if (st == LEDE_ERR_TOO_LARGE && err && at && !at->converted &&
        CHECK_MSG(lede_error_has_position(err), "%s: no position (%s)", what,
                  lede_error_message(err))) {
        CHECK_MSG(lede_error_offset(err) == at->offset && lede_error_line(err) == at->line &&
                      lede_error_column(err) == at->column,
                  "%s: at byte %zu, line %zu, column %zu; want byte %zu, line %zu, column %zu",
                  what, lede_error_offset(err), lede_error_line(err), lede_error_column(err),
                  at->offset, at->line, at->column);
    }
    if (st == LEDE_ERR_TOO_LARGE && err && at && at->converted) {
        char want_text[64];
        snprintf(want_text, sizeof want_text, "(at line %zu, column %zu)", at->line, at->column);
        CHECK_MSG(!lede_error_has_position(err) && strstr(lede_error_message(err), want_text),
                  "%s: want %s in the message and no byte offset: %s", what, want_text,
                  lede_error_message(err));
    }
    if (want == LEDE_OK)
        CHECK_MSG(text_has(doc, "long enough"), "%s: the article is missing", what);
    lede_error_free(err);
    lede_document_free(doc);
}

/* The message of the HTML page's refusal into `buf`, without the place a
 * converted page's ends with (" (at line L, column C)"). */
static const char *refusal_message(const test_page *p, char *buf, size_t size)
{
    lede_document *doc = NULL;
    lede_error *err = NULL;
    lede_extract_html(p->data, p->len, NULL, &doc, &err);
    snprintf(buf, size, "%s", lede_error_message(err));
    char *at = strstr(buf, " (at line ");
    if (at)
        *at = 0;
    lede_error_free(err);
    lede_document_free(doc);
    return buf;
}

static void check_page(const test_page *p, int xml, lede_status want, const char *what)
{
    check_refusal_at(p, xml, want, what, NULL);
}

/* One tag with `n` attributes (values or boolean), then the article. */
static void one_tag(test_page *p, size_t n, const char *value)
{
    page_clear(p);
    page_add(p, "<html><body><div class=\"x\"");
    add_attributes(p, 1, n - 1, value);
    page_add(p, ">");
    page_add(p, article);
    page_add(p, "</div></body></html>");
}

/* Up to the limit a tag is read; one more attribute and the page is
 * refused, with or without values. */
static void test_limit(void)
{
    test_page p = {0};
    one_tag(&p, MAX_ATTRIBUTES, "x");
    check_page(&p, 0, LEDE_OK, "at the limit");
    one_tag(&p, MAX_ATTRIBUTES, NULL);
    check_page(&p, 0, LEDE_OK, "boolean, at the limit");
    one_tag(&p, MAX_ATTRIBUTES + 1, "x");
    place div = {12, 1, 13, 0};
    check_refusal_at(&p, 0, LEDE_ERR_TOO_LARGE, "one over the limit", &div);
    /* After a UTF-8 byte order mark the offset counts it, the column not. */
    test_page bom = {0};
    page_add(&bom, "\xEF\xBB\xBF");
    page_add(&bom, p.data);
    place after_bom = {15, 1, 13, 0};
    check_refusal_at(&bom, 0, LEDE_ERR_TOO_LARGE, "after a byte order mark", &after_bom);
    page_free(&bom);
    one_tag(&p, MAX_ATTRIBUTES + 1, NULL);
    check_page(&p, 0, LEDE_ERR_TOO_LARGE, "boolean, one over the limit");
    /* Quoted values hold blanks, '=' and '>' without making attributes. */
    one_tag(&p, MAX_ATTRIBUTES, "\"a = b > c 'd'\"");
    check_page(&p, 0, LEDE_OK, "quoted values with blanks and '>'");
    page_free(&p);
}

/* Attributes after a '>' in a quoted value, or where the parser reads a
 * start tag that the text around makes look like something else. */
static void test_hidden(void)
{
    static const struct {
        const char *before;
        const char *after;
        const char *what;
    } cases[] = {
        {"<div title=\"a > b\"", ">", "after a quoted '>'"},
        {"<div title='<p>' x=\">\"", ">", "after quoted markup"},
        {"<!-- <x a=' --><div", ">'", "after a comment with a quote"},
        {"<script>if (a<b='1') {}</script><div", ">'", "after a script with a quote"},
        {"<p>a <_ b='</p><div", ">'", "after a '<' that starts no tag"},
        {"<div a=\"1\"b='2'c", ">", "without blanks between them"},
    };
    test_page p = {0};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        page_clear(&p);
        page_add(&p, "<html><body>");
        page_add(&p, cases[i].before);
        add_attributes(&p, 1, MAX_ATTRIBUTES + 10, NULL);
        page_add(&p, cases[i].after);
        page_add(&p, article);
        page_add(&p, "</div></body></html>");
        check_page(&p, 0, LEDE_ERR_TOO_LARGE, cases[i].what);
    }
    /* The HTML parser cuts a name at 100 bytes and reads the rest as the
     * next attribute: one long name is many attributes. */
    page_clear(&p);
    page_add(&p, "<html><body><div ");
    for (size_t i = 0; i < MAX_ATTRIBUTES + 10; i++)
        page_add(&p, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
                "abcdefghijklmnopqrstuv");
    page_add(&p, ">");
    page_add(&p, article);
    page_add(&p, "</div></body></html>");
    check_page(&p, 0, LEDE_ERR_TOO_LARGE, "one long name");
    page_free(&p);
}

/* A page of `tags` tags of `attributes` attributes each, then the article. */
static void many_tags(test_page *p, size_t tags, size_t attributes)
{
    page_clear(p);
    page_add(p, "<html><body>");
    for (size_t t = 0; t < tags; t++) {
        page_add(p, "<div");
        add_attributes(p, 1, attributes, "x");
        page_add(p, "></div>");
    }
    page_add(p, article);
    page_add(p, "</body></html>");
}

/* Many tags, each under the limit, whose work adds up. */
static void test_many_tags(void)
{
    test_page p = {0};
    many_tags(&p, 100, 1000);
    check_page(&p, 0, LEDE_ERR_TOO_LARGE, "100 tags of 1000 attributes");
    /* Ten such tags stay within the page's allowance. */
    many_tags(&p, 10, 1000);
    check_page(&p, 0, LEDE_OK, "10 tags of 1000 attributes");
    page_free(&p);
}

/* XML's start tags (a TREC file's too), and a page in UTF-16, are bounded
 * alike. */
static void test_xml_and_utf16(void)
{
    test_page p = {0};
    page_add(&p, "<doc><text");
    add_attributes(&p, 1, MAX_ATTRIBUTES + 1, "\"x\"");
    page_add(&p, ">");
    page_add(&p, article);
    page_add(&p, "</text></doc>");
    place text = {5, 1, 6, 0};
    check_refusal_at(&p, 1, LEDE_ERR_TOO_LARGE, "XML", &text);

    /* A TREC file of several <DOC>s, which is read again inside a root
     * element: the tag is found at its place in the file. */
    page_clear(&p);
    page_add(&p, "<DOC>\n<TEXT>\nFirst.\n</TEXT>\n</DOC>\n<DOC>\n<TEXT");
    add_attributes(&p, 1, MAX_ATTRIBUTES + 1, "\"x\"");
    page_add(&p, ">");
    page_add(&p, article);
    page_add(&p, "</TEXT>\n</DOC>\n");
    place second = {offset_in(p.data, "<TEXT a1="), 7, 1, 0};
    check_refusal_at(&p, 1, LEDE_ERR_TOO_LARGE, "TREC", &second);

    one_tag(&p, MAX_ATTRIBUTES + 1, "x");
    test_page wide;
    page_utf16(p.data, p.len, 0, 1, &wide);
    place converted = {0, 1, 13, 1};
    check_refusal_at(&wide, 0, LEDE_ERR_TOO_LARGE, "UTF-16", &converted);
    /* Its message is the UTF-8 page's with the place added. */
    char utf8_message[256], utf16_message[256];
    CHECK_STR(refusal_message(&wide, utf16_message, sizeof utf16_message),
              refusal_message(&p, utf8_message, sizeof utf8_message));
    page_free(&wide);
    page_free(&p);
}

/* The page of the report: 200,000 attributes (1.9 MB) took 155 s. */
static void test_report(void)
{
    test_page p = {0};
    one_tag(&p, 200000, "x");
    check_page(&p, 0, LEDE_ERR_TOO_LARGE, "200,000 attributes");
    page_free(&p);
}

int main(void)
{
    test_limit();
    test_hidden();
    test_many_tags();
    test_xml_and_utf16();
    test_report();
    return harness_finish();
}
