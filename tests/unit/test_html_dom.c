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

/* ====== <pre> ====== */

/* The text of the first paragraph of kind `kind` of a page, or "". */
static const char *first_para_of_kind(const lede_document *doc, unsigned kind, char *buf,
                                      size_t size)
{
    for (size_t i = 0; i < lede_document_paragraph_count(doc); i++)
        if (lede_document_paragraph(doc, i)->kind == kind)
            return para_text(doc, i, buf, size);
    return "";
}

static void check_pre(const char *pre, const char *want)
{
    char html[2048];
    snprintf(html, sizeof html, "<html><body><article>" PARA "%s" PARA "</article></body></html>",
             pre);
    lede_document *doc = NULL;
    char buf[512];
    if (CHECK_STATUS(extract_page(html, &doc), LEDE_OK)) {
        check_document_shape(doc, pre);
        CHECK_STR(first_para_of_kind(doc, LEDE_PARA_PRE, buf, sizeof buf), want);
    }
    lede_document_free(doc);
}

/* Indentation in front of an inline element (syntax-highlighted code) is
 * kept; white space that ends a line, or fills it, is not. */
static void test_pre_indentation(void)
{
    check_pre("<pre><code><span class=\"k\">def</span> f(x):\n    <span class=\"k\">if</span> "
              "x:\n        <span class=\"k\">return</span> 1\n</code></pre>",
              "def f(x):\n    if x:\n        return 1");
    check_pre("<pre><code>    <span>x</span> = 1\n  <b>y</b>\n</code></pre>", "    x = 1\n  y");
    check_pre("<pre><b>a</b>  <i>b</i>  \n<b>c</b></pre>", "a  b\nc");
    check_pre("<pre><b>a</b>\n   <i></i>\n<b>b</b>\n\t<i> </i>\n</pre>", "a\nb");
    check_pre("<pre><b>a</b>\n   <br><b>b</b></pre>", "a\nb");
    check_pre("<pre>  <i> </i>  \n  <b>a</b></pre>", "  a");
}

/* ====== XML elements ====== */

static lede_status extract_xml(const char *xml, const char *xpath, lede_document **doc)
{
    return lede_extract_xml(xml, strlen(xml), xpath, NULL, doc, NULL);
}

/* Checks the paragraphs `xpath` gives of `xml`, NULL-terminated. */
static void check_xml_paras(const char *xml, const char *xpath, const char *const *want)
{
    lede_document *doc = NULL;
    char buf[512];
    if (CHECK_MSG(extract_xml(xml, xpath, &doc) == LEDE_OK, "%s: %s", xpath, xml)) {
        check_document_shape(doc, xml);
        size_t n = 0;
        while (want[n])
            n++;
        CHECK_MSG(lede_document_paragraph_count(doc) == n, "%s: %zu paragraphs, want %zu",
                  xml, lede_document_paragraph_count(doc), n);
        for (size_t i = 0; i < n && i < lede_document_paragraph_count(doc); i++)
            CHECK_STR(para_text(doc, i, buf, sizeof buf), want[i]);
    }
    lede_document_free(doc);
}

/* Paragraphs and list items are blocks even in a parent with text of its
 * own; names that are often inline (title, quote) stay inline there. */
static void test_xml_blocks_in_mixed_parent(void)
{
    static const char *const sec[] = {"Introduction text of the section.",
                                      "First paragraph here.", "Second paragraph here.", NULL};
    check_xml_paras("<root><sec>Introduction text of the section.<p>First paragraph here.</p>"
                    "<p>Second paragraph here.</p></sec></root>",
                    "//sec", sec);
    static const char *const list[] = {"Steps:", "One.", "Two.", "Done.", NULL};
    check_xml_paras("<r><note>Steps:<list><item>One.</item><item>Two.</item></list>Done.</note>"
                    "</r>",
                    "//note", list);
    static const char *const inline_names[] = {
        "He read The Book aloud, saying hello to all.", NULL};
    check_xml_paras("<r><para>He read <title>The Book</title> aloud, saying <quote>hello</quote> "
                    "to all.</para></r>",
                    "//para", inline_names);
}

/* In XML, script and style are names like any other (a play's script),
 * except in the XHTML and SVG namespaces, where they hold code. */
static void test_xml_script_is_text(void)
{
    static const char *const line[] = {"To be, or not to be, that is the question.", NULL};
    static const char play[] = "<play><script><line>To be, or not to be, that is the question."
                               "</line></script></play>";
    check_xml_paras(play, "//line", line);
    check_xml_paras(play, "//script", line);
    check_xml_paras(play, "/play", line);
    static const char *const style[] = {"Style: plain and short.", NULL};
    check_xml_paras("<doc><style>Style: plain and short.</style></doc>", "/doc", style);
    static const char *const xhtml[] = {"Text of the entry.", NULL};
    check_xml_paras("<feed><entry><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Text of the "
                    "entry.</p><script>var x = 1;</script><style>p { margin: 0 }</style></div>"
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>f()</script></svg>"
                    "</entry></feed>",
                    "//entry", xhtml);
}

/* ====== XML entity references ====== */

/* Internal entities are expanded; undeclared ones that HTML names become
 * their character; any other reference lede does not expand (undeclared,
 * external) stays as written, never silently dropped nor loaded. */
static void test_xml_entities(void)
{
    static const char nitf[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf SYSTEM \"nitf.dtd\">\n<nitf><body><body.content>"
        "<p>The company&rsquo;s shares rose &mdash; by ten percent &mdash; on Tuesday, analysts "
        "said.</p></body.content></body></nitf>\n";
    static const char *const nitf_text[] = {
        "The company\xE2\x80\x99s shares rose \xE2\x80\x94 by ten percent \xE2\x80\x94 on "
        "Tuesday, analysts said.",
        NULL};
    check_xml_paras(nitf, NULL, nitf_text);
    check_xml_paras(nitf, "//p", nitf_text);

    static const char internal[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE doc SYSTEM \"doc.dtd\" [\n<!ENTITY co \"Company Inc.\">\n"
        "<!ENTITY x \"the <b>bold</b> &co;\">\n<!ENTITY two \"<p>One.</p><p>Two.</p>\">\n"
        "<!ENTITY ext SYSTEM \"/etc/passwd\">\n<!ENTITY note \"&co; and &ext;\">\n]>\n"
        "<doc><p>Shares of &co; rose.</p><p>About &x; &x; today.</p><sec>&two;</sec>"
        "<p>&note;</p><p>Secret: &ext;.</p></doc>";
    static const char *const internal_text[] = {"Shares of Company Inc. rose.",
                                                 "About the bold Company Inc. the bold Company "
                                                 "Inc. today.",
                                                 "One.",
                                                 "Two.",
                                                 "Company Inc. and &ext;",
                                                 "Secret: &ext;.",
                                                 NULL};
    check_xml_paras(internal, "/doc", internal_text);
    static const char *const co[] = {"Shares of Company Inc. rose.", NULL};
    check_xml_paras(internal, "//p[1]", co);

    static const char undeclared[] = "<!DOCTYPE doc SYSTEM \"doc.dtd\"><doc><p>A &foo; and "
                                     "&eacute;t&eacute; &amp; &#233;.</p></doc>";
    static const char *const undeclared_text[] = {
        "A &foo; and \xC3\xA9t\xC3\xA9 & \xC3\xA9.", NULL};
    check_xml_paras(undeclared, "//p", undeclared_text);
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    test_long_style_hides();
    test_pre_indentation();
    test_xml_blocks_in_mixed_parent();
    test_xml_script_is_text();
    test_xml_entities();
    return harness_finish();
}
