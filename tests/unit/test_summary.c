/* test_summary.c - lede_collapse_text, which makes every reported sentence
 * text and the word and character counts the length budgets use: runs of
 * white space become one space, the ends are trimmed, NUL reads as U+FFFD. */
#include <string.h>

#include "api/summary.h"
#include "harness.h"

static void check_collapse(const char *in, size_t len, const char *want, size_t want_chars,
                           size_t want_words)
{
    lede_strbuf out = {0};
    size_t chars = 99, words = 99;
    if (!CHECK_MSG(lede_collapse_text(in, 0, len, &out, &chars, &words) == 0, "'%s' failed", in))
        return;
    CHECK_MSG(out.len == strlen(want) && memcmp(out.data, want, out.len) == 0,
              "'%s' collapsed to '%.*s', want '%s'", in, (int)out.len, out.data, want);
    CHECK_MSG(chars == want_chars, "'%s': %zu characters, want %zu", in, chars, want_chars);
    CHECK_MSG(words == want_words, "'%s': %zu words, want %zu", in, words, want_words);
    lede_strbuf_free(&out);
}

static void collapse(const char *in, const char *want, size_t chars, size_t words)
{
    check_collapse(in, strlen(in), want, chars, words);
}

int main(void)
{
    collapse("", "", 0, 0);
    collapse("   ", "", 0, 0);
    collapse("word", "word", 4, 1);
    collapse("one two three", "one two three", 13, 3);
    collapse("  one   two  ", "one two", 7, 2);
    collapse("one\ttwo\nthree\r\nfour", "one two three four", 18, 4);
    collapse("a b", "a b", 3, 2);
    collapse("a ", "a", 1, 1);
    collapse(" a", "a", 1, 1);
    collapse("a  b c", "a b c", 5, 3);
    collapse("end. Next", "end. Next", 9, 2);
    /* Non-ASCII text: characters are code points; NBSP and U+2003 are
     * white space. */
    collapse("caf\xC3\xA9 au lait", "caf\xC3\xA9 au lait", 12, 3);
    collapse("\xC3\xA9t\xC3\xA9 x", "\xC3\xA9t\xC3\xA9 x", 5, 2);
    collapse("a\xC2\xA0" "b\xE2\x80\x83" "c", "a b c", 5, 3);
    collapse("x \xE2\x80\x94 y", "x \xE2\x80\x94 y", 5, 3);
    /* Control characters other than white space stay. */
    collapse("a\x01" "b", "a\x01" "b", 3, 1);
    /* A NUL byte, accepted under --replace-invalid, reads as U+FFFD. */
    check_collapse("a\0b c", 5, "a\xEF\xBF\xBD" "b c", 5, 2);
    return harness_finish();
}
