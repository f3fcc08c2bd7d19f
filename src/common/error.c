#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_strings[] = {
    [LEDE_OK] = "success",
    [LEDE_ERR_NOMEM] = "out of memory",
    [LEDE_ERR_INVALID_ARGUMENT] = "invalid argument",
    [LEDE_ERR_INVALID_UTF8] = "invalid UTF-8",
    [LEDE_ERR_NUL_BYTE] = "NUL byte in input",
    [LEDE_ERR_EMPTY_INPUT] = "empty input",
    [LEDE_ERR_NO_SENTENCES] = "no sentence to summarize",
    [LEDE_ERR_UNKNOWN_LANGUAGE] = "unknown language",
    [LEDE_ERR_TOO_LARGE] = "input too large",
    [LEDE_ERR_BUDGET] = "no sentence fits the length budget",
    [LEDE_ERR_MODEL] = "malformed model data",
    [LEDE_ERR_INTERNAL] = "internal error",
    [LEDE_ERR_NO_ARTICLE] = "no article found",
    [LEDE_ERR_MARKUP] = "malformed markup",
    [LEDE_ERR_DEPENDENCY] = "a library lede needs cannot be loaded",
};

const char *lede_strerror(lede_status status)
{
    size_t i = (size_t)status;
    if (i >= sizeof status_strings / sizeof status_strings[0] || !status_strings[i])
        return "unknown error";
    return status_strings[i];
}

static lede_error *error_new(lede_status code, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
static lede_error *error_new(lede_status code, const char *fmt, va_list ap)
{
    lede_error *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->code = code;
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n >= 0) {
        e->message = malloc((size_t)n + 1);
        if (e->message)
            vsnprintf(e->message, (size_t)n + 1, fmt, ap);
    }
    return e;
}

lede_status lede_fail(lede_error **err, lede_status code, const char *fmt, ...)
{
    if (!err)
        return code;
    va_list ap;
    va_start(ap, fmt);
    *err = error_new(code, fmt, ap);
    va_end(ap);
    return code;
}

lede_status lede_fail_nomem(lede_error **err)
{
    return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
}

void lede_text_position(const char *text, size_t len, size_t offset, size_t *line,
                        size_t *column)
{
    size_t ln = 1, col = 1;
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    if (offset > len)
        offset = len;
    for (; i < offset; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            ln++;
            col = 1;
        } else if (c == '\r') {
            if (i + 1 < offset && text[i + 1] == '\n')
                i++;
            ln++;
            col = 1;
        } else if ((c & 0xC0) != 0x80) {
            col++;
        }
    }
    *line = ln;
    *column = col;
}

lede_status lede_fail_at(lede_error **err, lede_status code, const char *text, size_t len,
                         size_t offset, const char *fmt, ...)
{
    if (!err)
        return code;
    va_list ap;
    va_start(ap, fmt);
    *err = error_new(code, fmt, ap);
    va_end(ap);
    if (*err)
        lede_error_place(*err, text, len, offset);
    return code;
}

void lede_error_place(lede_error *err, const char *text, size_t len, size_t offset)
{
    err->has_position = 1;
    err->offset = offset;
    lede_text_position(text, len, offset, &err->line, &err->column);
}

lede_status lede_error_append(lede_error **err, lede_status code, const char *suffix)
{
    lede_error *e = *err;
    size_t len = e->message ? strlen(e->message) : 0, n = strlen(suffix);
    char *message = e->message ? realloc(e->message, len + n + 1) : NULL;
    if (!message) {
        lede_error_free(e);
        return lede_fail_nomem(err);
    }
    memcpy(message + len, suffix, n + 1);
    e->message = message;
    return code;
}

void lede_error_free(lede_error *err)
{
    if (!err)
        return;
    free(err->message);
    free(err);
}

lede_status lede_error_code(const lede_error *err)
{
    return err ? err->code : LEDE_OK;
}

const char *lede_error_message(const lede_error *err)
{
    if (!err)
        return "";
    return err->message ? err->message : lede_strerror(err->code);
}

int lede_error_has_position(const lede_error *err)
{
    return err ? err->has_position : 0;
}

size_t lede_error_offset(const lede_error *err)
{
    return err ? err->offset : 0;
}

size_t lede_error_line(const lede_error *err)
{
    return err && err->has_position ? err->line : 0;
}

size_t lede_error_column(const lede_error *err)
{
    return err && err->has_position ? err->column : 0;
}
