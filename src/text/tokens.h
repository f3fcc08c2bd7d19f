/* tokens.h - the tokenizer: words of each unit, normalized (NFKC, case
 * folding, optional mark stripping), stopwords removed, stemmed (by the
 * model's stem table when it has the word, else by Snowball), numbered as
 * term ids. Every token keeps its byte span. */
#ifndef LEDE_TEXT_TOKENS_H
#define LEDE_TEXT_TOKENS_H

#include <stddef.h>
#include <stdint.h>

#include "../common/intern.h"
#include "../common/strbuf.h"
#include "../model/model.h"
#include "../model/stem_table.h"
#include "lede.h"
#include "units.h"

typedef struct lede_token {
    size_t start;  /* byte span [start, start + len) in the caller's buffer */
    uint32_t len;
    uint32_t term; /* its term id (lede_tokenizer_term) */
} lede_token;

typedef struct lede_tokens {
    lede_token *items;
    size_t count;
    size_t cap;
    size_t *first; /* tokens of unit i are items[first[i] .. first[i + 1]) */
    size_t first_cap;
} lede_tokens;

struct sb_stemmer;

/* A word form met for the first time in the document being tokenized. */
typedef struct lede_new_word {
    uint32_t surface; /* its entry in the surface table */
    uint32_t term;    /* its term, once resolved */
    size_t offset;    /* its string in lede_tokenizer.new_text: the normalized */
    size_t len;       /* form, then (once stemmed by Snowball) its stem */
    uint64_t hash;    /* lede_hash_bytes of that string */
    int stem;         /* whether it is to be stemmed */
    uint32_t table_stem; /* its stem's id in the stem table, or UINT32_MAX */
} lede_new_word;

/* origin[] of a term that is a string of the term table (its id there in
 * the low bits), not a stem of the stem table. */
#define LEDE_TERM_INTERNED 0x80000000u

/* A summarizer's vocabulary is forgotten between documents past this many
 * terms, so that memory stays bounded over a long batch. */
#define LEDE_MAX_CACHED_TERMS ((size_t)1 << 20)

typedef struct lede_tokenizer {
    const lede_model *model;
    struct sb_stemmer *stemmer; /* NULL when the language has none */
    const lede_stem_table *stems; /* built-in stems for `stemmer`, or NULL */
    /* Term ids are 0, 1, 2, ... in order of first sight. A term is a stem
     * of `stems` (found by its id there, with no copy of its string) or a
     * string of `terms`: origin[id] is the stem's id, or the string's id
     * plus LEDE_TERM_INTERNED. */
    uint32_t *origin;
    size_t nterms;
    size_t origin_cap;
    uint32_t *term_of_stem;     /* stem id -> term id + 1, 0 = none yet */
    /* Between documents the tables are cleared once there are more terms
     * than this: LEDE_MAX_CACHED_TERMS, set by lede_tokenizer_init; a test
     * sets less, and the IDF builder (scripts/idf) SIZE_MAX, as it counts
     * documents by term id over a whole corpus. */
    size_t max_cached_terms;
    /* Counts the clearings: a term id of an earlier generation may name
     * another term now (what a cache by term id must know). */
    size_t generation;
    lede_intern terms;          /* terms the stem table lacks; value = term id */
    lede_intern surface;        /* token as written -> 1 (dropped), a new word, or term + 2 */
    /* New word forms are stemmed and interned together at the end of the
     * document, in the order they were met (so term ids are as if each
     * were done on sight): the stem table's reads of a whole batch of
     * words are then in flight at once instead of one after the other. */
    lede_new_word *new_words;
    size_t new_count;
    size_t new_cap;
    lede_strbuf new_text;       /* their normalized forms, back to back */
    int32_t *cps;               /* normalization scratch */
    size_t cps_cap;
    lede_strbuf norm;
} lede_tokenizer;

/* Tokens longer than this many bytes are not words (base64, hashes, runs of
 * one letter) and are skipped. */
#define LEDE_MAX_TOKEN_BYTES 128

/* Prepares a tokenizer for `model`; `stemmer` is a Snowball algorithm name
 * or "" for none. Returns LEDE_ERR_UNKNOWN_LANGUAGE when libstemmer lacks
 * it, LEDE_ERR_NOMEM. */
lede_status lede_tokenizer_init(lede_tokenizer *t, const lede_model *model, const char *stemmer);

void lede_tokenizer_free(lede_tokenizer *t);

/* Tokenizes every unit of `units` in text into `out`. Term ids stay valid
 * for the whole document; between documents the tables are cleared when
 * they grow past a bound, so memory stays bounded over a long batch. */
lede_status lede_tokenize(lede_tokenizer *t, const char *text, const lede_units *units,
                          lede_tokens *out);

/* The string of term `id` (below lede_tokenizer_term_count, of the current
 * generation), its length in *len; valid until the terms are cleared. */
const char *lede_tokenizer_term(const lede_tokenizer *t, uint32_t id, size_t *len);

/* The id in t->stems of term `id` (as for lede_tokenizer_term) when it is
 * one of its stems, else -1. */
int64_t lede_tokenizer_table_stem(const lede_tokenizer *t, uint32_t id);

/* How many term ids there are so far: every id is below it. */
size_t lede_tokenizer_term_count(const lede_tokenizer *t);

/* How many times the terms were forgotten (lede_tokenize clears them
 * between documents past max_cached_terms): the ids of one generation stay
 * the same terms until the next. */
size_t lede_tokenizer_generation(const lede_tokenizer *t);

void lede_tokens_free(lede_tokens *tok);

#endif
