/* bench.h - what the files of `lede bench` share: the documents with their
 * references, the rows of the table (methods, baselines, the oracle, other
 * systems' summaries) and their scores. Like the rest of the CLI it uses
 * only lede.h. docs/benchmarking.md describes the command. */
#ifndef LEDE_CLI_BENCH_H
#define LEDE_CLI_BENCH_H

#include <stddef.h>
#include <stdint.h>

#include "jsonl.h"
#include "lede.h"

/* ====== Texts: a list of sentences ====== */

typedef struct bench_text {
    char **sentences; /* each NUL-terminated and owned */
    size_t *lengths;
    size_t count;
    size_t cap;
} bench_text;

/* Appends a copy of `len` bytes of `s`; 0 or -1 when out of memory. */
int bench_text_push(bench_text *t, const char *s, size_t len);
void bench_text_free(bench_text *t);
/* Words as lede counts them for --words: runs of non-space bytes. */
size_t bench_count_words(const char *s, size_t len);
/* Characters (code points) of UTF-8 text, as lede counts them for --chars. */
size_t bench_count_chars(const char *s, size_t len);
size_t bench_text_words(const bench_text *t);
/* The FNV-1a hash of a string: the random baseline's seed per document,
 * the source names' table. */
uint64_t bench_fnv1a(const char *s);
/* The text as ROUGE takes it (pointers into `t`). */
lede_rouge_text bench_rouge_text(const bench_text *t);

/* Appends the strings of the JSON array `v` (a member's value, or an item
 * of one) to `out`, read by lede's own JSON reader, not jansson's: when
 * memory runs out in the middle of a string, jansson's lexer leaves a
 * character out and goes on, or runs past the end of its buffer. `items`
 * and `scratch` are the caller's, reused from call to call. Returns 0; 1
 * when `v` is not an array; 2 when item *bad_item (from 0) is not a
 * string; -1 when out of memory. */
int bench_text_from_array(const jsonl_member *v, jsonl_object *items, jsonl_buf *scratch,
                          bench_text *out, size_t *bad_item);

/* ====== Documents ====== */

/* More references than this on one line are an error. */
enum { BENCH_MAX_REFERENCES = 64 };

typedef struct bench_doc {
    char *id;
    size_t line;      /* in the data file, for messages */
    size_t source;    /* index into bench_data.sources */
    char *text;       /* decoded "text" (with the title before it under --title) */
    size_t text_len;
    bench_text *refs; /* the references, at least one */
    size_t n_refs;
} bench_doc;

typedef struct bench_data {
    const char *path;
    bench_doc *docs;
    size_t count;
    char **sources;   /* distinct sources in order of appearance; "" for none */
    size_t n_sources;
    size_t *by_id;    /* document indices sorted by id, for lookups */
    size_t skipped;   /* bad lines left out under --skip-bad */
} bench_data;

typedef struct bench_read_options {
    int skip_bad;
    int title;
    char **only_sources; /* --source filters; none: every document */
    size_t n_only_sources;
} bench_read_options;

/* Reads the data file. Bad lines are reported on stderr as FILE:LINE:COL;
 * returns EXIT_OK, or EXIT_INPUT when the file cannot be read, holds no
 * document, has a bad line and skip_bad is off, or memory ran out (even
 * with skip_bad). */
int bench_read_data(const char *path, const bench_read_options *ro, bench_data *out);
void bench_data_free(bench_data *d);

/* Leaves out the documents marked in `bad` (one flag per document),
 * counting them as skipped; 0 or -1 when out of memory. */
int bench_data_drop(bench_data *d, const unsigned char *bad);

/* The index of the document with this id, or (size_t)-1. */
size_t bench_find_doc(const bench_data *d, const char *id);

/* Reads another program's summaries from `path` (a JSON Lines file of
 * {"id", "summary": [sentences]}, or a folder of files named ID or ID.txt,
 * one sentence per line) into summaries[doc] for every document. Returns
 * EXIT_OK or EXIT_INPUT after reporting. `*unused` counts lines whose id
 * is not among the documents (another --source). */
int bench_read_system(const char *path, const bench_data *data, bench_text *summaries,
                      size_t *unused);

/* ====== Rows ====== */

enum bench_kind { BENCH_METHOD, BENCH_BASELINE, BENCH_ORACLE, BENCH_SYSTEM };

/* The length budget, as the last length option gave it. */
enum bench_budget {
    BUDGET_DEFAULT,   /* the library's default number of sentences */
    BUDGET_SENTENCES,
    BUDGET_RATIO,
    BUDGET_WORDS,
    BUDGET_CHARS,
    BUDGET_MATCH      /* --match-reference */
};

/* Where a plotted length puts the row. */
typedef struct bench_point {
    char budget[48]; /* as NAME=VALUE */
    double words;    /* mean summary length in words */
    double f[3];     /* mean per-document F of the shown metrics */
} bench_point;

typedef struct bench_entry {
    char *label;
    enum bench_kind kind;
    lede_options *opts;       /* methods: every option */
    lede_summarizer *summarizer;
    char *description;        /* options as NAME=VALUE pairs, or what the row is */
    int random;               /* baselines: random order (else lead) */
    uint64_t seed;            /* the random baseline's seed */
    bench_text *summaries;    /* one per document */
    size_t empty;             /* documents where no sentence fit the budget */
    size_t unused;            /* systems: summaries of documents not benchmarked */
    bench_point *points;      /* --plot: one per plotted length */
} bench_entry;

/* ====== Results ====== */

/* A difference in mean F against the first row, from the paired bootstrap. */
typedef struct bench_paired {
    double diff;
    double low, high;
    double p;
} bench_paired;

/* A set of documents scored together: every document, then each source. */
typedef struct bench_group {
    const char *name;  /* NULL for every document */
    size_t *docs;      /* room for `count` only */
    size_t count;
    lede_rouge_overall *overall; /* [entry * run->n_metrics + metric] */
    bench_paired *paired; /* [entry * 3 + shown metric] */
    double *mean_words;   /* [entry] */
} bench_group;

typedef struct bench_run {
    /* settings */
    const char *data_path;
    lede_options *base;
    enum bench_budget budget;
    const char *budget_unit;   /* the lede option of the length, NULL for the default */
    const char *budget_value;
    /* lede's sentences of a document, and with probe_opts (the base options,
     * method lead) how many of them the bench's own rows take */
    lede_summarizer *probe;
    lede_options *probe_opts;
    struct bench_oracle *oracle;
    int oracle_exhaustive;     /* --oracle exhaustive */
    char **rouge_argv;
    int rouge_argc;
    const char *rouge_flags;
    int rouge_unicode;         /* --tokenize unicode */
    int rouge_empty_zero;      /* --empty-reference zero */
    size_t resamples;
    uint64_t seed;
    char **plot_lengths;       /* pointers into plot_copy */
    size_t n_plot_lengths;
    char *plot_copy;
    int argc;
    char **argv;
    /* inputs and rows */
    bench_data data;
    bench_entry *entries;
    size_t n_entries;
    /* scores */
    lede_rouge *scorer;  /* every document (group 0): per-document scores, metric names */
    size_t n_metrics;
    bench_group *groups;
    size_t n_groups;
    size_t shown[3];   /* metric indices of the table's columns */
    size_t n_shown;
    const char *plot_unit; /* the lede option the plotted lengths set */
} bench_run;

/* Makes every row's summary of every document (bench_summarize.c);
 * EXIT_OK or EXIT_INPUT after reporting. */
int bench_summarize_all(bench_run *run, int skip_bad);

/* Reports a document that a row could not summarize or score:
 * "FILE:LINE: document 'ID': LABEL: message" (`err`'s, else `st`'s);
 * frees `err`. Returns BENCH_OUT_OF_MEMORY for LEDE_ERR_NOMEM, else -1. */
int bench_doc_error(const bench_run *run, const bench_doc *doc, const char *label,
                    lede_error *err, lede_status st);

/* ====== The bench's own rows (bench_summarize.c) and its oracle (bench_oracle.c) ====== */

typedef struct bench_oracle bench_oracle;

/* How long a summary of the bench's own rows (lead, random, oracle) may be:
 * sentences, words, characters ((size_t)-1: no limit of that kind). */
typedef struct bench_limit {
    size_t count, words, chars;
} bench_limit;

/* Whether sentence s fits the limit after `words` and `chars` are used. */
int bench_fits(const lede_sentence *s, const bench_limit *lim, size_t words,
               size_t chars);

/* The oracle of n_docs documents (run->data's) under the run's ROUGE
 * options `opts`, which it takes (and frees, even when it fails); NULL when
 * memory runs out, without a message. `exhaustive` scores every candidate
 * at every step instead of pruning by bounds (same picks, slower). */
bench_oracle *bench_oracle_new(lede_rouge_options *opts, size_t n_docs, int exhaustive);
/* Returned where a document could not be summarized because memory ran
 * out: not the document's fault, so the run stops even with --skip-bad. */
enum { BENCH_OUT_OF_MEMORY = -2 };

/* The oracle's summary of document d into `out`; -1 after a message, or
 * BENCH_OUT_OF_MEMORY. */
int bench_oracle_summary(bench_run *run, size_t d, const bench_limit *lim,
                         bench_text *out);
/* Forgets the documents marked in `bad`, as bench_data_drop does. */
void bench_oracle_drop(bench_oracle *o, const unsigned char *bad);
void bench_oracle_free(bench_oracle *o);

/* Runs every row at each plotted length and records bench_point's. */
int bench_plot_points(bench_run *run);

/* Scores the summaries with ROUGE, overall and per source, and runs the
 * paired bootstrap (bench_score.c). */
int bench_score(bench_run *run);

/* Row e's score of document d (an index into run->data) on a measure. */
void bench_doc_score(const bench_run *run, size_t e, size_t d, size_t metric,
                     lede_rouge_score *out);

/* The next output of splitmix64 (Steele, Lea and Flood 2014) from *state. */
uint64_t bench_splitmix64(uint64_t *state);

/* A new ROUGE options object from the run's flags; NULL after a message,
 * with *status EXIT_INPUT when memory ran out, EXIT_USAGE for bad flags. */
lede_rouge_options *bench_rouge_options(const bench_run *run, int *status);

/* The paired bootstrap of `a` against `b` over n documents: the mean of
 * a[i] - b[i], its confidence interval at `confidence` percent and the
 * two-sided p-value, from `resamples` resamples drawn with `seed`. `work`
 * is the caller's room for n + resamples doubles. */
bench_paired bench_paired_bootstrap(const double *a, const double *b, size_t n,
                                    size_t resamples, double confidence, uint64_t seed,
                                    double *work);

/* Writers (bench_report.c); each returns EXIT_OK, EXIT_OUTPUT, or for the
 * JSON ones EXIT_INPUT when memory runs out (after a message: nothing
 * partial is written, but for the lines of --per-doc before). */
int bench_print_markdown(const bench_run *run);
int bench_write_json(const bench_run *run, const char *path);
int bench_write_per_doc(const bench_run *run, const char *path);
int bench_write_plot(const bench_run *run, const char *path);

void bench_run_free(bench_run *run);

#endif
