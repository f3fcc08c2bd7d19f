/* rouge_internal.h - what the files of the ROUGE stage share: the options
 * struct, the token stream of one text, and the per-pair scoring context. */
#ifndef LEDE_ROUGE_INTERNAL_H
#define LEDE_ROUGE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "../common/intern.h"
#include "lede.h"

/* Longest text of a flag value kept for a metric name or label. */
#define LEDE_ROUGE_FLAG_TEXT 32

/* Upper bound on one LCS table (reference sentence x candidate sentence
 * tokens): 64 MB of traceback bytes. */
#define LEDE_ROUGE_MAX_LCS_CELLS ((size_t)1 << 26)

/* Upper bound on the skip bigrams of one text (only reachable with an
 * unlimited or huge -2 on a long text): 512 MB of unit ids. */
#define LEDE_ROUGE_MAX_SKIP_UNITS ((size_t)1 << 27)

struct lede_rouge_options {
    unsigned max_ngram;
    int lcs;
    double wlcs_weight; /* 0: no ROUGE-W */
    char wlcs_text[LEDE_ROUGE_FLAG_TEXT];
    int skip_given; /* -2 */
    long skip_gap;  /* < 0: no limit */
    char skip_text[LEDE_ROUGE_FLAG_TEXT];
    int skip_u;     /* -u */
    int skip_U;     /* -U */
    double alpha;
    int best;
    int stem;
    int stopwords;
    size_t word_limit;
    size_t byte_limit;
    /* 'l' or 'b' once that flag is given (a value of 0 counts as given);
     * 0 before, and after a typed limit setter, whose limit a flag then
     * replaces. */
    char limit_flag;
    double confidence;
    char confidence_text[LEDE_ROUGE_FLAG_TEXT];
    size_t resamples;
    lede_rouge_average average;
    lede_rouge_tokenizer tokenizer;
    lede_rouge_empty_reference empty_reference;
};

/* The measure a metric computes. */
typedef enum rouge_kind { ROUGE_N, ROUGE_L, ROUGE_W, ROUGE_S, ROUGE_SU } rouge_kind;

typedef struct rouge_metric {
    rouge_kind kind;
    unsigned n; /* ROUGE-N only */
    char name[LEDE_ROUGE_FLAG_TEXT + 16];
} rouge_metric;

/* Builds the metric list of `opts` in the script's order into `out` (room
 * for 9 + 4 entries); returns the count. */
size_t lede_rouge_metrics_build(const lede_rouge_options *opts, rouge_metric *out);

/* Copies `text` (NUL-terminated) into a flag-text buffer; -1 when too long. */
int lede_rouge_flag_text(char *dst, const char *text);

/* ---- tokens ---- */

/* One text as the script sees it: the token ids of the whole text (the
 * n-gram side) and, for ROUGE-L/W, the tokens of each sentence. They differ
 * only under -b, where the script truncates the LCS side differently. */
typedef struct rouge_tokens {
    uint32_t *ids; /* n-gram side */
    size_t count;
    size_t cap;
    uint32_t *lcs_ids; /* LCS side, sentence after sentence */
    size_t lcs_count;
    size_t lcs_cap;
    size_t *sent_end; /* end of sentence k in lcs_ids */
    size_t n_sent;
    size_t sent_cap;
} rouge_tokens;

void lede_rouge_tokens_free(rouge_tokens *t);

/* The vocabulary: token strings to ids, with the stemmed/stopword form of
 * each raw token cached in the intern value (0: not yet known; UINT32_MAX:
 * dropped as a stopword; else final id + 1). */
typedef struct rouge_vocab {
    lede_intern table;
    int stem;
    int stopwords;
    char *scratch; /* stemmer buffer */
    size_t scratch_cap;
} rouge_vocab;

/* Tokenizes `text` under `opts` into `out` (reset first). Messages name
 * document `doc` and the text: the candidate (ref 0) or reference `ref`. */
lede_status lede_rouge_tokenize(const lede_rouge_options *opts, rouge_vocab *vocab,
                                const lede_rouge_text *text, rouge_tokens *out,
                                const char *doc, size_t ref, lede_error **err);

/* Whether `word` (NUL-terminated) is in ROUGE's stopword list. */
int lede_rouge_is_stopword(const char *word, size_t len);

/* ROUGE-1.5.5's -m on one token of more than 3 bytes: the WordNet exception
 * lemma when the token is a key there, else its Porter variant. Writes into
 * `out` (room for len + 1 bytes) and returns the new length; `*lemma` is set
 * to the exception's static lemma instead when there is one. */
size_t lede_rouge_morph_stem(const char *token, size_t len, char *out, const char **lemma);

/* ROUGE's Porter stemmer alone (Porter's Perl code with C.-Y. Lin's 2004
 * step-4 change). `w` holds `len` bytes and room for one more; returns the
 * new length. */
size_t lede_rouge_porter(char *w, size_t len);

/* ---- scoring one document ---- */

/* Scratch space reused across documents. */
typedef struct rouge_work {
    uint32_t *local_of; /* vocab id -> local id in the current document */
    uint32_t *stamp;    /* document serial that set local_of[id] */
    size_t vocab_cap;
    uint32_t serial;
    uint64_t *keys; /* open-addressing table of n-gram keys */
    uint32_t *vals;
    size_t nslots;
    size_t nkeys;
    uint32_t *cc, *rc; /* candidate / reference counts by local gram id */
    size_t counts_cap;
    uint32_t *buf;     /* local ids and gram ids of the texts */
    size_t buf_cap;
    unsigned char *dir; /* WLCS traceback */
    size_t dir_cap;
    uint64_t *bits; /* bit-parallel LCS: match masks, then rows */
    size_t bits_cap;
    double *rows;       /* LCS/WLCS rolling rows */
    size_t rows_cap;
    unsigned char *mask;
    size_t mask_cap;
    double *pow_table; /* k^w for ROUGE-W */
    size_t pow_count;
} rouge_work;

void lede_rouge_work_free(rouge_work *w);

/* Scores one document on every metric: 6 doubles per metric (R, P, F, model
 * count, peer count, hits) into `out`. `empty_ref` receives the index + 1
 * of a reference the script would die on (ROUGE-W with no token), else 0;
 * the scores are then not computed. */
lede_status lede_rouge_score_doc(const lede_rouge_options *opts, const rouge_metric *metrics,
                                 size_t n_metrics, rouge_work *work, size_t vocab_size,
                                 const rouge_tokens *cand, const rouge_tokens *refs,
                                 size_t n_refs, double *out, size_t *empty_ref);

/* printf("%7.5f")'s rounding of x, as the double a program reading it back
 * would get. */
double lede_rouge_round5(double x);

/* ---- overall scores ---- */

/* Bootstrap of `n_docs` rows of `width` values (rows in the script's
 * instance order): for each column the mean of the resample values, and the
 * lower and upper bounds, each rounded; out has 3 * width doubles (mean, low,
 * high per column). A resample's value is the mean of the drawn rows, or,
 * with `pooled` (the script's -t 1), columns taken three by three as
 * (model count, peer count, hits) become R, P and F of the summed counts
 * with weight `alpha`. */
lede_status lede_rouge_bootstrap(const double *rows, size_t n_docs, size_t width,
                                 size_t resamples, double confidence, int pooled,
                                 double alpha, double *out);

/* ---- the scorer, for the file readers ---- */

/* Registers a peer that may end up with no document (a system ID asked for
 * that no evaluation lists: the script then prints zeros for it). */
lede_status lede_rouge_register_peer(lede_rouge *r, const char *id);

/* Records a warning the script would print on stderr. */
lede_status lede_rouge_add_warning(lede_rouge *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
