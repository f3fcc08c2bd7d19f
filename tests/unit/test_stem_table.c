/* test_stem_table.c - the built-in stem tables (src/model/stem_table.h):
 * every stored stem is the one libstemmer gives at run time, words the
 * tables lack are not found, and the tokenizer uses a table only with the
 * stemmer it was made with. */
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "model/model.h"
#include "model/stem_table.h"
#include "text/tokens.h"

/* Every word of `table` (found through its slots) has libstemmer's stem,
 * and that stem's id is found from the stem too. Returns the number of
 * words. */
static size_t check_every_word(const lede_stem_table *table)
{
    struct sb_stemmer *stemmer = sb_stemmer_new(table->stemmer, NULL);
    if (!CHECK_MSG(stemmer != NULL, "%s: no stemmer '%s'", table->code, table->stemmer))
        return 0;
    const uint32_t offset_mask = (1u << LEDE_STEM_SLOT_VALUE_BITS) - 1;
    size_t words = 0, wrong = 0;
    for (size_t i = 0; i <= table->word_mask; i++) {
        if (table->word_slots[i] == 0)
            continue;
        const char *word = table->words + (table->word_slots[i] & offset_mask) - 1;
        size_t len = strlen(word);
        int64_t id = lede_stem_table_word(table, word, len, lede_hash_bytes(word, len));
        size_t n = 0;
        const char *stem = id >= 0 && id < table->nstems
                               ? lede_stem_table_stem(table, (uint32_t)id, &n)
                               : "";
        const sb_symbol *want = sb_stemmer_stem(stemmer, (const sb_symbol *)word, (int)len);
        size_t want_len = (size_t)sb_stemmer_length(stemmer);
        if (n != want_len || memcmp(stem, want, n) != 0 ||
            lede_stem_table_stem_id(table, stem, n, lede_hash_bytes(stem, n)) != id) {
            if (wrong++ < 5)
                CHECK_MSG(0, "%s: '%s' has stem %lld '%.*s' in the table, '%.*s' in libstemmer",
                          table->code, word, (long long)id, (int)n, stem, (int)want_len,
                          (const char *)want);
        }
        words++;
    }
    CHECK_EQ(wrong, 0);
    sb_stemmer_delete(stemmer);
    return words;
}

/* Every stem id names a stem that is found by its string (so no two ids
 * name one stem), has a letter and is no longer than LEDE_MAX_STEM_BYTES
 * (the tokenizer relies on both). Returns the number of stems. */
static size_t check_every_stem(const lede_stem_table *table)
{
    size_t wrong = 0;
    for (uint32_t id = 0; id < table->nstems; id++) {
        size_t len;
        const char *stem = lede_stem_table_stem(table, id, &len);
        int ok = len > 0 && len <= LEDE_MAX_STEM_BYTES && lede_stem_has_letter(stem, len) &&
                 strlen(stem) == len &&
                 lede_stem_table_stem_id(table, stem, len, lede_hash_bytes(stem, len)) == id;
        if (!ok && wrong++ < 5)
            CHECK_MSG(0, "%s: stem %u '%.*s' is not found by its string, or has no letter",
                      table->code, id, (int)len, stem);
    }
    CHECK_EQ(wrong, 0);
    return table->nstems;
}

static void test_tables_match_libstemmer(void)
{
    CHECK(lede_builtin_stem_table_count >= 1);
    for (size_t i = 0; i < lede_builtin_stem_table_count; i++) {
        const lede_stem_table *table = &lede_builtin_stem_tables[i];
        size_t words = check_every_word(table);
        CHECK_MSG(words > 1000, "%s: only %zu words", table->code, words);
        size_t stems = check_every_stem(table);
        CHECK_MSG(stems > 1000 && stems < words, "%s: %zu stems for %zu words", table->code,
                  stems, words);
    }
}

/* The stem of `word` in the table, or "" when the table lacks the word. */
static const char *stem_of(const lede_stem_table *t, const char *word, size_t *len)
{
    int64_t id = lede_stem_table_word(t, word, strlen(word), lede_hash_bytes(word, strlen(word)));
    *len = 0;
    return id < 0 ? "" : lede_stem_table_stem(t, (uint32_t)id, len);
}

static int64_t stem_id(const lede_stem_table *t, const char *stem)
{
    return lede_stem_table_stem_id(t, stem, strlen(stem), lede_hash_bytes(stem, strlen(stem)));
}

static void test_english_lookups(void)
{
    const lede_stem_table *en = lede_stem_table_for("en");
    if (!CHECK(en != NULL))
        return;
    CHECK(lede_stem_table_for("xx") == NULL);
    CHECK_STR(en->stemmer, "english");
    size_t n;
    CHECK_STR(stem_of(en, "running", &n), "run");
    CHECK_EQ(n, 3);
    CHECK_STR(stem_of(en, "happiness", &n), "happi");
    CHECK_EQ(n, 5);
    /* Words of one stem share its id. */
    CHECK(stem_id(en, "run") >= 0);
    CHECK_EQ(lede_stem_table_word(en, "runs", 4, lede_hash_bytes("runs", 4)), stem_id(en, "run"));
    /* Prefixes, extensions and made-up words of table words are not in it. */
    CHECK_STR(stem_of(en, "runnin", &n), "");
    CHECK_STR(stem_of(en, "runningg", &n), "");
    CHECK_STR(stem_of(en, "qxzvbrrt", &n), "");
    CHECK_STR(stem_of(en, "Running", &n), ""); /* tables hold folded words */
    CHECK_EQ(stem_id(en, "runn"), -1);
    CHECK_EQ(stem_id(en, "running"), -1); /* a word, not a stem */
    CHECK_EQ(stem_id(en, ""), -1);
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
                       "said; organisations re-elected qxzvbrrt 2004 runnings.";
    lede_units units = {0};
    lede_unit unit = {.start = 0, .end = strlen(text)};
    units.items = &unit;
    units.count = 1;
    lede_tokens a = {0}, b = {0};
    CHECK(lede_tokenize(&with, text, &units, &a) == LEDE_OK);
    CHECK(lede_tokenize(&without, text, &units, &b) == LEDE_OK);
    /* The same terms, with the same ids (in order of first sight). */
    if (CHECK_EQ(a.count, b.count)) {
        for (size_t i = 0; i < a.count; i++) {
            size_t la, lb;
            const char *ta = lede_tokenizer_term(&with, a.items[i].term, &la);
            const char *tb = lede_tokenizer_term(&without, b.items[i].term, &lb);
            CHECK_MSG(la == lb && memcmp(ta, tb, la) == 0, "token %zu: '%.*s' vs '%.*s'", i,
                      (int)la, ta, (int)lb, tb);
            CHECK_EQ(a.items[i].term, b.items[i].term);
        }
    }
    CHECK_EQ(lede_tokenizer_term_count(&with), lede_tokenizer_term_count(&without));
    /* With the table, its stems are not interned: "running" (a word of the
     * table) and "runnings" (not one, stemmed by Snowball to the table's
     * "run") share the term that is the table's "run"; "qxzvbrrt" and
     * "2004" are interned. Without it, every term is. */
    int64_t run = stem_id(with.stems, "run");
    /* What the checks below mean depends on "runnings" not being a word of
     * the table (its stem then comes from Snowball). */
    CHECK(lede_stem_table_word(with.stems, "runnings", 8, lede_hash_bytes("runnings", 8)) < 0);
    size_t runs = 0, interned = 0;
    uint32_t run_term = UINT32_MAX;
    for (size_t i = 0; i < a.count; i++) {
        size_t len = a.items[i].len;
        const char *word = text + a.items[i].start;
        uint32_t origin = with.origin[a.items[i].term];
        /* A term of the table is its stem there, to the summarizer too
         * (lede_tokenizer_table_stem, by which it finds the stem's IDF);
         * an interned one, and every term without the table, is none. */
        int64_t table_stem = lede_tokenizer_table_stem(&with, a.items[i].term);
        CHECK_EQ(table_stem, origin & LEDE_TERM_INTERNED ? -1 : (int64_t)origin);
        CHECK_EQ(lede_tokenizer_table_stem(&without, b.items[i].term), -1);
        if ((len == 7 && memcmp(word, "running", 7) == 0) ||
            (len == 8 && memcmp(word, "runnings", 8) == 0)) {
            runs += CHECK_EQ(origin, run);
            CHECK_EQ(table_stem, run);
            if (run_term != UINT32_MAX)
                CHECK_EQ(a.items[i].term, run_term);
            run_term = a.items[i].term;
        }
        if ((len == 8 && memcmp(word, "qxzvbrrt", 8) == 0) ||
            (len == 4 && memcmp(word, "2004", 4) == 0))
            interned += CHECK(origin & LEDE_TERM_INTERNED);
    }
    CHECK_EQ(runs, 2);
    CHECK_EQ(interned, 2);
    CHECK(with.terms.count < without.terms.count);
    CHECK_EQ(without.terms.count, lede_tokenizer_term_count(&without));
    lede_tokens_free(&a);
    lede_tokens_free(&b);
    lede_tokenizer_free(&with);
    lede_tokenizer_free(&without);
    lede_tokenizer_free(&porter);
    lede_model_free(&model);
}

/* Every stem's background IDF in the table is what a search of the
 * model's IDF table gives for the stem's string (lede_model_idf, by which
 * a summarizer found it before), and some stems have one of their own. */
static void test_stem_idf(void)
{
    for (size_t i = 0; i < lede_builtin_stem_table_count; i++) {
        const lede_stem_table *table = &lede_builtin_stem_tables[i];
        lede_model model;
        if (!CHECK(lede_model_init(&model, lede_model_find(table->code)) == LEDE_OK))
            continue;
        size_t wrong = 0, in_model = 0;
        for (uint32_t id = 0; id < table->nstems; id++) {
            size_t len;
            const char *stem = lede_stem_table_stem(table, id, &len);
            double want = lede_model_idf(&model, stem, len);
            in_model += want != model.data->idf_max;
            if ((double)table->stem_idf[id] != want && wrong++ < 5)
                CHECK_MSG(0, "%s: stem %u '%s': idf %.9g in the table, %.9g by search",
                          table->code, id, stem, (double)table->stem_idf[id], want);
        }
        CHECK_EQ(wrong, 0);
        CHECK_MSG(in_model > table->nstems / 4, "%s: only %zu of %u stems in the IDF table",
                  table->code, in_model, table->nstems);
        lede_model_free(&model);
    }
}

/* The IDF of the stems of the English table, read from models/en/idf.tsv
 * itself, with strtod: the check above compares the table with the
 * model's own search, which the generator shares; this one does not. */
static void test_stem_idf_from_source(const char *data_dir)
{
    const lede_stem_table *table = lede_stem_table_for("en");
    char path[4096];
    snprintf(path, sizeof path, "%s/../../models/en/idf.tsv", data_dir);
    FILE *f = fopen(path, "r");
    if (!CHECK_MSG(table && f, "no English stem table, or cannot open %s", path)) {
        if (f)
            fclose(f);
        return;
    }
    char line[512];
    size_t checked = 0, wrong = 0;
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab)
            continue;
        size_t len = (size_t)(tab - line);
        int64_t id = lede_stem_table_stem_id(table, line, len, lede_hash_bytes(line, len));
        if (id < 0)
            continue;
        float want = (float)strtod(tab + 1, NULL);
        checked++;
        if (table->stem_idf[id] != want && wrong++ < 5)
            CHECK_MSG(0, "stem '%.*s': idf %.9g in the table, %.9g in idf.tsv", (int)len, line,
                      (double)table->stem_idf[id], (double)want);
    }
    fclose(f);
    CHECK_EQ(wrong, 0);
    CHECK_MSG(checked > 5000, "only %zu stems of idf.tsv are in the table", checked);
}

int main(int argc, char **argv)
{
    test_tables_match_libstemmer();
    test_stem_idf();
    test_stem_idf_from_source(argc > 1 ? argv[1] : "tests/data");
    test_english_lookups();
    test_tokenizer_uses_table();
    return harness_finish();
}
