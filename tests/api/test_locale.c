/* test_locale.c - a program that sets a locale whose decimal point is ','
 * gets the same option parsing, option descriptions and ROUGE scores as
 * one in the C locale: lede reads and writes numbers in the C locale. One
 * in Turkish, where 'I' folds to a dotless 'ı', gets the same languages and
 * charsets by name: lede compares names folding ASCII only. The locales are
 * built by the test's fixture (localedef into the build folder, LOCPATH);
 * without them the test fails, never skips. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lede.h"

/* ROUGE-1, -2, -W-1.2, -L and -SU4 of one candidate against two
 * references, printed with %.5f in the C locale: an order-independent
 * fingerprint of every score. */
static void rouge_scores(char *out, size_t size)
{
    static const char *cand[] = {"the cat sat on the mat today",
                                 "a dog barked at the cat twice"};
    static const char *ref1[] = {"the cat was sitting on the mat",
                                 "the dog barked at it"};
    static const char *ref2[] = {"today a cat sat on a mat", "and a dog barked twice"};
    size_t cl[] = {strlen(cand[0]), strlen(cand[1])};
    size_t r1l[] = {strlen(ref1[0]), strlen(ref1[1])};
    size_t r2l[] = {strlen(ref2[0]), strlen(ref2[1])};
    lede_rouge_text c = {cand, cl, 2};
    lede_rouge_text refs[] = {{ref1, r1l, 2}, {ref2, r2l, 2}};
    char *argv[] = {"-n", "2", "-w", "1.2", "-2", "4", "-u", "-p", "0.25", "-c", "95"};
    lede_rouge_options *o = lede_rouge_options_new();
    lede_error *err = NULL;
    out[0] = '\0';
    lede_status st = lede_rouge_options_parse(o, 11, argv, NULL, &err);
    CHECK_MSG(st == LEDE_OK, "ROUGE flags: %s", lede_error_message(err));
    lede_error_free(err);
    err = NULL;
    lede_rouge *r = NULL;
    if (st == LEDE_OK && CHECK(lede_rouge_new(o, &r, &err) == LEDE_OK) &&
        CHECK(lede_rouge_add(r, "d1", "p1", &c, refs, 2, &err) == LEDE_OK)) {
        size_t used = 0;
        for (size_t m = 0; m < lede_rouge_metric_count(r); m++) {
            lede_rouge_score s;
            if (!CHECK(lede_rouge_doc_score(r, 0, m, &s) == LEDE_OK))
                break;
            locale_t c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
            locale_t saved = uselocale(c_locale);
            used += (size_t)snprintf(out + used, size - used, "%s %.5f %.5f %.5f; ",
                                     lede_rouge_metric_name(r, m), s.recall, s.precision, s.f);
            uselocale(saved);
            freelocale(c_locale);
        }
        const char *label = lede_rouge_confidence_label(r);
        CHECK_MSG(strstr(label, "95") != NULL, "confidence label %s", label);
        CHECK_MSG(lede_rouge_metric_find(r, "ROUGE-W-1.2") < lede_rouge_metric_count(r),
                  "no metric named ROUGE-W-1.2");
    }
    if (err)
        lede_error_free(err);
    lede_rouge_free(r);
    lede_rouge_options_free(o);
}

/* The typed setters write the numbers into metric names and the interval
 * label as the script prints them, with a decimal point. */
static void check_typed_rouge_setters(const char *where)
{
    lede_rouge_options *o = lede_rouge_options_new();
    CHECK_EQ(lede_rouge_options_set_confidence(o, 97.5), LEDE_OK);
    CHECK_EQ(lede_rouge_options_set_wlcs(o, 1.2), LEDE_OK);
    lede_rouge *r = NULL;
    if (CHECK(lede_rouge_new(o, &r, NULL) == LEDE_OK)) {
        CHECK_MSG(strstr(lede_rouge_confidence_label(r), "97.5") != NULL, "%s: label %s",
                  where, lede_rouge_confidence_label(r));
        CHECK_MSG(lede_rouge_metric_find(r, "ROUGE-W-1.2") < lede_rouge_metric_count(r),
                  "%s: no metric named ROUGE-W-1.2", where);
    }
    lede_rouge_free(r);
    lede_rouge_options_free(o);
}

/* A description with every knob set to a value with 17 digits and a
 * three-digit exponent (the longest there are), read back. */
static void check_description(const char *where)
{
    lede_options *o = lede_options_new();
    CHECK_EQ(lede_options_set(o, "damping", "0.5"), LEDE_OK);
    CHECK_EQ(lede_options_set(o, "ratio", "0.25"), LEDE_OK);
    CHECK_EQ(lede_options_set(o, "damping", "0,5"), LEDE_ERR_INVALID_ARGUMENT);
    char desc[2048];
    lede_options_describe(o, desc, sizeof desc);
    CHECK_MSG(strstr(desc, " damping=0.5 ") && strstr(desc, "ratio=0.25 "), "%s: %s", where,
              desc);
    const char *longest = "1.0000000000000001e-100";
    CHECK_EQ(lede_options_set(o, "damping", longest), LEDE_OK);
    CHECK_EQ(lede_options_set(o, "redundancy", longest), LEDE_OK);
    CHECK_EQ(lede_options_set(o, "background-idf", longest), LEDE_OK);
    CHECK_EQ(lede_options_set(o, "seed", "18446744073709551615"), LEDE_OK);
    size_t need = lede_options_describe(o, desc, sizeof desc);
    CHECK_EQ(need, strlen(desc));
    char want[256];
    snprintf(want, sizeof want,
             " damping=%s redundancy=%s background-idf=%s seed=18446744073709551615 ", longest,
             longest, longest);
    CHECK_MSG(strstr(desc, want) != NULL, "%s: %s", where, desc);
    lede_options_free(o);
}

/* Names given in capitals, which the Turkish locale's strcasecmp does not
 * match with their lower-case forms: a language, and a page's charset. */
static void check_names(const char *where)
{
    const char *languages[] = {"IT", "ITALIAN", "Finnish", "INDONESIAN"};
    for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++) {
        lede_options *o = lede_options_new();
        lede_summarizer *s = NULL;
        lede_error *err = NULL;
        lede_options_set_language(o, languages[i]);
        lede_status st = lede_summarizer_new(o, &s, &err);
        CHECK_MSG(st == LEDE_OK, "%s: language %s: %s", where, languages[i],
                  lede_error_message(err));
        lede_error_free(err);
        lede_summarizer_free(s);
        lede_options_free(o);
    }
    const char page[] = "<html><head><meta charset=\"LATIN1\"><title>T</title></head><body>"
                        "<article><p>\x93Quoted words,\x94 said the minister, in a long "
                        "enough sentence for an article.</p></article></body></html>";
    lede_document *doc = NULL;
    if (CHECK_MSG(lede_extract_html(page, sizeof page - 1, NULL, &doc, NULL) == LEDE_OK, "%s",
                  where)) {
        CHECK_MSG(strcmp(lede_document_encoding(doc), "WINDOWS-1252") == 0, "%s: encoding %s",
                  where, lede_document_encoding(doc));
        size_t len;
        CHECK_MSG(strstr(lede_document_text(doc, &len), "\u201cQuoted words,\u201d") != NULL,
                  "%s: %s", where, lede_document_text(doc, &len));
        lede_document_free(doc);
    }
}

int main(void)
{
    char in_c[4096], in_de[4096];
    check_description("C locale");
    check_names("C locale");
    check_typed_rouge_setters("C locale");
    rouge_scores(in_c, sizeof in_c);
    CHECK_MSG(strstr(in_c, "ROUGE-1 ") != NULL, "no ROUGE-1 score: %s", in_c);
    if (!CHECK_MSG(setlocale(LC_ALL, "de_DE.UTF-8") != NULL,
                   "cannot set de_DE.UTF-8 (LOCPATH=%s): the fixture builds it with localedef",
                   getenv("LOCPATH") ? getenv("LOCPATH") : "unset"))
        return harness_finish();
    CHECK_MSG(strcmp(localeconv()->decimal_point, ",") == 0, "decimal point '%s'",
              localeconv()->decimal_point);
    check_description("de_DE");
    check_typed_rouge_setters("de_DE");
    rouge_scores(in_de, sizeof in_de);
    CHECK_STR(in_de, in_c);
    if (!CHECK_MSG(setlocale(LC_ALL, "tr_TR.UTF-8") != NULL,
                   "cannot set tr_TR.UTF-8 (LOCPATH=%s): the fixture builds it with localedef",
                   getenv("LOCPATH") ? getenv("LOCPATH") : "unset"))
        return harness_finish();
    /* tolower, not strcasecmp: the sanitizers' strcasecmp folds ASCII. */
    CHECK_MSG(tolower('I') != 'i', "the Turkish locale folds I to i: it tests nothing");
    check_names("tr_TR");
    return harness_finish();
}
