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
#include <strings.h>

#include "html.h"

typedef struct vocab_word {
    const char *word;
    uint16_t hint;
} vocab_word;

/* Matched against whole words (and the word plus "s"). Sorted. */
static const vocab_word exact_words[] = {
    {"ad", HINT_AD},
    {"adv", HINT_AD},
    {"also", HINT_RELATED},
    {"author", HINT_META},
    {"banner", HINT_AD},
    {"bio", HINT_META},
    {"blog", HINT_CONTENT},
    {"body", HINT_CONTENT},
    {"breadcrumb", HINT_NAV},
    {"byline", HINT_META},
    {"caption", HINT_CAPTION},
    {"category", HINT_META},
    {"copy", HINT_CONTENT},
    {"credit", HINT_CAPTION},
    {"date", HINT_META},
    {"dateline", HINT_META},
    {"dfp", HINT_AD},
    {"entry", HINT_CONTENT},
    {"foot", HINT_FOOTER},
    {"gpt", HINT_AD},
    {"hentry", HINT_CONTENT},
    {"hide", HINT_HIDDEN},
    {"keyword", HINT_META},
    {"kicker", HINT_META},
    {"login", HINT_SUBSCRIBE},
    {"main", HINT_MAIN},
    {"masthead", HINT_HEADER},
    {"media", HINT_CAPTION},
    {"menu", HINT_NAV},
    {"meta", HINT_META},
    {"modal", HINT_SUBSCRIBE},
    {"more", HINT_RELATED},
    {"nav", HINT_NAV},
    {"next", HINT_RELATED},
    {"pager", HINT_NAV},
    {"photo", HINT_CAPTION},
    {"post", HINT_CONTENT},
    {"prev", HINT_RELATED},
    {"print", HINT_SHARE},
    {"prose", HINT_CONTENT},
    {"rail", HINT_SIDEBAR},
    {"reply", HINT_COMMENT},
    {"rss", HINT_SHARE},
    {"side", HINT_SIDEBAR},
    {"skip", HINT_NAV},
    {"story", HINT_CONTENT},
    {"tag", HINT_META},
    {"text", HINT_CONTENT},
    {"thumb", HINT_CAPTION},
    {"time", HINT_META},
    {"toc", HINT_NAV},
    {"tool", HINT_SHARE},
    {"toolbar", HINT_SHARE},
    {"topic", HINT_META},
};

/* Matched anywhere inside a word. */
static const vocab_word inner_words[] = {
    {"addthis", HINT_SHARE},
    {"advert", HINT_AD},
    {"affiliate", HINT_AD},
    {"article", HINT_CONTENT},
    {"aside", HINT_SIDEBAR},
    {"breadcrumb", HINT_NAV},
    {"byline", HINT_META},
    {"caption", HINT_CAPTION},
    {"carousel", HINT_CAPTION},
    {"colophon", HINT_FOOTER},
    {"comment", HINT_COMMENT},
    {"consent", HINT_SUBSCRIBE},
    {"content", HINT_CONTENT},
    {"cookie", HINT_SUBSCRIBE},
    {"copyright", HINT_FOOTER},
    {"disqus", HINT_COMMENT},
    {"discussion", HINT_COMMENT},
    {"facebook", HINT_SHARE},
    {"footer", HINT_FOOTER},
    {"gallery", HINT_CAPTION},
    {"gdpr", HINT_SUBSCRIBE},
    {"header", HINT_HEADER},
    {"hidden", HINT_HIDDEN},
    {"invisible", HINT_HIDDEN},
    {"linkedin", HINT_SHARE},
    {"mostpopular", HINT_RELATED},
    {"mostread", HINT_RELATED},
    {"navbar", HINT_NAV},
    {"navigation", HINT_NAV},
    {"newsletter", HINT_SUBSCRIBE},
    {"outbrain", HINT_RELATED},
    {"pagination", HINT_NAV},
    {"paywall", HINT_SUBSCRIBE},
    {"pinterest", HINT_SHARE},
    {"popular", HINT_RELATED},
    {"popup", HINT_SUBSCRIBE},
    {"promo", HINT_AD},
    {"readmore", HINT_RELATED},
    {"recommend", HINT_RELATED},
    {"related", HINT_RELATED},
    {"register", HINT_SUBSCRIBE},
    {"share", HINT_SHARE},
    {"sharing", HINT_SHARE},
    {"sidebar", HINT_SIDEBAR},
    {"signup", HINT_SUBSCRIBE},
    {"skyscraper", HINT_AD},
    {"slider", HINT_CAPTION},
    {"slideshow", HINT_CAPTION},
    {"social", HINT_SHARE},
    {"sponsor", HINT_AD},
    {"subscri", HINT_SUBSCRIBE},
    {"taboola", HINT_RELATED},
    {"timestamp", HINT_META},
    {"trending", HINT_RELATED},
    {"twitter", HINT_SHARE},
    {"whatsapp", HINT_SHARE},
    {"widget", HINT_SIDEBAR},
    {"zergnet", HINT_RELATED},
};

/* Words that contain a vocabulary word but mean something else. */
static const char *const false_friends[] = {
    "commentary", "commentisfree", "shadow", "loaded", "header-image", "readmore-content",
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

static int contains(const char *w, size_t n, const char *part)
{
    size_t m = strlen(part);
    for (size_t i = 0; i + m <= n; i++)
        if (w[i] == part[0] && memcmp(w + i, part, m) == 0)
            return 1;
    return 0;
}

static uint16_t word_hints(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof false_friends / sizeof false_friends[0]; i++)
        if (strlen(false_friends[i]) == n && memcmp(w, false_friends[i], n) == 0)
            return 0;
    uint16_t h = exact_hint(w, n);
    if (n < 4)
        return h;
    for (size_t i = 0; i < sizeof inner_words / sizeof inner_words[0]; i++)
        if (contains(w, n, inner_words[i].word))
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
    return (n == 7 && memcmp(w, "article", 7) == 0) || (n == 5 && memcmp(w, "entry", 5) == 0) ||
           (n == 4 && memcmp(w, "post", 4) == 0) || (n == 5 && memcmp(w, "story", 5) == 0) ||
           (n == 4 && memcmp(w, "blog", 4) == 0);
}

static int body_noun(const char *w, size_t n)
{
    return (n == 4 && memcmp(w, "body", 4) == 0) || (n == 7 && memcmp(w, "content", 7) == 0) ||
           (n == 4 && memcmp(w, "text", 4) == 0) || (n == 4 && memcmp(w, "copy", 4) == 0);
}

/* Words that make a hiding class conditional or about something else: the
 * CSS property it sets is not display ("overflow-hidden",
 * "backface-hidden"), or it hides only on some screens or on paper
 * ("hidden-xs", "hide-on-mobile", "hidden-print"). */
static int hiding_qualifier(const char *w, size_t n)
{
    static const char *const words[] = {"overflow", "backface", "xs",     "sm",
                                        "md",       "lg",       "xl",     "xxl",
                                        "mobile",   "tablet",   "desktop", "print"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == n && memcmp(w, words[i], n) == 0)
            return 1;
    return 0;
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
        if (strcasecmp(role, roles[i].role) == 0)
            return roles[i].hint;
    return 0;
}
