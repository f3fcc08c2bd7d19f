#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "alloc.h"

int lede_strbuf_reserve(lede_strbuf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return -1;
    return lede_grow((void **)&b->data, &b->cap, b->len + extra + 1, 1);
}

int lede_strbuf_append(lede_strbuf *b, const char *s, size_t len)
{
    if (lede_strbuf_reserve(b, len) != 0)
        return -1;
    if (len)
        memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int lede_strbuf_putc(lede_strbuf *b, char c)
{
    return lede_strbuf_append(b, &c, 1);
}

int lede_strbuf_put_utf8(lede_strbuf *b, int32_t cp)
{
    utf8proc_uint8_t out[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, out);
    return lede_strbuf_append(b, (const char *)out, (size_t)n);
}

void lede_strbuf_clear(lede_strbuf *b)
{
    lede_strbuf_truncate(b, 0);
}

void lede_strbuf_truncate(lede_strbuf *b, size_t len)
{
    b->len = len;
    if (b->data)
        b->data[len] = '\0';
}

void lede_strbuf_free(lede_strbuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
