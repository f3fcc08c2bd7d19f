/* test_tokens.c - the tokenizer: word boundaries, normalization, stopwords,
 * stemming, bigrams for unsegmented scripts, and exact byte spans. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "harness.h"
#include "model/model.h"
#include "text/tokens.h"
#include "text/units.h"

/* Tokenizes `text` as one unit and renders the tokens as
 * "term@start-end term@start-end ...". */
static void render(const char *lang, const char *text, char *out, size_t cap)
{
    lede_model model;
    lede_tokenizer tok;
    const lede_model_data *data = lede_model_find(lang);
    out[0] = '\0';
    if (!CHECK(data && lede_model_init(&model, data) == LEDE_OK))
        return;
    if (!CHECK(lede_tokenizer_init(&tok, &model, data->stemmer) == LEDE_OK)) {
        lede_model_free(&model);
        return;
    }
    lede_unit unit = {.start = 0, .end = strlen(text), .kind = LEDE_KIND_SENTENCE};
    lede_units units = {&unit, 1, 1, 0, NULL, 0};
    lede_tokens tokens = {0};
    CHECK(lede_tokenize(&tok, text, &units, &tokens) == LEDE_OK);
    CHECK_EQ(tokens.first[0], 0);
    CHECK_EQ(tokens.first[1], tokens.count);
    size_t o = 0;
    for (size_t i = 0; i < tokens.count && o < cap; i++) {
        size_t len;
        const char *term = lede_tokenizer_term(&tok, tokens.items[i].term, &len);
        o += (size_t)snprintf(out + o, cap - o, "%s%.*s@%zu-%zu", i ? " " : "", (int)len, term,
                              tokens.items[i].start,
                              tokens.items[i].start + tokens.items[i].len);
    }
    lede_tokens_free(&tokens);
    lede_tokenizer_free(&tok);
    lede_model_free(&model);
}

static void expect(const char *lang, const char *text, const char *want)
{
    char got[2048];
    render(lang, text, got, sizeof got);
    if (!CHECK_STR(got, want))
        fprintf(stderr, "  input: \"%s\"\n", text);
}

static void test_words(void)
{
    expect("en", "The cats were running quickly.", "cat@4-8 run@14-21 quick@22-29");
    expect("en", "Japan's economy", "japan@0-7 economi@8-15");
    expect("en", "a state-of-the-art plan", "state-of-the-art@2-18 plan@19-23");
    expect("en", "rose 3.5 percent to 1,000 units", "rose@0-4 3.5@5-8 percent@9-16 1,000@20-25 unit@26-31");
    expect("en", "version v2.0.1 shipped", "version@0-7 v2.0.1@8-14 ship@15-22");
    expect("en", "the U.S.A. team", "u.s.a@4-9 team@11-15");
    expect("en", "end. Next", "end@0-3 next@5-9");
    expect("en", "(hello) [world]", "hello@1-6 world@9-14");
}

static void test_normalization(void)
{
    /* NFKC (the fi ligature), case folding, accents stripped for English,
     * typographic apostrophes read as ASCII ones (don’t is a stopword). */
    expect("en", "\xEF\xAC\x81nal CAF\xC3\x89 don\xE2\x80\x99t",
           "final@0-6 cafe@7-12");
    expect("en", "Stra\xC3\x9F" "e", "strass@0-7");
    /* Same word written two ways gives the same term. */
    expect("en", "cafe\xCC\x81 caf\xC3\xA9", "cafe@0-6 cafe@7-12");
}

static void test_stopwords_and_numbers(void)
{
    expect("en", "It is what it is", "");
    expect("en", "In 2005 the firm", "2005@3-7 firm@12-16");
}

static void test_unsegmented(void)
{
    /* Character bigrams for Han; a lone character stands alone; a Latin
     * word next to Han text is a word of its own. */
    expect("und", "\xE4\xBB\x8A\xE5\xA4\xA9\xE5\xA4\xA9\xE6\xB0\x94",
           "\xE4\xBB\x8A\xE5\xA4\xA9@0-6 \xE5\xA4\xA9\xE5\xA4\xA9@3-9 "
           "\xE5\xA4\xA9\xE6\xB0\x94@6-12");
    expect("und", "\xE7\x8C\xAB", "\xE7\x8C\xAB@0-3");
    expect("und", "\xE6\x9D\xB1\xE4\xBA\xAC" "Tower", "\xE6\x9D\xB1\xE4\xBA\xAC@0-6 tower@6-11");
}

static void test_long_tokens(void)
{
    char text[400];
    memset(text, 'x', 300);
    strcpy(text + 300, " short");
    expect("und", text, "short@301-306");
}

static void test_other_scripts(void)
{
    /* Cyrillic and Greek are case-folded words; "und" has no stemmer. */
    expect("und", "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0",
           "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0@0-12");
    expect("und", "\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1",
           "\xCE\xB1\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1@0-10");
}

/* Regression (found by fuzz_summarize): a word that is only a combining
 * mark normalizes to nothing once marks are stripped; utf8proc_reencode was
 * then called on a NULL buffer. */
static void test_word_that_normalizes_to_nothing(void)
{
    expect("en", "\xD6\xA0", "");
    expect("en", "x \xCC\x81 y", "x@0-1 y@5-6");
}

static void test_cache_consistency(void)
{
    /* The surface cache must give the same term for repeated words. */
    expect("en", "Running running RUNNING", "run@0-7 run@8-15 run@16-23");
}

/* Tokenizes `text` as units cut at `cuts` (byte offsets, ending with the
 * text's length) with `tok`, and checks each token's term id. */
static void expect_ids(lede_tokenizer *tok, const char *text, const size_t *cuts, size_t nunits,
                       const uint32_t *want, size_t nwant)
{
    lede_unit items[8];
    for (size_t u = 0; u < nunits; u++)
        items[u] =
            (lede_unit){.start = u ? cuts[u - 1] : 0, .end = cuts[u], .kind = LEDE_KIND_SENTENCE};
    lede_units units = {items, nunits, nunits, 0, NULL, 0};
    lede_tokens tokens = {0};
    if (CHECK(lede_tokenize(tok, text, &units, &tokens) == LEDE_OK) &&
        CHECK_EQ(tokens.count, nwant)) {
        for (size_t i = 0; i < nwant; i++)
            CHECK_MSG(tokens.items[i].term == want[i], "\"%s\" token %zu: term %u, want %u",
                      text, i, tokens.items[i].term, want[i]);
        CHECK_EQ(tokens.first[nunits], tokens.count);
    }
    lede_tokens_free(&tokens);
}

/* The English model and a tokenizer over it with `stemmer`; 0 (reported)
 * when either cannot be made. */
static int open_english(lede_model *model, lede_tokenizer *tok, const char *stemmer)
{
    const lede_model_data *data = lede_model_find("en");
    if (!CHECK(data && lede_model_init(model, data) == LEDE_OK))
        return 0;
    if (!CHECK(lede_tokenizer_init(tok, model, stemmer) == LEDE_OK)) {
        lede_model_free(model);
        return 0;
    }
    /* The tests below count on "english" having the built-in stem table,
     * "porter" none, and "runnings" missing from the table (so that its
     * stem comes from Snowball and is found among the table's stems). */
    int english = strcmp(stemmer, "english") == 0;
    CHECK_MSG((tok->stems != NULL) == english, "%s: stem table %p", stemmer,
              (const void *)tok->stems);
    if (tok->stems)
        CHECK(lede_stem_table_word(tok->stems, "runnings", 8, lede_hash_bytes("runnings", 8)) < 0);
    return 1;
}

static void check_term_ids_in_order_of_first_sight(const char *stemmer)
{
    /* New words are stemmed and interned together at the end of each
     * document (tokens.c, resolve_new_words); their ids must still be
     * given in the order the words are first met, across units and
     * documents, whether their stems come from the stem table or not
     * ("english" has one, "porter" none; "runnings" is not in the table,
     * its Snowball stem is), so that the numbering does not depend on
     * where a batch of words was cut. */
    lede_model model;
    lede_tokenizer tok;
    if (!open_english(&model, &tok, stemmer))
        return;
    const char *first = "Cats run. Dogs bark at cats.";
    const size_t first_cuts[] = {10, strlen(first)};
    const uint32_t first_ids[] = {0, 1, 2, 3, 0}; /* cat run dog bark cat */
    expect_ids(&tok, first, first_cuts, 2, first_ids, 5);
    const char *second = "Birds runnings. Zyxwv sings; dogs barked.";
    const size_t second_cuts[] = {16, strlen(second)};
    const uint32_t second_ids[] = {4, 1, 5, 6, 2, 3}; /* bird run zyxwv sing dog bark */
    expect_ids(&tok, second, second_cuts, 2, second_ids, 6);
    size_t len;
    const char *term = lede_tokenizer_term(&tok, 5, &len);
    CHECK(len == 5 && memcmp(term, "zyxwv", 5) == 0);
    term = lede_tokenizer_term(&tok, 1, &len);
    CHECK(len == 3 && memcmp(term, "run", 3) == 0);
    CHECK_EQ(lede_tokenizer_term_count(&tok), 7);
    lede_tokenizer_free(&tok);
    lede_model_free(&model);
}

static void test_term_ids_in_order_of_first_sight(void)
{
    check_term_ids_in_order_of_first_sight("porter");
    check_term_ids_in_order_of_first_sight("english");
}

/* Past max_cached_terms the tables are cleared before the next document;
 * the terms found through the stem table must then be numbered afresh too
 * (the map from stem numbers to terms is cleared with the rest), and so
 * must the interned ones. */
static void check_terms_after_clearing(const char *stemmer)
{
    lede_model model;
    lede_tokenizer tok;
    if (!open_english(&model, &tok, stemmer))
        return;
    tok.max_cached_terms = 6;
    const char *first = "Cats run. Dogs bark at cats near zyxwv and qwrtp plmok.";
    const size_t first_cuts[] = {10, strlen(first)};
    /* cat run dog bark cat near zyxwv qwrtp plmok */
    const uint32_t first_ids[] = {0, 1, 2, 3, 0, 4, 5, 6, 7};
    expect_ids(&tok, first, first_cuts, 2, first_ids, 9);
    CHECK_EQ(lede_tokenizer_term_count(&tok), 8);
    CHECK_EQ(lede_tokenizer_generation(&tok), 0);
    const char *second = "Dogs chase qwrtp cats.";
    const size_t second_cuts[] = {strlen(second)};
    const uint32_t second_ids[] = {0, 1, 2, 3}; /* dog chase qwrtp cat, afresh */
    expect_ids(&tok, second, second_cuts, 1, second_ids, 4);
    CHECK_EQ(lede_tokenizer_term_count(&tok), 4);
    /* The ids changed meaning: a cache by term id must know. */
    CHECK_EQ(lede_tokenizer_generation(&tok), 1);
    const char *want[] = {"dog", "chase", "qwrtp", "cat"};
    for (uint32_t id = 0; id < 4; id++) {
        size_t len;
        const char *term = lede_tokenizer_term(&tok, id, &len);
        CHECK_MSG(len == strlen(want[id]) && memcmp(term, want[id], len) == 0,
                  "%s: term %u is '%.*s', want '%s'", stemmer, id, (int)len, term, want[id]);
    }
    lede_tokenizer_free(&tok);
    lede_model_free(&model);
}

static void test_terms_after_clearing(void)
{
    check_terms_after_clearing("english");
    check_terms_after_clearing("porter");
}

/* A term id may not reach 2^31 - 2 (its surface value would be taken for a
 * new word, its origin for an interned string): the tokenizer refuses the
 * term, as out of memory, and is left as it was. Both kinds of term. */
static void check_term_id_bound(const char *stemmer)
{
    lede_model model;
    lede_tokenizer tok;
    if (!open_english(&model, &tok, stemmer))
        return;
    tok.max_cached_terms = SIZE_MAX;
    const char *texts[] = {"Cats.", "Zyxwv."}; /* a stem of the table (with it), a string */
    for (size_t i = 0; i < 2; i++) {
        lede_unit unit = {.start = 0, .end = strlen(texts[i]), .kind = LEDE_KIND_SENTENCE};
        lede_units units = {&unit, 1, 1, 0, NULL, 0};
        lede_tokens tokens = {0};
        size_t known = lede_tokenizer_term_count(&tok);
        tok.nterms = 0x80000000u - 2;
        CHECK_MSG(lede_tokenize(&tok, texts[i], &units, &tokens) == LEDE_ERR_NOMEM,
                  "%s: \"%s\" numbered past the bound", stemmer, texts[i]);
        tok.nterms = known;
        lede_tokens_free(&tokens);
        const uint32_t want[] = {(uint32_t)known};
        const size_t cuts[] = {strlen(texts[i])};
        expect_ids(&tok, texts[i], cuts, 1, want, 1);
    }
    lede_tokenizer_free(&tok);
    lede_model_free(&model);
}

static void test_term_id_bound(void)
{
    check_term_id_bound("english");
    check_term_id_bound("porter");
}

int main(void)
{
    test_term_ids_in_order_of_first_sight();
    test_terms_after_clearing();
    test_term_id_bound();
    test_words();
    test_normalization();
    test_stopwords_and_numbers();
    test_unsegmented();
    test_long_tokens();
    test_other_scripts();
    test_cache_consistency();
    test_word_that_normalizes_to_nothing();
    return harness_finish();
}
