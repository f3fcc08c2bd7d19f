/* meta.c - the page's metadata: <title>, the Open Graph, Dublin Core and
 * article <meta> tags, the language attribute, and the article's <time>
 * when no tag gives a date. Values are kept as the page writes them, white
 * space collapsed. */
#include <stdlib.h>
#include <string.h>

#include "../common/alloc.h"
#include "../common/parse.h"
#include "../common/strbuf.h"
#include "html.h"
#include "libxml.h"

enum field { F_OG_TITLE, F_AUTHOR, F_DATE, F_LANGUAGE, F_COUNT };

typedef struct meta_key {
    const char *key; /* value of name=, property= or itemprop= */
    enum field field;
    int rank;        /* lower wins */
} meta_key;

static const meta_key meta_keys[] = {
    {"og:title", F_OG_TITLE, 0},
    {"twitter:title", F_OG_TITLE, 1},
    {"author", F_AUTHOR, 0},
    {"article:author", F_AUTHOR, 1},
    {"dc.creator", F_AUTHOR, 2},
    {"dcterms.creator", F_AUTHOR, 2},
    {"byl", F_AUTHOR, 3},
    {"parsely-author", F_AUTHOR, 4},
    {"sailthru.author", F_AUTHOR, 4},
    {"article:published_time", F_DATE, 0},
    {"datepublished", F_DATE, 1},
    {"pubdate", F_DATE, 2},
    {"publishdate", F_DATE, 2},
    {"date", F_DATE, 3},
    {"dc.date", F_DATE, 4},
    {"dc.date.issued", F_DATE, 4},
    {"dcterms.date", F_DATE, 4},
    {"parsely-pub-date", F_DATE, 5},
    {"sailthru.date", F_DATE, 5},
    {"og:published_time", F_DATE, 5},
    {"content-language", F_LANGUAGE, 1},
    {"language", F_LANGUAGE, 2},
    {"og:locale", F_LANGUAGE, 3},
    {"dc.language", F_LANGUAGE, 2},
};

typedef struct collector {
    char *value[F_COUNT];
    int rank[F_COUNT];
    int nomem;
} collector;

/* A copy of `s` with white space runs collapsed and trimmed; NULL when
 * empty (or out of memory, flagged). */
static char *clean_copy(collector *c, const char *s)
{
    lede_strbuf b = {0};
    int pending = 0;
    for (const char *p = s; *p; p++) {
        if (lede_html_space((unsigned char)*p)) {
            pending = 1;
            continue;
        }
        if ((pending && b.len > 0 && lede_strbuf_putc(&b, ' ') != 0) ||
            lede_strbuf_putc(&b, *p) != 0) {
            c->nomem = 1;
            lede_strbuf_free(&b);
            return NULL;
        }
        pending = 0;
    }
    return b.data;
}

static void offer(collector *c, enum field f, int rank, const char *value)
{
    if (!value || (c->value[f] && c->rank[f] <= rank))
        return;
    /* An author given as a profile address is not a name. */
    if (f == F_AUTHOR && (strncmp(value, "http", 4) == 0 || value[0] == '@'))
        return;
    char *v = clean_copy(c, value);
    if (!v)
        return;
    if (f == F_AUTHOR && lede_ascii_ncasecmp(v, "by ", 3) == 0)
        memmove(v, v + 3, strlen(v + 3) + 1);
    if (f == F_LANGUAGE) /* og:locale writes en_US */
        for (char *p = v; *p; p++)
            if (*p == '_')
                *p = '-';
    if (!*v) {
        free(v);
        return;
    }
    free(c->value[f]);
    c->value[f] = v;
    c->rank[f] = rank;
}

static void read_meta(collector *c, const xmlNode *node)
{
    const char *content = lede_html_attr(node, "content");
    if (!content)
        return;
    const char *keys[3] = {lede_html_attr(node, "name"), lede_html_attr(node, "property"),
                           lede_html_attr(node, "itemprop")};
    const char *equiv = lede_html_attr(node, "http-equiv");
    if (equiv && lede_ascii_casecmp(equiv, "content-language") == 0)
        offer(c, F_LANGUAGE, 1, content);
    for (int k = 0; k < 3; k++) {
        if (!keys[k])
            continue;
        for (size_t i = 0; i < sizeof meta_keys / sizeof meta_keys[0]; i++)
            if (lede_ascii_casecmp(keys[k], meta_keys[i].key) == 0)
                offer(c, meta_keys[i].field, meta_keys[i].rank, content);
    }
}

/* The text of an element (for <title>), NULL if none. */
static char *element_text(collector *c, const xmlNode *node)
{
    lede_strbuf b = {0};
    for (const xmlNode *t = node->children; t; t = t->next) {
        if (t->type == XML_TEXT_NODE && t->content &&
            lede_strbuf_append(&b, (const char *)t->content, strlen((const char *)t->content)) != 0) {
            c->nomem = 1;
            lede_strbuf_free(&b);
            return NULL;
        }
    }
    if (!b.data)
        return NULL;
    char *v = clean_copy(c, b.data);
    lede_strbuf_free(&b);
    if (v && !*v) {
        free(v);
        return NULL;
    }
    return v;
}

static int named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && lede_ascii_casecmp((const char *)n->name, name) == 0;
}

lede_status lede_html_read_meta(const xmlDoc *doc, lede_html_meta *meta)
{
    memset(meta, 0, sizeof *meta);
    collector c;
    memset(&c, 0, sizeof c);
    const xmlNode *root = lede_libxml()->xmlDocGetRootElement(doc);
    if (!root)
        return LEDE_OK;
    const char *lang = lede_html_attr(root, "lang");
    if (!lang)
        lang = lede_html_attr(root, "xml:lang");
    offer(&c, F_LANGUAGE, 0, lang);
    for (const xmlNode *h = root->children; h; h = h->next) {
        if (!named(h, "head"))
            continue;
        for (const xmlNode *n = h->children; n; n = n->next) {
            if (named(n, "meta"))
                read_meta(&c, n);
            else if (named(n, "title") && !meta->title)
                meta->title = element_text(&c, n);
        }
    }
    meta->og_title = c.value[F_OG_TITLE];
    meta->author = c.value[F_AUTHOR];
    meta->date = c.value[F_DATE];
    meta->language = c.value[F_LANGUAGE];
    if (c.nomem) {
        lede_html_meta_free(meta);
        return LEDE_ERR_NOMEM;
    }
    return LEDE_OK;
}

/* Whether a datetime value is a date: a year of four digits first
 * ("2024", "2024-05", "2024-05-01T10:00Z"). A datetime may also hold a
 * duration ("PT30M") or a time of day ("19:00"), which date nothing. */
static int is_date_value(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    for (int k = 0; k < 4; k++)
        if (s[k] < '0' || s[k] > '9')
            return 0;
    return s[4] == '\0' || s[4] == '-' || s[4] == ' ';
}

/* The datetime of <time> node i when it is a date, else NULL. */
static const char *time_datetime(const lede_hdom *dom, uint32_t i)
{
    const lede_hnode *n = &dom->nodes[i];
    const char *value = n->tag == HTAG_TIME && n->xml ? lede_html_attr(n->xml, "datetime") : NULL;
    return value && is_date_value(value) ? value : NULL;
}

/* The <time datetime> that dates the article: the first inside it, else the
 * last before it (a byline above the body); a <time> after the article is
 * in comments or links to other stories, and the first of the page is as
 * often today's date in the masthead. LEDE_HNODE_NONE when there is none. */
static uint32_t article_time(const lede_hdom *dom)
{
    uint32_t before = LEDE_HNODE_NONE;
    size_t article_end = 0; /* one past the kept subtree being walked; 0: none yet */
    for (uint32_t i = 0; i < dom->count; i++) {
        const lede_hnode *n = &dom->nodes[i];
        if ((n->flags & HNODE_KEEP) && n->end > article_end)
            article_end = n->end;
        if (!time_datetime(dom, i))
            continue;
        if (i < article_end)
            return i;
        if (article_end == 0)
            before = i;
    }
    return before;
}

lede_status lede_html_time_date(const lede_hdom *dom, lede_html_meta *meta)
{
    if (meta->date)
        return LEDE_OK;
    uint32_t t = article_time(dom);
    if (t == LEDE_HNODE_NONE)
        return LEDE_OK;
    collector c;
    memset(&c, 0, sizeof c);
    meta->date = clean_copy(&c, time_datetime(dom, t)); /* a date: never empty */
    return c.nomem ? LEDE_ERR_NOMEM : LEDE_OK;
}

void lede_html_meta_free(lede_html_meta *meta)
{
    free(meta->title);
    free(meta->og_title);
    free(meta->author);
    free(meta->date);
    free(meta->language);
    memset(meta, 0, sizeof *meta);
}
