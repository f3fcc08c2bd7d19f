/* model.h - a language model ready for lookups: stopwords, abbreviations
 * and background IDF as hash tables built from the built-in data. */
#ifndef LEDE_MODEL_MODEL_H
#define LEDE_MODEL_MODEL_H

#include <stddef.h>

#include "../common/intern.h"
#include "lede.h"
#include "model_data.h"

typedef struct lede_model {
    const lede_model_data *data;
    lede_intern stopwords;   /* case-folded words */
    lede_intern abbrevs;     /* case-folded words; value = LEDE_ABBR_* */
} lede_model;

/* Finds the built-in model for `language`: a model code ("en") or one of
 * its aliases ("nb"), a language name ("English", any case), a Snowball
 * algorithm name ("english"), or a language tag whose primary subtag is one
 * of these ("en-US", "pt_BR"). NULL when there is none. */
const lede_model_data *lede_model_find(const char *language);

/* Builds the lookup tables of `data` into `m`. Returns LEDE_OK or
 * LEDE_ERR_NOMEM (m is then freed). */
lede_status lede_model_init(lede_model *m, const lede_model_data *data);

void lede_model_free(lede_model *m);

/* Whether the case-folded word is a stopword. */
int lede_model_is_stopword(const lede_model *m, const char *folded, size_t len);

/* Whether the case-folded word is one the language writes with a capital
 * inside a sentence too (lede_model_data.capitalized). */
int lede_model_is_capitalized(const lede_model *m, const char *folded, size_t len);

/* Whether the case-folded word is one of the language's verbs of speech
 * (lede_model_data.speech_verbs). */
int lede_model_is_speech_verb(const lede_model *m, const char *folded, size_t len);

/* Whether the case-folded word is never a speaker's name
 * (lede_model_data.not_names). */
int lede_model_is_not_name(const lede_model *m, const char *folded, size_t len);

/* The abbreviation class (LEDE_ABBR_*) of `word` as written in the text,
 * without its final period; matching is case-insensitive. */
int lede_model_abbrev_class(const lede_model *m, const char *word, size_t len);

/* The background IDF of a term, or a negative value when the model has no
 * IDF table. */
double lede_model_idf(const lede_model *m, const char *term, size_t len);

/* Lower-cases `len` bytes of `s` into `out` (capacity `cap` bytes) with
 * Unicode simple case folding per code point. Returns the length written,
 * or 0 when it does not fit or `s` is not valid UTF-8. */
size_t lede_fold_word(const char *s, size_t len, char *out, size_t cap);

#endif
