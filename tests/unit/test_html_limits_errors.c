/* test_html_limits_errors.c - a small max_depth keeps the page's text; XML
 * well-formedness errors point at the right place of the file, or nowhere. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html_test.h"

static const char *data_dir = "tests/data";

static const char *long_para = "The council voted on Tuesday to rebuild the old bridge, "
                               "which has been closed since the spring floods, and work "
                               "should start before the end of the year.";

/* ====== max_depth ====== */

/* An ordinary page, its paragraphs three <div>s inside <body>: at every depth
 * limit from 1 up, its three paragraphs are the article. */
static void test_small_depth_keeps_text(void)
{
    char html[2048];
    snprintf(html, sizeof html,
             "<html><head><title>Bridge</title></head><body><div><div><div>"
             "<p>%s</p><p>%s</p><p>%s</p></div></div></div></body></html>",
             long_para, long_para, long_para);
    for (size_t depth = 1; depth <= 6; depth++) {
        lede_extract_options *opts = lede_extract_options_new();
        lede_extract_options_set_max_depth(opts, depth);
        lede_document *doc = NULL;
        lede_error *err = NULL;
        lede_status st = lede_extract_html(html, strlen(html), opts, &doc, &err);
        if (CHECK_MSG(st == LEDE_OK, "max_depth %zu: %s", depth, lede_error_message(err))) {
            check_document_shape(doc, "small max_depth");
            CHECK_MSG(lede_document_paragraph_count(doc) == 3, "max_depth %zu: %zu paragraphs",
                      depth, lede_document_paragraph_count(doc));
            char buf[256];
            CHECK_STR(para_text(doc, 2, buf, sizeof buf), long_para);
        }
        lede_error_free(err);
        lede_document_free(doc);
        lede_extract_options_free(opts);
    }
}

/* ====== Positions of XML errors ====== */

/* Extracts `xml` (default formats, or the nodes `xpath` selects) and
 * checks that it fails with an error at `line` whose byte offset is in
 * [first, last]. */
static void check_error_at(const char *what, const char *xml, size_t len, const char *xpath,
                           size_t line, size_t first, size_t last)
{
    lede_document *doc = NULL;
    lede_error *err = NULL;
    CHECK_STATUS(lede_extract_xml(xml, len, xpath, NULL, &doc, &err), LEDE_ERR_MARKUP);
    if (CHECK_MSG(err && lede_error_has_position(err), "%s: no position", what)) {
        CHECK_MSG(lede_error_line(err) == line, "%s: line %zu, want %zu (%s)", what,
                  lede_error_line(err), line, lede_error_message(err));
        size_t off = lede_error_offset(err);
        CHECK_MSG(off >= first && off <= last, "%s: byte %zu, want %zu..%zu (%s)", what, off,
                  first, last, lede_error_message(err));
    }
    lede_error_free(err);
    lede_document_free(doc);
}

/* A TREC file of several <DOC>s is read again inside a root element: the
 * error is that reading's, at its place in the file. */
static void test_error_in_second_doc(void)
{
    const char *trec = "<DOC>\n<TEXT>\nFirst doc text, fine.\n</TEXT>\n</DOC>\n"
                       "<DOC>\n<TEXT>\nSecond AT&T doc.\n</TEXT>\n</DOC>\n";
    size_t line8 = offset_in(trec, "Second");
    check_error_at("second <DOC>", trec, strlen(trec), NULL, 8, line8,
                   line8 + strlen("Second AT&T doc."));
    /* an error on the first line, where the added start tag is */
    const char *first_line = "<DOC><TEXT>x &amp y</TEXT></DOC>\n<DOC><TEXT>z</TEXT></DOC>\n";
    size_t amp = offset_in(first_line, "&amp");
    check_error_at("first line", first_line, strlen(first_line), NULL, 1, amp, amp + 5);
    /* an error in the end tag added after the text is at the text's end */
    const char *unclosed = "<DOC><TEXT>x</TEXT></DOC>\n<DOC><TEXT>y</TEXT>\n";
    size_t end = strlen(unclosed);
    check_error_at("last <DOC> unclosed", unclosed, end, NULL, 3, end, end);
    /* after a UTF-8 byte order mark, the offset counts its three bytes */
    char with_bom[128];
    snprintf(with_bom, sizeof with_bom, "\xEF\xBB\xBF%s", first_line);
    check_error_at("after a BOM", with_bom, strlen(with_bom), NULL, 1, amp + 3, amp + 8);
    /* converted from Latin-1: no byte offset, but the right line */
    const char *latin1 = "<DOC>\n<TEXT>\nCaf\xE9.\n</TEXT>\n</DOC>\n"
                         "<DOC>\n<TEXT>\nCaf\xE9 AT&T.\n</TEXT>\n</DOC>\n";
    lede_extract_options *opts = lede_extract_options_new();
    lede_extract_options_set_encoding(opts, "ISO-8859-1");
    lede_document *doc = NULL;
    lede_error *err = NULL;
    CHECK_STATUS(lede_extract_xml(latin1, strlen(latin1), NULL, opts, &doc, &err),
                 LEDE_ERR_MARKUP);
    CHECK_MSG(err && strstr(lede_error_message(err), "(at line 8, column ") != NULL,
              "Latin-1: %s", lede_error_message(err));
    CHECK_MSG(err && !lede_error_has_position(err), "Latin-1: a byte offset of the copy");
    lede_error_free(err);
    lede_extract_options_free(opts);
}

/* An error in an entity's replacement text is reported at the reference,
 * not at the line and column it has in that text. */
static void test_error_in_entity(void)
{
    const char *xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE DOC [\n<!ENTITY e \"<b>unclosed\">\n]>\n"
                      "<DOC><TEXT>\nSome text &e; here.\n</TEXT></DOC>\n";
    size_t ref = offset_in(xml, "&e;");
    check_error_at("entity text", xml, strlen(xml), NULL, 6, ref, ref);
    size_t len;
    char *bomb = read_test_file(data_dir, "bomb.xml", &len);
    if (!bomb)
        return;
    size_t lol9 = offset_in(bomb, "<p>&lol9;") + 3;
    check_error_at("bomb", bomb, len, "//p", line_in(bomb, "<p>&lol9;"), lol9, lol9);
    free(bomb);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        data_dir = argv[1];
    test_small_depth_keeps_text();
    test_error_in_second_doc();
    test_error_in_entity();
    return harness_finish();
}
