#include "input.h"

#include <string.h>

#include "../common/error.h"

/* Index of the first byte at or after `i` that is not plain ASCII other
 * than NUL: checks eight bytes at a time, because most input is ASCII. */
static size_t skip_ascii(const unsigned char *s, size_t len, size_t i)
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

lede_status lede_input_check(const char *text, size_t len, unsigned flags, size_t *begin,
                             lede_error **err)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    *begin = i;
    if (flags & LEDE_INPUT_REPLACE_INVALID)
        return LEDE_OK;
    for (;;) {
        i = skip_ascii(s, len, i);
        if (i >= len)
            return LEDE_OK;
        if (s[i] == 0)
            return lede_fail_at(err, LEDE_ERR_NUL_BYTE, text, len, i, "NUL byte in input");
        int32_t cp;
        size_t n = lede_utf8_next(s + i, len - i, &cp);
        if (cp < 0)
            return lede_fail_at(err, LEDE_ERR_INVALID_UTF8, text, len, i,
                                "invalid UTF-8: unexpected byte 0x%02X", s[i]);
        i += n;
    }
}
