/* dom.c - libxml2's tree flattened into an array in document order, with
 * what extraction needs per node: its kind of element, class hints, and the
 * amount of text, link text and punctuation under it.
 *
 * The walk is iterative (parent/next pointers, no recursion), so a page
 * nested 100,000 deep costs no stack. Elements deeper than max_depth become
 * leaves whose descendants are read as their siblings, the way browsers cap
 * the depth of the trees they build. */
#include <stdlib.h>
#include <string.h>

#include "../common/alloc.h"
#include "../common/error.h"
#include "../common/intern.h"
#include "../common/parse.h"
#include "html.h"
#include "libxml.h"

/* ====== Element kinds ====== */

/* PROP_PARAGRAPH (XML): a block even inside its parent's text, as a
 * paragraph is, where a title or a quote is often inline. */
enum { PROP_BLOCK = 1, PROP_SKIP = 2, PROP_PARAGRAPH = 4 };

typedef struct tag_info {
    const char *name;
    uint16_t tag;
    uint16_t props;
} tag_info;

/* Sorted by name. Elements that hold no readable text (scripts, styles,
 * embedded media, form controls, the head) are skipped with their subtree. */
static const tag_info tag_table[] = {
    {"a", HTAG_A, 0},
    {"address", HTAG_ADDRESS, PROP_BLOCK},
    {"applet", HTAG_OTHER, PROP_SKIP},
    {"article", HTAG_ARTICLE, PROP_BLOCK},
    {"aside", HTAG_ASIDE, PROP_BLOCK},
    {"audio", HTAG_OTHER, PROP_SKIP},
    {"base", HTAG_OTHER, PROP_SKIP},
    {"blockquote", HTAG_BLOCKQUOTE, PROP_BLOCK},
    {"body", HTAG_BODY, PROP_BLOCK},
    {"br", HTAG_BR, 0},
    {"button", HTAG_BUTTON, PROP_SKIP},
    {"canvas", HTAG_OTHER, PROP_SKIP},
    {"caption", HTAG_CAPTION, PROP_BLOCK},
    {"center", HTAG_CENTER, PROP_BLOCK},
    {"code", HTAG_CODE, 0},
    {"datalist", HTAG_OTHER, PROP_SKIP},
    {"dd", HTAG_DD, PROP_BLOCK},
    {"details", HTAG_DETAILS, PROP_BLOCK},
    {"dialog", HTAG_DIALOG, PROP_SKIP},
    {"dir", HTAG_UL, PROP_BLOCK},
    {"div", HTAG_DIV, PROP_BLOCK},
    {"dl", HTAG_DL, PROP_BLOCK},
    {"dt", HTAG_DT, PROP_BLOCK},
    {"embed", HTAG_OTHER, PROP_SKIP},
    {"fieldset", HTAG_FIELDSET, PROP_BLOCK},
    {"figcaption", HTAG_FIGCAPTION, PROP_BLOCK},
    {"figure", HTAG_FIGURE, PROP_BLOCK},
    {"footer", HTAG_FOOTER, PROP_BLOCK},
    {"form", HTAG_FORM, PROP_BLOCK},
    {"frame", HTAG_OTHER, PROP_SKIP},
    {"frameset", HTAG_OTHER, PROP_SKIP},
    {"h1", HTAG_H1, PROP_BLOCK},
    {"h2", HTAG_H2, PROP_BLOCK},
    {"h3", HTAG_H3, PROP_BLOCK},
    {"h4", HTAG_H4, PROP_BLOCK},
    {"h5", HTAG_H5, PROP_BLOCK},
    {"h6", HTAG_H6, PROP_BLOCK},
    {"head", HTAG_OTHER, PROP_SKIP},
    {"header", HTAG_HEADER, PROP_BLOCK},
    {"hgroup", HTAG_HGROUP, PROP_BLOCK},
    {"hr", HTAG_HR, PROP_BLOCK},
    {"html", HTAG_HTML, PROP_BLOCK},
    {"iframe", HTAG_OTHER, PROP_SKIP},
    {"img", HTAG_IMG, 0},
    {"input", HTAG_INPUT, PROP_SKIP},
    {"label", HTAG_LABEL, 0},
    {"legend", HTAG_LEGEND, PROP_BLOCK},
    {"li", HTAG_LI, PROP_BLOCK},
    {"link", HTAG_OTHER, PROP_SKIP},
    {"main", HTAG_MAIN, PROP_BLOCK},
    {"map", HTAG_OTHER, PROP_SKIP},
    {"math", HTAG_OTHER, PROP_SKIP},
    {"menu", HTAG_MENU, PROP_BLOCK},
    {"meta", HTAG_OTHER, PROP_SKIP},
    {"nav", HTAG_NAV, PROP_BLOCK},
    {"noembed", HTAG_OTHER, PROP_SKIP},
    {"noframes", HTAG_OTHER, PROP_SKIP},
    {"noscript", HTAG_OTHER, PROP_SKIP},
    {"object", HTAG_OTHER, PROP_SKIP},
    {"ol", HTAG_OL, PROP_BLOCK},
    {"optgroup", HTAG_OTHER, PROP_SKIP},
    {"option", HTAG_OTHER, PROP_SKIP},
    {"p", HTAG_P, PROP_BLOCK},
    {"param", HTAG_OTHER, PROP_SKIP},
    {"pre", HTAG_PRE, PROP_BLOCK},
    {"script", HTAG_OTHER, PROP_SKIP},
    {"section", HTAG_SECTION, PROP_BLOCK},
    {"select", HTAG_SELECT, PROP_SKIP},
    {"source", HTAG_OTHER, PROP_SKIP},
    {"span", HTAG_SPAN, 0},
    {"style", HTAG_OTHER, PROP_SKIP},
    {"summary", HTAG_SUMMARY, PROP_BLOCK},
    {"svg", HTAG_OTHER, PROP_SKIP},
    {"table", HTAG_TABLE, PROP_BLOCK},
    {"tbody", HTAG_TBODY, PROP_BLOCK},
    {"td", HTAG_TD, PROP_BLOCK},
    {"template", HTAG_OTHER, PROP_SKIP},
    {"textarea", HTAG_OTHER, PROP_SKIP},
    {"tfoot", HTAG_TFOOT, PROP_BLOCK},
    {"th", HTAG_TH, PROP_BLOCK},
    {"thead", HTAG_THEAD, PROP_BLOCK},
    {"time", HTAG_TIME, 0},
    {"title", HTAG_OTHER, PROP_SKIP},
    {"tr", HTAG_TR, PROP_BLOCK},
    {"track", HTAG_OTHER, PROP_SKIP},
    {"ul", HTAG_UL, PROP_BLOCK},
    {"video", HTAG_OTHER, PROP_SKIP},
};

static int compare_tag(const void *key, const void *item)
{
    return strcmp((const char *)key, ((const tag_info *)item)->name);
}

static const tag_info other_tag = {"", HTAG_OTHER, 0};

static const tag_info *lookup_tag(const char *name)
{
    const tag_info *t = bsearch(name, tag_table, sizeof tag_table / sizeof tag_table[0],
                                sizeof tag_table[0], compare_tag);
    return t ? t : &other_tag;
}

/* The paragraph kind an element gives the text inside it; generic blocks
 * (p, div, section) keep their parent's. */
static int own_kind(uint16_t tag)
{
    if (tag >= HTAG_H1 && tag <= HTAG_H6)
        return LEDE_PARA_HEADING;
    switch (tag) {
    case HTAG_LI:
    case HTAG_DT:
    case HTAG_DD:
        return LEDE_PARA_LIST_ITEM;
    case HTAG_BLOCKQUOTE:
        return LEDE_PARA_QUOTE;
    case HTAG_PRE:
        return LEDE_PARA_PRE;
    case HTAG_TD:
    case HTAG_TH:
    case HTAG_CAPTION:
        return LEDE_PARA_TABLE_CELL;
    default:
        return -1;
    }
}

/* ====== Attributes ====== */

const char *lede_html_attr(const xmlNode *node, const char *name)
{
    for (const xmlAttr *a = node->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) != 0)
            continue;
        if (a->children && a->children->content)
            return (const char *)a->children->content;
        return "";
    }
    return NULL;
}

/* Whether `needle` (lower case, without spaces) starts at `s`, white space
 * in `s` skipped and its case ignored. */
static int squeezed_match(const char *s, const char *needle)
{
    for (; *needle; s++) {
        if (!*s)
            return 0;
        if (lede_html_space((unsigned char)*s))
            continue;
        char c = (*s >= 'A' && *s <= 'Z') ? (char)(*s + 32) : *s;
        if (c != *needle++)
            return 0;
    }
    return 1;
}

/* Whether a style attribute hides the element: display:none or
 * visibility:hidden, with any spacing and case, anywhere in the attribute
 * (it can be long: inline styles of page builders run to hundreds of
 * characters). */
static int style_hides(const char *style)
{
    for (const char *p = style; *p; p++) {
        /* A property name starts the attribute or follows ';' or white
         * space: "backface-visibility: hidden" hides nothing. */
        if (p > style && p[-1] != ';' && !lede_html_space((unsigned char)p[-1]))
            continue;
        if ((*p == 'd' || *p == 'D') && squeezed_match(p, "display:none"))
            return 1;
        if ((*p == 'v' || *p == 'V') && squeezed_match(p, "visibility:hidden"))
            return 1;
    }
    return 0;
}

typedef struct attr_view {
    const char *class_attr;
    const char *id;
    const char *role;
    const char *itemprop;
    int hidden;
    int href;
} attr_view;

static void read_attrs(const xmlNode *node, attr_view *v)
{
    memset(v, 0, sizeof *v);
    for (const xmlAttr *a = node->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        const char *value =
            a->children && a->children->content ? (const char *)a->children->content : "";
        switch (name[0]) {
        case 'c':
            if (strcmp(name, "class") == 0)
                v->class_attr = value;
            break;
        case 'i':
            if (strcmp(name, "id") == 0)
                v->id = value;
            else if (strcmp(name, "itemprop") == 0)
                v->itemprop = value;
            break;
        case 'r':
            if (strcmp(name, "role") == 0)
                v->role = value;
            break;
        case 'h':
            if (strcmp(name, "hidden") == 0)
                v->hidden = 1;
            else if (strcmp(name, "href") == 0)
                v->href = 1;
            break;
        case 'a':
            if (strcmp(name, "aria-hidden") == 0 && lede_ascii_casecmp(value, "true") == 0)
                v->hidden = 1;
            break;
        case 's':
            if (strcmp(name, "style") == 0 && style_hides(value))
                v->hidden = 1;
            break;
        default:
            break;
        }
    }
}

/* ====== Building ====== */

typedef struct builder {
    lede_hdom *dom;
    int xml;                 /* reading XML: no HTML names, classes or styles */
    lede_intern class_cache; /* class attribute value -> hints + 1 */
    size_t max_nodes;
    long line; /* the source line reached (see "Source lines") */
    size_t entity_bytes; /* text read from entities' content so far */
    lede_error **err;
} builder;

/* The most text a document's entity references may expand to. libxml2
 * 2.9.14 bounds how many references an entity makes, not how many bytes:
 * a 100 KB entity referenced 10,000 times in a 130 KB file is 1 GB of text. */
enum { ENTITY_TEXT_MAX = 16 << 20 };

static uint16_t cached_class_hints(builder *b, const char *value)
{
    size_t len = strlen(value);
    if (len == 0)
        return 0;
    int is_new = 0;
    int64_t id = lede_intern_add(&b->class_cache, value, len, &is_new);
    if (id < 0)
        return lede_html_class_hints(value);
    lede_intern_entry *e = &b->class_cache.entries[id];
    if (is_new)
        e->value = (uint32_t)lede_html_class_hints(value) + 1;
    return (uint16_t)(e->value - 1);
}

static uint16_t element_hints(builder *b, const attr_view *v)
{
    uint16_t h = 0;
    if (v->class_attr)
        h |= cached_class_hints(b, v->class_attr);
    if (v->id)
        h |= lede_html_class_hints(v->id);
    if (v->role)
        h |= lede_html_role_hints(v->role);
    if (v->itemprop && lede_ascii_casecmp(v->itemprop, "articleBody") == 0)
        h |= HINT_MAIN;
    return h;
}

static lede_status push_node(builder *b, uint32_t parent, uint32_t *index)
{
    lede_hdom *dom = b->dom;
    if (dom->count >= b->max_nodes)
        return lede_fail(b->err, LEDE_ERR_TOO_LARGE,
                         "the page has more than %zu elements and text nodes", b->max_nodes);
    if (lede_grow((void **)&dom->nodes, &dom->cap, dom->count + 1, sizeof *dom->nodes) != 0)
        return lede_fail(b->err, LEDE_ERR_NOMEM, "out of memory reading the page");
    uint32_t i = (uint32_t)dom->count++;
    lede_hnode *n = &dom->nodes[i];
    memset(n, 0, sizeof *n);
    n->parent = parent;
    n->end = i + 1;
    n->owner = i;
    if (parent != LEDE_HNODE_NONE) {
        const lede_hnode *p = &dom->nodes[parent];
        n->owner = p->owner;
        n->flags = p->flags & (HNODE_IN_LINK | HNODE_IN_PRE);
        n->kind = p->kind;
        n->heading = p->heading;
    }
    *index = i;
    return LEDE_OK;
}

/* A text node's extent in the source: its bytes and line breaks, and the
 * line breaks before its first visible character (where its line is; a
 * no-break space is white space there, as emit.c reads it). */
typedef struct text_extent {
    size_t len;
    long newlines;
    long leading_newlines;
} text_extent;

/* Counts what a text node holds, in one pass: visible characters (a
 * character of a script written without spaces counts two, as it carries
 * about as much as two letters of a spaced script), commas and sentence
 * stops into `n`; its extent into `x`. */
static void text_stats(const unsigned char *s, lede_hnode *n, text_extent *x)
{
    uint32_t chars = 0, commas = 0, stops = 0;
    long newlines = 0, leading = 0;
    size_t i = 0;
    for (; s[i]; i++) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (lede_html_space((unsigned char)c)) {
                if (c == '\n') {
                    newlines++;
                    leading += chars == 0;
                }
                continue;
            }
            chars++;
            if (c == ',' || c == ';') {
                commas++;
            } else if (c == '.' || c == '!' || c == '?') {
                unsigned char next = s[i + 1];
                if (next == 0 || lede_html_space(next) || next == '"' ||
                    next == ')' || next == 0xE2)
                    stops++;
            }
            continue;
        }
        if (c < 0xC0)
            continue;
        if (c == 0xC2 && s[i + 1] == 0xA0) {
            i++;
            continue;
        }
        chars += (c >= 0xE3 && c <= 0xED) ? 2 : 1;
        if (c == 0xE3 && s[i + 1] == 0x80) {
            if (s[i + 2] == 0x81)
                commas++;
            else if (s[i + 2] == 0x82)
                stops++;
        } else if (c == 0xEF && s[i + 1] == 0xBC) {
            if (s[i + 2] == 0x8C)
                commas++;
            else if (s[i + 2] == 0x81 || s[i + 2] == 0x9F)
                stops++;
        } else if (c == 0xD8 && s[i + 1] == 0x8C) {
            commas++;
        }
    }
    n->chars = chars;
    n->commas = commas;
    n->stops = stops;
    x->len = i;
    x->newlines = newlines;
    x->leading_newlines = leading;
}

/* ====== Source lines ======
 *
 * The walk follows the source line by line in document order (the builder's
 * `line`: the line the source has reached, which the next node cannot start
 * before). libxml2 stamps elements, comments and processing instructions
 * with the line where their tag ends, which is exact; but a text node with
 * the line it had reached after the first piece of text it delivered, and
 * where pieces end depends on the parser (a kilobyte or a reference in HTML;
 * a reference, a non-ASCII character or the end of the text in XML). So a
 * text node starts where the source had got to, and its line breaks move the
 * source on; libxml2's line only bounds where it starts. */

static long node_line(const xmlNode *node)
{
    long line = lede_libxml()->xmlGetLineNo(node);
    return line > 0 ? line : 0;
}

/* By memchr: the text of skipped subtrees is mostly scripts and styles,
 * often minified into long lines, and read only for its line breaks. */
static long count_newlines(const unsigned char *s)
{
    const unsigned char *end = s + strlen((const char *)s);
    long n = 0;
    for (const unsigned char *p = s; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        n++;
    return n;
}

/* The line where a text node of `newlines` line breaks starts, the source
 * having reached line `reached`. libxml2's line is where its first piece
 * ended, and that piece holds at most all the line breaks: a later start
 * than `reached` means text the walk did not see (white space the HTML
 * parser dropped). */
static long text_start(long reached, const xmlNode *node, long newlines)
{
    long reported = node_line(node);
    if (reported <= 0)
        return reached;
    long start = reported - newlines;
    if (start < reached)
        start = reached;
    return start < reported ? start : reported;
}

/* The line of an element, comment or processing instruction, 0 if unknown:
 * libxml2 2.9.14 keeps these lines in 16 bits, and for one past 65534 gives
 * a neighbour's line instead (the first child's, often much later). */
static long tag_line(const xmlNode *node)
{
    return node->line < 65535 ? node->line : 0;
}

/* The line the source has reached after a node's start tag, text, comment
 * or processing instruction. */
static long line_after(long reached, const xmlNode *node)
{
    switch (node->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE: {
        long newlines = node->content ? count_newlines(node->content) : 0;
        return text_start(reached, node, newlines) + newlines;
    }
    case XML_ELEMENT_NODE:
    case XML_COMMENT_NODE:
    case XML_PI_NODE: {
        long line = tag_line(node);
        return line > reached ? line : reached;
    }
    default:
        return reached;
    }
}

/* The line the source has reached after a subtree that is not read (a
 * script, a hidden element), so that the text after it starts right. */
static long line_after_subtree(long reached, const xmlNode *top)
{
    const xmlNode *node = top;
    while (node) {
        reached = line_after(reached, node);
        if (node->type == XML_ELEMENT_NODE && node->children) {
            node = node->children;
            continue;
        }
        while (node != top && !node->next)
            node = node->parent;
        node = node == top ? NULL : node->next;
    }
    return reached;
}

static lede_status add_element(builder *b, const xmlNode *node, const tag_info *t,
                               uint32_t parent, const attr_view *v, uint32_t *index)
{
    lede_status st = push_node(b, parent, index);
    if (st != LEDE_OK)
        return st;
    lede_hnode *n = &b->dom->nodes[*index];
    n->xml = node;
    n->tag = t->tag;
    b->line = line_after(b->line, node);
    n->line = (uint32_t)b->line;
    n->hints = element_hints(b, v);
    if (t->props & PROP_BLOCK) {
        n->flags |= HNODE_BLOCK;
        n->owner = *index;
    }
    if (t->tag == HTAG_A && v->href)
        n->flags |= HNODE_IN_LINK;
    if (t->tag == HTAG_PRE)
        n->flags |= HNODE_IN_PRE;
    if (t->tag == HTAG_IMG)
        n->images = 1;
    int kind = own_kind(t->tag);
    if (kind >= 0)
        n->kind = (uint8_t)kind;
    if (t->tag >= HTAG_H1 && t->tag <= HTAG_H6)
        n->heading = (uint8_t)(t->tag - HTAG_H1 + 1);
    if (t->tag == HTAG_BODY && b->dom->body == 0)
        b->dom->body = *index;
    return LEDE_OK;
}

/* A text node; `in_entity`: from an entity's content, which is not in the
 * source where it is read (its reference is). */
static lede_status add_text(builder *b, const xmlNode *node, uint32_t parent, int in_entity)
{
    uint32_t i;
    lede_status st = push_node(b, parent, &i);
    if (st != LEDE_OK)
        return st;
    lede_hnode *n = &b->dom->nodes[i];
    const unsigned char *s = node->content ? node->content : (const unsigned char *)"";
    text_extent x;
    text_stats(s, n, &x);
    if (in_entity) {
        b->entity_bytes += x.len;
        if (b->entity_bytes > ENTITY_TEXT_MAX)
            return lede_fail(b->err, LEDE_ERR_TOO_LARGE,
                             "the document's entity references expand to more than %d MiB "
                             "of text",
                             ENTITY_TEXT_MAX >> 20);
    }
    n->xml = node;
    n->tag = HTAG_TEXT;
    long newlines = in_entity ? 0 : x.newlines;
    long start = in_entity ? b->line : text_start(b->line, node, newlines);
    n->line = (uint32_t)(n->chars > 0 ? start + x.leading_newlines : start);
    b->line = start + newlines;
    if (b->xml)
        n->flags |= HNODE_BLANK_BREAKS;
    if (n->flags & HNODE_IN_LINK)
        n->link_chars = n->chars;
    return LEDE_OK;
}

/* A list item that is prose: a sentence of a block's length with few links
 * ("Residents can comment on the plan until May."), not a menu entry, a tag
 * or a headline linking to another page. Read on the subtree's totals. */
static int prose_item(const lede_hnode *n)
{
    return n->tag == HTAG_LI && n->chars >= 25 && n->stops > 0 && n->link_chars * 4 < n->chars;
}

/* Adds up the subtree totals, children before parents (the array is in
 * document order, so a reverse pass sees every child before its parent). */
static void sum_up(lede_hdom *dom)
{
    for (size_t k = dom->count; k-- > 0;) {
        lede_hnode *n = &dom->nodes[k];
        if (n->tag == HTAG_TEXT && n->owner != LEDE_HNODE_NONE && n->owner != k) {
            lede_hnode *o = &dom->nodes[n->owner];
            o->own_chars += n->chars;
            o->own_link_chars += n->link_chars;
            o->own_commas += n->commas;
            o->own_stops += n->stops;
        }
        if (n->tag == HTAG_BR && n->owner != k)
            dom->nodes[n->owner].own_breaks++;
        if ((n->flags & HNODE_BLOCK) && n->own_chars >= 25)
            n->blocks++;
        n->paras += n->tag == HTAG_P;
        n->items += n->tag == HTAG_LI;
        n->prose_items += (uint32_t)prose_item(n);
        if (n->tag == HTAG_BLOCKQUOTE)
            n->quoted = n->chars;
        if (n->tag == HTAG_LI)
            n->listed = n->chars;
        if (n->parent == LEDE_HNODE_NONE)
            continue;
        lede_hnode *p = &dom->nodes[n->parent];
        p->chars += n->chars;
        p->link_chars += n->link_chars;
        p->commas += n->commas;
        p->stops += n->stops;
        p->blocks += n->blocks;
        p->images += n->images;
        p->paras += n->paras;
        p->items += n->items;
        p->prose_items += n->prose_items;
        p->quoted += n->quoted;
        p->listed += n->listed;
    }
}

/* ====== XML elements ====== */

/* Sorted; compared with the element's local name in lower case. */
#define XML_PARA (PROP_BLOCK | PROP_PARAGRAPH)
static const tag_info xml_tag_table[] = {
    {"article-title", HTAG_H2, PROP_BLOCK}, {"blockquote", HTAG_BLOCKQUOTE, XML_PARA},
    {"disp-quote", HTAG_BLOCKQUOTE, XML_PARA}, {"h1", HTAG_H2, XML_PARA},
    {"h2", HTAG_H2, XML_PARA}, {"h3", HTAG_H3, XML_PARA},
    {"h4", HTAG_H4, XML_PARA}, {"head", HTAG_H2, PROP_BLOCK},
    {"headline", HTAG_H2, PROP_BLOCK}, {"hl1", HTAG_H2, PROP_BLOCK},
    {"hl2", HTAG_H3, PROP_BLOCK}, {"item", HTAG_LI, XML_PARA},
    {"li", HTAG_LI, XML_PARA}, {"list-item", HTAG_LI, XML_PARA},
    {"p", HTAG_P, XML_PARA}, {"para", HTAG_P, XML_PARA},
    {"pre", HTAG_PRE, XML_PARA}, {"preformat", HTAG_PRE, XML_PARA},
    {"quote", HTAG_BLOCKQUOTE, PROP_BLOCK}, {"td", HTAG_TD, XML_PARA},
    {"th", HTAG_TH, XML_PARA}, {"title", HTAG_H2, PROP_BLOCK},
};
#undef XML_PARA

static const tag_info xml_block = {"", HTAG_DIV, PROP_BLOCK};
static const tag_info xml_code = {"", HTAG_OTHER, PROP_SKIP};
static const tag_info xml_inline = {"", HTAG_SPAN, 0};

/* Whether an XML element holds code: script and style in the XHTML and SVG
 * namespaces. Elsewhere they are names like any other (a play's script). */
static int is_code(const xmlNode *node)
{
    if (!node->ns || !node->ns->href)
        return 0;
    const char *ns = (const char *)node->ns->href;
    if (strcmp(ns, "http://www.w3.org/1999/xhtml") != 0 &&
        strcmp(ns, "http://www.w3.org/2000/svg") != 0)
        return 0;
    const char *name = (const char *)node->name;
    return strcmp(name, "script") == 0 || strcmp(name, "style") == 0;
}

/* An XML element inside its parent's own text is inline, unless it is a
 * paragraph, list item, cell, heading or display quote; otherwise it is what
 * its name says, or a generic block. */
static const tag_info *xml_tag(const xmlNode *node, int parent_mixed)
{
    if (is_code(node))
        return &xml_code;
    char name[32];
    size_t n = 0;
    for (const xmlChar *p = node->name; *p; p++) {
        if (n + 1 >= sizeof name)
            return parent_mixed ? &xml_inline : &xml_block;
        name[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    }
    name[n] = 0;
    const tag_info *t = bsearch(name, xml_tag_table, sizeof xml_tag_table / sizeof xml_tag_table[0],
                                sizeof xml_tag_table[0], compare_tag);
    if (t && (t->props & PROP_PARAGRAPH))
        return t;
    if (parent_mixed)
        return &xml_inline;
    return t ? t : &xml_block;
}

/* The content of the internal entity a reference names, read in its place
 * (parse.c turned references to other entities into text). */
static const xmlNode *entity_content(const xmlNode *ref)
{
    const xmlNode *ent = ref->children;
    return ent && ent->type == XML_ENTITY_DECL ? ent->children : NULL;
}

static int is_visible_text(const xmlNode *node)
{
    if (node->type != XML_TEXT_NODE && node->type != XML_CDATA_SECTION_NODE)
        return 0;
    for (const xmlChar *p = node->content; p && *p; p++)
        if (!lede_html_space((unsigned char)*p))
            return 1;
    return 0;
}

/* Whether an element has text of its own, entities' text included (a
 * reference inside the entity counts as text: it nearly always is). */
static int has_own_text(const xmlNode *node)
{
    for (const xmlNode *c = node->children; c; c = c->next) {
        if (is_visible_text(c))
            return 1;
        if (c->type != XML_ENTITY_REF_NODE)
            continue;
        for (const xmlNode *e = entity_content(c); e; e = e->next)
            if (is_visible_text(e) || e->type == XML_ENTITY_REF_NODE)
                return 1;
    }
    return 0;
}

/* An element at max_depth: a leaf, its descendants read as its siblings,
 * into `open`. When that is <body>, the page's text is read into body's
 * parent, which takes body's place as the root of the article search. */
static void flatten(lede_hdom *dom, uint32_t i, uint32_t open)
{
    dom->nodes[i].flags |= HNODE_FLATTENED;
    if (dom->body == i && open != LEDE_HNODE_NONE)
        dom->body = open;
}

/* Entities nested deeper are not read (libxml2 refuses more than 40). */
enum { ENTITY_NESTING_MAX = 64 };

static lede_status walk(builder *b, const xmlNode *root, size_t max_depth)
{
    lede_hdom *dom = b->dom;
    const xmlNode *node = root;
    uint32_t open = LEDE_HNODE_NONE; /* innermost element whose children we read */
    size_t depth = 0;
    /* The references whose entity's content is being read: its nodes' parent
     * is the entity, shared by every reference, so the way back is kept. */
    const xmlNode *refs[ENTITY_NESTING_MAX];
    size_t nrefs = 0;
    while (node) {
        int descend = 0;
        if (node->type == XML_ELEMENT_NODE) {
            const tag_info *t = b->xml ? xml_tag(node, open == LEDE_HNODE_NONE ||
                                                           (dom->nodes[open].flags & HNODE_MIXED))
                                       : lookup_tag((const char *)node->name);
            attr_view v;
            memset(&v, 0, sizeof v);
            if (!(t->props & PROP_SKIP) && !b->xml)
                read_attrs(node, &v);
            if ((t->props & PROP_SKIP) || v.hidden) {
                b->line = line_after_subtree(b->line, node);
            } else {
                uint32_t i;
                lede_status st = add_element(b, node, t, open, &v, &i);
                if (st != LEDE_OK)
                    return st;
                descend = node->children != NULL;
                if (b->xml && has_own_text(node))
                    dom->nodes[i].flags |= HNODE_MIXED;
                if (depth >= max_depth)
                    flatten(dom, i, open);
                else if (descend)
                    open = i;
            }
        } else if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) &&
                   open != LEDE_HNODE_NONE) {
            lede_status st = add_text(b, node, open, nrefs > 0);
            if (st != LEDE_OK)
                return st;
        } else if (node->type == XML_COMMENT_NODE || node->type == XML_PI_NODE) {
            b->line = line_after(b->line, node);
        } else if (node->type == XML_ENTITY_REF_NODE && open != LEDE_HNODE_NONE &&
                   nrefs < ENTITY_NESTING_MAX && entity_content(node)) {
            refs[nrefs++] = node;
            node = entity_content(node);
            continue;
        }
        if (descend) {
            node = node->children;
            depth++;
            continue;
        }
        while (node != root && !node->next) {
            if (nrefs > 0 && node->parent->type == XML_ENTITY_DECL) {
                node = refs[--nrefs];
                continue;
            }
            node = node->parent;
            depth--;
            if (depth < max_depth) {
                dom->nodes[open].end = (uint32_t)dom->count;
                open = dom->nodes[open].parent;
            }
        }
        if (node == root)
            break;
        node = node->next;
    }
    return LEDE_OK;
}

static lede_status build(lede_hdom *dom, const xmlNode *root, const lede_extract_options *opts,
                         int xml, lede_error **err)
{
    dom->count = 0;
    dom->body = 0;
    if (!root)
        return LEDE_OK;
    builder b = {dom, xml, {0}, opts->max_nodes, 0, 0, err};
    if (opts->max_nodes > UINT32_MAX - 1)
        b.max_nodes = UINT32_MAX - 1;
    lede_status st = walk(&b, root, opts->max_depth);
    lede_intern_free(&b.class_cache);
    if (st != LEDE_OK)
        return st;
    if (dom->count > 0)
        dom->nodes[0].end = (uint32_t)dom->count;
    sum_up(dom);
    return LEDE_OK;
}

lede_status lede_hdom_build(lede_hdom *dom, const xmlNode *root,
                            const lede_extract_options *opts, lede_error **err)
{
    return build(dom, root, opts, 0, err);
}

lede_status lede_hdom_build_xml(lede_hdom *dom, const xmlNode *root,
                                const lede_extract_options *opts, lede_error **err)
{
    return build(dom, root, opts, 1, err);
}

void lede_hdom_free(lede_hdom *dom)
{
    free(dom->nodes);
    memset(dom, 0, sizeof *dom);
}
