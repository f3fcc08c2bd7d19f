/* rouge_data.h - ROUGE-1.5.5's stopword list and WordNet 2.0 exception table,
 * embedded by scripts/gen_rouge_data.py (src/rouge/rouge_data.c). */
#ifndef LEDE_ROUGE_DATA_H
#define LEDE_ROUGE_DATA_H

#include <stddef.h>
#include <stdint.h>

/* The tables hold offsets into pools of NUL-terminated strings rather than
 * pointers: in a shared library each pointer would cost a relocation at
 * load time, and there are thousands. */

typedef struct lede_rouge_exception {
    uint32_t word;  /* inflected form */
    uint32_t lemma; /* what ROUGE's -m replaces it with (not stemmed again) */
} lede_rouge_exception;

/* smart_common_words.txt as a set, sorted bytewise (as strcmp): offsets
 * into lede_rouge_stopword_strings. */
extern const char lede_rouge_stopword_strings[];
extern const uint32_t lede_rouge_stopword_list[];
extern const size_t lede_rouge_stopword_count;

/* The exception table sorted by word (bytewise, as strcmp); word and lemma
 * are offsets into lede_rouge_exception_strings. */
extern const char lede_rouge_exception_strings[];
extern const lede_rouge_exception lede_rouge_exception_list[];
extern const size_t lede_rouge_exception_count;

#endif
