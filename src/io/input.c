#include "input.h"

#include <string.h>

#include "../common/error.h"

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
        i = lede_skip_ascii(s, len, i);
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
