/* html_test.h - helpers the HTML and XML input tests share. */
#ifndef LEDE_TEST_HTML_TEST_H
#define LEDE_TEST_HTML_TEST_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "common/strbuf.h"
#include "io/input.h"
#include "lede.h"

/* CHECK_EQ evaluates its arguments twice; a call that allocates an error
 * must be checked with this instead. */
#define CHECK_STATUS(expr, want) check_status((expr), (want), __FILE__, __LINE__, #expr)

static inline int check_status(lede_status got, lede_status want, const char *file, int line,
                               const char *expr)
{
    return harness_check(got == want, file, line, "%s: status %d (%s), want %d (%s)", expr,
                         (int)got, lede_strerror(got), (int)want, lede_strerror(want));
}

/* Reads data/html/<name> under the test data directory `dir`. */
static inline char *read_test_file(const char *dir, const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/html/%s", dir, name);
    return harness_read_file(path, len);
}

/* CPU seconds of this process: a coarse guard that hostile input is refused
 * or read without hanging (never a speed target). */
static inline double cpu_seconds(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}

/* A page a test builds piece by piece: lede's own growable buffer, kept
 * NUL-terminated; a test that cannot get the memory exits. Starts as {0};
 * page_free gives it back. */
typedef lede_strbuf test_page;

static inline void page_add(test_page *p, const char *s)
{
    if (lede_strbuf_append(p, s, strlen(s)) != 0) {
        fprintf(stderr, "out of memory building a test page\n");
        exit(1);
    }
}

/* page_add of a formatted piece (up to 2 KiB). */
static inline void page_addf(test_page *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static inline void page_addf(test_page *p, const char *fmt, ...)
{
    char piece[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(piece, sizeof piece, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof piece) {
        fprintf(stderr, "a test page's piece is longer than %zu bytes\n", sizeof piece);
        exit(1);
    }
    page_add(p, piece);
}

static inline void page_add_times(test_page *p, const char *s, size_t times)
{
    for (size_t i = 0; i < times; i++)
        page_add(p, s);
}

/* Empties the page, keeping its memory for the next. */
static inline void page_clear(test_page *p)
{
    lede_strbuf_clear(p);
}

static inline void page_free(test_page *p)
{
    lede_strbuf_free(p);
}

/* Where `needle` first is in `text`: its byte offset ((size_t)-1 when it is
 * not there), and its line (1-based; 0 when it is not there). */
static inline size_t offset_in(const char *text, const char *needle)
{
    const char *at = strstr(text, needle);
    return at ? (size_t)(at - text) : (size_t)-1;
}

static inline size_t line_in(const char *text, const char *needle)
{
    const char *at = strstr(text, needle);
    if (!at)
        return 0;
    size_t line = 1;
    for (const char *c = text; c < at; c++)
        line += *c == '\n';
    return line;
}

/* The `len` ASCII bytes of `ascii` as UTF-16 (little-endian unless `big`),
 * after a byte order mark when `bom`, into a new page (`out`, which the
 * caller gives back with page_free). */
static inline void page_utf16(const char *ascii, size_t len, int big, int bom, test_page *out)
{
    size_t start = bom ? 2 : 0, n = start + 2 * len;
    char *wide = calloc(n + 2, 1);
    if (!wide) {
        fprintf(stderr, "out of memory building a test page\n");
        exit(1);
    }
    if (bom) {
        wide[0] = big ? '\xFE' : '\xFF';
        wide[1] = big ? '\xFF' : '\xFE';
    }
    for (size_t i = 0; i < len; i++)
        wide[start + 2 * i + (big ? 1 : 0)] = ascii[i];
    *out = (test_page){wide, n, n + 2};
}

/* Extracts a NUL-terminated page with the default options. */
static inline lede_status extract_page(const char *html, lede_document **doc)
{
    return lede_extract_html(html, strlen(html), NULL, doc, NULL);
}

static inline int text_has(const lede_document *doc, const char *needle)
{
    return doc && strstr(lede_document_text(doc, NULL), needle) != NULL;
}

/* The i-th paragraph's text, copied into `buf`. */
static inline const char *para_text(const lede_document *doc, size_t i, char *buf, size_t size)
{
    const lede_paragraph *p = lede_document_paragraph(doc, i);
    if (!p || size == 0)
        return "";
    size_t n = p->end - p->start;
    if (n >= size)
        n = size - 1;
    memcpy(buf, lede_document_text(doc, NULL) + p->start, n);
    buf[n] = 0;
    return buf;
}

/* The document's text is valid UTF-8 without NUL bytes, its paragraphs lie
 * inside it in order, separated by exactly one blank line, and it has no
 * blank line inside a paragraph. */
static inline int check_document_shape(const lede_document *doc, const char *what)
{
    size_t len;
    const char *text = lede_document_text(doc, &len);
    size_t begin;
    int ok = CHECK_MSG(text && strlen(text) == len, "%s: text length", what);
    ok &= CHECK_MSG(lede_input_check(text, len, 0, &begin, NULL) == LEDE_OK,
                    "%s: text is not valid UTF-8", what);
    size_t n = lede_document_paragraph_count(doc);
    size_t prev_end = 0;
    for (size_t i = 0; i < n && ok; i++) {
        const lede_paragraph *p = lede_document_paragraph(doc, i);
        ok &= CHECK_MSG(p->start < p->end && p->end <= len, "%s: paragraph %zu span", what, i);
        if (i > 0)
            ok &= CHECK_MSG(p->start == prev_end + 2 && memcmp(text + prev_end, "\n\n", 2) == 0,
                            "%s: separator before paragraph %zu", what, i);
        else
            ok &= CHECK_MSG(p->start == 0, "%s: first paragraph starts at 0", what);
        int blank_inside = 0;
        for (size_t k = p->start; k + 1 < p->end; k++)
            blank_inside |= text[k] == '\n' && text[k + 1] == '\n';
        ok &= CHECK_MSG(!blank_inside, "%s: blank line inside paragraph %zu", what, i);
        /* <pre> keeps its indentation */
        ok &= CHECK_MSG(text[p->end - 1] != ' ' && (p->kind == LEDE_PARA_PRE || text[p->start] != ' '),
                        "%s: paragraph %zu not trimmed", what, i);
        prev_end = p->end;
    }
    ok &= CHECK_MSG(n == 0 || prev_end == len, "%s: text ends with the last paragraph", what);
    return ok;
}

#endif
