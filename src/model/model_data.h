/* model_data.h - the layout of the built-in language models that
 * scripts/gen_models.py writes into model_data.c. */
#ifndef LEDE_MODEL_DATA_H
#define LEDE_MODEL_DATA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Abbreviation classes (see models/en/abbreviations.txt). */
enum {
    LEDE_ABBR_NONE = 0,
    LEDE_ABBR_TITLE = 1,
    LEDE_ABBR_INNER = 2,
    LEDE_ABBR_NUMERIC = 3,
    LEDE_ABBR_AMBIGUOUS = 4
};

/* The tables hold offsets into a pool of NUL-terminated strings, one pool
 * per table, rather than pointers: in a shared library each pointer would
 * cost a relocation at load time, and there are tens of thousands. */
typedef struct lede_abbrev_entry {
    uint32_t word; /* case-folded, without the final period */
    unsigned char cls;
} lede_abbrev_entry;

/* Floats: the stem tables (stem_idf) and a summarizer's cache of them keep
 * them as floats too, exactly (so do idf_max and the -1 of no table). */
typedef struct lede_idf_entry {
    uint32_t term; /* normalized and stemmed as the tokenizer makes terms */
    float idf;
} lede_idf_entry;

typedef struct lede_model_data {
    const char *code;
    const char *name;
    const char *stemmer; /* Snowball algorithm name, "" for none */
    const char *aliases; /* other codes for the language, comma-separated */
    int strip_marks;
    int ordinal_dot;     /* "3. Oktober": a number with a period is an ordinal */
    int question_semicolon; /* ';' is the question mark (Greek: U+037E is ';' after NFC) */
    /* Stopwords written with a capital inside a sentence too (English "I",
     * German formal "Sie"), comma-separated, case-folded: such a capital
     * is no sign of a sentence start. */
    const char *capitalized;
    /* Verbs of speech that follow a name in an attribution after a quoted
     * question or exclamation ("Why?" Tom asked.), comma-separated and
     * case-folded: the quotation does not end the sentence there. Empty
     * where the language has no such order. */
    const char *speech_verbs;
    /* Capitalized words that begin a sentence and are never a speaker's
     * name (English "Nobody", "Everyone"), comma-separated and case-folded:
     * "Is he dead?" Nobody answered. is two sentences. */
    const char *not_names;
    const char *stopword_strings;
    const uint32_t *stopwords; /* offsets into stopword_strings */
    size_t n_stopwords;
    const char *abbrev_strings;
    const lede_abbrev_entry *abbrevs;
    size_t n_abbrevs;
    const char *idf_strings;
    const lede_idf_entry *idf;
    size_t n_idf;
    float idf_max;       /* the largest idf of the table (0 without one), worked out
                          * by the generator instead of by every new summarizer */
} lede_model_data;

/* The strings of the i-th entry of a model's tables. */
static inline const char *lede_model_stopword(const lede_model_data *d, size_t i)
{
    return d->stopword_strings + d->stopwords[i];
}

static inline const char *lede_model_abbrev_word(const lede_model_data *d, size_t i)
{
    return d->abbrev_strings + d->abbrevs[i].word;
}

static inline const char *lede_model_idf_term(const lede_model_data *d, size_t i)
{
    return d->idf_strings + d->idf[i].term;
}

/* Compares `len` bytes of `term` (without a NUL: the table's terms have
 * none) with a NUL-terminated table term, in the byte order
 * scripts/gen_models.py sorts by. */
static inline int lede_model_compare_term(const char *term, size_t len, const char *entry)
{
    size_t elen = strlen(entry);
    int c = memcmp(term, entry, len < elen ? len : elen);
    if (c != 0)
        return c;
    return (len > elen) - (len < elen);
}

/* The background IDF of a term: its entry's, the table's largest for a
 * term it lacks (at least as rare as the rarest it has), or -1 when the
 * model has no table. The table is sorted by term and searched in place:
 * building a hash table of its tens of thousands of terms would cost every
 * new summarizer milliseconds. Shared by lede_model_idf and the stem table
 * generator, which stores each stem's. */
static inline double lede_model_data_idf(const lede_model_data *d, const char *term, size_t len)
{
    size_t lo = 0, hi = d->n_idf;
    if (hi == 0)
        return -1.0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = lede_model_compare_term(term, len, lede_model_idf_term(d, mid));
        if (c == 0)
            return d->idf[mid].idf;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return d->idf_max;
}

extern const lede_model_data lede_builtin_models[];
extern const size_t lede_builtin_model_count;

#endif
