/* test_rouge_cases.c - ROUGE-1.5.5 rules beyond the fixtures' flag sets,
 * each value worked out by hand from the script's code: -f B (and its tie
 * rule), -p, -n up to 9, -2 with other distances and without -U, -u, -x,
 * -l/-b edge cases (the LCS-side -b quirk), LCS union and clipping, the
 * bootstrap's index arithmetic with few resamples, print order, metric
 * names, and the API's errors. Texts are written "sentence|sentence". */
#define _DEFAULT_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "lede.h"

#define MAX_SENT 16

typedef struct text_buf {
    char *copy;
    const char *sent[MAX_SENT];
    lede_rouge_text text;
} text_buf;

static void split_text(const char *s, text_buf *b)
{
    b->copy = strdup(s);
    size_t n = 0;
    if (*s) {
        char *p = b->copy;
        for (;;) {
            b->sent[n++] = p;
            char *bar = strchr(p, '|');
            if (!bar)
                break;
            *bar = '\0';
            p = bar + 1;
        }
    }
    b->text = (lede_rouge_text){b->sent, NULL, n};
}

static lede_rouge *scorer(const char *flags)
{
    char *copy = strdup(flags);
    char *argv[32];
    int argc = 0;
    for (char *t = strtok(copy, " "); t && argc < 32; t = strtok(NULL, " "))
        argv[argc++] = t;
    lede_rouge_options *o = lede_rouge_options_new();
    lede_error *err = NULL;
    CHECK_MSG(lede_rouge_options_parse(o, argc, argv, NULL, &err) == LEDE_OK, "%s: %s", flags,
              lede_error_message(err));
    lede_error_free(err);
    lede_rouge *r = NULL;
    CHECK(lede_rouge_new(o, &r, NULL) == LEDE_OK);
    lede_rouge_options_free(o);
    free(copy);
    return r;
}

static lede_status add(lede_rouge *r, const char *eval_id, const char *cand, const char *ref1,
                       const char *ref2)
{
    text_buf c, refs[2];
    split_text(cand, &c);
    split_text(ref1, &refs[0]);
    size_t n = 1;
    if (ref2) {
        split_text(ref2, &refs[1]);
        n = 2;
    }
    lede_rouge_text texts[2] = {refs[0].text, n == 2 ? refs[1].text : refs[0].text};
    lede_status st = lede_rouge_add(r, eval_id, NULL, &c.text, texts, n, NULL);
    free(c.copy);
    for (size_t i = 0; i < n; i++)
        free(refs[i].copy);
    return st;
}

/* The script's %7.5f of a fraction. */
static double r5(double x)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.5f", x);
    return strtod(buf, NULL);
}

static double f_of(double p, double r, double alpha)
{
    double den = (1 - alpha) * p + alpha * r;
    return den > 0 ? r5(p * r / den) : 0;
}

static void expect(lede_rouge *r, size_t doc, const char *metric, double want_r, double want_p,
                   double alpha, const char *what)
{
    size_t m = lede_rouge_metric_find(r, metric);
    if (!CHECK_MSG(m != (size_t)-1, "%s: no metric %s", what, metric))
        return;
    lede_rouge_score s;
    CHECK(lede_rouge_doc_score(r, doc, m, &s) == LEDE_OK);
    double wr = r5(want_r), wp = r5(want_p), wf = f_of(wp, wr, alpha);
    CHECK_MSG(s.recall == wr && s.precision == wp && s.f == wf,
              "%s %s: got R %.5f P %.5f F %.5f, want %.5f %.5f %.5f", what, metric, s.recall,
              s.precision, s.f, wr, wp, wf);
}

static lede_rouge *one(const char *flags, const char *cand, const char *ref1, const char *ref2)
{
    lede_rouge *r = scorer(flags);
    CHECK_MSG(add(r, NULL, cand, ref1, ref2) == LEDE_OK, "add with %s", flags);
    return r;
}

static void test_basic_measures(void)
{
    /* cand a b c d / ref a b e d: unigrams a b d; bigram ab; LCS a b d. */
    lede_rouge *r = one("-n 2 -2 1 -U", "a b c d", "a b e d", NULL);
    expect(r, 0, "ROUGE-1", 3.0 / 4, 3.0 / 4, 0.5, "basic");
    expect(r, 0, "ROUGE-2", 1.0 / 3, 1.0 / 3, 0.5, "basic");
    expect(r, 0, "ROUGE-L", 3.0 / 4, 3.0 / 4, 0.5, "basic");
    /* -2 1: pairs at most 1 token apart: cand ab ac bc bd cd, ref ab ae be bd ed. */
    expect(r, 0, "ROUGE-S1", 2.0 / 5, 2.0 / 5, 0.5, "basic");
    /* SU adds the unigrams but the last: a b c / a b e. */
    expect(r, 0, "ROUGE-SU1", 4.0 / 8, 4.0 / 8, 0.5, "basic");
    lede_rouge_free(r);

    /* No gap limit: all 6 pairs each side, ab ad bd shared. */
    r = one("-2 -1", "a b c d", "a b e d", NULL);
    expect(r, 0, "ROUGE-S*", 3.0 / 6, 3.0 / 6, 0.5, "unlimited");
    CHECK_EQ(lede_rouge_metric_count(r), 2); /* ROUGE-L, ROUGE-S* */
    lede_rouge_free(r);

    /* -u alone: only SU. */
    r = one("-x -2 1 -u", "a b c d", "a b e d", NULL);
    CHECK_EQ(lede_rouge_metric_count(r), 1);
    expect(r, 0, "ROUGE-SU1", 4.0 / 8, 4.0 / 8, 0.5, "-u");
    lede_rouge_free(r);

    /* ROUGE-W-1.2: marks at ref 0,1,3: runs of 2 and 1. */
    r = one("-x -w 1.2", "a b c d", "a b e d", NULL);
    double w = 1.2, hit = pow(2, w) + pow(1, w);
    double base = pow(4, w);
    expect(r, 0, "ROUGE-W-1.2", pow(hit / pow(base, w), 1 / w), pow(hit / pow(4, w), 1 / w),
           0.5, "wlcs");
    lede_rouge_free(r);

    /* One token: no skip bigram and no SU unit (the last token has none). */
    r = one("-n 1 -2 4 -U", "a", "a", NULL);
    expect(r, 0, "ROUGE-1", 1, 1, 0.5, "one token");
    expect(r, 0, "ROUGE-S4", 0, 0, 0.5, "one token");
    expect(r, 0, "ROUGE-SU4", 0, 0, 0.5, "one token");
    lede_rouge_free(r);
}

static void test_ngram_sizes(void)
{
    lede_rouge *r = one("-n 9", "a b c d e f g h i j", "a b c d e f g h i j", NULL);
    for (unsigned n = 1; n <= 9; n++) {
        char name[16];
        snprintf(name, sizeof name, "ROUGE-%u", n);
        expect(r, 0, name, 1, 1, 0.5, "identical");
    }
    lede_rouge_free(r);
    /* Five tokens: no 6-gram on either side gives 0, not a division. */
    r = one("-n 9", "a b c d e", "a b c d e f", NULL);
    expect(r, 0, "ROUGE-5", 1.0 / 2, 1, 0.5, "short");
    expect(r, 0, "ROUGE-6", 0, 0, 0.5, "short");
    expect(r, 0, "ROUGE-9", 0, 0, 0.5, "short");
    lede_rouge_free(r);
}

static void test_references(void)
{
    /* -f A pools: (1 + 2) / (3 + 4), P = 3 / (2 * 3). */
    lede_rouge *r = one("-n 1 -f A", "a b c", "a x y", "a b z w");
    expect(r, 0, "ROUGE-1", 3.0 / 7, 3.0 / 6, 0.5, "-f A");
    lede_rouge_free(r);
    /* Any other value averages, as the script's else branch does ("b" too). */
    r = one("-n 1 -f b", "a b c", "a x y", "a b z w");
    expect(r, 0, "ROUGE-1", 3.0 / 7, 3.0 / 6, 0.5, "-f b");
    lede_rouge_free(r);
    /* -f B keeps the reference with the best recall (2/4 > 1/3). */
    r = one("-n 1 -f B", "a b c", "a x y", "a b z w");
    expect(r, 0, "ROUGE-1", 2.0 / 4, 2.0 / 3, 0.5, "-f B");
    lede_rouge_free(r);
    /* Tie on the rounded recall (1/2 and 2/4): the first reference stays. */
    r = one("-n 1 -f B", "a b c", "a q", "a b q r");
    expect(r, 0, "ROUGE-1", 1.0 / 2, 1.0 / 3, 0.5, "-f B tie");
    lede_rouge_free(r);
    /* LCS: union over candidate sentences; clipping by unigram counts. */
    r = one("-x -n 1", "", "a", NULL);
    lede_rouge_free(r);
    r = scorer("");
    CHECK(add(r, NULL, "a b|c d", "a b c d", NULL) == LEDE_OK);
    expect(r, 0, "ROUGE-L", 1, 1, 0.5, "union");
    CHECK(add(r, NULL, "a", "a a", NULL) == LEDE_OK);
    expect(r, 1, "ROUGE-L", 1.0 / 2, 1, 0.5, "clipped");
    /* Order matters to an LCS, not to unigrams. */
    CHECK(add(r, NULL, "d c b a", "a b c d", NULL) == LEDE_OK);
    expect(r, 2, "ROUGE-L", 1.0 / 4, 1.0 / 4, 0.5, "reversed");
    lede_rouge_free(r);
}

static void test_alpha(void)
{
    /* R = 1, P = 2/3: alpha 0 gives F = R, alpha 1 gives F = P. */
    lede_rouge *r = one("-n 1 -p 0", "a b c", "a b", NULL);
    expect(r, 0, "ROUGE-1", 1, 2.0 / 3, 0, "-p 0");
    lede_rouge_score s;
    lede_rouge_doc_score(r, 0, lede_rouge_metric_find(r, "ROUGE-1"), &s);
    CHECK(s.f == 1.0);
    lede_rouge_free(r);
    r = one("-n 1 -p 1", "a b c", "a b", NULL);
    lede_rouge_doc_score(r, 0, lede_rouge_metric_find(r, "ROUGE-1"), &s);
    CHECK(s.f == r5(2.0 / 3));
    lede_rouge_free(r);
    r = one("-n 1 -p 0.2", "a b c", "a b", NULL);
    expect(r, 0, "ROUGE-1", 1, 2.0 / 3, 0.2, "-p 0.2");
    lede_rouge_free(r);
}

static void test_length_limits(void)
{
    /* -l 3: a leading space makes an empty first word: "", a, b. */
    lede_rouge *r = one("-n 1 -l 3", "  a b|c d", "a b c d", NULL);
    expect(r, 0, "ROUGE-1", 2.0 / 3, 1, 0.5, "-l leading space");
    lede_rouge_free(r);
    /* -l 3: "a b" fits (2 < 3), then "c d" is cut to one word. */
    r = one("-n 1 -l 3", "a b|c d", "a b c", NULL);
    expect(r, 0, "ROUGE-1", 1, 1, 0.5, "-l cut");
    lede_rouge_free(r);
    /* Words are split on white space only: "U.S.-led" is one word (3 tokens). */
    r = one("-n 1 -l 2", "U.S.-led forces moved", "u.s.-led forces", NULL);
    expect(r, 0, "ROUGE-1", 4.0 / 4, 4.0 / 4, 0.5, "-l word");
    lede_rouge_free(r);
    /* -b 8: n-gram side "abcdef" + "gh"; the LCS side keeps "ghij" whole
     * (the script never advances its byte count there) and the reference's
     * second sentence "ghij xyz" (8 bytes, cut to 8). ROUGE-L counts
     * abcdef only (ghij has no unigram count on the n-gram side), over a
     * base of 3 LCS-side tokens. */
    r = one("-n 1 -b 8", "abcdef|ghij", "abcdef|ghij xyz", NULL);
    expect(r, 0, "ROUGE-1", 1, 1, 0.5, "-b ngram");
    expect(r, 0, "ROUGE-L", 1.0 / 3, 1.0 / 2, 0.5, "-b lcs quirk");
    lede_rouge_free(r);
    /* -b cuts inside a word. */
    r = one("-n 1 -b 3", "abcdef", "abc", NULL);
    expect(r, 0, "ROUGE-1", 1, 1, 0.5, "-b cut word");
    lede_rouge_free(r);
}

static void test_tokens_and_stems(void)
{
    /* -m: a WordNet lemma is not stemmed again: mice -> mouse, mouse -> mous. */
    lede_rouge *r = one("-n 1 -m", "mice", "mouse", NULL);
    expect(r, 0, "ROUGE-1", 0, 0, 0.5, "mice/mouse");
    lede_rouge_free(r);
    r = one("-n 1 -m", "best", "well", NULL);
    expect(r, 0, "ROUGE-1", 1, 1, 0.5, "best/well");
    lede_rouge_free(r);
    /* Tokens of 3 bytes or fewer are never stemmed. */
    r = one("-n 1 -m", "ran", "run", NULL);
    expect(r, 0, "ROUGE-1", 0, 0, 0.5, "ran/run");
    lede_rouge_free(r);
    /* -s drops stopwords (the, a) before anything else. */
    r = one("-n 1 -s", "The cat", "a cat", NULL);
    expect(r, 0, "ROUGE-1", 1, 1, 0.5, "-s");
    lede_rouge_free(r);
    /* Bytes, not characters: Zürich is "z rich". */
    r = one("-n 1", "Z\xc3\xbcrich", "z rich", NULL);
    expect(r, 0, "ROUGE-1", 1, 1, 0.5, "bytes");
    lede_rouge_free(r);
    /* NUL bytes are bytes like any other non-alphanumeric one: separators. */
    const char nul_sent[] = "a\0b";
    const char *nul_ptr[1] = {nul_sent};
    size_t nul_len[1] = {3};
    const char *ab_ptr[1] = {"a b"};
    lede_rouge_text nul_text = {nul_ptr, nul_len, 1}, ab_text = {ab_ptr, NULL, 1};
    r = scorer("-n 2");
    CHECK(lede_rouge_add(r, NULL, NULL, &nul_text, &ab_text, 1, NULL) == LEDE_OK);
    expect(r, 0, "ROUGE-2", 1, 1, 0.5, "NUL byte");
    lede_rouge_free(r);
    /* The Unicode extension reads it as one word, and CJK per character. */
    lede_rouge_options *o = lede_rouge_options_new();
    lede_rouge_options_set_max_ngram(o, 1);
    lede_rouge_options_set_tokenizer(o, LEDE_ROUGE_TOKENIZE_UNICODE);
    CHECK(lede_rouge_new(o, &r, NULL) == LEDE_OK);
    CHECK(add(r, NULL, "Z\xc3\xbcrich \xe5\x8c\x97\xe4\xba\xac", "ZU\xcc\x88RICH \xe5\x8c\x97",
              NULL) == LEDE_OK);
    expect(r, 0, "ROUGE-1", 1, 2.0 / 3, 0.5, "unicode");
    CHECK(add(r, NULL, "ok", "caf\xff", NULL) == LEDE_ERR_INVALID_UTF8);
    lede_rouge_free(r);
    lede_rouge_options_free(o);
}

static void test_bootstrap(void)
{
    /* One document: every resample is that document. */
    lede_rouge *r = one("-n 1", "a b c d", "a b", NULL);
    CHECK(lede_rouge_compute(r, NULL) == LEDE_OK);
    lede_rouge_overall o;
    CHECK(lede_rouge_overall_score(r, 0, 0, &o) == LEDE_OK);
    CHECK(o.recall == 1 && o.recall_low == 1 && o.recall_high == 1 && o.precision == 0.5);
    lede_rouge_free(r);
    /* -r 1: delta = 0.025, both bounds read A[0] + (A[1] - A[0]) * -0.025
     * with A[1] past the end (0): 1.025 times the value. */
    r = one("-n 1 -r 1", "a b c d", "a b", NULL);
    CHECK(lede_rouge_compute(r, NULL) == LEDE_OK);
    CHECK(lede_rouge_overall_score(r, 0, 0, &o) == LEDE_OK);
    CHECK_MSG(o.precision == 0.5 && o.precision_low == r5(0.5 * 1.025) &&
                  o.precision_high == r5(0.5 * 1.025),
              "-r 1: %.5f %.5f %.5f", o.precision, o.precision_low, o.precision_high);
    lede_rouge_free(r);
    /* -c 0: lower = A[r/2], upper = A[r/2 - 1]; -c 100: A[0] and A[r-1]. */
    r = scorer("-n 1 -c 100");
    CHECK(add(r, NULL, "a", "a", NULL) == LEDE_OK);
    CHECK(add(r, NULL, "a", "b", NULL) == LEDE_OK);
    CHECK(lede_rouge_compute(r, NULL) == LEDE_OK);
    CHECK(lede_rouge_overall_score(r, 0, 0, &o) == LEDE_OK);
    CHECK_MSG(o.recall_low == 0 && o.recall_high == 1, "-c 100: %.5f %.5f", o.recall_low,
              o.recall_high);
    CHECK(o.recall > 0.4 && o.recall < 0.6);
    CHECK_STR(lede_rouge_confidence_label(r), "100");
    lede_rouge_free(r);
}

static void test_order_and_names(void)
{
    /* Print order: numbers first by value, then text. */
    lede_rouge *r = scorer("-n 1");
    CHECK(add(r, "abc", "a", "a", NULL) == LEDE_OK);
    CHECK(add(r, "10", "a", "a", NULL) == LEDE_OK);
    CHECK(add(r, "9", "a", "a", NULL) == LEDE_OK);
    CHECK(lede_rouge_compute(r, NULL) == LEDE_OK);
    CHECK_STR(lede_rouge_doc_eval_id(r, lede_rouge_peer_doc(r, 0, 0)), "9");
    CHECK_STR(lede_rouge_doc_eval_id(r, lede_rouge_peer_doc(r, 0, 1)), "10");
    CHECK_STR(lede_rouge_doc_eval_id(r, lede_rouge_peer_doc(r, 0, 2)), "abc");
    /* Errors: a second document with the same IDs, no reference. */
    CHECK(add(r, "9", "a", "a", NULL) == LEDE_ERR_INVALID_ARGUMENT);
    text_buf c;
    split_text("a", &c);
    lede_error *err = NULL;
    CHECK(lede_rouge_add(r, "x", "P", &c.text, NULL, 0, &err) == LEDE_ERR_INVALID_ARGUMENT);
    CHECK(err && strstr(lede_error_message(err), "x.P has no reference"));
    lede_error_free(err);
    free(c.copy);
    CHECK_EQ(lede_rouge_doc_count(r), 3);
    lede_rouge_free(r);

    /* Names as the script prints them, the flag text kept as given. */
    r = scorer("-n 2 -x -w 1.50 -2 03 -U");
    const char *want[] = {"ROUGE-1", "ROUGE-2", "ROUGE-W-1.50", "ROUGE-S03", "ROUGE-SU03"};
    CHECK_EQ(lede_rouge_metric_count(r), 5);
    for (size_t i = 0; i < 5; i++)
        CHECK_STR(lede_rouge_metric_name(r, i), want[i]);
    lede_rouge_free(r);
    r = scorer("-2 4 -u -U");
    CHECK_EQ(lede_rouge_metric_count(r), 2);
    CHECK_STR(lede_rouge_metric_name(r, 1), "ROUGE-SU4");
    lede_rouge_free(r);
    r = scorer("");
    CHECK_EQ(lede_rouge_metric_count(r), 1);
    CHECK_STR(lede_rouge_metric_name(r, 0), "ROUGE-L");
    lede_rouge_free(r);
    /* Typed setters name metrics the same way. */
    lede_rouge_options *o = lede_rouge_options_new();
    lede_rouge_options_set_max_ngram(o, 1);
    lede_rouge_options_set_wlcs(o, 1.2);
    lede_rouge_options_set_skip_bigram(o, LEDE_ROUGE_SKIP_BOTH, 4);
    CHECK(lede_rouge_options_set_max_ngram(o, 10) == LEDE_ERR_INVALID_ARGUMENT);
    CHECK(lede_rouge_options_set_alpha(o, 1.5) == LEDE_ERR_INVALID_ARGUMENT);
    CHECK(lede_rouge_options_set_resamples(o, 0) == LEDE_ERR_INVALID_ARGUMENT);
    lede_rouge_new(o, &r, NULL);
    const char *want2[] = {"ROUGE-1", "ROUGE-L", "ROUGE-W-1.2", "ROUGE-S4", "ROUGE-SU4"};
    CHECK_EQ(lede_rouge_metric_count(r), 5);
    for (size_t i = 0; i < 5; i++)
        CHECK_STR(lede_rouge_metric_name(r, i), want2[i]);
    lede_rouge_free(r);
    /* Flag parsing: clusters, attached values, "--", errors. */
    char *argv[] = {"-mas", "-n4", "-2", "-1", "--", "config.xml"};
    int first = -1;
    CHECK(lede_rouge_options_parse(o, 6, argv, &first, NULL) == LEDE_OK);
    CHECK_EQ(first, 5);
    char *bad[] = {"-l", "5", "-b", "5"};
    CHECK(lede_rouge_options_parse(o, 4, bad, NULL, NULL) == LEDE_ERR_INVALID_ARGUMENT);
    /* Both flags are refused whatever their values, in either order. */
    char *zero_first[][4] = {{"-b", "0", "-l", "3"}, {"-l", "0", "-b", "10"}};
    for (int i = 0; i < 2; i++) {
        lede_rouge_options *fresh = lede_rouge_options_new();
        CHECK_MSG(lede_rouge_options_parse(fresh, 4, zero_first[i], NULL, NULL) ==
                      LEDE_ERR_INVALID_ARGUMENT,
                  "%s %s %s %s", zero_first[i][0], zero_first[i][1], zero_first[i][2],
                  zero_first[i][3]);
        lede_rouge_options_free(fresh);
    }
    /* A typed setter replaces the limit, its kind too: -b after it is fine. */
    lede_rouge_options *mixed = lede_rouge_options_new();
    char *words[] = {"-l", "5"}, *bytes[] = {"-b", "20"};
    CHECK(lede_rouge_options_parse(mixed, 2, words, NULL, NULL) == LEDE_OK);
    lede_rouge_options_set_byte_limit(mixed, 10);
    CHECK(lede_rouge_options_parse(mixed, 2, bytes, NULL, NULL) == LEDE_OK);
    lede_rouge_options_free(mixed);
    lede_rouge_options *twice = lede_rouge_options_new();
    char *same[] = {"-l", "3", "-l", "4"};
    CHECK(lede_rouge_options_parse(twice, 4, same, NULL, NULL) == LEDE_OK);
    lede_rouge_options_free(twice);
    char *decimals[] = {"-n", "4.0", "-r", "200.0", "-2", "3.0"};
    CHECK(lede_rouge_options_parse(o, 6, decimals, NULL, NULL) == LEDE_OK);
    char *fraction[] = {"-n", "2.5"};
    CHECK(lede_rouge_options_parse(o, 2, fraction, NULL, NULL) == LEDE_ERR_INVALID_ARGUMENT);
    char *missing[] = {"-n"};
    CHECK(lede_rouge_options_parse(o, 1, missing, NULL, NULL) == LEDE_ERR_INVALID_ARGUMENT);
    char *unsupported[] = {"-M"};
    CHECK(lede_rouge_options_parse(o, 1, unsupported, NULL, NULL) == LEDE_ERR_INVALID_ARGUMENT);
    lede_rouge_options_free(o);
    lede_rouge_options_free(NULL);
    lede_rouge_free(NULL);
}

/* The metric names of a scorer made from `o` (after -w and -2, whose
 * values they spell), "|"-separated, in `buf`. */
static void metric_names(const lede_rouge_options *o, char *buf, size_t size)
{
    lede_rouge *r = NULL;
    buf[0] = '\0';
    if (!CHECK(lede_rouge_new(o, &r, NULL) == LEDE_OK))
        return;
    for (size_t m = 0; m < lede_rouge_metric_count(r); m++) {
        strncat(buf, lede_rouge_metric_name(r, m), size - strlen(buf) - 1);
        strncat(buf, "|", size - strlen(buf) - 1);
    }
    lede_rouge_free(r);
}

/* A flag refused leaves the options as they were: -c, -w and -2 keep their
 * value's text for the metrics' names, and a text too long for it was
 * refused only after the number was set (a -c of 50.000...01 ran the
 * bootstrap at 50% under the label 95; -w gave a metric "ROUGE-W-"). */
static void test_refused_flag_changes_nothing(void)
{
    lede_rouge_options *o = lede_rouge_options_new();
    char before[512], after[512];
    CHECK(lede_rouge_options_set_flag(o, 'n', "1", NULL) == LEDE_OK);
    metric_names(o, before, sizeof before);
    const char *long_number = "50.00000000000000000000000000000001";
    const char flags[] = {'c', 'w', '2'};
    for (size_t i = 0; i < sizeof flags; i++) {
        lede_error *err = NULL;
        CHECK_MSG(lede_rouge_options_set_flag(o, flags[i], long_number, &err) ==
                      LEDE_ERR_INVALID_ARGUMENT,
                  "-%c", flags[i]);
        CHECK(err && strstr(lede_error_message(err), "too long"));
        lede_error_free(err);
    }
    metric_names(o, after, sizeof after);
    CHECK_STR(after, before);
    /* The bootstrap still runs at 95%: five documents of different scores
     * give other intervals at 50%. */
    const char *candidates[] = {"a b c d", "a b c x", "a b x y", "a x y z", "w x y z"};
    lede_rouge_options *at95 = lede_rouge_options_new();
    lede_rouge_options_set_flag(at95, 'n', "1", NULL);
    lede_rouge_options *at50 = lede_rouge_options_new();
    lede_rouge_options_set_flag(at50, 'n', "1", NULL);
    lede_rouge_options_set_confidence(at50, 50);
    lede_rouge_options *sets[] = {o, at95, at50};
    lede_rouge_overall overall[3];
    for (size_t k = 0; k < 3; k++) {
        lede_rouge *r = NULL;
        CHECK(lede_rouge_new(sets[k], &r, NULL) == LEDE_OK);
        for (size_t d = 0; d < 5; d++) {
            text_buf c, ref;
            split_text(candidates[d], &c);
            split_text("a b c d", &ref);
            CHECK(lede_rouge_add(r, NULL, NULL, &c.text, &ref.text, 1, NULL) == LEDE_OK);
            free(c.copy);
            free(ref.copy);
        }
        CHECK(lede_rouge_compute(r, NULL) == LEDE_OK);
        CHECK(lede_rouge_overall_score(r, 0, lede_rouge_metric_find(r, "ROUGE-1"),
                                       &overall[k]) == LEDE_OK);
        lede_rouge_free(r);
    }
    CHECK(memcmp(&overall[0], &overall[1], sizeof overall[0]) == 0);
    CHECK(overall[2].recall_low != overall[1].recall_low);
    lede_rouge_options_free(at95);
    lede_rouge_options_free(at50);
    lede_rouge_options_free(o);
}

/* The last length limit set counts, a flag after a typed setter too (the
 * script's refusal of -l with -b is for the two flags). */
static void test_flag_after_typed_limit(void)
{
    text_buf c, ref;
    split_text("c b a", &c);
    split_text("a b c", &ref);
    lede_rouge_options *o = lede_rouge_options_new();
    lede_rouge_options_set_flag(o, 'n', "1", NULL);
    lede_rouge_options_set_byte_limit(o, 10);
    char *words[] = {"-l", "1"};
    CHECK(lede_rouge_options_parse(o, 2, words, NULL, NULL) == LEDE_OK);
    lede_rouge *r = NULL;
    CHECK(lede_rouge_new(o, &r, NULL) == LEDE_OK);
    CHECK(lede_rouge_add(r, NULL, NULL, &c.text, &ref.text, 1, NULL) == LEDE_OK);
    /* One word each: "c" against "a". */
    expect(r, 0, "ROUGE-1", 0, 0, 0.5, "-l 1 after a byte limit");
    lede_rouge_free(r);
    lede_rouge_options_set_word_limit(o, 1);
    lede_rouge_options_set_byte_limit(o, 10);
    CHECK(lede_rouge_new(o, &r, NULL) == LEDE_OK);
    CHECK(lede_rouge_add(r, NULL, NULL, &c.text, &ref.text, 1, NULL) == LEDE_OK);
    expect(r, 0, "ROUGE-1", 1, 1, 0.5, "a byte limit after a word limit");
    lede_rouge_free(r);
    lede_rouge_options_free(o);
    free(c.copy);
    free(ref.copy);
}

/* A configuration file that cannot be read is an error with the path and
 * the reason, and nothing is printed: libxml2's own file reading printed
 * "I/O warning : failed to load external entity" on stderr. */
static void test_unreadable_config_prints_nothing(void)
{
    char dir[] = "/tmp/lede-rouge-config-XXXXXX";
    if (!CHECK(mkdtemp(dir) != NULL))
        return;
    char missing[64];
    snprintf(missing, sizeof missing, "%s/none.xml", dir);
    const char *paths[] = {missing, dir};
    const char *reasons[] = {"cannot open", "cannot read"};
    fflush(stderr);
    int saved = dup(2);
    FILE *captured = tmpfile();
    if (!CHECK(saved >= 0 && captured && dup2(fileno(captured), 2) == 2)) {
        if (saved >= 0)
            close(saved);
        if (captured)
            fclose(captured);
        rmdir(dir);
        return;
    }
    lede_status st[2];
    char *messages[2];
    for (int i = 0; i < 2; i++) {
        lede_rouge *r = scorer("-n 1");
        lede_error *err = NULL;
        st[i] = lede_rouge_add_config(r, paths[i], NULL, &err);
        messages[i] = strdup(lede_error_message(err));
        lede_error_free(err);
        lede_rouge_free(r);
    }
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    fseek(captured, 0, SEEK_END);
    long printed = ftell(captured);
    fclose(captured);
    CHECK_EQ(printed, 0);
    for (int i = 0; i < 2; i++) {
        CHECK(st[i] == LEDE_ERR_INVALID_ARGUMENT);
        CHECK_MSG(messages[i] && strstr(messages[i], reasons[i]) && strstr(messages[i], paths[i]),
                  "%s: %s", paths[i], messages[i] ? messages[i] : "(null)");
        free(messages[i]);
    }
    rmdir(dir);
}

static void test_empty_reference(void)
{
    /* With ROUGE-W the script dies on a token-less reference. */
    lede_rouge *r = scorer("-n 1 -w 1.2");
    lede_error *err = NULL;
    text_buf c, ref;
    split_text("a b", &c);
    split_text("...", &ref);
    CHECK(lede_rouge_add(r, NULL, NULL, &c.text, &ref.text, 1, &err) == LEDE_ERR_EMPTY_INPUT);
    CHECK(err && strstr(lede_error_message(err), "000001.C: reference 1 has no token"));
    lede_error_free(err);
    CHECK_EQ(lede_rouge_doc_count(r), 0);
    lede_rouge_free(r);
    lede_rouge_options *o = lede_rouge_options_new();
    lede_rouge_options_set_flag(o, 'n', "1", NULL);
    lede_rouge_options_set_flag(o, 'w', "1.2", NULL);
    lede_rouge_options_set_empty_reference(o, LEDE_ROUGE_EMPTY_REFERENCE_ZERO);
    CHECK(lede_rouge_new(o, &r, NULL) == LEDE_OK);
    CHECK(lede_rouge_add(r, NULL, NULL, &c.text, &ref.text, 1, NULL) == LEDE_OK);
    expect(r, 0, "ROUGE-W-1.2", 0, 0, 0.5, "zero");
    expect(r, 0, "ROUGE-1", 0, 0, 0.5, "zero");
    lede_rouge_free(r);
    lede_rouge_options_free(o);
    /* Without ROUGE-W the script scores it: nothing to recall, nothing hit. */
    r = scorer("-n 1");
    CHECK(lede_rouge_add(r, NULL, NULL, &c.text, &ref.text, 1, NULL) == LEDE_OK);
    expect(r, 0, "ROUGE-1", 0, 0, 0.5, "no -w");
    lede_rouge_free(r);
    free(c.copy);
    free(ref.copy);
}

/* Random bytes (NUL and invalid UTF-8 included) under many flag sets: a
 * result or a clear error, never a crash (run under ASan/UBSan too). */
static void test_random_bytes(void)
{
    static const char *flag_sets[] = {"-n 4 -w 1.2 -2 4 -U -m -s", "-n 2 -l 3 -f B -2 -1 -u",
                                      "-n 1 -b 7 -w 2 -x", "-n 9 -m -b 40 -2 0 -U"};
    uint64_t seed = 12345;
    char buf[6][96];
    for (size_t f = 0; f < 4; f++) {
        for (int unicode = 0; unicode < 2; unicode++) {
            lede_rouge *r = scorer(flag_sets[f]);
            lede_rouge_options *o = lede_rouge_options_new();
            char *copy = strdup(flag_sets[f]);
            char *argv[16];
            int argc = 0;
            for (char *t = strtok(copy, " "); t; t = strtok(NULL, " "))
                argv[argc++] = t;
            lede_rouge_options_parse(o, argc, argv, NULL, NULL);
            lede_rouge_options_set_tokenizer(o, unicode ? LEDE_ROUGE_TOKENIZE_UNICODE
                                                        : LEDE_ROUGE_TOKENIZE_ROUGE155);
            lede_rouge_options_set_empty_reference(o, LEDE_ROUGE_EMPTY_REFERENCE_ZERO);
            lede_rouge_free(r);
            CHECK(lede_rouge_new(o, &r, NULL) == LEDE_OK);
            size_t added = 0;
            for (int pair = 0; pair < 60; pair++) {
                const char *ptr[6];
                size_t len[6];
                for (int k = 0; k < 6; k++) {
                    len[k] = 0;
                    size_t n = (size_t)(seed >> 59) * 6;
                    for (size_t i = 0; i < n; i++) {
                        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
                        unsigned char c = (unsigned char)(seed >> 56);
                        /* Mostly letters and spaces, so that words repeat. */
                        buf[k][i] = (char)(c < 96 ? 'a' + c % 4 : c < 160 ? ' ' : c);
                    }
                    len[k] = n;
                    ptr[k] = buf[k];
                }
                lede_rouge_text cand = {ptr, len, 2};
                lede_rouge_text refs[2] = {{ptr + 2, len + 2, 2}, {ptr + 4, len + 4, 2}};
                lede_error *err = NULL;
                lede_status st = lede_rouge_add(r, NULL, NULL, &cand, refs, 2, &err);
                CHECK_MSG(st == LEDE_OK || (unicode && st == LEDE_ERR_INVALID_UTF8),
                          "random pair %d [%s]: %s", pair, flag_sets[f],
                          lede_error_message(err));
                added += st == LEDE_OK;
                lede_error_free(err);
            }
            CHECK(lede_rouge_compute(r, NULL) == LEDE_OK);
            CHECK_EQ(lede_rouge_doc_count(r), added);
            for (size_t d = 0; d < added; d++)
                for (size_t m = 0; m < lede_rouge_metric_count(r); m++) {
                    lede_rouge_score sc;
                    lede_rouge_doc_score(r, d, m, &sc);
                    CHECK(sc.recall >= 0 && sc.recall <= 1 && sc.precision >= 0 &&
                          sc.precision <= 1 && sc.f >= 0 && sc.f <= 1);
                }
            lede_rouge_free(r);
            lede_rouge_options_free(o);
            free(copy);
        }
    }
}

int main(void)
{
    test_basic_measures();
    test_ngram_sizes();
    test_references();
    test_alpha();
    test_length_limits();
    test_refused_flag_changes_nothing();
    test_flag_after_typed_limit();
    test_unreadable_config_prints_nothing();
    test_tokens_and_stems();
    test_bootstrap();
    test_order_and_names();
    test_empty_reference();
    test_random_bytes();
    return harness_finish();
}
