/* test_stem_table.c - the built-in stem tables (src/model/stem_table.h):
 * every stored stem is the one libstemmer gives at run time, words the
 * tables lack are not found, and the tokenizer uses a table only with the
 * stemmer it was made with. */
#include <libstemmer.h>
#include <string.h>

#include "harness.h"
#include "model/model.h"
#include "model/stem_table.h"
#include "text/tokens.h"

/* Every word of `table` (found through its slots) gives libstemmer's stem,
 * and is found by lede_stem_table_find. Returns the number of words. */
static size_t check_every_word(const lede_stem_table *table)
{
    struct sb_stemmer *stemmer = sb_stemmer_new(table->stemmer, NULL);
    if (!CHECK_MSG(stemmer != NULL, "%s: no stemmer '%s'", table->code, table->stemmer))
        return 0;
    const uint32_t offset_mask = (1u << LEDE_STEM_SLOT_OFFSET_BITS) - 1;
    size_t words = 0, wrong = 0;
    for (size_t i = 0; i <= table->mask; i++) {
        if (table->slots[i] == 0)
            continue;
        const char *word = table->strings + (table->slots[i] & offset_mask) - 1;
        size_t len = strlen(word);
        char stem[LEDE_MAX_STEM_BYTES + 16];
        size_t n = lede_stem_table_find(table, word, len, stem, sizeof stem);
        const sb_symbol *want = sb_stemmer_stem(stemmer, (const sb_symbol *)word, (int)len);
        size_t want_len = (size_t)sb_stemmer_length(stemmer);
        if (n != want_len || memcmp(stem, want, n) != 0) {
            if (wrong++ < 5)
                CHECK_MSG(0, "%s: '%s' stems to '%.*s' in the table, '%.*s' in libstemmer",
                          table->code, word, (int)n, stem, (int)want_len, (const char *)want);
        }
        words++;
    }
    CHECK_EQ(wrong, 0);
    sb_stemmer_delete(stemmer);
    return words;
}

static void test_tables_match_libstemmer(void)
{
    CHECK(lede_builtin_stem_table_count >= 1);
    for (size_t i = 0; i < lede_builtin_stem_table_count; i++) {
        size_t words = check_every_word(&lede_builtin_stem_tables[i]);
        CHECK_MSG(words > 1000, "%s: only %zu words", lede_builtin_stem_tables[i].code, words);
    }
}

static size_t find(const lede_stem_table *t, const char *word, char *out, size_t cap)
{
    return lede_stem_table_find(t, word, strlen(word), out, cap);
}

static void test_english_lookups(void)
{
    const lede_stem_table *en = lede_stem_table_for("en");
    if (!CHECK(en != NULL))
        return;
    CHECK(lede_stem_table_for("xx") == NULL);
    CHECK_STR(en->stemmer, "english");
    char stem[80];
    size_t n = find(en, "running", stem, sizeof stem);
    CHECK_EQ(n, 3);
    CHECK(memcmp(stem, "run", 3) == 0);
    n = find(en, "happiness", stem, sizeof stem);
    CHECK_EQ(n, 5);
    CHECK(memcmp(stem, "happi", 5) == 0);
    /* Prefixes, extensions and made-up words of table words are not in it. */
    CHECK_EQ(find(en, "runnin", stem, sizeof stem), 0);
    CHECK_EQ(find(en, "runningg", stem, sizeof stem), 0);
    CHECK_EQ(find(en, "qxzvbrrt", stem, sizeof stem), 0);
    CHECK_EQ(find(en, "Running", stem, sizeof stem), 0); /* tables hold folded words */
    /* A stem that does not fit is not written. */
    CHECK_EQ(find(en, "running", stem, 2), 0);
}

/* The tokenizer takes the table of its model only for the stemmer the
 * table was made with, and gives the same terms either way. */
static void test_tokenizer_uses_table(void)
{
    const lede_model_data *data = lede_model_find("en");
    lede_model model;
    if (!CHECK(data && lede_model_init(&model, data) == LEDE_OK))
        return;
    lede_tokenizer with, without, porter;
    CHECK(lede_tokenizer_init(&with, &model, "english") == LEDE_OK);
    CHECK(lede_tokenizer_init(&without, &model, "english") == LEDE_OK);
    CHECK(lede_tokenizer_init(&porter, &model, "porter") == LEDE_OK);
    CHECK(with.stems == lede_stem_table_for("en"));
    CHECK(porter.stems == NULL);
    without.stems = NULL;
    const char *text = "The ministers were running generously happy campaigns, Sarkozy's aides "
                       "said; organisations re-elected qxzvbrrt.";
    lede_units units = {0};
    lede_unit unit = {.start = 0, .end = strlen(text)};
    units.items = &unit;
    units.count = 1;
    lede_tokens a = {0}, b = {0};
    CHECK(lede_tokenize(&with, text, &units, &a) == LEDE_OK);
    CHECK(lede_tokenize(&without, text, &units, &b) == LEDE_OK);
    if (CHECK_EQ(a.count, b.count)) {
        for (size_t i = 0; i < a.count; i++) {
            size_t la, lb;
            const char *ta = lede_tokenizer_term(&with, a.items[i].term, &la);
            const char *tb = lede_tokenizer_term(&without, b.items[i].term, &lb);
            CHECK_MSG(la == lb && memcmp(ta, tb, la) == 0, "token %zu: '%.*s' vs '%.*s'", i,
                      (int)la, ta, (int)lb, tb);
        }
    }
    lede_tokens_free(&a);
    lede_tokens_free(&b);
    lede_tokenizer_free(&with);
    lede_tokenizer_free(&without);
    lede_tokenizer_free(&porter);
    lede_model_free(&model);
}

/* The tokenizer places its new words in the stem table with the hash it
 * already has, lede_hash_bytes (tokens.c, prefetch_stems): the table's
 * hash must stay that one, or every new word would miss the table. */
static void test_table_hash_is_the_tokenizers(void)
{
    const char *words[] = {"running", "a", "internationalization", "caf\xC3\xA9"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        CHECK(lede_stem_table_hash(words[i], strlen(words[i])) ==
              lede_hash_bytes(words[i], strlen(words[i])));
}

int main(void)
{
    test_table_hash_is_the_tokenizers();
    test_tables_match_libstemmer();
    test_english_lookups();
    test_tokenizer_uses_table();
    return harness_finish();
}
