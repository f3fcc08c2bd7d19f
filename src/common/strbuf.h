/* strbuf.h - a growable byte buffer, always NUL-terminated when non-empty. */
#ifndef LEDE_COMMON_STRBUF_H
#define LEDE_COMMON_STRBUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct lede_strbuf {
    char *data;
    size_t len;
    size_t cap;
} lede_strbuf;

/* All functions return 0 on success and -1 when out of memory; on failure
 * the buffer keeps its previous contents. */
int lede_strbuf_reserve(lede_strbuf *b, size_t extra);
int lede_strbuf_append(lede_strbuf *b, const char *s, size_t len);
int lede_strbuf_putc(lede_strbuf *b, char c);
/* Appends the UTF-8 encoding of code point `cp` (must be a valid scalar). */
int lede_strbuf_put_utf8(lede_strbuf *b, int32_t cp);
void lede_strbuf_clear(lede_strbuf *b);
/* Cuts the buffer to its first `len` bytes (len <= b->len). */
void lede_strbuf_truncate(lede_strbuf *b, size_t len);
void lede_strbuf_free(lede_strbuf *b);

#endif
