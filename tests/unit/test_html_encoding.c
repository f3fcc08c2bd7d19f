/* test_html_encoding.c - how a page's bytes are read: forced encodings,
 * declared labels, UTF-16 without a byte order mark, and the date read from
 * <time datetime>. Pages are built here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html_test.h"

static const char article[] =
    "<html><body><div><p>Hello world, this is a long enough paragraph of text for the "
    "test here.</p></div></body></html>";
static const char article_text[] =
    "Hello world, this is a long enough paragraph of text for the test here.";

/* Extracts `len` bytes with `forced` as the encoding (NULL: detect). */
static lede_status extract_bytes(const char *bytes, size_t len, const char *forced,
                                 lede_document **doc)
{
    lede_extract_options *opts = lede_extract_options_new();
    lede_extract_options_set_encoding(opts, forced);
    lede_error *err = NULL;
    lede_status st = lede_extract_html(bytes, len, opts, doc, &err);
    lede_error_free(err);
    lede_extract_options_free(opts);
    return st;
}

/* ASCII `s` as UTF-16 (little-endian unless `big`), without a byte order
 * mark; the caller frees it. */
static char *utf16(const char *s, int big, size_t *len)
{
    size_t n = strlen(s);
    char *out = calloc(2 * n + 1, 1);
    if (!out) {
        fprintf(stderr, "out of memory building a test page\n");
        exit(1);
    }
    for (size_t i = 0; i < n; i++)
        out[2 * i + (big ? 1 : 0)] = s[i];
    *len = 2 * n;
    return out;
}

/* Checks that `bytes` read with `forced` give the article, in `encoding`. */
static void check_reads(const char *what, const char *bytes, size_t len, const char *forced,
                        const char *encoding)
{
    lede_document *doc = NULL;
    lede_status st = extract_bytes(bytes, len, forced, &doc);
    if (CHECK_MSG(st == LEDE_OK, "%s: status %d", what, (int)st)) {
        CHECK_MSG(text_has(doc, article_text), "%s: text '%s'", what,
                  lede_document_text(doc, NULL));
        CHECK_MSG(strcmp(lede_document_encoding(doc), encoding) == 0, "%s: encoding %s, want %s",
                  what, lede_document_encoding(doc), encoding);
    }
    lede_document_free(doc);
}

/* ====== Forced encodings ====== */

/* A UTF-16 name forced by the caller is the encoding of the bytes; only a
 * UTF-16 label inside the page means UTF-8. */
static void test_forced_utf16(void)
{
    size_t len;
    char *le = utf16(article, 0, &len);
    check_reads("forced UTF-16LE", le, len, "UTF-16LE", "UTF-16LE");
    check_reads("forced utf-16", le, len, "utf-16", "UTF-16LE");
    free(le);
    char *be = utf16(article, 1, &len);
    check_reads("forced UTF-16BE", be, len, "UTF-16BE", "UTF-16BE");
    free(be);

    char declared[512];
    snprintf(declared, sizeof declared, "<meta charset=\"utf-16\">%s", article);
    check_reads("declared utf-16", declared, strlen(declared), NULL, "UTF-8");
}

int main(void)
{
    test_forced_utf16();
    return harness_finish();
}
