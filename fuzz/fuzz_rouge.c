/* fuzz_rouge.c - libFuzzer target for ROUGE: the first two bytes choose the
 * options (tokenizer, stemming, stopwords, n-gram order, ROUGE-L and -W, skip
 * bigrams, a length limit, the averaging, empty references); the rest is a
 * candidate and one to three references, separated by byte 0x01, each a
 * list of sentences separated by '\n' (any other byte, NUL included, is
 * text). Whatever the bytes, lede_rouge_add and lede_rouge_compute must
 * return a status, and every score they give must be a finite number, R, P
 * and F of a document (averaging documents) between 0 and 1. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"
#include "rouge_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_TEXTS = 4, MAX_SENTENCES = 64 };

typedef struct text {
    const char *sentences[MAX_SENTENCES];
    size_t lengths[MAX_SENTENCES];
    lede_rouge_text view;
} text;

/* Cuts data[0, size) into sentences at '\n' (at most MAX_SENTENCES: the
 * last one takes the rest). */
static void split_sentences(const char *data, size_t size, text *t)
{
    size_t n = rouge_fuzz_split(data, size, '\n', t->sentences, t->lengths, MAX_SENTENCES);
    t->view = (lede_rouge_text){t->sentences, t->lengths, n};
}

static void choose_options(lede_rouge_options *o, uint8_t a, uint8_t b)
{
    lede_rouge_options_set_tokenizer(o, (a & 1) ? LEDE_ROUGE_TOKENIZE_UNICODE
                                                : LEDE_ROUGE_TOKENIZE_ROUGE155);
    lede_rouge_options_set_stemming(o, (a >> 1) & 1);
    lede_rouge_options_set_stopwords(o, (a >> 2) & 1);
    lede_rouge_options_set_max_ngram(o, (a >> 3) & 3);
    lede_rouge_options_set_lcs(o, (a >> 5) & 1);
    lede_rouge_options_set_wlcs(o, (a >> 6) & 1 ? 1.2 : 0);
    lede_rouge_options_set_best_reference(o, a >> 7);
    lede_rouge_options_set_skip_bigram(o, (lede_rouge_skip)(b & 3), (b >> 2) & 1 ? 4 : -1);
    if ((b >> 3) & 1)
        lede_rouge_options_set_word_limit(o, 5);
    else if ((b >> 4) & 1)
        lede_rouge_options_set_byte_limit(o, 40);
    lede_rouge_options_set_average(o, (lede_rouge_average)(((b >> 5) & 3) % 3));
    lede_rouge_options_set_empty_reference(o, (b >> 7) ? LEDE_ROUGE_EMPTY_REFERENCE_ZERO
                                                       : LEDE_ROUGE_EMPTY_REFERENCE_ERROR);
    lede_rouge_options_set_resamples(o, 20);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    lede_rouge_options *opts = lede_rouge_options_new();
    if (!opts)
        return 0;
    choose_options(opts, data[0], data[1]);
    lede_rouge *r = NULL;
    lede_status st = lede_rouge_new(opts, &r, NULL);
    lede_rouge_options_free(opts);
    if (st != LEDE_OK)
        return 0;
    const char *parts[MAX_TEXTS];
    size_t lens[MAX_TEXTS];
    size_t n = rouge_fuzz_split((const char *)data + 2, size - 2, 0x01, parts, lens, MAX_TEXTS);
    text texts[MAX_TEXTS];
    for (size_t i = 0; i < n; i++)
        split_sentences(parts[i], lens[i], &texts[i]);
    lede_rouge_text refs[MAX_TEXTS - 1];
    for (size_t i = 1; i < n; i++)
        refs[i - 1] = texts[i].view;
    lede_error *err = NULL;
    /* One text only: no reference, which must be refused. */
    st = lede_rouge_add(r, NULL, NULL, &texts[0].view, refs, n - 1, &err);
    if (n == 1 && st == LEDE_OK)
        abort();
    lede_error_free(err);
    err = NULL;
    if (st == LEDE_OK && lede_rouge_compute(r, &err) == LEDE_OK)
        rouge_fuzz_check_scores(r);
    lede_error_free(err);
    lede_rouge_free(r);
    return 0;
}
