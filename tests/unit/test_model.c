/* test_model.c - the built-in language models: every model loads, names a
 * stemmer libstemmer has, keeps its stopwords in the form the tokenizer
 * looks them up in, and answers lookups by code, name and Snowball name. */
#include <libstemmer.h>
#include <string.h>
#include <utf8proc.h>

#include "harness.h"
#include "model/model.h"
#include "text/tokens.h"
#include "text/units.h"

static int stemmer_exists(const char *name)
{
    for (const char **s = sb_stemmer_list(); *s; s++)
        if (strcmp(*s, name) == 0)
            return 1;
    return 0;
}

/* The model whose stemmer is `algorithm`, if any. */
static const lede_model_data *model_with_stemmer(const char *algorithm)
{
    for (size_t i = 0; i < lede_builtin_model_count; i++)
        if (strcmp(lede_builtin_models[i].stemmer, algorithm) == 0)
            return &lede_builtin_models[i];
    return NULL;
}

/* Each model is found by its code, its name and its Snowball name, in any
 * case, and by nothing that belongs to another model. */
static void check_find(const lede_model_data *d)
{
    CHECK_MSG(lede_model_find(d->code) == d, "%s: not found by its code", d->code);
    CHECK_MSG(lede_model_find(d->name) == d, "%s: not found by its name '%s'", d->code, d->name);
    if (d->stemmer[0])
        CHECK_MSG(lede_model_find(d->stemmer) == d, "%s: not found by its stemmer '%s'", d->code,
                  d->stemmer);
    char upper[64];
    size_t n = strlen(d->code);
    if (CHECK(n < sizeof upper)) {
        for (size_t i = 0; i <= n; i++)
            upper[i] = (char)(d->code[i] >= 'a' && d->code[i] <= 'z' ? d->code[i] - 32
                                                                      : d->code[i]);
        CHECK_MSG(lede_model_find(upper) == d, "%s: not found as '%s'", d->code, upper);
    }
}

/* Every stopword, tokenized as text by this model's tokenizer, is dropped:
 * the list is in the normalized form (NFKC, case folding, marks stripped
 * where the model strips them) the tokenizer looks words up in. */
static void check_stopwords_drop(const lede_model_data *d, const lede_model *m)
{
    lede_tokenizer tok;
    if (!CHECK_MSG(lede_tokenizer_init(&tok, m, d->stemmer) == LEDE_OK, "%s: tokenizer", d->code))
        return;
    lede_units units = {0};
    lede_unit unit = {.start = 0, .end = 0, .kind = LEDE_KIND_SENTENCE};
    units.items = &unit;
    units.count = 1;
    lede_tokens out = {0};
    size_t kept = 0;
    for (size_t i = 0; i < d->n_stopwords; i++) {
        const char *w = lede_model_stopword(d, i);
        unit.end = strlen(w);
        if (!CHECK(lede_tokenize(&tok, w, &units, &out) == LEDE_OK))
            break;
        if (out.count != 0 && kept++ < 5)
            CHECK_MSG(0, "%s: stopword '%s' is not dropped by the tokenizer", d->code, w);
    }
    CHECK_MSG(kept == 0, "%s: %zu stopwords are not in normalized form", d->code, kept);
    lede_tokens_free(&out);
    lede_tokenizer_free(&tok);
}

/* The first code point of `word` in upper case, the rest as is. */
static size_t capitalize(const char *word, char *out, size_t cap)
{
    utf8proc_int32_t cp;
    size_t len = strlen(word);
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)word, (utf8proc_ssize_t)len, &cp);
    if (n < 1 || len + 4 >= cap)
        return 0;
    utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), (utf8proc_uint8_t *)out);
    memcpy(out + m, word + n, len - (size_t)n);
    return (size_t)m + len - (size_t)n;
}

/* Every abbreviation is found with its class as listed and capitalized:
 * the splitter folds the word it sees with lede_fold_word, so an entry the
 * generator folded differently would never match. */
static void check_abbreviations(const lede_model_data *d, const lede_model *m)
{
    for (size_t i = 0; i < d->n_abbrevs; i++) {
        const lede_abbrev_entry *e = &d->abbrevs[i];
        const char *word = lede_model_abbrev_word(d, i);
        int cls = lede_model_abbrev_class(m, word, strlen(word));
        CHECK_MSG(cls == e->cls, "%s: '%s' has class %d, listed %d", d->code, word, cls, e->cls);
        char cap[80];
        size_t n = capitalize(word, cap, sizeof cap);
        if (CHECK_MSG(n > 0, "%s: cannot capitalize '%s'", d->code, word)) {
            cls = lede_model_abbrev_class(m, cap, n);
            CHECK_MSG(cls == e->cls, "%s: '%.*s' has class %d, listed %d", d->code, (int)n, cap,
                      cls, e->cls);
        }
    }
}

static void check_model(const lede_model_data *d)
{
    CHECK_MSG(d->stemmer[0] == '\0' || stemmer_exists(d->stemmer),
              "%s: libstemmer has no algorithm '%s'", d->code, d->stemmer);
    check_find(d);
    lede_model m;
    if (!CHECK_MSG(lede_model_init(&m, d) == LEDE_OK, "%s: does not load", d->code))
        return;
    CHECK_EQ(m.stopwords.count, d->n_stopwords);
    CHECK_EQ(m.abbrevs.count, d->n_abbrevs);
    check_stopwords_drop(d, &m);
    check_abbreviations(d, &m);
    lede_model_free(&m);
}

/* Every Snowball algorithm has a model; "porter" is the original English
 * algorithm, which "english" supersedes. */
static void check_every_stemmer_has_a_model(void)
{
    for (const char **s = sb_stemmer_list(); *s; s++)
        if (strcmp(*s, "porter") != 0)
            CHECK_MSG(model_with_stemmer(*s) != NULL,
                      "libstemmer has '%s' but lede has no model for it: add models/<code>/", *s);
}

static void check_find_edge_cases(void)
{
    CHECK(lede_model_find(NULL) == NULL);
    CHECK(lede_model_find("") == NULL);
    CHECK(lede_model_find("xx") == NULL);
    CHECK(lede_model_find("deutsch") == NULL);
    CHECK(lede_model_find("porter") == NULL);
    const lede_model_data *de = lede_model_find("de");
    CHECK(de != NULL && lede_model_find("GERMAN") == de && lede_model_find("German") == de);
    const lede_model_data *zh = lede_model_find("zh");
    CHECK(zh != NULL && zh->stemmer[0] == '\0' && zh->n_stopwords == 0 && !zh->strip_marks);
    CHECK(lede_model_find("Chinese") == zh);
    const lede_model_data *ja = lede_model_find("ja");
    CHECK(ja != NULL && ja->stemmer[0] == '\0' && !ja->strip_marks);
    /* Aliases and language tags with a region or script. */
    const lede_model_data *no = lede_model_find("no");
    CHECK(no != NULL && lede_model_find("nb") == no && lede_model_find("NN") == no);
    CHECK(lede_model_find("n") == NULL);
    CHECK(lede_model_find("en-US") == lede_model_find("en"));
    CHECK(lede_model_find("pt_BR") == lede_model_find("pt"));
    CHECK(lede_model_find("zh-Hant") == zh);
    CHECK(lede_model_find("xx-YY") == NULL);
    CHECK(lede_model_find("-en") == NULL);
    CHECK(de->ordinal_dot && !lede_model_find("en")->ordinal_dot);
    /* Stopwords capitalized inside a sentence too: English I, German Sie. */
    lede_model en_model, de_model;
    CHECK(lede_model_init(&en_model, lede_model_find("en")) == LEDE_OK);
    CHECK(lede_model_init(&de_model, de) == LEDE_OK);
    CHECK(lede_model_is_capitalized(&en_model, "i", 1));
    CHECK(lede_model_is_capitalized(&en_model, "i've", 4));
    CHECK(!lede_model_is_capitalized(&en_model, "the", 3));
    CHECK(!lede_model_is_capitalized(&en_model, "i'", 2));
    CHECK(lede_model_is_capitalized(&de_model, "sie", 3));
    CHECK(!lede_model_is_capitalized(&de_model, "i", 1));
    /* Verbs of speech, for "Why?" Tom asked: English lists them; German
     * writes "fragte Tom", verb first, and has none. */
    CHECK(lede_model_is_speech_verb(&en_model, "said", 4));
    CHECK(lede_model_is_speech_verb(&en_model, "asked", 5));
    CHECK(lede_model_is_speech_verb(&en_model, "sighed", 6));
    CHECK(!lede_model_is_speech_verb(&en_model, "left", 4));
    CHECK(!lede_model_is_speech_verb(&en_model, "sai", 3));
    CHECK(!lede_model_is_speech_verb(&en_model, "saidx", 5));
    CHECK(!lede_model_is_speech_verb(&de_model, "sagte", 5));
    CHECK(!lede_model_is_speech_verb(&de_model, "said", 4));
    /* Words that are never a speaker's name: "Why?" Nobody answered. */
    CHECK(lede_model_is_not_name(&en_model, "nobody", 6));
    CHECK(lede_model_is_not_name(&en_model, "everyone", 8));
    CHECK(!lede_model_is_not_name(&en_model, "tom", 3));
    CHECK(!lede_model_is_not_name(&en_model, "nobod", 5));
    CHECK(!lede_model_is_not_name(&de_model, "nobody", 6));
    lede_model_free(&en_model);
    lede_model_free(&de_model);
}

/* The public language list is the built-in model list. */
static void check_public_list(void)
{
    CHECK_EQ(lede_language_count(), lede_builtin_model_count);
    for (size_t i = 0; i < lede_builtin_model_count; i++)
        CHECK_STR(lede_language_code(i), lede_builtin_models[i].code);
    CHECK(lede_language_code(lede_builtin_model_count) == NULL);
}

typedef struct word_case {
    const char *lang;
    const char *word; /* as written in a text */
    int stopword;     /* after folding */
    int abbrev_class; /* LEDE_ABBR_* of the word before a period */
} word_case;

static const word_case word_cases[] = {
    {"de", "und", 1, LEDE_ABBR_NONE},
    {"de", "dass", 1, LEDE_ABBR_NONE}, /* upstream "daß", case-folded */
    {"de", "Haus", 0, LEDE_ABBR_NONE},
    {"de", "Dr", 0, LEDE_ABBR_TITLE},
    {"de", "bzw", 0, LEDE_ABBR_INNER},
    {"de", "Nr", 0, LEDE_ABBR_NUMERIC},
    {"de", "usw", 0, LEDE_ABBR_AMBIGUOUS},
    {"de", "z.B", 0, LEDE_ABBR_INNER},
    {"fr", "les", 1, LEDE_ABBR_NONE},
    {"fr", "été", 0, LEDE_ABBR_NONE}, /* commented out upstream: also "summer" */
    {"fr", "M", 1, LEDE_ABBR_TITLE}, /* also the stopword m' */
    {"fr", "Mme", 0, LEDE_ABBR_TITLE},
    {"fr", "DÉC", 0, LEDE_ABBR_AMBIGUOUS},
    {"es", "también", 1, LEDE_ABBR_NONE},
    {"es", "Sra", 0, LEDE_ABBR_TITLE},
    {"es", "pág", 0, LEDE_ABBR_NUMERIC},
    {"it", "perché", 1, LEDE_ABBR_NONE},
    {"it", "Sig.ra", 0, LEDE_ABBR_TITLE},
    {"pt", "não", 1, LEDE_ABBR_NONE},
    {"pt", "Dra", 0, LEDE_ABBR_TITLE},
    {"nl", "het", 1, LEDE_ABBR_NONE},
    {"nl", "bijv", 0, LEDE_ABBR_INNER},
    {"ru", "что", 1, LEDE_ABBR_NONE},
    {"ru", "ещё", 1, LEDE_ABBR_NONE}, /* upstream writes "еще" */
    {"ru", "война", 0, LEDE_ABBR_NONE},
    {"ru", "Проф", 0, LEDE_ABBR_TITLE},
    {"ru", "г", 0, LEDE_ABBR_AMBIGUOUS},
    {"sv", "och", 1, LEDE_ABBR_NONE},
    {"sv", "sitt", 1, LEDE_ABBR_NONE},
    {"da", "også", 1, LEDE_ABBR_NONE},
    {"no", "ikkje", 1, LEDE_ABBR_NONE},
    {"fi", "tällä", 1, LEDE_ABBR_NONE},
    {"fi", "joten", 1, LEDE_ABBR_NONE},
    {"hu", "és", 1, LEDE_ABBR_NONE},
    {"id", "kepada", 1, LEDE_ABBR_NONE}, /* second word on an upstream line */
    {"ro", "şi", 1, LEDE_ABBR_NONE},     /* s with cedilla, as upstream */
    {"ro", "și", 1, LEDE_ABBR_NONE},     /* s with comma below, added */
    {"tr", "ve", 0, LEDE_ABBR_NONE},     /* no licensed stop list */
};

static void check_word_cases(void)
{
    for (size_t i = 0; i < sizeof word_cases / sizeof word_cases[0]; i++) {
        const word_case *c = &word_cases[i];
        const lede_model_data *d = lede_model_find(c->lang);
        lede_model m;
        if (!CHECK_MSG(d && lede_model_init(&m, d) == LEDE_OK, "%s: no model", c->lang))
            continue;
        char folded[64];
        size_t n = lede_fold_word(c->word, strlen(c->word), folded, sizeof folded);
        CHECK_MSG(lede_model_is_stopword(&m, folded, n) == c->stopword, "%s: '%s' stopword != %d",
                  c->lang, c->word, c->stopword);
        CHECK_MSG(lede_model_abbrev_class(&m, c->word, strlen(c->word)) == c->abbrev_class,
                  "%s: '%s' abbreviation class != %d", c->lang, c->word, c->abbrev_class);
        lede_model_free(&m);
    }
}

/* The English background IDF table: every entry is found by its term,
 * unknown terms get the largest idf, other models have none. */
static void check_background_idf(void)
{
    const lede_model_data *en = lede_model_find("en");
    lede_model m;
    if (!CHECK(en && en->n_idf > 1000 && lede_model_init(&m, en) == LEDE_OK))
        return;
    float max = 0;
    for (size_t i = 0; i < en->n_idf; i++)
        max = en->idf[i].idf > max ? en->idf[i].idf : max;
    int wrong = 0;
    for (size_t i = 0; i < en->n_idf; i += 97) {
        const char *t = lede_model_idf_term(en, i);
        wrong += lede_model_idf(&m, t, strlen(t)) != en->idf[i].idf;
        if (i > 0)
            wrong += strcmp(lede_model_idf_term(en, i - 1), t) >= 0; /* sorted, unique */
    }
    CHECK_EQ(wrong, 0);
    CHECK(lede_model_idf(&m, "zzzznotaword", 12) == max);
    CHECK(lede_model_idf(&m, "", 0) == max);
    lede_model_free(&m);
    /* The generator's idf_max (scripts/gen_models.py) is each table's own. */
    for (size_t k = 0; k < lede_builtin_model_count; k++) {
        const lede_model_data *d = &lede_builtin_models[k];
        float table_max = 0;
        for (size_t i = 0; i < d->n_idf; i++)
            table_max = d->idf[i].idf > table_max ? d->idf[i].idf : table_max;
        CHECK_MSG(d->idf_max == table_max, "%s: idf_max %g, table's largest %g", d->code,
                  (double)d->idf_max, (double)table_max);
    }
    const lede_model_data *de = lede_model_find("de");
    lede_model dm;
    if (CHECK(de && lede_model_init(&dm, de) == LEDE_OK)) {
        CHECK(lede_model_idf(&dm, "haus", 4) < 0);
        lede_model_free(&dm);
    }
}

int main(void)
{
    check_background_idf();
    CHECK_MSG(lede_builtin_model_count >= 31, "only %zu models", lede_builtin_model_count);
    for (size_t i = 0; i < lede_builtin_model_count; i++)
        check_model(&lede_builtin_models[i]);
    check_every_stemmer_has_a_model();
    check_find_edge_cases();
    check_public_list();
    check_word_cases();
    return harness_finish();
}
