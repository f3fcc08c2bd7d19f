/* input.h - the first stage: checks the caller's bytes before anything reads
 * them as text. */
#ifndef LEDE_IO_INPUT_H
#define LEDE_IO_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "lede.h"

/* Decodes one code point at `s[0..len)` (len >= 1). Returns the number of
 * bytes it takes (1..4) and stores the code point in `*cp`; an invalid
 * sequence gives 1 byte and *cp = -1. */
static inline size_t lede_utf8_next(const unsigned char *s, size_t len, int32_t *cp);

/* Index of the first byte at or after `i` (up to `len`) that is not ASCII
 * other than NUL: eight bytes at a time, as most input is ASCII. */
static inline size_t lede_skip_ascii(const unsigned char *s, size_t len, size_t i);

/* Checks `len` bytes of `text` as lede input: skips a UTF-8 BOM (its length
 * goes to `*begin`), then rejects invalid UTF-8 (LEDE_ERR_INVALID_UTF8) and
 * NUL bytes (LEDE_ERR_NUL_BYTE), naming the offset of the first offending
 * byte. With LEDE_INPUT_REPLACE_INVALID both are accepted: later stages
 * treat each offending byte as U+FFFD. */
lede_status lede_input_check(const char *text, size_t len, unsigned flags, size_t *begin,
                             lede_error **err);

/* ---- inline implementation ---- */

#include <string.h>
#include <utf8proc.h>

static inline size_t lede_skip_ascii(const unsigned char *s, size_t len, size_t i)
{
    const uint64_t high = 0x8080808080808080ull;
    const uint64_t ones = 0x0101010101010101ull;
    while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        /* A byte is zero or >= 0x80 exactly when this has its high bit. */
        if (((w - ones) | w) & high)
            break;
        i += 8;
    }
    while (i < len && s[i] != 0 && s[i] < 0x80)
        i++;
    return i;
}

static inline size_t lede_utf8_next(const unsigned char *s, size_t len, int32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate(s, (utf8proc_ssize_t)(len < 4 ? len : 4), &c);
    if (n < 1) {
        *cp = -1;
        return 1;
    }
    *cp = c;
    return (size_t)n;
}

#endif
