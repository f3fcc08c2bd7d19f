/* test_hostile.c - inputs built to hurt: huge lines, floods of
 * terminators, deep brackets, binary noise. Each must give a clear error or
 * a correct result, in bounded time (the ctest timeout) and memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "harness.h"
#include "lede.h"

/* Sanitizers make everything several times slower: scale sizes down. */
#if defined(__SANITIZE_ADDRESS__)
enum { SCALE = 10 };
#else
enum { SCALE = 1 };
#endif

static size_t peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (size_t)ru.ru_maxrss / 1024;
}

static lede_status summarize(const char *text, size_t len, unsigned flags, lede_summary **sum,
                             lede_error **err)
{
    lede_options *o = lede_options_new();
    lede_options_set_input_flags(o, flags);
    lede_status st = lede_summarize(text, len, o, sum, err);
    lede_options_free(o);
    return st;
}

/* One line of ordinary words and no punctuation at all: one sentence. */
static void test_huge_line(void)
{
    size_t len = (100u << 20) / SCALE;
    char *text = malloc(len);
    static const char *const words[] = {"alpha ", "beta ", "gamma ", "delta ", "epsilon "};
    size_t i = 0, w = 0;
    while (i < len) {
        const char *word = words[w++ % 5];
        size_t n = strlen(word);
        if (n > len - i)
            n = len - i;
        memcpy(text + i, word, n);
        i += n;
    }
    text[len - 1] = 'x';
    lede_summary *sum = NULL;
    lede_error *err = NULL;
    CHECK_EQ(summarize(text, len, 0, &sum, &err), LEDE_OK);
    CHECK_EQ(lede_summary_count(sum), 1);
    const lede_sentence *s = lede_summary_sentence(sum, 0);
    CHECK(s && s->start == 0 && s->end == len);
    lede_summary_free(sum);
    lede_error_free(err);
    free(text);
    printf("huge line: %zu MB, peak RSS %zu MB\n", len >> 20, peak_rss_mb());
    CHECK(peak_rss_mb() < 12 * (len >> 20) + 200);
}

/* A single word far longer than any real one is not a term, but the
 * sentence holding it is still a sentence. */
static void test_giant_word(void)
{
    size_t len = (8u << 20) / SCALE;
    char *text = malloc(len + 2);
    memset(text, 'a', len);
    text[len] = '.';
    lede_summary *sum = NULL;
    CHECK_EQ(summarize(text, len + 1, 0, &sum, NULL), LEDE_OK);
    CHECK_EQ(lede_summary_count(sum), 1);
    lede_summary_free(sum);
    free(text);
}

/* A million short sentences: the sparse graph takes them; splitting works
 * too. */
static void test_terminator_flood(void)
{
    size_t n = 1000000 / SCALE;
    char *text = malloc(n * 4);
    for (size_t i = 0; i < n; i++)
        memcpy(text + 4 * i, "Go. ", 4);
    lede_summary *sum = NULL;
    lede_error *err = NULL;
    CHECK_EQ(summarize(text, n * 4, 0, &sum, &err), LEDE_OK);
    /* Every sentence is the same: the others are near-duplicates. */
    CHECK_EQ(lede_summary_count(sum), 1);
    CHECK_EQ(lede_summary_total(sum), n);
    lede_summary_free(sum);
    lede_error_free(err);
    CHECK_EQ(lede_split(text, n * 4, NULL, &sum, NULL), LEDE_OK);
    CHECK_EQ(lede_summary_total(sum), n);
    lede_summary_free(sum);
    free(text);
}

/* Only punctuation: no sentence, said so. */
static void test_punctuation_only(void)
{
    size_t len = (4u << 20) / SCALE;
    char *text = malloc(len);
    memset(text, '!', len);
    lede_error *err = NULL;
    lede_summary *sum = NULL;
    CHECK_EQ(summarize(text, len, 0, &sum, &err), LEDE_ERR_NO_SENTENCES);
    lede_error_free(err);
    memset(text, '\n', len);
    CHECK_EQ(summarize(text, len, 0, &sum, NULL), LEDE_ERR_EMPTY_INPUT);
    free(text);
}

/* Unbalanced brackets by the million must not make splitting quadratic. */
static void test_deep_brackets(void)
{
    size_t n = (2u << 20) / SCALE;
    char *text = malloc(n + 64);
    memset(text, '(', n);
    strcpy(text + n, " Word one. Word two. Word three.");
    lede_summary *sum = NULL;
    CHECK_EQ(lede_split(text, strlen(text), NULL, &sum, NULL), LEDE_OK);
    CHECK(lede_summary_total(sum) >= 1);
    lede_summary_free(sum);
    free(text);
}

/* Random bytes: with replacement they are text of a sort; without, the
 * first invalid byte is reported. */
static void test_binary_noise(void)
{
    size_t len = (1u << 20) / SCALE;
    unsigned char *text = malloc(len);
    unsigned seed = 42;
    for (size_t i = 0; i < len; i++) {
        seed = seed * 1103515245u + 12345u;
        text[i] = (unsigned char)(seed >> 16);
    }
    lede_summary *sum = NULL;
    lede_error *err = NULL;
    lede_status st = summarize((const char *)text, len, 0, &sum, &err);
    CHECK(st == LEDE_ERR_INVALID_UTF8 || st == LEDE_ERR_NUL_BYTE);
    CHECK(err && lede_error_has_position(err));
    lede_error_free(err);
    st = summarize((const char *)text, len, LEDE_INPUT_REPLACE_INVALID, &sum, NULL);
    CHECK(st == LEDE_OK || st == LEDE_ERR_NO_SENTENCES || st == LEDE_ERR_TOO_LARGE);
    lede_summary_free(sum);
    CHECK_EQ(lede_split((const char *)text, len, NULL, &sum, NULL) != LEDE_OK, 1);
    free(text);
}

/* A NUL at the very end of a long text is found at its exact offset. */
static void test_late_nul(void)
{
    size_t len = (10u << 20) / SCALE;
    char *text = malloc(len);
    memset(text, 'a', len);
    for (size_t i = 80; i < len; i += 81)
        text[i] = '\n';
    text[len - 1] = '\0';
    lede_error *err = NULL;
    lede_summary *sum = NULL;
    CHECK_EQ(summarize(text, len, 0, &sum, &err), LEDE_ERR_NUL_BYTE);
    CHECK_EQ(lede_error_offset(err), len - 1);
    CHECK_EQ(lede_error_line(err), (len - 1) / 81 + 1);
    lede_error_free(err);
    free(text);
}

/* Regression: in a long document (sparse graph) a sentence repeated many
 * times was picked again and again, because the redundancy check read the
 * graph, which keeps only each sentence's strongest neighbours. */
static void test_long_repetitive_document(void)
{
    static const char *const sentences[] = {
        "The council approved the new budget on Monday after a long debate. ",
        "Teachers welcomed the extra money for schools across the region. ",
        "Rivers rose quickly after three days of heavy rain in the north. ",
        "Engineers closed two bridges while the water kept rising. ",
    };
    size_t copies = 400;
    size_t cap = copies * 4 * 80, len = 0;
    char *text = malloc(cap);
    for (size_t c = 0; c < copies; c++)
        for (size_t k = 0; k < 4; k++) {
            size_t n = strlen(sentences[k]);
            memcpy(text + len, sentences[k], n);
            len += n;
        }
    lede_summary *sum = NULL;
    CHECK_EQ(summarize(text, len, 0, &sum, NULL), LEDE_OK);
    CHECK_EQ(lede_summary_total(sum), copies * 4);
    size_t count = lede_summary_count(sum);
    CHECK(count >= 1 && count <= 4);
    for (size_t i = 0; i < count; i++)
        for (size_t k = i + 1; k < count; k++)
            CHECK(strcmp(lede_summary_sentence(sum, i)->text, lede_summary_sentence(sum, k)->text) != 0);
    lede_summary_free(sum);
    free(text);
}

int main(void)
{
    test_long_repetitive_document();
    test_giant_word();
    test_terminator_flood();
    test_punctuation_only();
    test_deep_brackets();
    test_binary_noise();
    test_late_nul();
    test_huge_line();
    return harness_finish();
}
