/* bench_common.h - what every benchmark program shares: the documents of a
 * JSONL file, a monotonic clock, the run loop with its per-document
 * latencies, and the one-line result format bench/run.sh reads. */
#ifndef LEDE_BENCH_COMMON_H
#define LEDE_BENCH_COMMON_H

#include <stddef.h>

typedef struct bench_doc {
    char *id;
    char *text;   /* the "text" field, NUL-terminated */
    size_t len;   /* its length in bytes */
} bench_doc;

typedef struct bench_corpus {
    bench_doc *docs;
    size_t count;
    size_t bytes; /* sum of len */
} bench_corpus;

/* Loads every line of a JSONL file whose objects have string "id" and
 * "text" fields. Prints what is wrong and where (path:line) and returns -1
 * on any bad line, so a benchmark never runs on partial data. */
int bench_load(const char *path, bench_corpus *c);
void bench_free(bench_corpus *c);

/* Seconds on the monotonic clock. */
double bench_now(void);

/* Summarizes one document; returns 0, or -1 after printing why it failed
 * (the benchmark then stops: it must not time failures). */
typedef int (*bench_summarize_fn)(void *state, const bench_doc *doc);

typedef struct bench_options {
    const char *data;  /* JSONL path */
    int runs;          /* timed passes over every document */
    int warmup;        /* documents summarized untimed before the first run */
} bench_options;

/* Parses the common command line: DATA [--runs N] [--warmup N]. `usage` is
 * printed on error. Returns 0, or -1 after printing the usage. */
int bench_parse_args(int argc, char **argv, const char *usage, bench_options *o);

/* bench_parse_args, then bench_load of the data. Returns the exit status
 * for a failure (2: usage, 1: data) or 0. */
int bench_setup(int argc, char **argv, const char *usage, bench_options *o, bench_corpus *c);

/* Runs `warmup` untimed documents, then `runs` timed passes over the whole
 * corpus, and prints one "RESULT" line per pass plus a summary with the
 * median of the passes:
 *   RESULT method=NAME run=I docs=N bytes=B seconds=S p50_ms=.. p90_ms=.. p99_ms=.. max_ms=..
 * Returns 0, or -1 when a document failed. */
int bench_run(const char *method, const bench_options *o, const bench_corpus *c,
              bench_summarize_fn fn, void *state);

#endif
