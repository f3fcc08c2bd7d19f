/* test_io.c - input checks: UTF-8 validation with exact offsets, NUL bytes,
 * the BOM, and line/column positions with LF, CRLF and CR. */
#include <string.h>

#include "common/error.h"
#include "harness.h"
#include "io/input.h"

static void check_rejects(const char *text, size_t len, lede_status want, size_t offset,
                          size_t line, size_t column)
{
    size_t begin;
    lede_error *err = NULL;
    lede_status st = lede_input_check(text, len, 0, &begin, &err);
    CHECK_EQ(st, want);
    if (!CHECK(err != NULL))
        return;
    CHECK_EQ(lede_error_code(err), want);
    CHECK(lede_error_has_position(err));
    CHECK_EQ(lede_error_offset(err), offset);
    CHECK_EQ(lede_error_line(err), line);
    CHECK_EQ(lede_error_column(err), column);
    lede_error_free(err);
}

static void check_accepts(const char *text, size_t len, size_t want_begin)
{
    size_t begin = 99;
    lede_error *err = NULL;
    CHECK_EQ(lede_input_check(text, len, 0, &begin, &err), LEDE_OK);
    CHECK(err == NULL);
    CHECK_EQ(begin, want_begin);
}

static void test_valid(void)
{
    check_accepts("", 0, 0);
    check_accepts("plain ascii text that is long enough for the word loop", 54, 0);
    check_accepts("caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x98\x80", 19, 0);
    check_accepts("\xEF\xBB\xBFwith BOM", 11, 3);
    check_accepts("\xEF\xBB\xBF", 3, 3);
}

static void test_invalid_utf8(void)
{
    /* A lone continuation byte, at several positions relative to the
     * eight-byte fast path. */
    check_rejects("\x80", 1, LEDE_ERR_INVALID_UTF8, 0, 1, 1);
    check_rejects("abc\x80", 4, LEDE_ERR_INVALID_UTF8, 3, 1, 4);
    check_rejects("abcdefghijk\xFFz", 13, LEDE_ERR_INVALID_UTF8, 11, 1, 12);
    /* Truncated sequence at the end, overlong form, surrogate, > U+10FFFF. */
    check_rejects("ab\xE2\x80", 4, LEDE_ERR_INVALID_UTF8, 2, 1, 3);
    check_rejects("\xC0\xAF", 2, LEDE_ERR_INVALID_UTF8, 0, 1, 1);
    check_rejects("x\xED\xA0\x80", 4, LEDE_ERR_INVALID_UTF8, 1, 1, 2);
    check_rejects("\xF4\x90\x80\x80", 4, LEDE_ERR_INVALID_UTF8, 0, 1, 1);
    /* Columns count code points, lines every kind of line end. */
    check_rejects("\xC3\xA9\xC3\xA9\xFF", 5, LEDE_ERR_INVALID_UTF8, 4, 1, 3);
    check_rejects("one\ntwo\r\nthree\rfo\xFF", 18, LEDE_ERR_INVALID_UTF8, 17, 4, 3);
    /* After a BOM the column does not count the BOM. */
    check_rejects("\xEF\xBB\xBF" "ab\xFE", 6, LEDE_ERR_INVALID_UTF8, 5, 1, 3);
}

static void test_nul(void)
{
    check_rejects("ab\0cd", 5, LEDE_ERR_NUL_BYTE, 2, 1, 3);
    check_rejects("line one\nline two has a \0 here", 31, LEDE_ERR_NUL_BYTE, 24, 2, 16);
    char big[100];
    memset(big, 'a', sizeof big);
    big[77] = '\0';
    check_rejects(big, sizeof big, LEDE_ERR_NUL_BYTE, 77, 1, 78);
}

static void test_replace_mode(void)
{
    size_t begin;
    lede_error *err = NULL;
    CHECK_EQ(lede_input_check("a\xFF\0b", 4, LEDE_INPUT_REPLACE_INVALID, &begin, &err), LEDE_OK);
    CHECK(err == NULL);
    CHECK_EQ(begin, 0);
}

static void test_no_error_object(void)
{
    size_t begin;
    CHECK_EQ(lede_input_check("\xFF", 1, 0, &begin, NULL), LEDE_ERR_INVALID_UTF8);
}

static void test_position(void)
{
    size_t line, col;
    lede_text_position("a\r\nb\rc\nd", 8, 7, &line, &col);
    CHECK_EQ(line, 4);
    CHECK_EQ(col, 1);
    lede_text_position("abc", 3, 99, &line, &col);
    CHECK_EQ(line, 1);
    CHECK_EQ(col, 4);
}

static void test_strerror(void)
{
    for (int code = LEDE_OK; code <= LEDE_ERR_INTERNAL; code++)
        CHECK(strcmp(lede_strerror((lede_status)code), "unknown error") != 0);
    CHECK_STR(lede_strerror((lede_status)9999), "unknown error");
    CHECK_STR(lede_strerror(LEDE_ERR_INVALID_UTF8), "invalid UTF-8");
}

int main(void)
{
    test_valid();
    test_invalid_utf8();
    test_nul();
    test_replace_mode();
    test_no_error_object();
    test_position();
    test_strerror();
    return harness_finish();
}
