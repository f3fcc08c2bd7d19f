/* test_units.c - paragraph and sentence splitting, from the cases in
 * data/sentences.txt: each case gives an input and the exact units it must
 * split into (span text, kind and paragraph). */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "model/model.h"
#include "text/chars.h"
#include "text/units.h"

/* Case file format:
 *   === NAME [lang=CODE]
 *   input lines (joined with \n, no final newline)
 *   ---
 *   expected units, one per line; a blank line starts the next paragraph;
 *   "#h " marks a heading, "#l " a line unit.
 * Both parts understand the escapes \n \r \t \\ and \xHH. Lines starting
 * with "#" before the first "===" are comments. */

typedef struct expected_unit {
    char *text;
    unsigned kind;
    size_t paragraph;
} expected_unit;

static size_t unescape(const char *s, size_t len, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '\\' || i + 1 >= len) {
            out[o++] = s[i];
            continue;
        }
        char c = s[++i];
        if (c == 'n')
            out[o++] = '\n';
        else if (c == 'r')
            out[o++] = '\r';
        else if (c == 't')
            out[o++] = '\t';
        else if (c == 'x' && i + 2 < len) {
            char hex[3] = {s[i + 1], s[i + 2], 0};
            out[o++] = (char)strtol(hex, NULL, 16);
            i += 2;
        } else
            out[o++] = c;
    }
    return o;
}

static const char *line_end(const char *p, const char *end)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    return nl ? nl : end;
}

static void run_case(const char *name, const char *lang, const char *input, size_t input_len,
                     const expected_unit *want, size_t nwant)
{
    const lede_model_data *data = lede_model_find(lang);
    if (!CHECK_MSG(data != NULL, "%s: no model '%s'", name, lang))
        return;
    lede_model model;
    if (!CHECK(lede_model_init(&model, data) == LEDE_OK))
        return;
    lede_units units = {0};
    lede_status st = lede_units_split(&units, input, 0, input_len, &model);
    CHECK_MSG(st == LEDE_OK, "%s: split failed", name);
    int ok = CHECK_MSG(units.count == nwant, "%s: %zu units, want %zu", name, units.count, nwant);
    size_t pos = 0;
    for (size_t i = 0; ok && i < nwant; i++) {
        const lede_unit *u = &units.items[i];
        size_t wlen = strlen(want[i].text);
        /* The expected text is the exact span: it must start at the first
         * occurrence after the previous unit. */
        const char *found = NULL;
        for (size_t k = pos; k + wlen <= input_len && !found; k++)
            if (memcmp(input + k, want[i].text, wlen) == 0)
                found = input + k;
        if (!CHECK_MSG(found != NULL, "%s: expected unit %zu not in input", name, i))
            break;
        size_t ws = (size_t)(found - input);
        ok = CHECK_MSG(u->start == ws && u->end == ws + wlen,
                       "%s: unit %zu is [%zu,%zu) \"%.*s\", want [%zu,%zu) \"%s\"", name, i,
                       u->start, u->end, (int)(u->end - u->start), input + u->start, ws,
                       ws + wlen, want[i].text);
        CHECK_MSG(u->kind == want[i].kind, "%s: unit %zu kind %u, want %u", name, i, u->kind,
                  want[i].kind);
        CHECK_MSG(u->paragraph == want[i].paragraph, "%s: unit %zu paragraph %zu, want %zu",
                  name, i, u->paragraph, want[i].paragraph);
        pos = ws + wlen;
    }
    if (!ok) {
        for (size_t i = 0; i < units.count; i++)
            fprintf(stderr, "    got %zu: [%zu,%zu) k%u p%zu \"%.*s\"\n", i, units.items[i].start,
                    units.items[i].end, units.items[i].kind, units.items[i].paragraph,
                    (int)(units.items[i].end - units.items[i].start),
                    input + units.items[i].start);
    }
    lede_units_free(&units);
    lede_model_free(&model);
}

/* Parses one case starting at the "===" line `p`; returns where the next
 * case starts. */
static const char *parse_case(const char *p, const char *end, int *cases)
{
    const char *le = line_end(p, end);
    char header[256];
    snprintf(header, sizeof header, "%.*s", (int)(le - p - 4 > 0 ? le - p - 4 : 0), p + 4);
    char lang[32] = "en";
    char *lp = strstr(header, "[lang=");
    if (lp) {
        sscanf(lp, "[lang=%31[^]]", lang);
        *lp = '\0';
    }
    size_t hl = strlen(header);
    while (hl > 0 && header[hl - 1] == ' ')
        header[--hl] = '\0';
    p = le < end ? le + 1 : end;

    char *input = malloc((size_t)(end - p) + 1);
    size_t input_len = 0;
    while (p < end && strncmp(p, "---", 3) != 0) {
        le = line_end(p, end);
        if (input_len > 0)
            input[input_len++] = '\n';
        input_len += unescape(p, (size_t)(le - p), input + input_len);
        p = le < end ? le + 1 : end;
    }
    p = p < end ? line_end(p, end) + 1 : end;

    expected_unit want[256];
    size_t nwant = 0, paragraph = 0;
    int blank_pending = 0;
    while (p < end && strncmp(p, "===", 3) != 0) {
        le = line_end(p, end);
        size_t len = (size_t)(le - p);
        if (len == 0) {
            blank_pending = 1;
        } else if (nwant < 256) {
            if (blank_pending && nwant > 0)
                paragraph++;
            blank_pending = 0;
            unsigned kind = LEDE_KIND_SENTENCE;
            const char *t = p;
            if (len > 3 && strncmp(p, "#h ", 3) == 0) {
                kind = LEDE_KIND_HEADING;
                t += 3;
            } else if (len > 3 && strncmp(p, "#l ", 3) == 0) {
                kind = LEDE_KIND_LINE;
                t += 3;
            }
            char *text = malloc((size_t)(le - t) + 1);
            text[unescape(t, (size_t)(le - t), text)] = '\0';
            want[nwant++] = (expected_unit){text, kind, paragraph};
        }
        p = le < end ? le + 1 : end;
    }
    run_case(header, lang, input, input_len, want, nwant);
    (*cases)++;
    for (size_t i = 0; i < nwant; i++)
        free(want[i].text);
    free(input);
    return p;
}

static int run_case_file(const char *path)
{
    size_t len;
    char *buf = harness_read_file(path, &len);
    if (!buf)
        return 0;
    const char *p = buf, *end = buf + len;
    int cases = 0;
    while (p < end) {
        if (strncmp(p, "===", 3) == 0) {
            p = parse_case(p, end, &cases);
            continue;
        }
        const char *le = line_end(p, end);
        p = le < end ? le + 1 : end;
    }
    printf("%s: %d cases\n", path, cases);
    free(buf);
    return cases;
}

static int is_case_file(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return strncmp(e->d_name, "sentences", 9) == 0 && n > 4 &&
           strcmp(e->d_name + n - 4, ".txt") == 0;
}

/* ====== The two ways of finding run-on cuts agree ====== */

/* A long sentence of ASCII is looked at sixteen bytes at a time for its
 * run-on cuts, any other character by character (units.c, find_cuts_ascii
 * and find_cuts). The same random sentences, once in ASCII and once with
 * the space after their first word a no-break space (U+00A0, white space
 * too, two bytes: the second way), must split at the same words. No word
 * has a period: the sentence ends only at its last, so that only the
 * run-on check can cut it (the period rules read the two spaces apart). */
enum { RUN_ON_SENTENCES = 3000 };

static const char *const run_on_words[] = {
    "the", "council", "approved", "budget", "on", "monday", "and", "teachers", "said", "it",
    "was", "good", "news", "for", "schools", "2024", "7", "The", "It", "In", "But", "John",
    "London", "Mr", "Smith", "BBC", "Short", "sweet:", "Label:", "rain", "fell", "(and",
    "so)", "well,", "well-known", "x", "A", "I", "Parents", "He", "She", "Hello", "Who",
    "ctl\x01x", "del\x7F", "\x01",
};
/* Words holding a NUL, with their lengths. */
static const struct {
    const char *word;
    size_t len;
} run_on_nul_words[] = {{"nul\0byte", 8}, {"\0", 1}};
/* Between words: white space of the ASCII kinds that break no line,
 * sometimes several (a line break would start a line of its own, which
 * the splitter judges by its length). */
static const char *const run_on_gaps[] = {" ", " ", " ", " ", "  ", "\t", " \t ", "\v", "\f"};

static size_t random_run_on(unsigned *seed, char *out, size_t cap)
{
    size_t nwords = sizeof run_on_words / sizeof run_on_words[0];
    *seed = *seed * 1103515245u + 12345u;
    size_t count = 20 + (*seed >> 16) % 100, n = 0;
    size_t ngaps = sizeof run_on_gaps / sizeof run_on_gaps[0];
    /* At least 170 bytes: both copies past the length the check starts
     * at (RUN_ON_BYTES, 160), the other one being a byte longer. The first
     * gap is a space (the one the other copy replaces). */
    for (size_t k = 0; k < count || n < 170; k++) {
        *seed = *seed * 1103515245u + 12345u;
        size_t pick = (*seed >> 16) % (nwords + 2);
        const char *w = pick < nwords ? run_on_words[pick] : run_on_nul_words[pick - nwords].word;
        size_t len = pick < nwords ? strlen(w) : run_on_nul_words[pick - nwords].len;
        *seed = *seed * 1103515245u + 12345u;
        const char *gap = k == 1 ? " " : run_on_gaps[(*seed >> 16) % ngaps];
        if (n + len + 4 >= cap)
            break;
        if (k > 0) {
            memcpy(out + n, gap, strlen(gap));
            n += strlen(gap);
        }
        memcpy(out + n, w, len);
        n += len;
    }
    out[n++] = '.';
    return n;
}

/* More cuts than a sentence keeps (64): "... it The council ..." over and
 * over, each "The" after a bare word starting a sentence (79 of them). */
static size_t many_cuts(char *out, size_t cap)
{
    static const char piece[] = "the council approved it ";
    static const char next[] = "The council approved it ";
    size_t n = 0;
    for (int k = 0; n + sizeof next < cap && k < 80; k++) {
        const char *p = k == 0 ? piece : next;
        memcpy(out + n, p, strlen(p));
        n += strlen(p);
    }
    out[n - 1] = '.';
    return n;
}

static void test_run_on_paths_agree(void)
{
    lede_model model;
    if (!CHECK(lede_model_init(&model, lede_model_find("en")) == LEDE_OK))
        return;
    char ascii[2048], other[2049];
    unsigned seed = 7;
    size_t cut = 0; /* sentences split into several: the test sees some */
    for (int round = 0; round < RUN_ON_SENTENCES; round++) {
        size_t len = round == 0 ? many_cuts(ascii, sizeof ascii)
                                : random_run_on(&seed, ascii, sizeof ascii);
        const char *space = memchr(ascii, ' ', len);
        if (!CHECK(space != NULL))
            break;
        size_t gap = (size_t)(space - ascii);
        memcpy(other, ascii, gap);
        memcpy(other + gap, "\xC2\xA0", 2);
        memcpy(other + gap + 2, ascii + gap + 1, len - gap - 1);
        lede_units a = {0}, b = {0};
        int ok = CHECK(lede_units_split(&a, ascii, 0, len, &model) == LEDE_OK) &&
                 CHECK(lede_units_split(&b, other, 0, len + 1, &model) == LEDE_OK) &&
                 CHECK_MSG(a.count == b.count, "'%.*s': %zu units, %zu with a no-break space",
                           (int)len, ascii, a.count, b.count);
        for (size_t i = 0; ok && i < a.count; i++) {
            size_t start = a.items[i].start + (a.items[i].start > gap);
            ok = CHECK_MSG(start == b.items[i].start, "'%.*s': unit %zu at %zu, %zu with a "
                           "no-break space", (int)len, ascii, i, a.items[i].start,
                           b.items[i].start);
        }
        cut += a.count > 1;
        if (round == 0)
            CHECK_MSG(a.count == 65, "the sentence of 79 cuts: %zu pieces, want 65 (64 cuts)",
                      a.count);
        lede_units_free(&a);
        lede_units_free(&b);
        if (!ok)
            break;
    }
    CHECK_MSG(cut >= RUN_ON_SENTENCES / 10, "only %zu of the random sentences were cut", cut);
    lede_model_free(&model);
}

/* lede_text_prev against decoding forward: on random mixes of ASCII,
 * whole characters, lead bytes and stray continuation bytes (what
 * LEDE_INPUT_REPLACE_INVALID lets through), the character that ends at each
 * character end starts where lede_text_next started it and is the code point
 * it read. From any byte and above any floor, the step back stays above the
 * floor and gives the character that lede_text_next reads from its start up
 * to that byte. */
static void test_text_prev_agrees(void)
{
    static const char *const pieces[] = {"a", " ", ".", "\xC3\xA9", "\xE2\x82\xAC",
                                         "\xF0\x9F\x98\x80", "\x80", "\xBF", "\xC3",
                                         "\xE2\x82", "\xF0\x9F\x98", "\xC0\xAF", "\xED\xA0\x80"};
    unsigned seed = 11;
    size_t npieces = sizeof pieces / sizeof pieces[0];
    for (int round = 0; round < 20000; round++) {
        char text[64];
        size_t len = 0;
        while (len < 40) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % npieces];
            memcpy(text + len, p, strlen(p));
            len += strlen(p);
        }
        size_t start = 0;
        while (start < len) {
            int32_t cp, back;
            size_t end = start + lede_text_next(text, len, start, &cp);
            size_t got = lede_text_prev(text, 0, end, &back);
            if (!CHECK_MSG(got == start && back == cp,
                           "round %d: the character ending at %zu starts at %zu (U+%04X), "
                           "lede_text_prev says %zu (U+%04X)",
                           round, end, start, (unsigned)cp, got, (unsigned)back))
                return;
            start = end;
        }
        seed = seed * 1103515245u + 12345u;
        size_t floor = (seed >> 16) % len;
        for (size_t i = floor + 1; i <= len; i++) {
            int32_t back, cp = -1;
            size_t got = lede_text_prev(text, floor, i, &back);
            if (got >= floor && got < i)
                lede_text_next(text, i, got, &cp);
            if (!CHECK_MSG(got >= floor && got < i && back == cp,
                           "round %d: from %zu above %zu, lede_text_prev gives %zu (U+%04X)", round,
                           i, floor, got, (unsigned)back))
                return;
        }
    }
}

/* lede_text_prev by hand: characters of one to four bytes, at the start
 * of the text and after another; bytes that are no character (stray,
 * truncated, overlong, a surrogate) and NUL, one byte each as U+FFFD; a
 * floor inside a character, which the step back does not go below. */
static void test_text_prev_cases(void)
{
    static const struct {
        const char *text;
        size_t len, floor;
        size_t start; /* of the character ending at len */
        int32_t cp;
    } cases[] = {
        {"a", 1, 0, 0, 'a'},
        {"ab", 2, 0, 1, 'b'},
        {"\xC3\xA9", 2, 0, 0, 0xE9},
        {"x\xC3\xA9", 3, 0, 1, 0xE9},
        {"\xE2\x82\xAC", 3, 0, 0, 0x20AC},
        {"x\xE2\x82\xAC", 4, 0, 1, 0x20AC},
        {"\xF0\x9F\x98\x80", 4, 0, 0, 0x1F600},
        {"\xC3\xA9\xF0\x9F\x98\x80", 6, 0, 2, 0x1F600},
        {"a\x80", 2, 0, 1, 0xFFFD},
        {"\xC3\xA9\x80", 3, 0, 2, 0xFFFD},
        {"\x80\x80\x80\x80", 4, 0, 3, 0xFFFD},
        {"\xC3", 1, 0, 0, 0xFFFD},
        {"\xE2\x82", 2, 0, 1, 0xFFFD},
        {"\xF0\x9F\x98", 3, 0, 2, 0xFFFD},
        {"\xC0\xAF", 2, 0, 1, 0xFFFD},
        {"\xED\xA0\x80", 3, 0, 2, 0xFFFD},
        {"a\0", 2, 0, 1, 0xFFFD},
        {"x\xC3\xA9", 3, 2, 2, 0xFFFD},
        {"x\xF0\x9F\x98\x80", 5, 3, 4, 0xFFFD},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int32_t cp = 0;
        size_t got = lede_text_prev(cases[k].text, cases[k].floor, cases[k].len, &cp);
        CHECK_MSG(got == cases[k].start && cp == cases[k].cp,
                  "case %zu: lede_text_prev gives %zu (U+%04X), want %zu (U+%04X)", k, got,
                  (unsigned)cp, cases[k].start, (unsigned)cases[k].cp);
    }
}

/* Stray bytes kept as U+FFFD under LEDE_INPUT_REPLACE_INVALID: a unit's end
 * is never moved back over one, after white space or a whole character. */
static void test_stray_byte_at_the_end(void)
{
    lede_model model;
    if (!CHECK(lede_model_init(&model, lede_model_find("en")) == LEDE_OK))
        return;
    static const char *const texts[] = {"Hello world \x80", "Hello world. Second one.\xE2\x80\x83\x80",
                                        "It ends in caf\xC3\xA9\x80"};
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        size_t len = strlen(texts[t]);
        lede_units u = {0};
        if (CHECK(lede_units_split(&u, texts[t], 0, len, &model) == LEDE_OK) &&
            CHECK(u.count > 0))
            CHECK_MSG(u.items[u.count - 1].end == len, "'%s': the last unit ends at %zu, want %zu",
                      texts[t], u.items[u.count - 1].end, len);
        lede_units_free(&u);
    }
    lede_model_free(&model);
}

/* Markdown that ends in a blank line is split without a read past the
 * text: each is split from a buffer of its exact size (ASan sees a read
 * past it), and as the first bytes of a longer one whose next byte opens
 * markup ("[zzzz": a link definition's label was looked for there), which
 * must give the same units. */
static void test_markup_at_the_end(void)
{
    lede_model model;
    if (!CHECK(lede_model_init(&model, lede_model_find("en")) == LEDE_OK))
        return;
    static const char *const texts[] = {"[a]: http://x\n ", "---\ntitle: x\n---\n ",
                                        "| a |\n| - |\n ",  "```\ncode\n```\n ",
                                        "> q\n> ",          "[^1]: note\n "};
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        size_t len = strlen(texts[t]);
        char *exact = malloc(len), *longer = malloc(len + 6);
        if (!CHECK(exact && longer)) {
            free(exact);
            free(longer);
            break;
        }
        memcpy(exact, texts[t], len);
        memcpy(longer, texts[t], len);
        memcpy(longer + len, "[zzzz\n", 6);
        lede_units alone = {0}, followed = {0};
        if (CHECK(lede_units_split(&alone, exact, 0, len, &model) == LEDE_OK) &&
            CHECK(lede_units_split(&followed, longer, 0, len, &model) == LEDE_OK) &&
            CHECK_MSG(alone.count == followed.count, "'%s': %zu units, %zu when followed", texts[t],
                      alone.count, followed.count)) {
            for (size_t i = 0; i < alone.count; i++) {
                const lede_unit *a = &alone.items[i], *b = &followed.items[i];
                CHECK_MSG(a->end <= len, "'%s': unit %zu ends at %zu, past %zu", texts[t], i,
                          a->end, len);
                CHECK_MSG(a->start == b->start && a->end == b->end && a->kind == b->kind &&
                              a->paragraph == b->paragraph,
                          "'%s': unit %zu differs when followed by more bytes", texts[t], i);
            }
        }
        lede_units_free(&alone);
        lede_units_free(&followed);
        free(exact);
        free(longer);
    }
    lede_model_free(&model);
}

/* An empty text splits into no unit, with no line scratch made (a fuzzer
 * found UBSan's "zero offset to null pointer" there). */
static void test_empty_text(void)
{
    lede_model model;
    if (!CHECK(lede_model_init(&model, lede_model_find("en")) == LEDE_OK))
        return;
    lede_units u = {0};
    CHECK(lede_units_split(&u, "", 0, 0, &model) == LEDE_OK);
    CHECK(u.count == 0);
    lede_units_free(&u);
    lede_model_free(&model);
}

/* Runs every data/sentences*.txt: sentences.txt holds the general and
 * English cases, sentences-attribution.txt quotations followed by who said
 * them ("Why?" Tom asked.), sentences-CODE.txt other languages' cases. */
int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "tests/data";
    struct dirent **names;
    int n = scandir(dir, &names, is_case_file, alphasort);
    CHECK_MSG(n > 0, "no sentences*.txt in %s", dir);
    int cases = 0;
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        cases += run_case_file(path);
        free(names[i]);
    }
    if (n > 0)
        free(names);
    CHECK_MSG(cases >= 60, "only %d sentence cases", cases);
    test_run_on_paths_agree();
    test_text_prev_agrees();
    test_text_prev_cases();
    test_stray_byte_at_the_end();
    test_markup_at_the_end();
    test_empty_text();
    return harness_finish();
}
