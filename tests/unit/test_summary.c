/* test_summary.c - lede_collapse_text, which makes every reported sentence
 * text and the word and character counts the length budgets use: runs of
 * white space become one space, the ends are trimmed, NUL reads as U+FFFD. */
#include <string.h>

#include "api/summary.h"
#include "harness.h"

static void check_collapse_as(const char *in, size_t len, int quoted, const char *want,
                              size_t want_chars, size_t want_words)
{
    lede_strbuf out = {0};
    size_t chars = 99, words = 99;
    if (!CHECK_MSG(lede_collapse_text(in, 0, len, quoted, &out, &chars, &words) == 0, "'%s' failed",
                   in))
        return;
    CHECK_MSG(out.len == strlen(want) && memcmp(out.data, want, out.len) == 0,
              "'%s' collapsed to '%.*s', want '%s'", in, (int)out.len, out.data, want);
    CHECK_MSG(chars == want_chars, "'%s': %zu characters, want %zu", in, chars, want_chars);
    CHECK_MSG(words == want_words, "'%s': %zu words, want %zu", in, words, want_words);
    lede_strbuf_free(&out);
}

static void check_collapse(const char *in, size_t len, const char *want, size_t want_chars,
                           size_t want_words)
{
    check_collapse_as(in, len, 0, want, want_chars, want_words);
}

typedef struct collapse_case {
    const char *in, *want;
    size_t chars, words;
} collapse_case;

static const collapse_case cases[] = {
    {"", "", 0, 0},
    {"   ", "", 0, 0},
    {"word", "word", 4, 1},
    {"one two three", "one two three", 13, 3},
    {"  one   two  ", "one two", 7, 2},
    {"one\ttwo\nthree\r\nfour", "one two three four", 18, 4},
    {"a b", "a b", 3, 2},
    {"a ", "a", 1, 1},
    {" a", "a", 1, 1},
    {"a  b c", "a b c", 5, 3},
    {"end. Next", "end. Next", 9, 2},
    /* Non-ASCII text: characters are code points; NBSP and U+2003 are
     * white space. */
    {"caf\xC3\xA9 au lait", "caf\xC3\xA9 au lait", 12, 3},
    {"\xC3\xA9t\xC3\xA9 x", "\xC3\xA9t\xC3\xA9 x", 5, 2},
    {"a\xC2\xA0" "b\xE2\x80\x83" "c", "a b c", 5, 3},
    {"x \xE2\x80\x94 y", "x \xE2\x80\x94 y", 5, 3},
    /* Control characters other than white space stay. */
    {"a\x01" "b", "a\x01" "b", 3, 1},
};

int main(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const collapse_case *c = &cases[i];
        check_collapse(c->in, strlen(c->in), c->want, c->chars, c->words);
    }
    /* A NUL byte, accepted under --replace-invalid, reads as U+FFFD. */
    check_collapse("a\0b c", 5, "a\xEF\xBF\xBD" "b c", 5, 2);
    /* In a block quote, the '>' markers that start a line are white space;
     * one elsewhere in a line is text, and outside a quote every one is. */
    check_collapse_as("one\n> two\r\n> > three", 20, 1, "one two three", 13, 3);
    check_collapse_as("a > b\n  >c", 10, 1, "a > b c", 7, 4);
    check_collapse_as("one\n> two", 9, 0, "one > two", 9, 3);
    return harness_finish();
}
