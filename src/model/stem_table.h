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

/* Each distinct stem has an id, 0 to `nstems` - 1, by which a tokenizer
 * knows a word's stem without its string: no summarizer then copies,
 * hashes or interns the stems of the words the table knows (the tokenizer
 * maps the ids to its own term ids, src/text/tokens.h).
 *
 * Each word is stored as "WORD\0" followed by its stem id in three bytes,
 * least significant first; each stem as "STEM\0"
 * at stem_offsets[id] (stem_offsets[nstems] is the end of the last). A slot
 * holds a word's offset, or a stem's id, plus one in its low 24 bits (0 =
 * empty) and the top byte of the key's hash in its high 8, so that most
 * probes of a missing key never read the strings. */
typedef struct lede_stem_table {
    const char *code;    /* the model's language code */
    const char *stemmer; /* the Snowball algorithm the stems come from */
    const char *words;
    const uint32_t *word_slots;
    uint32_t word_mask;  /* slot count - 1; the count is a power of two */
    const char *stems;
    const uint32_t *stem_offsets;
    uint32_t nstems;
    const uint32_t *stem_slots;
    uint32_t stem_mask;
    /* The model's background IDF of each stem (lede_model_data_idf): the
     * summarizer finds a table stem's by its id, not by a search of the
     * model's strings. */
    const float *stem_idf;
} lede_stem_table;

/* A slot's value (plus one) takes its low 24 bits: word offsets and stem
 * ids (three bytes in a word's entry) are below 2^24 - 1. */
enum { LEDE_STEM_SLOT_VALUE_BITS = 24 };

extern const lede_stem_table lede_builtin_stem_tables[];
extern const size_t lede_builtin_stem_table_count;

/* The tables are read-only data, compiled in: every function here may be
 * called from any thread, and nothing is allocated or freed. */

/* The table of the model with language code `code`, or NULL. */
const lede_stem_table *lede_stem_table_for(const char *code);

/* A word or a stem is placed by lede_hash_bytes (intern.h): its low bits
 * pick the slot, its top byte is the tag. The generator uses it, and the
 * tokenizer looks its new words up with the hash it already has. */

/* Longer words are not stemmed by the tokenizer, nor kept in a table. */
#define LEDE_MAX_STEM_BYTES 64

/* Whether a case-folded word has a letter: an ASCII lower-case letter or
 * any byte of a non-ASCII character. The tokenizer stems only such words,
 * and the generator makes sure every stem of a table has one, so that a
 * word not stemmed is never taken for a stem of the table. */
static inline int lede_stem_has_letter(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (c >= 'a' && c <= 'z'))
            return 1;
    }
    return 0;
}

/* The stem id of `word` (case-folded as the tokenizer folds words; `hash`
 * its lede_hash_bytes), or -1 when the table lacks the word. */
int64_t lede_stem_table_word(const lede_stem_table *table, const char *word, size_t len,
                             uint64_t hash);

/* The id of the stem `stem` (`hash` its lede_hash_bytes), or -1 when
 * no word of the table has that stem. */
int64_t lede_stem_table_stem_id(const lede_stem_table *table, const char *stem, size_t len,
                                uint64_t hash);

/* The NUL-terminated stem of id `id` (< nstems), its length in *len. */
const char *lede_stem_table_stem(const lede_stem_table *table, uint32_t id, size_t *len);

/* A word lookup's reads are a slot, then the string it points to, each
 * most likely a cache miss in a table of megabytes. To look up a batch of
 * words with their misses overlapping: lede_stem_table_prefetch_slot for
 * every word, then lede_stem_table_prefetch_entry for every word (it reads
 * the slots, now cached, and starts reading the entry they point to), then
 * lede_stem_table_word for every word. Hints only: they change no result. */
void lede_stem_table_prefetch_slot(const lede_stem_table *table, uint64_t hash);
void lede_stem_table_prefetch_entry(const lede_stem_table *table, uint64_t hash);

/* The same hint for a lookup of lede_stem_table_stem_id: its slot. */
void lede_stem_table_prefetch_stem_slot(const lede_stem_table *table, uint64_t hash);

#endif
