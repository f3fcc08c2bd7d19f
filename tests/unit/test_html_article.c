/* test_html_article.c - choosing the article's text and headline: what the
 * boilerplate rules must leave alone (words inside a sentence, lists of
 * prose, short sentences, utility classes) and what they must still remove,
 * and which <h1> is the headline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html_test.h"

#define PROSE                                                                                  \
    "<p>The council approved the new budget on Tuesday, raising spending on schools, roads " \
    "and parks by five percent.</p>"

/* Extracts `body` inside <html><body>; NULL (a failed check) when no article. */
static lede_document *extract_body(const char *what, const char *body)
{
    char html[8192];
    snprintf(html, sizeof html, "<html><head><title>T</title></head><body>%s</body></html>", body);
    lede_document *doc = NULL;
    lede_status st = extract_page(html, &doc);
    if (!CHECK_MSG(st == LEDE_OK, "%s: status %s", what, lede_strerror(st))) {
        lede_document_free(doc);
        return NULL;
    }
    check_document_shape(doc, what);
    return doc;
}

static void check_kept(const char *what, const lede_document *doc, const char *const *kept,
                       size_t n)
{
    for (size_t i = 0; i < n; i++)
        CHECK_MSG(text_has(doc, kept[i]), "%s: '%s' missing from \"%s\"", what, kept[i],
                  lede_document_text(doc, NULL));
}

static void check_dropped(const char *what, const lede_document *doc, const char *const *dropped,
                          size_t n)
{
    for (size_t i = 0; i < n; i++)
        CHECK_MSG(!text_has(doc, dropped[i]), "%s: '%s' kept in \"%s\"", what, dropped[i],
                  lede_document_text(doc, NULL));
}

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* ====== Inline elements with boilerplate classes ====== */

/* A date, an author's name, a tag link inside a sentence are words of the
 * sentence, whatever their class says; the same classes on their own still
 * mark boilerplate. */
static void test_inline_classes(void)
{
    lede_document *doc = extract_body(
        "inline classes",
        "<article>" PROSE
        "<p>The meeting, held on <time class=\"date\">May 5</time>, was chaired by <span "
        "class=\"author\">Jane Doe</span>, who said the <span class=\"media\">press</span> was "
        "welcome, and <a href=\"/t/x\" class=\"tag\">climate change</a> was discussed at length "
        "today.</p>"
        "<p><span class=\"author\">Sam Writer</span></p>"
        "<p>The debate went on until late in the evening, <a class=\"share\" href=\"/s\">Share "
        "this</a></p>" PROSE "</article>");
    static const char *const kept[] = {
        "The meeting, held on May 5, was chaired by Jane Doe, who said the press was welcome, "
        "and climate change was discussed at length today.",
        "The debate went on until late in the evening,",
    };
    static const char *const dropped[] = {"Sam Writer", "Share this"};
    if (doc) {
        check_kept("inline classes", doc, kept, COUNT(kept));
        check_dropped("inline classes", doc, dropped, COUNT(dropped));
    }
    lede_document_free(doc);
}

/* ====== Lists ====== */

#define PROSE_ITEM "<li>Residents can comment on the plan at city hall until the end of the month.</li>"
#define LINK_ITEM(n) "<li><a href=\"/story/" #n "\">Another story about the council, number " #n "</a></li>"

/* A section whose list is prose (sentences without links) is part of the
 * article; lists of links or of single words beside it are not. */
static void test_prose_lists(void)
{
    lede_document *doc = extract_body(
        "prose list",
        "<article>" PROSE PROSE
        "<section><h2>What happens next</h2><p>The plan now moves to a public review, which "
        "has several stages that residents should know about before it ends.</p><ul>" PROSE_ITEM
        PROSE_ITEM PROSE_ITEM PROSE_ITEM PROSE_ITEM "</ul></section>"
        "<div><p>Filed under:</p><ul><li>Politics</li><li>Budget</li><li>Council</li></ul></div>"
        "<section><p>Read the other stories:</p><ul>" LINK_ITEM(1) LINK_ITEM(2) LINK_ITEM(3)
        LINK_ITEM(4) "</ul></section>" PROSE "</article>");
    static const char *const kept[] = {"What happens next", "moves to a public review",
                                       "Residents can comment on the plan"};
    static const char *const dropped[] = {"Filed under", "Politics", "Another story",
                                          "Read the other stories"};
    if (doc) {
        check_kept("prose list", doc, kept, COUNT(kept));
        check_dropped("prose list", doc, dropped, COUNT(dropped));
    }
    lede_document_free(doc);
}

/* ====== Short blocks ====== */

/* A short sentence in a div of its own is part of the article; short labels
 * of the template are not. */
static void test_short_sentences(void)
{
    lede_document *doc = extract_body(
        "short sentences",
        "<div class=\"post-body\"><div>The council approved the new budget on Tuesday, raising "
        "spending on schools, roads and parks by five percent.</div><div>Then it was over.</div>"
        "<div>Advertisement</div><div>Officials said the vote, which was unanimous, followed "
        "months of debate over taxes and fees.</div><div>Nobody objected.</div><div>Share</div>"
        "<div><a href=\"/more\">Read more.</a></div><div>Nov. 20, 2019, 9:28 AM</div>"
        "<div>Loading...</div><div class=\"x\">Subscribe now!</div><div>Continue.</div></div>");
    static const char *const kept[] = {"Then it was over.", "Nobody objected.",
                                       "followed months of debate"};
    static const char *const dropped[] = {"Advertisement", "Share", "Read more", "9:28 AM",
                                          "Loading", "Subscribe now", "Continue"};
    if (doc) {
        check_kept("short sentences", doc, kept, COUNT(kept));
        check_dropped("short sentences", doc, dropped, COUNT(dropped));
    }
    lede_document_free(doc);
}

/* ====== Classes that hide ====== */

/* Utility classes that set another property or hide only on some screens
 * leave the text visible; classes that hide it still remove it. A variant
 * prefix is not a name: "print:hidden" is no print button. */
static void test_hiding_classes(void)
{
    static const struct {
        const char *cls;
        int hides;
    } classes[] = {
        {"hidden", 1},
        {"visually-hidden", 1},
        {"card is-hidden", 1},
        {"element-invisible", 1},
        {"relative overflow-hidden", 0},
        {"overflow-x-hidden", 0},
        {"overflowHidden", 0},
        {"sm:hidden", 0},
        {"group-hover:invisible", 0},
        {"print:hidden md:block", 0},
        {"hidden-xs", 0},
        {"hide-on-mobile", 0},
    };
    for (size_t i = 0; i < COUNT(classes); i++) {
        char body[1024];
        snprintf(body, sizeof body,
                 "<article>" PROSE "<div class=\"%s\"><p>Then the vote was taken, and the "
                 "chamber emptied within minutes.</p></div>" PROSE "</article>",
                 classes[i].cls);
        lede_document *doc = extract_body(classes[i].cls, body);
        if (doc)
            CHECK_MSG(text_has(doc, "Then the vote was taken") == !classes[i].hides,
                      "class \"%s\": text %s", classes[i].cls,
                      classes[i].hides ? "kept" : "dropped");
        lede_document_free(doc);
    }
}

/* ====== The headline ====== */

static void check_title(const char *what, const char *html, const char *want,
                        const char *not_in_text)
{
    lede_document *doc = NULL;
    if (CHECK_MSG(extract_page(html, &doc) == LEDE_OK, "%s: no article", what)) {
        const char *title = lede_document_title(doc);
        CHECK_MSG(title && strcmp(title, want) == 0, "%s: title \"%s\"", what,
                  title ? title : "(none)");
        CHECK_MSG(!text_has(doc, want), "%s: the headline is in the text", what);
        CHECK_MSG(!text_has(doc, not_in_text), "%s: \"%s\" is in the text", what, not_in_text);
    }
    lede_document_free(doc);
}

/* When the site's name in the logo and the headline both match <title>
 * ("Headline | Site"), the headline is the <h1> in the article, or the one
 * nearest before it. */
static void test_headline(void)
{
    check_title("logo, headline in the article",
                "<html><head><title>Council approves budget | Springfield News</title></head>"
                "<body><header><h1 class=\"logo\"><a href=\"/\">Springfield News</a></h1>"
                "</header><article><h1>Council approves budget</h1>" PROSE PROSE PROSE
                "</article></body></html>",
                "Council approves budget", "Springfield News");
    check_title("logo, headline before the article",
                "<html><head><title>Council approves budget - Springfield News</title></head>"
                "<body><header><h1><a href=\"/\">Springfield News</a></h1></header>"
                "<div class=\"headline\"><h1>Council approves budget</h1></div>"
                "<div class=\"story\">" PROSE PROSE PROSE "</div></body></html>",
                "Council approves budget", "Springfield News");
    check_title("logo after the article",
                "<html><head><title>Council approves budget | Springfield News</title></head>"
                "<body><div><h1>Council approves budget</h1></div><div>" PROSE PROSE PROSE
                "</div><footer><h1>Springfield News</h1></footer></body></html>",
                "Council approves budget", "Springfield News");
}

int main(void)
{
    test_inline_classes();
    test_prose_lists();
    test_short_sentences();
    test_hiding_classes();
    test_headline();
    return harness_finish();
}
