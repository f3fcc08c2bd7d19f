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

int main(int argc, char **argv)
{
    if (argc > 1)
        data_dir = argv[1];
    test_small_depth_keeps_text();
    return harness_finish();
}
