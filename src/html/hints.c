/* hints.c - what an element's class, id and role suggest about it.
 *
 * The vocabulary is the one general-purpose extractors share (Readability's
 * candidate patterns, boilerpipe's and trafilatura's lists, the ARIA
 * landmark roles): words page templates use for the parts of a page, not
 * names of particular sites. A class or id is cut into words at every
 * non-alphanumeric character and at lower-to-upper case changes, and each
 * word is compared with the vocabulary: short entries must match a whole
 * word (or its plural), long ones may appear inside a word ("sharebar",
 * "sitefooter"). Whether a class hides its element is decided for the
 * class as a whole, since utility classes put "hidden" in other meanings
 * ("overflow-hidden", "md:hidden"); the words of a variant prefix
 * ("print:", "hover:") are not read. */
#include <stdlib.h>
#include <string.h>

#include "../common/parse.h"
#include "html.h"

typedef struct vocab_word {
    const char *word;
    uint8_t len; /* strlen(word), kept: words are compared by the thousand */
    uint16_t hint;
} vocab_word;

#define WORD(w, hint) {w, sizeof(w) - 1, hint}

/* Matched against whole words (and the word plus "s"). Sorted. */
static const vocab_word exact_words[] = {
    WORD("ad", HINT_AD),
    WORD("adv", HINT_AD),
    WORD("also", HINT_RELATED),
    WORD("author", HINT_META),
    WORD("banner", HINT_AD),
    WORD("bio", HINT_META),
    WORD("blog", HINT_CONTENT),
    WORD("body", HINT_CONTENT),
    WORD("breadcrumb", HINT_NAV),
    WORD("byline", HINT_META),
    WORD("caption", HINT_CAPTION),
    WORD("category", HINT_META),
    WORD("copy", HINT_CONTENT),
    WORD("credit", HINT_CAPTION),
    WORD("date", HINT_META),
    WORD("dateline", HINT_META),
    WORD("dfp", HINT_AD),
    WORD("entry", HINT_CONTENT),
    WORD("foot", HINT_FOOTER),
    WORD("gpt", HINT_AD),
    WORD("hentry", HINT_CONTENT),
    WORD("hide", HINT_HIDDEN),
    WORD("keyword", HINT_META),
    WORD("kicker", HINT_META),
    WORD("login", HINT_SUBSCRIBE),
    WORD("main", HINT_MAIN),
    WORD("masthead", HINT_HEADER),
    WORD("media", HINT_CAPTION),
    WORD("menu", HINT_NAV),
    WORD("meta", HINT_META),
    WORD("modal", HINT_SUBSCRIBE),
    WORD("more", HINT_RELATED),
    WORD("nav", HINT_NAV),
    WORD("next", HINT_RELATED),
    WORD("pager", HINT_NAV),
    WORD("photo", HINT_CAPTION),
    WORD("post", HINT_CONTENT),
    WORD("prev", HINT_RELATED),
    WORD("print", HINT_SHARE),
    WORD("prose", HINT_CONTENT),
    WORD("rail", HINT_SIDEBAR),
    WORD("reply", HINT_COMMENT),
    WORD("rss", HINT_SHARE),
    WORD("side", HINT_SIDEBAR),
    WORD("skip", HINT_NAV),
    WORD("story", HINT_CONTENT),
    WORD("tag", HINT_META),
    WORD("text", HINT_CONTENT),
    WORD("thumb", HINT_CAPTION),
    WORD("time", HINT_META),
    WORD("toc", HINT_NAV),
    WORD("tool", HINT_SHARE),
    WORD("toolbar", HINT_SHARE),
    WORD("topic", HINT_META),
};

/* Matched anywhere inside a word. */
static const vocab_word inner_words[] = {
    WORD("addthis", HINT_SHARE),
    WORD("advert", HINT_AD),
    WORD("affiliate", HINT_AD),
    WORD("article", HINT_CONTENT),
    WORD("aside", HINT_SIDEBAR),
    WORD("breadcrumb", HINT_NAV),
    WORD("byline", HINT_META),
    WORD("caption", HINT_CAPTION),
    WORD("carousel", HINT_CAPTION),
    WORD("colophon", HINT_FOOTER),
    WORD("comment", HINT_COMMENT),
    WORD("consent", HINT_SUBSCRIBE),
    WORD("content", HINT_CONTENT),
    WORD("cookie", HINT_SUBSCRIBE),
    WORD("copyright", HINT_FOOTER),
    WORD("disqus", HINT_COMMENT),
    WORD("discussion", HINT_COMMENT),
    WORD("facebook", HINT_SHARE),
    WORD("footer", HINT_FOOTER),
    WORD("gallery", HINT_CAPTION),
    WORD("gdpr", HINT_SUBSCRIBE),
    WORD("header", HINT_HEADER),
    WORD("hidden", HINT_HIDDEN),
    WORD("invisible", HINT_HIDDEN),
    WORD("linkedin", HINT_SHARE),
    WORD("mostpopular", HINT_RELATED),
    WORD("mostread", HINT_RELATED),
    WORD("navbar", HINT_NAV),
    WORD("navigation", HINT_NAV),
    WORD("newsletter", HINT_SUBSCRIBE),
    WORD("outbrain", HINT_RELATED),
    WORD("pagination", HINT_NAV),
    WORD("paywall", HINT_SUBSCRIBE),
    WORD("pinterest", HINT_SHARE),
    WORD("popular", HINT_RELATED),
    WORD("popup", HINT_SUBSCRIBE),
    WORD("promo", HINT_AD),
    WORD("readmore", HINT_RELATED),
    WORD("recommend", HINT_RELATED),
    WORD("related", HINT_RELATED),
    WORD("register", HINT_SUBSCRIBE),
    WORD("share", HINT_SHARE),
    WORD("sharing", HINT_SHARE),
    WORD("sidebar", HINT_SIDEBAR),
    WORD("signup", HINT_SUBSCRIBE),
    WORD("skyscraper", HINT_AD),
    WORD("slider", HINT_CAPTION),
    WORD("slideshow", HINT_CAPTION),
    WORD("social", HINT_SHARE),
    WORD("sponsor", HINT_AD),
    WORD("subscri", HINT_SUBSCRIBE),
    WORD("taboola", HINT_RELATED),
    WORD("timestamp", HINT_META),
    WORD("trending", HINT_RELATED),
    WORD("twitter", HINT_SHARE),
    WORD("whatsapp", HINT_SHARE),
    WORD("widget", HINT_SIDEBAR),
    WORD("zergnet", HINT_RELATED),
};

/* Words that contain a vocabulary word but mean something else. */
static const vocab_word false_friends[] = {
    WORD("commentary", 0), WORD("commentisfree", 0), WORD("shadow", 0),
    WORD("loaded", 0),
};

static int compare_word(const void *key, const void *item)
{
    return strcmp((const char *)key, ((const vocab_word *)item)->word);
}

static uint16_t exact_hint(const char *w, size_t n)
{
    char buf[24];
    if (n >= sizeof buf)
        return 0;
    memcpy(buf, w, n);
    buf[n] = 0;
    const vocab_word *v = bsearch(buf, exact_words, sizeof exact_words / sizeof exact_words[0],
                                  sizeof exact_words[0], compare_word);
    if (!v && n > 2 && buf[n - 1] == 's') {
        buf[n - 1] = 0;
        v = bsearch(buf, exact_words, sizeof exact_words / sizeof exact_words[0],
                    sizeof exact_words[0], compare_word);
    }
    return v ? v->hint : 0;
}

static int contains(const char *w, size_t n, const vocab_word *part)
{
    size_t m = part->len;
    for (size_t i = 0; i + m <= n; i++)
        if (w[i] == part->word[0] && memcmp(w + i, part->word, m) == 0)
            return 1;
    return 0;
}

/* Whether the `n` bytes at `w` are one of the `count` words of `list`. */
static int is_one_of(const char *w, size_t n, const vocab_word *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (list[i].len == n && memcmp(w, list[i].word, n) == 0)
            return 1;
    return 0;
}

static uint16_t word_hints(const char *w, size_t n)
{
    if (is_one_of(w, n, false_friends, sizeof false_friends / sizeof false_friends[0]))
        return 0;
    uint16_t h = exact_hint(w, n);
    if (n < 4)
        return h;
    for (size_t i = 0; i < sizeof inner_words / sizeof inner_words[0]; i++)
        if (contains(w, n, &inner_words[i]))
            h |= inner_words[i].hint;
    return h;
}

static int is_alnum_ascii(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80;
}

/* Pairs that name the article's body: "article-body", "entry-content",
 * "post-text", "story-body"... */
static int content_noun(const char *w, size_t n)
{
    static const vocab_word words[] = {WORD("article", 0), WORD("entry", 0), WORD("post", 0),
                                       WORD("story", 0), WORD("blog", 0)};
    return is_one_of(w, n, words, sizeof words / sizeof words[0]);
}

static int body_noun(const char *w, size_t n)
{
    static const vocab_word words[] = {WORD("body", 0), WORD("content", 0), WORD("text", 0),
                                       WORD("copy", 0)};
    return is_one_of(w, n, words, sizeof words / sizeof words[0]);
}

/* Words that make a hiding class conditional or about something else: the
 * CSS property it sets is not display ("overflow-hidden",
 * "backface-hidden"), or it hides only on some screens or on paper
 * ("hidden-xs", "hide-on-mobile", "hidden-print"). */
static int hiding_qualifier(const char *w, size_t n)
{
    static const vocab_word words[] = {
        WORD("overflow", 0), WORD("backface", 0), WORD("xs", 0),     WORD("sm", 0),
        WORD("md", 0),       WORD("lg", 0),       WORD("xl", 0),     WORD("xxl", 0),
        WORD("mobile", 0),   WORD("tablet", 0),   WORD("desktop", 0), WORD("print", 0)};
    return is_one_of(w, n, words, sizeof words / sizeof words[0]);
}

/* The hints of one class (a token of the attribute, `len` bytes at `s`).
 * `prev_content` carries "article" over to "body" in the next word, also
 * across classes ("article body"). */
static uint16_t token_hints(const char *s, size_t len, int *prev_content)
{
    /* A variant prefix ("sm:hidden", "print:hidden", "hover:underline")
     * names when the class applies, not what the element is. */
    size_t i = len;
    while (i > 0 && s[i - 1] != ':')
        i--;
    int conditional = i > 0;
    uint16_t h = 0;
    int qualified = 0;
    char word[64];
    while (i < len) {
        while (i < len && !is_alnum_ascii((unsigned char)s[i]))
            i++;
        size_t n = 0;
        int truncated = 0;
        while (i < len && is_alnum_ascii((unsigned char)s[i])) {
            unsigned char c = (unsigned char)s[i];
            /* a lower-to-upper change starts a new word: "articleBody" */
            if (n > 0 && c >= 'A' && c <= 'Z' && word[n - 1] >= 'a' && word[n - 1] <= 'z')
                break;
            if (n < sizeof word - 1)
                word[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            else
                truncated = 1;
            i++;
        }
        if (n == 0 || truncated)
            continue;
        if (*prev_content && body_noun(word, n))
            h |= HINT_MAIN;
        *prev_content = content_noun(word, n) || (*prev_content && n <= 2);
        qualified |= hiding_qualifier(word, n);
        h |= word_hints(word, n);
    }
    /* Whether a class hides the element is a matter of the whole class:
     * "visually-hidden" does, "overflow-hidden" and "md:hidden" do not. */
    if (conditional || qualified)
        h &= (uint16_t)~HINT_HIDDEN;
    return h;
}

uint16_t lede_html_class_hints(const char *s)
{
    uint16_t h = 0;
    int prev_content = 0;
    size_t i = 0;
    while (s[i]) {
        while (s[i] && lede_html_space((unsigned char)s[i]))
            i++;
        size_t start = i;
        while (s[i] && !lede_html_space((unsigned char)s[i]))
            i++;
        if (i > start)
            h |= token_hints(s + start, i - start, &prev_content);
    }
    return h;
}

uint16_t lede_html_role_hints(const char *role)
{
    static const struct {
        const char *role;
        uint16_t hint;
    } roles[] = {
        {"main", HINT_MAIN},           {"article", HINT_CONTENT},
        {"navigation", HINT_NAV},      {"menu", HINT_NAV},
        {"menubar", HINT_NAV},         {"banner", HINT_HEADER},
        {"contentinfo", HINT_FOOTER},  {"complementary", HINT_SIDEBAR},
        {"search", HINT_NAV},          {"dialog", HINT_SUBSCRIBE},
        {"alertdialog", HINT_SUBSCRIBE}, {"toolbar", HINT_SHARE},
    };
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (lede_ascii_casecmp(role, roles[i].role) == 0)
            return roles[i].hint;
    return 0;
}
