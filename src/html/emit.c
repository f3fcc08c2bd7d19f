/* emit.c - the article's text as paragraphs separated by a blank line.
 *
 * Block elements (p, li, hN, td, blockquote, div...) start and end
 * paragraphs; inline elements (a, b, span...) only contribute their text, so
 * "<b>wo</b>rd" stays one word and a sentence with a link stays one sentence.
 * One <br> ends a line, two in a row end the paragraph. White space
 * collapses as a browser renders it, except inside <pre>. */
#include <stdlib.h>
#include <string.h>

#include "../common/alloc.h"
#include "html.h"

#define NO_INDENT SIZE_MAX

typedef struct emitter {
    lede_html_text *out;
    int open;          /* a paragraph has started */
    int pending_space; /* white space seen since the last visible character */
    int pending_break; /* a <br> seen since the last visible character */
    size_t start;      /* where the open paragraph's text starts */
    unsigned kind;
    uint32_t line;
    /* <pre>: where white space that waits for the rest of its line starts in
     * the text (NO_INDENT: none); the line may go on in an inline element. */
    size_t indent_at;
    int nomem;
} emitter;

static void put(emitter *em, const char *s, size_t n)
{
    if (lede_strbuf_append(&em->out->text, s, n) != 0)
        em->nomem = 1;
}

static void begin(emitter *em, unsigned kind, uint32_t line)
{
    if (em->out->text.len > 0)
        put(em, "\n\n", 2);
    em->open = 1;
    em->start = em->out->text.len;
    em->kind = kind;
    em->line = line;
    em->pending_space = 0;
    em->pending_break = 0;
    em->indent_at = NO_INDENT;
}

static void flush(emitter *em)
{
    em->pending_space = 0;
    em->pending_break = 0;
    em->indent_at = NO_INDENT;
    if (!em->open)
        return;
    em->open = 0;
    lede_strbuf *t = &em->out->text;
    size_t end = t->len;
    while (end > em->start && lede_html_space((unsigned char)t->data[end - 1]))
        end--;
    lede_strbuf_truncate(t, end);
    if (t->len == em->start) {
        /* nothing visible after all: take the separator back */
        lede_strbuf_truncate(t, em->start >= 2 ? em->start - 2 : 0);
        return;
    }
    lede_html_text *out = em->out;
    if (lede_grow((void **)&out->paras, &out->cap, out->count + 1, sizeof *out->paras) != 0) {
        em->nomem = 1;
        return;
    }
    out->paras[out->count++] = (lede_paragraph){em->start, t->len, em->kind, em->line};
}

/* Length of the white space (ASCII or a no-break space) at s[i]; 0 if none. */
static size_t space_at(const unsigned char *s, size_t i)
{
    if (lede_html_space((unsigned char)s[i]))
        return 1;
    if (s[i] == 0xC2 && s[i + 1] == 0xA0)
        return 2;
    return 0;
}

/* Flowing text: white space collapses. With `blank_breaks` (XML text), a
 * blank line ends the paragraph. `line` is the line of the first visible
 * character; later line breaks are counted from there. */
static void flowing_text(emitter *em, const unsigned char *s, unsigned kind, uint32_t line,
                         int blank_breaks)
{
    size_t i = 0;
    int seen = 0;
    while (s[i]) {
        size_t sp = space_at(s, i);
        if (sp) {
            unsigned newlines = 0;
            while ((sp = space_at(s, i)) != 0) {
                newlines += s[i] == '\n';
                i += sp;
            }
            if (seen)
                line += newlines;
            em->pending_space = 1;
            if (blank_breaks && newlines >= 2)
                flush(em);
            continue;
        }
        seen = 1;
        size_t j = i;
        while (s[j] && !space_at(s, j))
            j++;
        if (!em->open) {
            begin(em, kind, line);
        } else if (em->pending_break) {
            put(em, "\n", 1);
        } else if (em->pending_space) {
            put(em, " ", 1);
        }
        em->pending_space = 0;
        em->pending_break = 0;
        put(em, (const char *)s + i, j - i);
        i = j;
    }
}

/* Appends a piece of a <pre> line; returns where it starts in the text. */
static size_t put_preformatted(emitter *em, const unsigned char *s, size_t n, unsigned kind,
                               uint32_t line)
{
    if (!em->open)
        begin(em, kind, line);
    size_t at = em->out->text.len;
    if (em->pending_break)
        put(em, "\n", 1);
    em->pending_break = 0;
    put(em, (const char *)s, n);
    return at;
}

/* A <pre> line ends: white space that waited for more of it goes, as a line
 * of white space only is not kept (nor white space at the end of a line). */
static void end_preformatted_line(emitter *em)
{
    if (em->indent_at != NO_INDENT) {
        lede_strbuf *t = &em->out->text;
        lede_strbuf_truncate(t, em->indent_at);
        em->indent_at = NO_INDENT;
        if (t->len == em->start)
            flush(em); /* nothing visible yet: no paragraph */
    }
    if (em->open)
        em->pending_break = 1;
}

/* Text inside <pre>: kept as it is, except that line breaks become LF and
 * blank lines are dropped (a blank line separates paragraphs). White space
 * at the end of the node is kept while the line goes on after it (the
 * indentation before <span class="keyword"> in highlighted code). */
static void preformatted_text(emitter *em, const unsigned char *s, unsigned kind,
                              uint32_t line)
{
    size_t i = 0;
    while (s[i]) {
        size_t e = i;
        while (s[e] && s[e] != '\n' && s[e] != '\r')
            e++;
        size_t k = i;
        while (k < e && lede_html_space((unsigned char)s[k]))
            k++;
        if (k < e) {
            put_preformatted(em, s + i, e - i, kind, line);
            em->indent_at = NO_INDENT;
        } else if (e > i && !s[e]) {
            size_t at = put_preformatted(em, s + i, e - i, kind, line);
            if (em->indent_at == NO_INDENT)
                em->indent_at = at;
        }
        if (!s[e])
            break;
        end_preformatted_line(em);
        i = e + (s[e] == '\r' && s[e + 1] == '\n' ? 2 : 1);
    }
}

static void line_break(emitter *em, int in_pre)
{
    if (!em->open)
        return;
    if (in_pre) {
        end_preformatted_line(em);
        return;
    }
    if (!em->pending_break) {
        em->pending_break = 1;
        return;
    }
    flush(em);
}

/* Emits nodes [first, last) that are not removed. */
static lede_status emit_range(emitter *em, const lede_hdom *dom, uint32_t first, uint32_t last,
                              uint32_t **stack, size_t *stack_cap)
{
    size_t depth = 0;
    for (uint32_t j = first; j < last;) {
        while (depth > 0 && j >= (*stack)[depth - 1]) {
            depth--;
            flush(em);
        }
        const lede_hnode *n = &dom->nodes[j];
        if (n->flags & HNODE_REMOVED) {
            if (n->flags & HNODE_BLOCK)
                flush(em);
            j = n->end;
            continue;
        }
        if (n->tag == HTAG_TEXT) {
            const unsigned char *s = n->xml->content ? n->xml->content : (const unsigned char *)"";
            if (n->flags & HNODE_IN_PRE)
                preformatted_text(em, s, n->kind, n->line);
            else
                flowing_text(em, s, n->kind, n->line, (n->flags & HNODE_BLANK_BREAKS) != 0);
        } else if (n->tag == HTAG_BR) {
            line_break(em, (n->flags & HNODE_IN_PRE) != 0);
        } else if (n->flags & HNODE_BLOCK) {
            flush(em);
            if (n->end > j + 1) {
                if (lede_grow((void **)stack, stack_cap, depth + 1, sizeof **stack) != 0)
                    return LEDE_ERR_NOMEM;
                (*stack)[depth++] = n->end;
            }
        }
        if (em->nomem)
            return LEDE_ERR_NOMEM;
        j++;
    }
    flush(em);
    return em->nomem ? LEDE_ERR_NOMEM : LEDE_OK;
}

lede_status lede_html_emit(lede_html_text *out, const lede_hdom *dom)
{
    emitter em = {.out = out, .indent_at = NO_INDENT};
    uint32_t *stack = NULL;
    size_t stack_cap = 0;
    lede_status st = LEDE_OK;
    for (uint32_t i = 0; i < dom->count && st == LEDE_OK;) {
        const lede_hnode *n = &dom->nodes[i];
        if (n->flags & HNODE_REMOVED) {
            i = n->end;
        } else if (n->flags & HNODE_KEEP) {
            st = emit_range(&em, dom, i, n->end, &stack, &stack_cap);
            i = n->end;
        } else {
            i++;
        }
    }
    free(stack);
    return st;
}

lede_status lede_html_emit_node(lede_html_text *out, const lede_hdom *dom, uint32_t i)
{
    emitter em = {.out = out, .indent_at = NO_INDENT};
    uint32_t *stack = NULL;
    size_t stack_cap = 0;
    lede_status st = emit_range(&em, dom, i, dom->nodes[i].end, &stack, &stack_cap);
    free(stack);
    return st;
}

lede_status lede_html_emit_text(lede_html_text *out, const char *text, size_t len,
                                unsigned kind, size_t line)
{
    emitter em = {.out = out, .indent_at = NO_INDENT};
    char *copy = lede_strndup(text, len);
    if (!copy)
        return LEDE_ERR_NOMEM;
    /* count the line breaks before the first visible character */
    for (size_t i = 0; i < len && lede_html_space((unsigned char)text[i]); i++)
        line += text[i] == '\n';
    flowing_text(&em, (const unsigned char *)copy, kind, (uint32_t)line, 1);
    flush(&em);
    free(copy);
    return em.nomem ? LEDE_ERR_NOMEM : LEDE_OK;
}

lede_status lede_hdom_text(const lede_hdom *dom, uint32_t i, lede_strbuf *b)
{
    int pending = 0;
    size_t start = b->len;
    for (uint32_t j = i; j < dom->nodes[i].end; j++) {
        const lede_hnode *n = &dom->nodes[j];
        if (n->tag != HTAG_TEXT) {
            if ((n->flags & HNODE_BLOCK) || n->tag == HTAG_BR)
                pending = 1;
            continue;
        }
        const unsigned char *s = n->xml->content;
        for (size_t k = 0; s && s[k];) {
            size_t sp = space_at(s, k);
            if (sp) {
                pending = 1;
                k += sp;
                continue;
            }
            size_t e = k;
            while (s[e] && !space_at(s, e))
                e++;
            if (pending && b->len > start && lede_strbuf_putc(b, ' ') != 0)
                return LEDE_ERR_NOMEM;
            pending = 0;
            if (lede_strbuf_append(b, (const char *)s + k, e - k) != 0)
                return LEDE_ERR_NOMEM;
            k = e;
        }
    }
    return LEDE_OK;
}

void lede_html_text_free(lede_html_text *out)
{
    lede_strbuf_free(&out->text);
    free(out->paras);
    memset(out, 0, sizeof *out);
}
