/* test_html_dom.c - the walk of libxml2's tree into text blocks: hidden
 * elements, <pre>, XML elements that are blocks or inline, XML entity
 * references, and the source line of each paragraph. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html_test.h"

#define PARA                                                                                  \
    "<p>The council approved the new budget on Tuesday, raising spending on schools, roads " \
    "and parks by five percent.</p>"

/* ====== Hidden elements ====== */

/* A hiding declaration is found wherever it is in a long style attribute. */
static void test_long_style_hides(void)
{
    char style[512] = "";
    for (int k = 0; k < 12; k++)
        strcat(style, "margin-left:12px;padding:4px;"); /* 348 characters, no spaces */
    static const char *const hiders[] = {"display:none", "visibility: hidden",
                                         "DISPLAY : None"};
    for (size_t h = 0; h < sizeof hiders / sizeof hiders[0]; h++) {
        char html[2048];
        snprintf(html, sizeof html,
                 "<html><body><article>" PARA "<div style=\"%s%s\">SECRET-HIDDEN-TEXT and more "
                 "words in a sentence, long enough to be a block of its own.</div>" PARA
                 "</article></body></html>",
                 style, hiders[h]);
        lede_document *doc = NULL;
        if (CHECK_STATUS(extract_page(html, &doc), LEDE_OK)) {
            CHECK(text_has(doc, "council approved"));
            CHECK_MSG(!text_has(doc, "SECRET-HIDDEN-TEXT"), "style ...%s: hidden text read",
                      hiders[h]);
        }
        lede_document_free(doc);
    }
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    test_long_style_hides();
    return harness_finish();
}
