/* error.h - building lede_error values inside the library. */
#ifndef LEDE_COMMON_ERROR_H
#define LEDE_COMMON_ERROR_H

#include <stddef.h>

#include "lede.h"

struct lede_error {
    lede_status code;
    char *message;
    int has_position;
    size_t offset;
    size_t line;
    size_t column;
};

/* Records a failure without position in `*err` (when err is not NULL) and
 * returns `code`, so callers can write `return lede_fail(err, ...)`. When
 * the error itself cannot be allocated, `*err` is left NULL: the returned
 * code still says what happened. */
lede_status lede_fail(lede_error **err, lede_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* lede_fail(err, LEDE_ERR_NOMEM, "out of memory"): every allocation that
 * fails reports the same words. */
lede_status lede_fail_nomem(lede_error **err);

/* Like lede_fail, with the position of byte `offset` of `text` (line and
 * column computed from the start of `text`). */
lede_status lede_fail_at(lede_error **err, lede_status code, const char *text, size_t len,
                         size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Gives `err` (not NULL) the position of byte `offset` of `text` (`len`
 * bytes): the offset, and the line and column lede_text_position gives. */
void lede_error_place(lede_error *err, const char *text, size_t len, size_t offset);

/* Appends `suffix` to the message of *err (not NULL) and returns `code`;
 * when that takes more memory than there is, *err becomes the
 * out-of-memory error and LEDE_ERR_NOMEM is returned. */
lede_status lede_error_append(lede_error **err, lede_status code, const char *suffix);

/* Line and column (1-based, columns in code points, a leading BOM not
 * counted) of byte `offset` in `text`. Bytes before `offset` must be valid
 * UTF-8 only in the sense that each lead byte starts one column. */
void lede_text_position(const char *text, size_t len, size_t offset, size_t *line,
                        size_t *column);

#endif
