/* test_html_dom.c - the walk of libxml2's tree into text blocks: hidden
 * elements, <pre>, XML elements that are blocks or inline, XML entity
 * references, and the source line of each paragraph. */
#define _DEFAULT_SOURCE
#include <stdint.h>
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
    /* Properties that end in another one's name hide nothing. */
    static const char *const visible[] = {"backface-visibility: hidden",
                                          "-webkit-backface-visibility:hidden"};
    for (size_t v = 0; v < sizeof visible / sizeof visible[0]; v++) {
        char html[1024];
        snprintf(html, sizeof html,
                 "<html><body><article>" PARA "<div style=\"%s\">SHOWN-TEXT and more words in a "
                 "sentence, long enough to be a block of its own.</div>" PARA
                 "</article></body></html>",
                 visible[v]);
        lede_document *doc = NULL;
        if (CHECK_STATUS(extract_page(html, &doc), LEDE_OK))
            CHECK_MSG(text_has(doc, "SHOWN-TEXT"), "style %s: text dropped", visible[v]);
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

/* ====== Source lines ====== */

/* A page generator's state: xorshift64*, seeded per page. */
typedef struct rng {
    uint64_t state;
} rng;

static unsigned rng_below(rng *r, unsigned n)
{
    r->state ^= r->state >> 12;
    r->state ^= r->state << 25;
    r->state ^= r->state >> 27;
    return (unsigned)((r->state * 2685821657736338717ULL) >> 33) % n;
}

static const char *pick(rng *r, const char *const *items, size_t n)
{
    return items[rng_below(r, (unsigned)n)];
}

#define PICK(r, items) pick((r), (items), sizeof(items) / sizeof(items)[0])

enum { TOKENS = 24 };

static void add_newlines(test_page *p, unsigned n)
{
    while (n-- > 0)
        page_add(p, "\n");
}

/* White space before a paragraph's first word: none, some, many lines, more
 * than libxml2's first piece of text (about 1 KB), a no-break space. */
static void add_lead(test_page *p, rng *r, int html)
{
    static const char *const leads[] = {"", " ", "\n", "\n\n   ", "\n\t\n  ", "\r\n"};
    unsigned k = rng_below(r, 10);
    if (k < 6)
        page_add(p, leads[k]);
    else if (k < 8)
        add_newlines(p, 1 + rng_below(r, 3) * 700);
    else if (html)
        page_add(p, "\n&nbsp;\n ");
    else
        page_add(p, "\n\n ");
}

/* A paragraph's words after its first: lines of words with commas, character
 * and entity references anywhere, non-ASCII letters, up to a few KB. */
static void add_body(test_page *p, rng *r, int html, int blank_lines_end)
{
    static const char *const words[] = {"council", "budget", "schools,", "roads", "parks",
                                        "caf\xC3\xA9", "\xE2\x80\x9Cquoted\xE2\x80\x9D",
                                        "percent.", "and", "the", "r\xC3\xA9sum\xC3\xA9"};
    static const char *const html_refs[] = {"&mdash;", "&amp;", "&#233;", "&eacute;",
                                            "&rsquo;", "&lt;", "&#x2014;", "&nbsp;"};
    static const char *const xml_refs[] = {"&amp;", "&#233;", "&lt;", "&#x2014;", "&mdash;",
                                           "&co;"};
    unsigned lines = 1 + rng_below(r, rng_below(r, 4) == 0 ? 60 : 6);
    for (unsigned l = 0; l < lines; l++) {
        unsigned n = 3 + rng_below(r, 12);
        for (unsigned w = 0; w < n; w++) {
            page_add(p, " ");
            if (rng_below(r, 6) == 0)
                page_add(p, html ? PICK(r, html_refs) : PICK(r, xml_refs));
            else
                page_add(p, PICK(r, words));
        }
        if (l + 1 < lines)
            page_add(p, rng_below(r, 8) == 0 && !blank_lines_end ? "\n   " : "\n");
    }
}

static void add_token(test_page *p, int k)
{
    char tok[16];
    snprintf(tok, sizeof tok, "TOK%03d", k);
    page_add(p, tok);
}

static void html_page(test_page *p, rng *r)
{
    page_clear(p);
    page_add(p, "<html><head><title>Budget</title></head><body>\n<article>\n");
    for (int k = 0; k < TOKENS; k++) {
        switch (rng_below(r, 6)) {
        case 0:
            page_add(p, "<!-- a comment\nover\nlines -->\n");
            break;
        case 1:
            page_add(p, "<script>\nvar a = 1;\n\nvar b = 2;\n</script>\n");
            break;
        case 2:
            add_newlines(p, rng_below(r, 3));
            break;
        default:
            break;
        }
        unsigned shape = rng_below(r, 4);
        page_add(p, shape == 3 ? "<p class=\"x\"\n   id=\"y\">" : "<p>");
        add_lead(p, r, 1);
        if (shape == 1)
            page_add(p, "<b>");
        add_token(p, k);
        if (shape == 1)
            page_add(p, "</b>");
        add_body(p, r, 1, 0);
        page_add(p, rng_below(r, 2) ? "\n</p>\n" : "</p>");
    }
    page_add(p, "</article>\n</body></html>\n");
}

/* A TREC document: paragraphs separated by blank lines in <TEXT>, some in
 * <P>, with comments, entities (internal ones and undeclared HTML names). */
static void xml_page(test_page *p, rng *r)
{
    page_clear(p);
    page_add(p, "<?xml version=\"1.0\"?>\n<!DOCTYPE DOC SYSTEM \"doc.dtd\" [\n<!ENTITY co "
           "\"Company\nInc.\">\n]>\n<DOC>\n<DOCNO>A</DOCNO>\n<HEADLINE>Budget</HEADLINE>\n<TEXT>");
    for (int k = 0; k < TOKENS; k++) {
        unsigned shape = rng_below(r, 5);
        if (shape == 0)
            page_add(p, "\n<!-- a comment\nover\nlines -->");
        if (shape == 1) {
            page_add(p, "\n<P>");
            add_lead(p, r, 0);
            add_token(p, k);
            add_body(p, r, 0, 1);
            page_add(p, "</P>");
            continue;
        }
        page_add(p, k == 0 ? "\n" : "\n\n");
        add_lead(p, r, 0);
        add_token(p, k);
        add_body(p, r, 0, 1);
    }
    page_add(p, "\n</TEXT>\n</DOC>\n");
}

static void check_lines(const test_page *p, const lede_document *doc, const char *what, unsigned seed,
                        int tokens)
{
    size_t n = lede_document_paragraph_count(doc);
    const char *text = lede_document_text(doc, NULL);
    for (int k = 0; k < tokens; k++) {
        char tok[16];
        snprintf(tok, sizeof tok, "TOK%03d", k);
        const lede_paragraph *found = NULL;
        for (size_t i = 0; i < n && !found; i++) {
            const lede_paragraph *para = lede_document_paragraph(doc, i);
            if (strncmp(text + para->start, tok, strlen(tok)) == 0)
                found = para;
        }
        if (!CHECK_MSG(found, "%s page %u: no paragraph starts with %s", what, seed, tok))
            continue;
        size_t want = line_in(p->data, tok);
        CHECK_MSG(found->source_line == want, "%s page %u: %s on line %zu, want %zu", what, seed,
                  tok, found->source_line, want);
    }
}

/* Each paragraph's source line is the line of its first word, whatever the
 * pieces libxml2 delivered its text in: generated pages with long white
 * space, many lines, references, comments and scripts. */
static void test_source_lines(void)
{
    test_page page_buf = {0};
    test_page *p = &page_buf;
    for (unsigned seed = 1; seed <= 60; seed++) {
        rng r = {0x9E3779B97F4A7C15ULL * seed};
        int xml = seed % 2 == 0;
        if (xml)
            xml_page(p, &r);
        else
            html_page(p, &r);
        lede_document *doc = NULL;
        lede_error *err = NULL;
        lede_status st = xml ? lede_extract_xml(p->data, p->len, NULL, NULL, &doc, &err)
                             : lede_extract_html(p->data, p->len, NULL, &doc, &err);
        if (CHECK_MSG(st == LEDE_OK, "page %u: %s", seed, lede_error_message(err)))
            check_lines(p, doc, xml ? "XML" : "HTML", seed, TOKENS);
        lede_error_free(err);
        lede_document_free(doc);
    }
    page_free(p);
}

/* Lines past 65535, where libxml2 keeps no line for elements, and white
 * space longer than its first piece of text. */
static void test_source_lines_far(void)
{
    test_page page_buf = {0};
    test_page *p = &page_buf;
    for (int xml = 0; xml < 2; xml++) {
        page_clear(p);
        page_add(p, xml ? "<DOC>\n<TEXT>\n" : "<html><body><div>\n");
        for (int k = 0; k < 4; k++) {
            page_add(p, "<p>\n");
            add_newlines(p, k == 0 ? 66000 : 30000 + 1234 * (unsigned)k);
            add_token(p, k);
            page_add(p, " lorem ipsum, dolor sit amet, consectetur adipiscing, elit sed do.\nSecond "
                   "line &amp; more.</p>\n");
        }
        page_add(p, xml ? "</TEXT>\n</DOC>\n" : "</div></body></html>\n");
        lede_document *doc = NULL;
        lede_status st = xml ? lede_extract_xml(p->data, p->len, NULL, NULL, &doc, NULL)
                             : lede_extract_html(p->data, p->len, NULL, &doc, NULL);
        if (CHECK_STATUS(st, LEDE_OK))
            check_lines(p, doc, xml ? "far XML" : "far HTML", 0, 4);
        lede_document_free(doc);
    }
    page_free(p);
}

/* A paragraph whose text follows a skipped subtree at once, and is longer
 * than libxml2's first piece of text (whose line would set its start
 * right): its line rests on the line breaks counted in what was skipped,
 * so a count one off either way puts it on the wrong line. */
static void test_source_lines_after_skipped(void)
{
    static const char *const skipped[] = {
        "<p><script>\nvar a = 1;\n\nvar b = 2;\n</script>",
        "<style>\np { margin: 0 }\n</style><p>",
        "<p><script>\r\nvar a = 1;\r\n</script>",
        "<p><script>var a = 1;</script>",
        "<noscript>\n<p>Enable\nscripts.</p>\n</noscript><p>",
        "<div hidden>\n<p>Hidden\n</p>\n<script>\n\n</script></div>\n<p>",
    };
    enum { KINDS = sizeof skipped / sizeof skipped[0] };
    test_page page_buf = {0};
    test_page *p = &page_buf;
    page_add(p, "<html><body><article>\n");
    for (int k = 0; k < KINDS + 1; k++) {
        if (k < KINDS) {
            page_add(p, skipped[k]);
        } else {
            /* a minified script: long lines between its line breaks */
            page_add(p, "<p><script>\n");
            page_add_times(p, "var a = [1, 2, 3];", 300);
            page_add(p, "\n");
            page_add_times(p, "var b = a;", 300);
            page_add(p, "</script>");
        }
        add_token(p, k);
        page_add_times(p, " The council approved the budget, for schools and roads.\n", 40);
        page_add(p, "</p>\n");
    }
    page_add(p, "</article></body></html>\n");
    lede_document *doc = NULL;
    if (CHECK_STATUS(lede_extract_html(p->data, p->len, NULL, &doc, NULL), LEDE_OK))
        check_lines(p, doc, "after skipped", 0, KINDS + 1);
    lede_document_free(doc);
    page_free(p);
}

/* `lf` with each line break ("\n", or the "\r\n" some pages have) made
 * `style`'s: 0 a CR (old Mac pages), 1 a CR, CRLF and LF in turn. */
static void with_breaks(const test_page *lf, test_page *out, int style)
{
    page_clear(out);
    static const char *const mixed[] = {"\r", "\r\n", "\n"};
    size_t k = 0;
    for (const char *c = lf->data; *c; c++) {
        if (c[0] == '\r' && c[1] == '\n')
            continue;
        char one[2] = {*c, 0};
        page_add(out, *c != '\n' ? one : style == 0 ? "\r" : mixed[k++ % 3]);
    }
}

/* A page whose lines end in a CR alone, or in all three kinds of break,
 * gives each paragraph the line it has with LF breaks: libxml2 counts only
 * LF, and the decoder makes each lone CR an LF. */
static void test_source_lines_cr(void)
{
    test_page lf = {0}, page = {0};
    for (unsigned seed = 1; seed <= 20; seed++) {
        rng r = {0x9E3779B97F4A7C15ULL * seed};
        int xml = seed % 2 == 0;
        if (xml)
            xml_page(&lf, &r);
        else
            html_page(&lf, &r);
        for (int style = 0; style < 2; style++) {
            with_breaks(&lf, &page, style);
            lede_document *doc = NULL;
            lede_error *err = NULL;
            lede_status st = xml ? lede_extract_xml(page.data, page.len, NULL, NULL, &doc, &err)
                                 : lede_extract_html(page.data, page.len, NULL, &doc, &err);
            if (CHECK_MSG(st == LEDE_OK, "page %u: %s", seed, lede_error_message(err)))
                check_lines(&lf, doc, style == 0 ? "CR" : "CR, CRLF and LF", seed, TOKENS);
            lede_error_free(err);
            lede_document_free(doc);
        }
    }
    page_free(&lf);
    page_free(&page);
}

int main(void)
{
    test_long_style_hides();
    test_pre_indentation();
    test_xml_blocks_in_mixed_parent();
    test_xml_script_is_text();
    test_xml_entities();
    test_source_lines();
    test_source_lines_far();
    test_source_lines_after_skipped();
    test_source_lines_cr();
    return harness_finish();
}
