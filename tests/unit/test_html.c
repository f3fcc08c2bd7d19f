/* test_html.c - HTML input: pages in several languages, scripts and
 * encodings (data/html/pages.tsv), paragraph structure, source lines,
 * metadata, boilerplate removal, pages without an article, options, and
 * extraction from several threads at once. */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html_test.h"

/* ====== Pages in several languages and encodings ====== */

enum { COLUMNS = 10 };

typedef struct page_row {
    char *cols[COLUMNS]; /* file, encoding, language, title, p1, sub, p3, menu, related, footer */
} page_row;

static int split_row(char *line, page_row *row)
{
    int n = 0;
    char *p = line;
    while (n < COLUMNS) {
        row->cols[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = 0;
        p = tab + 1;
    }
    return n == COLUMNS;
}

/* The text of the UTF-8 page of the same language, to compare encodings. */
static char *utf8_text(const char *dir, const char *lang)
{
    char name[64];
    snprintf(name, sizeof name, "lang-%s.html", lang);
    size_t len;
    char *html = read_test_file(dir, name, &len);
    lede_document *doc = NULL;
    char *copy = NULL;
    if (html && lede_extract_html(html, len, NULL, &doc, NULL) == LEDE_OK)
        copy = strdup(lede_document_text(doc, NULL));
    lede_document_free(doc);
    free(html);
    return copy;
}

static void check_language_page(const char *dir, const page_row *r)
{
    const char *file = r->cols[0];
    size_t len;
    char *html = read_test_file(dir, file, &len);
    if (!html)
        return;
    lede_document *doc = NULL;
    lede_error *err = NULL;
    lede_status st = lede_extract_html(html, len, NULL, &doc, &err);
    if (!CHECK_MSG(st == LEDE_OK, "%s: %s", file, lede_error_message(err))) {
        lede_error_free(err);
        free(html);
        return;
    }
    check_document_shape(doc, file);
    CHECK_STR(lede_document_encoding(doc), r->cols[1]);
    CHECK_STR(lede_document_language(doc), r->cols[2]);
    CHECK_STR(lede_document_title(doc), r->cols[3]);
    CHECK_STR(lede_document_author(doc), "Alex Example");
    CHECK_STR(lede_document_date(doc), "2024-03-02T10:00:00Z");
    /* The article, paragraph by paragraph, and nothing around it. */
    char buf[1024];
    CHECK_MSG(lede_document_paragraph_count(doc) == 4, "%s: %zu paragraphs", file,
              lede_document_paragraph_count(doc));
    CHECK_STR(para_text(doc, 0, buf, sizeof buf), r->cols[4]);
    CHECK_STR(para_text(doc, 2, buf, sizeof buf), r->cols[5]);
    CHECK_STR(para_text(doc, 3, buf, sizeof buf), r->cols[6]);
    const lede_paragraph *sub = lede_document_paragraph(doc, 2);
    CHECK_MSG(sub && sub->kind == LEDE_PARA_HEADING, "%s: subheading kind", file);
    CHECK_MSG(!text_has(doc, r->cols[7]), "%s: menu word '%s' kept", file, r->cols[7]);
    CHECK_MSG(!text_has(doc, r->cols[8]), "%s: related link kept", file);
    CHECK_MSG(!text_has(doc, r->cols[9]), "%s: footer kept", file);
    CHECK_MSG(!text_has(doc, "Alex Example"), "%s: byline kept", file);
    CHECK_MSG(!text_has(doc, "script text") && !text_has(doc, "style text"),
              "%s: script or style text kept", file);
    /* The article starts on line 27 of every page: <p>, after the h1 and
     * the byline. */
    CHECK_MSG(lede_document_paragraph(doc, 0)->source_line == 27, "%s: line %zu", file,
              lede_document_paragraph(doc, 0)->source_line);
    /* Every encoding gives the same text as UTF-8. */
    if (strcmp(r->cols[1], "UTF-8") != 0) {
        char *want = utf8_text(dir, r->cols[2]);
        CHECK_MSG(want && strcmp(lede_document_text(doc, NULL), want) == 0,
                  "%s: text differs from the UTF-8 page", file);
        free(want);
    }
    lede_document_free(doc);
    free(html);
}

static void test_language_pages(const char *dir)
{
    size_t len;
    char *tsv = read_test_file(dir, "pages.tsv", &len);
    if (!tsv)
        return;
    int pages = 0;
    for (char *line = strtok(tsv, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#')
            continue;
        page_row r;
        if (!CHECK_MSG(split_row(line, &r), "bad row in pages.tsv: %s", line))
            continue;
        check_language_page(dir, &r);
        pages++;
    }
    CHECK_MSG(pages >= 20, "only %d pages in pages.tsv", pages);
    free(tsv);
}

/* ====== Paragraph structure ====== */

typedef struct want_para {
    const char *text;
    unsigned kind;
} want_para;

static void check_paragraphs(const char *what, const char *html, const want_para *want,
                             size_t n)
{
    lede_extract_options *opts = lede_extract_options_new();
    lede_extract_options_set_flags(opts, LEDE_EXTRACT_WHOLE_PAGE);
    lede_document *doc = NULL;
    lede_status st = lede_extract_html(html, strlen(html), opts, &doc, NULL);
    lede_extract_options_free(opts);
    if (!CHECK_MSG(st == LEDE_OK, "%s: status %d", what, st))
        return;
    check_document_shape(doc, what);
    CHECK_MSG(lede_document_paragraph_count(doc) == n, "%s: %zu paragraphs, want %zu", what,
              lede_document_paragraph_count(doc), n);
    char buf[512];
    for (size_t i = 0; i < n && i < lede_document_paragraph_count(doc); i++) {
        CHECK_STR(para_text(doc, i, buf, sizeof buf), want[i].text);
        CHECK_MSG(lede_document_paragraph(doc, i)->kind == want[i].kind,
                  "%s: paragraph %zu kind %u, want %u", what, i,
                  lede_document_paragraph(doc, i)->kind, want[i].kind);
    }
    lede_document_free(doc);
}

static void test_structure(void)
{
    static const want_para inline_want[] = {
        {"A sentence with bold and a link does not break.", LEDE_PARA_TEXT},
        {"Glued: word and x2, no space added.", LEDE_PARA_TEXT},
    };
    check_paragraphs("inline",
                     "<p>A sentence with <b>bold</b> and\n   a <a href=\"/x\">link</a> does not "
                     "break.</p><p>Glued: <i>wo</i>rd and x<sup>2</sup>, no space added.</p>",
                     inline_want, 2);

    static const want_para blocks_want[] = {
        {"Heading two", LEDE_PARA_HEADING},
        {"First item", LEDE_PARA_LIST_ITEM},
        {"Second item, with a nested paragraph.", LEDE_PARA_LIST_ITEM},
        {"Quoted words.", LEDE_PARA_QUOTE},
        {"Quoted paragraph two.", LEDE_PARA_QUOTE},
        {"int main(void)\n{\n    return 0;\n}", LEDE_PARA_PRE},
        {"Cell one", LEDE_PARA_TABLE_CELL},
        {"Cell two", LEDE_PARA_TABLE_CELL},
        {"Term", LEDE_PARA_LIST_ITEM},
        {"Definition.", LEDE_PARA_LIST_ITEM},
        {"Text in a div.", LEDE_PARA_TEXT},
        {"Text after the div.", LEDE_PARA_TEXT},
    };
    check_paragraphs("blocks",
                     "<h2>Heading  two</h2><ul><li>First item</li><li><p>Second item, with a "
                     "nested paragraph.</p></li></ul><blockquote><p>Quoted words.</p><p>Quoted "
                     "paragraph two.</p></blockquote><pre>\nint main(void)\n{\n\n    return 0;"
                     "\n}\n</pre><table><tr><td>Cell one</td><td>Cell two</td></tr></table>"
                     "<dl><dt>Term</dt><dd>Definition.</dd></dl><div>Text in a div.<div></div>"
                     "Text after the div.</div>",
                     blocks_want, 12);

    static const want_para br_want[] = {
        {"Line one\nline two", LEDE_PARA_TEXT},
        {"After two breaks.", LEDE_PARA_TEXT},
        {"Entities: & < > \xC2\xA9 \xE2\x80\x94 done.", LEDE_PARA_TEXT},
    };
    check_paragraphs("br", "<p>Line one<br>line two<br><br>After two breaks.<br></p>"
                           "<p>Entities: &amp; &lt; &gt; &copy; &mdash;&nbsp;done.</p>",
                     br_want, 3);

    static const want_para hidden_want[] = {{"Visible text.", LEDE_PARA_TEXT}};
    check_paragraphs("hidden",
                     "<p>Visible text.</p><p hidden>Hidden attribute.</p><p style=\"display: "
                     "NONE\">Hidden by style.</p><div aria-hidden=\"true\">Hidden from readers."
                     "</div><noscript>Enable JavaScript.</noscript><template><p>Template.</p>"
                     "</template><!-- <p>A comment.</p> --><button>Press</button>"
                     "<select><option>Option</option></select>",
                     hidden_want, 1);
}

/* ====== Source lines ====== */

static void test_source_lines(void)
{
    const char *html = "<!DOCTYPE html>\n"                                       /* 1 */
                       "<html><head><title>Lines</title></head>\n"                /* 2 */
                       "<body>\n"                                                 /* 3 */
                       "<article>\n"                                              /* 4 */
                       "<p>The first paragraph has enough words to be an article "
                       "paragraph, and a comma.</p>\n"                            /* 5 */
                       "<p>\n"                                                    /* 6 */
                       "   The second paragraph starts one line below its tag, and it\n" /* 7 */
                       "   runs over two lines of the page.</p>\n"                /* 8 */
                       "\n"                                                       /* 9 */
                       "<p>The third one comes after a blank line, with a comma too.</p>\n"
                       "</article></body></html>\n";
    lede_document *doc = NULL;
    if (!CHECK(extract_page(html, &doc) == LEDE_OK))
        return;
    CHECK_EQ(lede_document_paragraph_count(doc), 3);
    size_t want[] = {5, 7, 10};
    for (size_t i = 0; i < 3 && i < lede_document_paragraph_count(doc); i++) {
        const lede_paragraph *p = lede_document_paragraph(doc, i);
        CHECK_MSG(p->source_line == want[i], "paragraph %zu on line %zu, want %zu", i,
                  p->source_line, want[i]);
        CHECK_EQ(lede_document_source_line(doc, p->start), want[i]);
        CHECK_EQ(lede_document_source_line(doc, p->end - 1), want[i]);
    }
    /* Between paragraphs: the next one; past the end: 0. */
    const lede_paragraph *p0 = lede_document_paragraph(doc, 0);
    CHECK_EQ(lede_document_source_line(doc, p0->end), 7);
    size_t len;
    lede_document_text(doc, &len);
    CHECK_EQ(lede_document_source_line(doc, len), 0);
    CHECK_EQ(lede_document_source_line(NULL, 0), 0);
    lede_document_free(doc);

    /* Line numbers past 65535 (libxml2 stores larger ones apart). */
    size_t lines = 70000;
    char *big = malloc(lines + 200);
    size_t n = 0;
    n += (size_t)sprintf(big + n, "<html><body>");
    memset(big + n, '\n', lines);
    n += lines;
    n += (size_t)sprintf(big + n, "<p>A paragraph far down the page, long enough to count.</p>");
    if (CHECK(lede_extract_html(big, n, NULL, &doc, NULL) == LEDE_OK))
        CHECK_EQ(lede_document_paragraph(doc, 0)->source_line, lines + 1);
    lede_document_free(doc);
    free(big);
}

/* ====== Metadata ====== */

static void test_metadata(void)
{
    const char *article = "<p>Some article text that is long enough, with commas, to be "
                          "found as the article of this page.</p>";
    char html[2048];
    lede_document *doc = NULL;

    /* og:title when there is no <h1>; <title> when there is neither. */
    snprintf(html, sizeof html,
             "<html lang=\"pt-BR\"><head><title>Page | Site</title><meta property=\"og:title\" "
             "content=\" Open  Graph title \"><meta name=\"byl\" content=\"By Ana Lima\"><meta "
             "name=\"date\" content=\"2020-01-02\"></head><body>%s</body></html>",
             article);
    if (CHECK(extract_page(html, &doc) == LEDE_OK)) {
        CHECK_STR(lede_document_title(doc), "Open Graph title");
        CHECK_STR(lede_document_author(doc), "Ana Lima");
        CHECK_STR(lede_document_date(doc), "2020-01-02");
        CHECK_STR(lede_document_language(doc), "pt-BR");
    }
    lede_document_free(doc);
    snprintf(html, sizeof html,
             "<html><head><title>Only\n the title</title><meta property=\"og:locale\" "
             "content=\"en_GB\"><meta property=\"article:author\" "
             "content=\"https://example.com/someone\"></head><body>%s</body></html>",
             article);
    if (CHECK(extract_page(html, &doc) == LEDE_OK)) {
        CHECK_STR(lede_document_title(doc), "Only the title");
        CHECK(lede_document_author(doc) == NULL);
        CHECK(lede_document_date(doc) == NULL);
        CHECK_STR(lede_document_language(doc), "en-GB");
    }
    lede_document_free(doc);
    /* The headline <h1> is the title and is not part of the text. */
    snprintf(html, sizeof html,
             "<html><head><title>Big news | Site</title></head><body><h1>Site name</h1>"
             "<article><h1>Big <i>news</i></h1>%s</article></body></html>",
             article);
    if (CHECK(extract_page(html, &doc) == LEDE_OK)) {
        CHECK_STR(lede_document_title(doc), "Big news");
        CHECK(!text_has(doc, "Big news"));
        CHECK(lede_document_language(doc) == NULL);
    }
    lede_document_free(doc);
    /* Without <title>: the <h1> in the article, else the last one before it. */
    snprintf(html, sizeof html,
             "<html><body><h1>Site name</h1><article><h1>Headline here</h1>%s</article>"
             "</body></html>",
             article);
    if (CHECK(extract_page(html, &doc) == LEDE_OK))
        CHECK_STR(lede_document_title(doc), "Headline here");
    lede_document_free(doc);
    snprintf(html, sizeof html,
             "<html><body><header><h1>Site name</h1></header><div><h1>Story headline</h1>"
             "</div><div class=\"content\">%s</div></body></html>",
             article);
    if (CHECK(extract_page(html, &doc) == LEDE_OK)) {
        CHECK_STR(lede_document_title(doc), "Story headline");
        CHECK(!text_has(doc, "Site name"));
    }
    lede_document_free(doc);
}

/* ====== Boilerplate ====== */

static void test_boilerplate(const char *dir)
{
    size_t len;
    char *html = read_test_file(dir, "boilerplate.html", &len);
    if (!html)
        return;
    lede_document *doc = NULL;
    if (CHECK(lede_extract_html(html, len, NULL, &doc, NULL) == LEDE_OK)) {
        check_document_shape(doc, "boilerplate.html");
        static const char *const kept[] = {
            "The council voted on Tuesday", "Residents had asked for the crossing",
            "Work will start in the spring", "We asked for this for ten years",
            "The crossing will cost",
        };
        static const char *const dropped[] = {
            "Subscribe to our newsletter", "Share on Facebook", "Related stories",
            "Bus lanes to be extended", "Most read", "Comments", "I think this is a waste",
            "We use cookies", "Advertisement", "Contact us", "Photo: City Council",
            "Sign in", "Tags:",
        };
        for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
            CHECK_MSG(text_has(doc, kept[i]), "article text '%s' missing", kept[i]);
        for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
            CHECK_MSG(!text_has(doc, dropped[i]), "boilerplate '%s' kept", dropped[i]);
        CHECK_STR(lede_document_title(doc), "Council approves new crossing on Main Street");
    }
    lede_document_free(doc);
    free(html);
}

/* ====== Page layouts ====== */

/* The same four paragraphs in common layouts: a table with <br>-separated
 * text beside menu cells, a div of <br>-separated text, an article under 30
 * long comments, an article split around an advertisement, one unclassed
 * div per paragraph. A one-paragraph story is still an article. */
static void test_layouts(const char *dir)
{
    static const char *const files[] = {"layout-table.html", "layout-divbr.html",
                                        "layout-comments.html", "layout-split.html",
                                        "layout-divs.html"};
    static const char *const kept[] = {"The harbour commission met on Monday",
                                       "Fishermen had complained for years",
                                       "The work will cost about two hundred thousand pounds",
                                       "the commission agreed to publish the results"};
    static const char *const dropped[] = {"Section 3", "Comment 7", "Buy a boat", "Privacy",
                                          "Terms"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        size_t len;
        char *html = read_test_file(dir, files[f], &len);
        lede_document *doc = NULL;
        if (html && CHECK_MSG(lede_extract_html(html, len, NULL, &doc, NULL) == LEDE_OK, "%s",
                              files[f])) {
            check_document_shape(doc, files[f]);
            for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
                CHECK_MSG(text_has(doc, kept[i]), "%s: '%s' missing", files[f], kept[i]);
            for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
                CHECK_MSG(!text_has(doc, dropped[i]), "%s: '%s' kept", files[f], dropped[i]);
        }
        lede_document_free(doc);
        free(html);
    }
    /* A Korean news page: text with <br>s in a div, a list of other stories. */
    size_t len;
    char *html = read_test_file(dir, "layout-ko-br.html", &len);
    lede_document *ko = NULL;
    if (html && CHECK(lede_extract_html(html, len, NULL, &ko, NULL) == LEDE_OK)) {
        CHECK(lede_document_paragraph_count(ko) >= 3);
        CHECK(text_has(ko, "\xEC\x84\x9C\xEC\x9A\xB8\xEC\x8B\x9C\xEB\x8A\x94")); /* 서울시는 */
        CHECK(!text_has(ko, "\xEB\x8B\xA4\xEB\xA5\xB8 \xEA\xB8\xB0\xEC\x82\xAC")); /* 다른 기사 */
        CHECK_STR(lede_document_language(ko), "ko");
    }
    lede_document_free(ko);
    free(html);
    html = read_test_file(dir, "layout-short.html", &len);
    lede_document *doc = NULL;
    if (html && CHECK(lede_extract_html(html, len, NULL, &doc, NULL) == LEDE_OK)) {
        CHECK_EQ(lede_document_paragraph_count(doc), 1);
        CHECK(text_has(doc, kept[0]) && !text_has(doc, "Section"));
    }
    lede_document_free(doc);
    free(html);
}

/* ====== Pages without an article ====== */

static void test_no_article(const char *dir)
{
    lede_document *doc = (lede_document *)1;
    lede_error *err = NULL;
    size_t len;
    char *html = read_test_file(dir, "menu-only.html", &len);
    if (html) {
        lede_status st = lede_extract_html(html, len, NULL, &doc, &err);
        CHECK_EQ(st, LEDE_ERR_NO_ARTICLE);
        CHECK(doc == NULL);
        CHECK(err && strstr(lede_error_message(err), "no article") != NULL);
        lede_error_free(err);
        err = NULL;
    }
    free(html);
    CHECK_STATUS(lede_extract_html("", 0, NULL, &doc, &err), LEDE_ERR_EMPTY_INPUT);
    lede_error_free(err);
    err = NULL;
    static const char *const empty_pages[] = {
        " \n\t ", "<html><head><title>T</title></head><body></body></html>",
        "<script>document.write('<p>lots of text, with commas, made by a script')</script>",
        "<!-- only a comment -->",
    };
    for (size_t i = 0; i < sizeof empty_pages / sizeof empty_pages[0]; i++)
        CHECK_MSG(extract_page(empty_pages[i], &doc) == LEDE_ERR_EMPTY_INPUT,
                  "empty page %zu", i);
    /* A form, a short notice, a list of links, a cookie banner beside a menu:
     * text, but no article. */
    static const char *const no_article[] = {
        ("<div class=\"cookie-banner\"><p>We use cookies to improve your experience on this "
         "site. By continuing to browse, you agree to our use of cookies.</p></div><nav><a "
         "href=/a>Home</a> <a href=/b>News</a></nav>"),
        "<form><label>Email</label><input name=e><label>Password</label></form><p>Log in</p>",
        "<p>404 Not Found</p>",
        ("<ul><li><a href=/a>First story about something</a></li><li><a href=/b>Second story "
         "about something else</a></li><li><a href=/c>Third story, with a comma</a></li></ul>"),
    };
    for (size_t i = 0; i < sizeof no_article / sizeof no_article[0]; i++)
        CHECK_MSG(extract_page(no_article[i], &doc) == LEDE_ERR_NO_ARTICLE, "no article %zu",
                  i);
    /* One paragraph of prose is an article. */
    const char *one = "<html><body><p>A single paragraph, long enough to read as prose, is an "
                      "article of its own.</p></body></html>";
    if (CHECK(extract_page(one, &doc) == LEDE_OK))
        CHECK_EQ(lede_document_paragraph_count(doc), 1);
    lede_document_free(doc);
    /* The whole-page flag keeps the menu. */
    lede_extract_options *opts = lede_extract_options_new();
    lede_extract_options_set_flags(opts, LEDE_EXTRACT_WHOLE_PAGE);
    const char *links = no_article[3];
    if (CHECK(lede_extract_html(links, strlen(links), opts, &doc, NULL) == LEDE_OK))
        CHECK_EQ(lede_document_paragraph_count(doc), 3);
    lede_document_free(doc);
    lede_extract_options_free(opts);
}

/* ====== Options and arguments ====== */

static void test_options(void)
{
    lede_extract_options *opts = lede_extract_options_new();
    CHECK(opts != NULL);
    CHECK_STATUS(lede_extract_options_set_max_bytes(opts, 0), LEDE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(lede_extract_options_set_max_bytes(opts, (size_t)1 << 31), LEDE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(lede_extract_options_set_max_nodes(opts, 0), LEDE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(lede_extract_options_set_max_depth(opts, 0), LEDE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(lede_extract_options_set_flags(opts, 1u << 7), LEDE_ERR_INVALID_ARGUMENT);
    char long_name[80];
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = 0;
    CHECK_STATUS(lede_extract_options_set_encoding(opts, long_name), LEDE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(lede_extract_options_set_encoding(NULL, "utf-8"), LEDE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(lede_extract_options_set_max_depth(opts, 3), LEDE_OK);

    lede_document *doc = NULL;
    CHECK_STATUS(lede_extract_html("<p>x</p>", 8, NULL, NULL, NULL), LEDE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(lede_extract_html(NULL, 5, NULL, &doc, NULL), LEDE_ERR_INVALID_ARGUMENT);
    lede_extract_options_free(opts);
    lede_extract_options_free(NULL);
    lede_document_free(NULL);
    CHECK(lede_document_title(NULL) == NULL);
    CHECK_EQ(lede_document_paragraph_count(NULL), 0);
    CHECK(lede_document_paragraph(NULL, 0) == NULL);
    size_t len = 7;
    CHECK_STR(lede_document_text(NULL, &len), "");
    CHECK_EQ(len, 0);
    CHECK_STR(lede_strerror(LEDE_ERR_NO_ARTICLE), "no article found");
    CHECK_STR(lede_strerror(LEDE_ERR_MARKUP), "malformed markup");
}

/* ====== Threads ====== */

typedef struct thread_job {
    const char *html;
    size_t len;
    const char *want;
    int mismatches;
} thread_job;

static void *extract_many(void *arg)
{
    thread_job *job = arg;
    for (int i = 0; i < 25; i++) {
        lede_document *doc = NULL;
        if (lede_extract_html(job->html, job->len, NULL, &doc, NULL) != LEDE_OK ||
            strcmp(lede_document_text(doc, NULL), job->want) != 0)
            job->mismatches++;
        lede_document_free(doc);
    }
    return NULL;
}

static void test_threads(const char *dir)
{
    static const char *const files[] = {"lang-ja-sjis.html", "lang-ru-cp1251.html",
                                        "boilerplate.html", "lang-ar.html"};
    enum { N = sizeof files / sizeof files[0] };
    char *pages[N];
    char *wants[N];
    thread_job jobs[N];
    pthread_t threads[N];
    for (int i = 0; i < N; i++) {
        size_t len = 0;
        pages[i] = read_test_file(dir, files[i], &len);
        lede_document *doc = NULL;
        wants[i] = pages[i] && lede_extract_html(pages[i], len, NULL, &doc, NULL) == LEDE_OK
                       ? strdup(lede_document_text(doc, NULL))
                       : NULL;
        lede_document_free(doc);
        jobs[i] = (thread_job){pages[i], len, wants[i] ? wants[i] : "", 0};
    }
    for (int i = 0; i < N; i++)
        CHECK(pthread_create(&threads[i], NULL, extract_many, &jobs[i]) == 0);
    for (int i = 0; i < N; i++) {
        pthread_join(threads[i], NULL);
        CHECK_MSG(wants[i] && jobs[i].mismatches == 0, "%s: %d mismatches in a thread",
                  files[i], jobs[i].mismatches);
        free(pages[i]);
        free(wants[i]);
    }
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "tests/data";
    test_language_pages(dir);
    test_structure();
    test_source_lines();
    test_metadata();
    test_boilerplate(dir);
    test_layouts(dir);
    test_no_article(dir);
    test_options();
    test_threads(dir);
    return harness_finish();
}
