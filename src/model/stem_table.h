/* stem_table.h - Snowball stems of a language's common word forms,
 * computed when lede is built (scripts/stems/gen_stem_table.c runs
 * libstemmer over models/<code>/words.txt) and compiled into the library.
 *
 * A summarizer remembers the stem of every word form it has met, but a new
 * summarizer has met none, and Snowball takes a few thousand instructions
 * per word: on a batch of news articles, stemming the forms seen for the
 * first time was a tenth of the run. A lookup here costs a hash and one or
 * two reads of read-only memory shared by every thread and process. */
#ifndef LEDE_MODEL_STEM_TABLE_H
#define LEDE_MODEL_STEM_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "../common/intern.h"

/* Each word is stored as "WORD\0" followed by one byte P and "TAIL\0": its
 * stem is the first P bytes of the word followed by TAIL. A slot holds the
 * offset of a word plus one in its low 24 bits (0 = empty) and the top
 * byte of the word's hash in its high 8, so that most probes of a missing
 * word never read the strings. */
typedef struct lede_stem_table {
    const char *code;    /* the model's language code */
    const char *stemmer; /* the Snowball algorithm the stems come from */
    const char *strings;
    const uint32_t *slots;
    uint32_t mask;       /* slot count - 1; the count is a power of two */
} lede_stem_table;

enum { LEDE_STEM_SLOT_OFFSET_BITS = 24 };

extern const lede_stem_table lede_builtin_stem_tables[];
extern const size_t lede_builtin_stem_table_count;

/* The tables are read-only data, compiled in: every function here may be
 * called from any thread, and nothing is allocated or freed. */

/* The table of the model with language code `code`, or NULL. */
const lede_stem_table *lede_stem_table_for(const char *code);

/* Writes the stem of `word` (case-folded as the tokenizer folds words) to
 * `out` and returns its length; 0 when the table lacks the word or the
 * stem does not fit in `cap` bytes. */
size_t lede_stem_table_find(const lede_stem_table *table, const char *word, size_t len,
                            char *out, size_t cap);

/* The hash that places a word: its low bits pick the slot, its top byte
 * is the tag. Shared by the generator and the lookup. */
static inline uint64_t lede_stem_table_hash(const char *word, size_t len)
{
    return lede_hash_bytes(word, len);
}

/* lede_stem_table_find with the word's hash already computed. */
size_t lede_stem_table_find_hashed(const lede_stem_table *table, const char *word, size_t len,
                                   uint64_t hash, char *out, size_t cap);

/* A lookup's reads are a slot, then the string it points to, each most
 * likely a cache miss in a table of megabytes. To look up a batch of words
 * with their misses overlapping: lede_stem_table_prefetch_slot for every
 * word, then lede_stem_table_prefetch_entry for every word (it reads the
 * slots, now cached, and starts reading the entry they point to), then
 * lede_stem_table_find_hashed for every word. Hints only: they change no
 * result. */
void lede_stem_table_prefetch_slot(const lede_stem_table *table, uint64_t hash);
void lede_stem_table_prefetch_entry(const lede_stem_table *table, uint64_t hash);

#endif
