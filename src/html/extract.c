/* extract.c - finding the article in a page.
 *
 * Readability's approach, on the flat tree: paragraphs of prose vote for
 * their ancestors, the best-scoring container and its related siblings are
 * kept, and the boilerplate left inside them is removed. The signals are the
 * ones that hold across sites: amount of text, commas and sentence stops,
 * link density, tag semantics, and the generic class and id vocabulary of
 * page templates (hints.c). Nothing here knows a particular site. See
 * docs/html.md for the rules and how they were checked. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

enum {
    NEGATIVE_HINTS = HINT_NAV | HINT_COMMENT | HINT_SHARE | HINT_RELATED | HINT_AD |
                     HINT_SIDEBAR | HINT_FOOTER | HINT_HEADER | HINT_SUBSCRIBE | HINT_META |
                     HINT_CAPTION
};

static double link_density(const lede_hnode *n)
{
    return n->chars ? (double)n->link_chars / n->chars : 0.0;
}

static int is_heading(uint16_t tag)
{
    return tag >= HTAG_H1 && tag <= HTAG_H6;
}

/* Whether the class or id marks boilerplate. A word naming the article
 * body ("article-body") outweighs any other; a generic content word does
 * not ("post-author", "share-text" are boilerplate). */
static int negative(const lede_hnode *n)
{
    return (n->hints & NEGATIVE_HINTS) && !(n->hints & HINT_MAIN);
}

static double class_weight(const lede_hnode *n)
{
    if (n->hints & HINT_MAIN)
        return 50;
    if (n->hints & NEGATIVE_HINTS)
        return -25;
    if (n->hints & HINT_CONTENT)
        return 25;
    return 0;
}

static double tag_weight(uint16_t tag)
{
    if (is_heading(tag))
        return -5;
    switch (tag) {
    case HTAG_DIV:
    case HTAG_ARTICLE:
    case HTAG_MAIN:
    case HTAG_SECTION:
        return 5;
    case HTAG_PRE:
    case HTAG_TD:
    case HTAG_BLOCKQUOTE:
        return 3;
    case HTAG_ADDRESS:
    case HTAG_OL:
    case HTAG_UL:
    case HTAG_DL:
    case HTAG_DD:
    case HTAG_DT:
    case HTAG_LI:
    case HTAG_FORM:
        return -3;
    case HTAG_TH:
        return -5;
    default:
        return 0;
    }
}

typedef struct scorer {
    lede_hdom *dom;
    uint8_t *touched;
} scorer;

static void touch(scorer *s, uint32_t i)
{
    if (s->touched[i])
        return;
    s->touched[i] = 1;
    lede_hnode *n = &s->dom->nodes[i];
    n->score = (float)(tag_weight(n->tag) + class_weight(n));
}

/* A div or table cell holding the article's text itself, its paragraphs
 * separated by <br>s (older pages): a candidate of its own, not only a
 * paragraph of its parent. */
static int text_container(const lede_hnode *n)
{
    return (n->tag == HTAG_DIV || n->tag == HTAG_TD || n->tag == HTAG_SECTION ||
            n->tag == HTAG_ARTICLE || n->tag == HTAG_MAIN || n->tag == HTAG_CENTER) &&
           n->own_breaks >= 2 && n->own_chars >= 200;
}

static void score_blocks(scorer *s)
{
    lede_hdom *dom = s->dom;
    for (uint32_t i = dom->body; i < dom->nodes[dom->body].end; i++) {
        lede_hnode *n = &dom->nodes[i];
        if (!(n->flags & HNODE_BLOCK) || n->own_chars < 25)
            continue;
        if (n->own_link_chars * 2 > n->own_chars)
            continue;
        double value = 1 + n->own_commas + fmin(n->own_chars / 100.0, 3.0);
        /* text directly in the body (a page flattened by max_depth) has no
         * parent to credit inside the body: the body holds it */
        uint32_t a = text_container(n) || i == dom->body ? i : n->parent;
        for (int level = 0; level < 5 && a != LEDE_HNODE_NONE; level++) {
            touch(s, a);
            double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
            s->dom->nodes[a].score += (float)(value / div);
            if (a == dom->body)
                break;
            a = dom->nodes[a].parent;
        }
    }
    uint32_t first = dom->body, last = dom->nodes[dom->body].end;
    for (uint32_t i = first; i < last; i++) {
        lede_hnode *n = &dom->nodes[i];
        if (s->touched[i])
            n->score *= (float)(1 - link_density(n));
        n->best = s->touched[i] ? n->score : -FLT_MAX;
    }
    for (uint32_t i = last; i-- > first + 1;) {
        lede_hnode *p = &dom->nodes[dom->nodes[i].parent];
        if (dom->nodes[i].best > p->best)
            p->best = dom->nodes[i].best;
    }
}

static uint32_t best_candidate(scorer *s)
{
    lede_hdom *dom = s->dom;
    uint32_t best = LEDE_HNODE_NONE;
    for (uint32_t i = dom->body; i < dom->nodes[dom->body].end; i++)
        if (s->touched[i] && (best == LEDE_HNODE_NONE || dom->nodes[i].score > dom->nodes[best].score))
            best = i;
    return best;
}

/* Moves up from the best candidate while its parent scores well too: the
 * article is often split over several containers. */
static uint32_t promote(scorer *s, uint32_t top)
{
    lede_hdom *dom = s->dom;
    double last = dom->nodes[top].score;
    double threshold = last / 3;
    uint32_t p = dom->nodes[top].parent;
    while (p != LEDE_HNODE_NONE && p != dom->body && dom->nodes[p].parent != LEDE_HNODE_NONE) {
        if (!s->touched[p]) {
            p = dom->nodes[p].parent;
            continue;
        }
        double ps = dom->nodes[p].score;
        if (ps < threshold)
            break;
        if (ps > last) {
            top = p;
            break;
        }
        last = ps;
        p = dom->nodes[p].parent;
    }
    /* An only child holds nothing its parent does not. */
    for (;;) {
        uint32_t p2 = dom->nodes[top].parent;
        /* body and above (html has the lower index) are never the article */
        if (p2 == LEDE_HNODE_NONE || p2 <= dom->body)
            break;
        if (dom->nodes[p2].chars != dom->nodes[top].chars)
            break;
        top = p2;
    }
    return top;
}

static int is_element(const lede_hnode *n)
{
    return n->tag != HTAG_TEXT;
}

static void keep_siblings(scorer *s, uint32_t top, double top_score)
{
    lede_hdom *dom = s->dom;
    lede_hnode *t = &dom->nodes[top];
    uint32_t parent = t->parent;
    if (parent == LEDE_HNODE_NONE || top == dom->body) {
        t->flags |= HNODE_KEEP;
        return;
    }
    double threshold = fmax(10, top_score * 0.2);
    const char *top_class = lede_html_attr(t->xml, "class");
    for (uint32_t c = parent + 1; c < dom->nodes[parent].end; c = dom->nodes[c].end) {
        lede_hnode *n = &dom->nodes[c];
        if (c == top) {
            n->flags |= HNODE_KEEP;
            continue;
        }
        if (!is_element(n))
            continue;
        double bonus = 0;
        const char *cls = lede_html_attr(n->xml, "class");
        if (top_class && cls && *cls && strcmp(cls, top_class) == 0)
            bonus = top_score * 0.2;
        int keep = s->touched[c] && n->score + bonus >= threshold && !negative(n);
        if (!keep && !negative(n) &&
            (n->tag == HTAG_P || ((n->flags & HNODE_BLOCK) && n->blocks <= 1))) {
            double ld = link_density(n);
            if (n->chars > 80 && ld < 0.25)
                keep = 1;
            else if (n->chars > 0 && n->chars <= 80 && ld == 0 && n->stops > 0)
                keep = 1;
        }
        if (keep)
            n->flags |= HNODE_KEEP;
    }
}

/* ====== Cleaning inside the article ====== */

static int is_conditional(uint16_t tag)
{
    switch (tag) {
    case HTAG_TABLE:
    case HTAG_UL:
    case HTAG_OL:
    case HTAG_DL:
    case HTAG_DIV:
    case HTAG_SECTION:
    case HTAG_ASIDE:
    case HTAG_FIGURE:
    case HTAG_FORM:
    case HTAG_HEADER:
    case HTAG_FOOTER:
    case HTAG_NAV:
    case HTAG_P:
        return 1;
    default:
        return 0;
    }
}


/* A list of links: most items hold a link, the items are short, and a good
 * part of the text is link text ("More stories", "Read next"). */
static int link_list(const lede_hdom *dom, uint32_t i)
{
    const lede_hnode *n = &dom->nodes[i];
    uint32_t items = 0, linked = 0;
    for (uint32_t c = i + 1; c < n->end; c = dom->nodes[c].end) {
        const lede_hnode *item = &dom->nodes[c];
        if (item->tag != HTAG_LI || item->chars == 0)
            continue;
        items++;
        linked += item->link_chars > 0;
    }
    return items >= 3 && linked * 5 >= items * 4 && n->chars < items * 100 &&
           link_density(n) > 0.35;
}

/* Whether inline element i is a piece of a sentence: its paragraph's own
 * text goes on right after it ("held on <time class=date>May 5</time>, in").
 * Its class then names what the words are (a date, an author, a tag), not
 * a part of the template; a label that ends the paragraph ("Share", "Read
 * more") or stands alone is not. */
static int inside_sentence(const lede_hdom *dom, uint32_t i)
{
    const lede_hnode *n = &dom->nodes[i];
    if ((n->flags & HNODE_BLOCK) || n->blocks > 0 || n->end >= dom->count)
        return 0;
    const lede_hnode *next = &dom->nodes[n->end];
    return next->tag == HTAG_TEXT && next->owner == n->owner && next->chars > 0;
}

/* The length of the suffix of `len` bytes at `t` found in `list`, or 0. */
static size_t suffix_in(const char *t, size_t len, const char *const *list, size_t count)
{
    for (size_t k = 0; k < count; k++) {
        size_t m = strlen(list[k]);
        if (len >= m && memcmp(t + len - m, list[k], m) == 0)
            return m;
    }
    return 0;
}

/* Whether a trimmed text ends as a sentence does: two words or more and a
 * full stop or a question mark, maybe inside closing quotes or brackets
 * ("(“Yes.”)"); an ideographic full stop or question mark ends one alone.
 * An exclamation ("Subscribe now!") or an ellipsis ("Loading...") ends a
 * label as often as a sentence. */
static int ends_with_stop(const char *t, size_t len)
{
    static const char *const stops[] = {".", "?"};
    static const char *const ideographic[] = {"\xE3\x80\x82", "\xEF\xBC\x9F"};
    static const char *const closers[] = {"\"", "'", ")", "\xE2\x80\x9D", "\xE2\x80\x99",
                                          "\xC2\xBB", "\xE3\x80\x8D"};
    size_t m;
    while ((m = suffix_in(t, len, closers, sizeof closers / sizeof closers[0])) > 0)
        len -= m;
    if (suffix_in(t, len, ideographic, sizeof ideographic / sizeof ideographic[0]) > 0)
        return 1;
    if (suffix_in(t, len, stops, sizeof stops / sizeof stops[0]) == 0)
        return 0;
    if (len >= 2 && t[len - 2] == '.')
        return 0;
    return memchr(t, ' ', len) != NULL;
}

/* Reads the texts of the elements the tests below look at, into one buffer.
 * A read that runs out of memory is kept: the tests then answer as though
 * the element had no text, and lede_html_find_article fails with it, so
 * that memory running out never changes which text is the article. */
typedef struct text_reader {
    lede_strbuf buf;
    lede_status st;
} text_reader;

/* Element i's text, NUL-terminated, or NULL (none, or a read failed). */
static const char *element_text(text_reader *r, const lede_hdom *dom, uint32_t i, size_t *len)
{
    lede_strbuf_clear(&r->buf);
    if (r->st == LEDE_OK)
        r->st = lede_hdom_text(dom, i, &r->buf);
    if (r->st != LEDE_OK || !r->buf.data)
        return NULL;
    *len = r->buf.len;
    return r->buf.data;
}

/* Whether element i's text is a sentence: it ends with a stop. A stop
 * inside ("Nov. 20, 2019, 9:28 AM") does not make a date a sentence. */
static int is_sentence(const lede_hdom *dom, uint32_t i, text_reader *r)
{
    size_t len;
    const char *t = element_text(r, dom, i, &len);
    return t && ends_with_stop(t, len);
}

/* Whether element i inside the article is boilerplate. */
static int boilerplate(const lede_hdom *dom, uint32_t i, double total_chars, text_reader *r)
{
    const lede_hnode *n = &dom->nodes[i];
    /* Embedded posts (tweets and the like) are quotes, part of the article,
     * even in a box whose class says "social". */
    if (n->quoted * 2 > n->chars)
        return 0;
    if (n->tag == HTAG_NAV || n->tag == HTAG_ASIDE || n->tag == HTAG_FOOTER ||
        n->tag == HTAG_FORM || n->tag == HTAG_FIGURE || n->tag == HTAG_FIGCAPTION ||
        n->tag == HTAG_HEADER)
        return n->chars < total_chars * 0.5;
    if (n->tag == HTAG_BLOCKQUOTE)
        return 0;
    /* A boilerplate class on half the article is more likely a template's
     * quirk than boilerplate, unless nothing in it scored above zero. */
    if (negative(n) && !inside_sentence(dom, i))
        return n->chars < total_chars * 0.5 || n->best <= 0;
    /* Classes that hide an element ("sr-only", "visually-hidden") hide
     * labels for screen readers; on long text they rather describe a part
     * of it ("field-label-hidden"). */
    if ((n->hints & HINT_HIDDEN) && !(n->hints & HINT_MAIN))
        return n->chars < 100;
    if (is_heading(n->tag))
        return negative(n) || n->link_chars * 2 > n->chars;
    if (!is_conditional(n->tag))
        return 0;
    double weight = class_weight(n);
    if (weight < 0)
        return 1;
    if (n->commas >= 10)
        return 0;
    double ld = link_density(n);
    int p = (int)n->paras;
    int li = (int)n->items;
    int img = (int)n->images;
    /* A container that is nine tenths list is judged as a list. */
    int is_list = n->tag == HTAG_UL || n->tag == HTAG_OL || n->tag == HTAG_DL ||
                  (n->chars > 0 && n->listed * 10 >= n->chars * 9);
    if (img > 1 && p * 2 < img)
        return 1;
    /* More list items than paragraphs: a menu or a list of links, unless the
     * items are paragraphs themselves. */
    if (!is_list && n->tag != HTAG_P && li > p + 1 + (int)n->prose_items)
        return 1;
    /* Short text is a label ("Share", "Advertisement"), unless it is a
     * sentence without links ("Nobody objected."). */
    if (!is_list && n->chars < 25 && (img == 0 || img > 2) && n->tag != HTAG_P)
        return n->chars > 0 && !(n->stops > 0 && n->link_chars == 0 && is_sentence(dom, i, r));
    if (!is_list && weight < 25 && ld > 0.2 && n->tag != HTAG_P)
        return 1;
    if (weight >= 25 && ld > 0.5)
        return 1;
    if (is_list && (ld > 0.5 || link_list(dom, i)))
        return 1;
    if (n->tag == HTAG_P && ld > 0.5 && n->stops == 0)
        return 1;
    return 0;
}

/* ====== Lines that are not prose ====== */

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A paragraph that is only an address (web or mail), a copyright notice or
 * a byline ("By Jo Writer - 2019-11-18"): page furniture in any template. */
static int furniture_text(const char *t, const lede_hnode *n)
{
    if (!strchr(t, ' ')) {
        if (starts_with(t, "http://") || starts_with(t, "https://") || starts_with(t, "www."))
            return 1;
        const char *at = strchr(t, '@');
        if (at && at > t && strchr(at, '.'))
            return 1;
    }
    /* (c), and the circled c of Korean and Japanese pages */
    if (starts_with(t, "\xC2\xA9") || starts_with(t, "\xE2\x93\x92") ||
        starts_with(t, "Copyright ") || starts_with(t, "(c) ") || starts_with(t, "(C) "))
        return n->chars < 80;
    if (starts_with(t, "By ")) {
        int words = 1;
        for (const char *p = t; *p; p++)
            words += *p == ' ';
        return words <= 10 && n->stops == 0;
    }
    return 0;
}

/* Whether block i, a short paragraph without blocks inside, is furniture. */
static int furniture(const lede_hdom *dom, uint32_t i, text_reader *r)
{
    const lede_hnode *n = &dom->nodes[i];
    if (!(n->flags & HNODE_BLOCK) || n->chars == 0 || n->chars >= 200 || n->own_chars != n->chars)
        return 0;
    size_t len;
    const char *t = element_text(r, dom, i, &len);
    return t && furniture_text(t, n);
}

/* ====== Headings left alone ====== */

/* A heading whose section was removed ("Related stories" above a removed
 * list) goes too: the following siblings up to the next heading, those
 * with text, are all removed, and there is at least one. */
static void drop_orphan_headings(lede_hdom *dom, uint32_t first, uint32_t last)
{
    for (uint32_t j = first; j < last;) {
        lede_hnode *h = &dom->nodes[j];
        if ((h->flags & HNODE_REMOVED) || h->tag == HTAG_TEXT) {
            j = h->flags & HNODE_REMOVED ? h->end : j + 1;
            continue;
        }
        if (!is_heading(h->tag) || h->parent == LEDE_HNODE_NONE) {
            j++;
            continue;
        }
        uint32_t parent_end = dom->nodes[h->parent].end;
        int removed = 0, kept = 0;
        for (uint32_t c = h->end; c < parent_end && !kept; c = dom->nodes[c].end) {
            const lede_hnode *sib = &dom->nodes[c];
            if (sib->chars == 0)
                continue;
            if (sib->flags & HNODE_REMOVED)
                removed++;
            else if (is_heading(sib->tag))
                break;
            else
                kept++;
        }
        if (removed > 0 && !kept)
            h->flags |= HNODE_REMOVED;
        j = h->end;
    }
}

static void clean_article(lede_hdom *dom, text_reader *r)
{
    double total = 0;
    for (uint32_t i = 0; i < dom->count;) {
        if (dom->nodes[i].flags & HNODE_KEEP) {
            total += dom->nodes[i].chars;
            i = dom->nodes[i].end;
        } else {
            i++;
        }
    }
    for (uint32_t i = 0; i < dom->count;) {
        lede_hnode *k = &dom->nodes[i];
        if (!(k->flags & HNODE_KEEP)) {
            i++;
            continue;
        }
        for (uint32_t j = i + 1; j < k->end;) {
            lede_hnode *n = &dom->nodes[j];
            if (is_element(n) && (boilerplate(dom, j, total, r) || furniture(dom, j, r))) {
                n->flags |= HNODE_REMOVED;
                j = n->end;
            } else {
                j++;
            }
        }
        drop_orphan_headings(dom, i + 1, k->end);
        i = k->end;
    }
}

/* ====== Title ====== */

/* Whether a heading's text names the same thing as the page's title: one
 * contains the other ("Big news" in "Big news | Site"), or most of the
 * heading's words are in the title. */
static int same_title(const char *heading, const char *title)
{
    if (!*heading)
        return 0;
    if (strstr(title, heading) || strstr(heading, title))
        return 1;
    size_t words = 0, found = 0;
    char word[128];
    for (const char *p = heading; *p;) {
        while (*p == ' ')
            p++;
        size_t n = 0;
        while (p[n] && p[n] != ' ')
            n++;
        if (n == 0)
            break;
        words++;
        if (n < sizeof word) {
            memcpy(word, p, n);
            word[n] = 0;
            found += strstr(title, word) != NULL;
        }
        p += n;
    }
    return words > 0 && found * 5 >= words * 3;
}

static int inside_article(const lede_hdom *dom, uint32_t i)
{
    for (uint32_t a = i; a != LEDE_HNODE_NONE; a = dom->nodes[a].parent)
        if (dom->nodes[a].flags & HNODE_KEEP)
            return 1;
    return 0;
}

static int matches_title(const lede_hdom *dom, uint32_t i, const char *title, text_reader *r)
{
    size_t len;
    const char *t = element_text(r, dom, i, &len);
    return t && same_title(t, title);
}

/* The headline: the <h1> that matches the page's title; else an <h1> in the
 * article; else, when the page gives no title, the last <h1> before the
 * article. Of several <h1>s that match ("Headline | Site" matches the
 * site's logo too), the one in the article, else the nearest before it,
 * else the first after it. */
static uint32_t find_title(lede_hdom *dom, const char *title, text_reader *r)
{
    uint32_t in_article = LEDE_HNODE_NONE, before = LEDE_HNODE_NONE;
    uint32_t match_before = LEDE_HNODE_NONE, match_after = LEDE_HNODE_NONE;
    int article_seen = 0;
    for (uint32_t i = dom->body; i < dom->count; i++) {
        lede_hnode *n = &dom->nodes[i];
        if (n->flags & HNODE_KEEP)
            article_seen = 1;
        if (n->tag != HTAG_H1 || n->chars == 0)
            continue;
        int inside = inside_article(dom, i);
        if (inside && in_article == LEDE_HNODE_NONE)
            in_article = i;
        if (!inside && !article_seen)
            before = i;
        if (!title || !matches_title(dom, i, title, r))
            continue;
        if (inside)
            return i;
        if (!article_seen)
            match_before = i;
        else if (match_after == LEDE_HNODE_NONE)
            match_after = i;
    }
    if (match_before != LEDE_HNODE_NONE)
        return match_before;
    if (match_after != LEDE_HNODE_NONE)
        return match_after;
    if (in_article != LEDE_HNODE_NONE)
        return in_article;
    return title ? LEDE_HNODE_NONE : before;
}

lede_status lede_html_find_article(lede_hdom *dom, const char *title, uint32_t *title_node)
{
    *title_node = LEDE_HNODE_NONE;
    if (dom->count == 0)
        return LEDE_ERR_NO_ARTICLE;
    uint8_t *touched = calloc(dom->count, 1);
    if (!touched)
        return LEDE_ERR_NOMEM;
    scorer s = {dom, touched};
    score_blocks(&s);
    uint32_t top = best_candidate(&s);
    /* The best text in the page sits in a cookie banner, a newsletter box or
     * a comment: the page has no article. */
    if (top == LEDE_HNODE_NONE || dom->nodes[top].score <= 0) {
        free(touched);
        return LEDE_ERR_NO_ARTICLE;
    }
    double top_score = dom->nodes[top].score;
    top = promote(&s, top);
    if (dom->nodes[top].score > top_score)
        top_score = dom->nodes[top].score;
    keep_siblings(&s, top, top_score);
    free(touched);
    text_reader r = {{0}, LEDE_OK};
    clean_article(dom, &r);
    *title_node = find_title(dom, title, &r);
    lede_strbuf_free(&r.buf);
    if (r.st != LEDE_OK) {
        *title_node = LEDE_HNODE_NONE;
        return r.st;
    }
    if (*title_node != LEDE_HNODE_NONE)
        dom->nodes[*title_node].flags |= HNODE_REMOVED;
    return LEDE_OK;
}
