/* test_scan.c - the sixteen-bytes-at-a-time loops of text/scan.h give what
 * their scalar twins give: for every byte value at every offset of a block
 * and of the bytes around it, for spans that end anywhere, and on random
 * text. A set spelled out in SSE2 that drifted from the class table of
 * chars.h fails here. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "text/scan.h"

enum { WINDOW = 40 };

/* Fills `buf` with a byte that keeps every scan going ('a', or 'a b' runs
 * for the printable run) and puts `b` at `at`. */
static void fill(char *buf, size_t len, int with_spaces, size_t at, unsigned char b)
{
    for (size_t i = 0; i < len; i++)
        buf[i] = with_spaces && i % 3 == 2 ? ' ' : 'a';
    if (at < len)
        buf[at] = (char)b;
}

/* A sixteen-bytes-at-a-time scan and its scalar twin, both taking a span
 * and giving the offset (or count) where they stop. */
typedef struct scan_twin {
    const char *name;
    size_t (*fast)(const char *, size_t, size_t);
    size_t (*slow)(const char *, size_t, size_t);
} scan_twin;

static const scan_twin skip_plain = {"skip_plain", lede_skip_plain, lede_skip_plain_scalar};
static const scan_twin skip_plain_semicolon = {"skip_plain_semicolon", lede_skip_plain_semicolon,
                                               lede_skip_plain_semicolon_scalar};
static const scan_twin skip_alnum = {"skip_alnum", lede_skip_alnum, lede_skip_alnum_scalar};
static const scan_twin ascii_words = {"ascii_words", lede_ascii_words, lede_ascii_words_scalar};
static const scan_twin capital_word = {"next_capital_word", lede_next_capital_word,
                                       lede_next_capital_word_scalar};

static int same_scan(const scan_twin *t, const char *buf, size_t start, size_t end)
{
    size_t fast = t->fast(buf, start, end);
    size_t slow = t->slow(buf, start, end);
    return CHECK_MSG(fast == slow, "%s [%zu, %zu): %zu, scalar %zu", t->name, start, end, fast,
                     slow);
}

static int same_printable_run(const char *buf, size_t start, size_t end)
{
    size_t fast_spaces = 0, slow_spaces = 0;
    size_t fast = lede_printable_run(buf, start, end, &fast_spaces);
    size_t slow = lede_printable_run_scalar(buf, start, end, &slow_spaces);
    return CHECK_MSG(fast == slow && fast_spaces == slow_spaces,
                     "printable_run [%zu, %zu): %zu (%zu spaces), scalar %zu (%zu)", start, end,
                     fast, fast_spaces, slow, slow_spaces);
}

/* Every byte value at every offset, with the span ending before, at and
 * after it, stopping at the first disagreement of each function. */
static void test_every_byte_everywhere(void)
{
    char buf[WINDOW];
    int ok_plain = 1, ok_semicolon = 1, ok_alnum = 1, ok_run = 1, ok_words = 1, ok_capital = 1;
    for (unsigned b = 0; b < 256; b++) {
        for (size_t at = 0; at < WINDOW; at++) {
            for (size_t end = at; end <= WINDOW && end <= at + 18; end++) {
                fill(buf, WINDOW, 0, at, (unsigned char)b);
                if (ok_plain)
                    ok_plain = same_scan(&skip_plain, buf, 0, end);
                if (ok_semicolon)
                    ok_semicolon = same_scan(&skip_plain_semicolon, buf, 0, end);
                if (ok_alnum)
                    ok_alnum = same_scan(&skip_alnum, buf, 0, end);
                fill(buf, WINDOW, 1, at, (unsigned char)b);
                if (ok_run)
                    ok_run = same_printable_run(buf, 0, end);
                if (ok_words)
                    ok_words = same_scan(&ascii_words, buf, 0, end) &&
                               same_scan(&ascii_words, buf, at, end);
                /* A capital after the byte, and the byte after a space. */
                if (ok_capital && at + 1 < WINDOW) {
                    buf[at + 1] = 'Q';
                    ok_capital = same_scan(&capital_word, buf, 1, end) &&
                                 (at == 0 || same_scan(&capital_word, buf, at, end));
                }
            }
        }
    }
}

/* A space as the span's last byte ends the run, whatever follows the span
 * in memory: at every end, and from every start. */
static void test_space_before_end(void)
{
    char buf[WINDOW + 1];
    int ok = 1;
    for (size_t end = 1; end <= WINDOW && ok; end++) {
        fill(buf, sizeof buf, 0, end - 1, ' ');
        for (size_t start = 0; start < end && ok; start++)
            ok = same_printable_run(buf, start, end);
    }
}

/* Two spaces in a row, a space before the end and a space before a
 * control byte end a printable run; a single space before a word does not. */
static void test_printable_run_cases(void)
{
    static const struct {
        const char *text;
        size_t end;    /* of the run from 0 */
        size_t spaces; /* in it */
    } cases[] = {
        {"the council approved the new budget on monday", 45, 7},
        {"the council approved the new  budget on monday", 28, 4},
        {"the council approved the new budget on monday ", 45, 7},
        {"the council approved the new budget\ton monday", 35, 5},
        {"the council approved the new budget \non monday", 35, 5},
        {"the council approved the new budget\x7Fon monday", 35, 5},
        {"the council approved the new budget \xC3\xA9t\xC3\xA9", 35, 5},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t spaces = 0;
        size_t len = strlen(cases[i].text);
        CHECK_EQ(lede_printable_run(cases[i].text, 0, len, &spaces), cases[i].end);
        CHECK_EQ(spaces, cases[i].spaces);
        same_printable_run(cases[i].text, 0, len);
    }
}

/* Random text from an alphabet of the bytes that matter, from every start
 * to every end of a few hundred bytes. */
static void test_random_text(void)
{
    static const char alphabet[] = "aZ09  ..!?()\t\n\x7F\x01\xC3\xA9\xE2\x80\x99'-,;";
    char buf[300];
    unsigned seed = 12345;
    int ok = 1;
    for (int round = 0; round < 200 && ok; round++) {
        for (size_t i = 0; i < sizeof buf; i++) {
            seed = seed * 1103515245u + 12345u;
            /* Mostly letters, so that runs get long. */
            unsigned r = (seed >> 16) % 64;
            buf[i] = r < 40 ? (char)('a' + r % 26) : alphabet[r % (sizeof alphabet - 1)];
        }
        for (size_t start = 0; start < sizeof buf && ok; start += 7) {
            for (size_t end = start; end <= sizeof buf && ok; end += 5) {
                ok = same_scan(&skip_plain, buf, start, end) &&
                     same_scan(&skip_plain_semicolon, buf, start, end) &&
                     same_scan(&skip_alnum, buf, start, end) &&
                     same_printable_run(buf, start, end) &&
                     same_scan(&ascii_words, buf, start, end) &&
                     same_scan(&capital_word, buf, start > 0 ? start : 1, end > 0 ? end : 1);
            }
        }
    }
}

/* Word counts against a count by hand, across block boundaries: a word
 * that runs over the end of a block counts once. */
static void test_ascii_words_cases(void)
{
    static const struct {
        const char *text;
        size_t words;
    } cases[] = {
        {"", 0},
        {"   ", 0},
        {"one", 1},
        {" one two  three ", 3},
        {"abcdefghijklmnopqrstuvwxyz", 1},
        {"abcdefghijklmno pqrstuvwxyz", 2},
        {"abcdefghijklmnop qrstuvwxyz", 2},
        {"abcdefghijklmnopq rstuvwxyz", 2},
        {"a\tb\nc\vd\fe\rf g", 7},
        {"The council approved the new budget on Monday after a long debate about schools", 14},
        {"word\x1f\x7fword", 1},
        {"caf\xC3\xA9 au lait, a sentence long enough to fill blocks", LEDE_SCAN_NOT_ASCII},
        {"a sentence long enough to fill two blocks before its caf\xC3\xA9", LEDE_SCAN_NOT_ASCII},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *t = cases[i].text;
        CHECK_MSG(lede_ascii_words(t, 0, strlen(t)) == cases[i].words, "words of '%s'", t);
        same_scan(&ascii_words, t, 0, strlen(t));
    }
}

/* The next capital that starts a word, from offset 1, against offsets by
 * hand: not one inside a word nor after punctuation, any after white
 * space, across block boundaries. */
static void test_capital_word_cases(void)
{
    static const struct {
        const char *text;
        size_t at; /* strlen when none */
    } cases[] = {
        {"xy", 2},
        {"a B", 2},
        {"McDonald and (The", 17},
        {"one\tTwo", 4},
        {"the council approved the new budget on\nMonday", 39},
        {"the council approved the budget before the long debate Z", 55},
        {"said \"Yes\" and-So x.Y", 21},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *t = cases[i].text;
        size_t want = cases[i].at < strlen(t) ? cases[i].at : strlen(t);
        CHECK_MSG(lede_next_capital_word(t, 1, strlen(t)) == want, "next capital of '%s': %zu",
                  t, lede_next_capital_word(t, 1, strlen(t)));
        same_scan(&capital_word, t, 1, strlen(t));
    }
}

/* Where the plain runs end, by hand: the semicolon scan stops at ';' and
 * at all that stops the other, which runs past ';', in and after the first
 * block. */
static void test_skip_plain_cases(void)
{
    static const struct {
        const char *text;
        size_t plain, semicolon; /* where each scan from 0 stops */
    } cases[] = {
        {"", 0, 0},
        {"abc; def. ghi", 8, 3},
        {"the council approved; it was late", 33, 20},
        {"the council approved the budget; it was late. No", 44, 31},
        {"the council approved the budget, it was late? No", 44, 44},
        {"\xce\xa4\xce\xb9; x", 0, 0},
        {"Ti kaneis; Eimai kala.", 21, 9},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *t = cases[i].text;
        size_t len = strlen(t);
        CHECK_MSG(lede_skip_plain(t, 0, len) == cases[i].plain, "plain run of '%s': %zu", t,
                  lede_skip_plain(t, 0, len));
        CHECK_MSG(lede_skip_plain_semicolon(t, 0, len) == cases[i].semicolon,
                  "plain run to a semicolon of '%s': %zu", t, lede_skip_plain_semicolon(t, 0, len));
        same_scan(&skip_plain, t, 0, len);
        same_scan(&skip_plain_semicolon, t, 0, len);
    }
}

/* The branch-free count of a 16-bit mask's bits, for every mask (and bits
 * above the sixteenth ignored). */
static void test_count_bits(void)
{
    int ok = 1;
    for (unsigned x = 0; x < 0x10000 && ok; x++) {
        unsigned n = 0;
        for (unsigned b = x; b; b &= b - 1)
            n++;
        ok = CHECK_MSG(lede_count_bits(x) == n && lede_count_bits(x | 0xFFFF0000u) == n,
                       "count_bits(0x%x) = %u, want %u", x, lede_count_bits(x), n);
    }
}

int main(void)
{
    test_skip_plain_cases();
    test_ascii_words_cases();
    test_count_bits();
    test_capital_word_cases();
    test_every_byte_everywhere();
    test_space_before_end();
    test_printable_run_cases();
    test_random_text();
    return harness_finish();
}
