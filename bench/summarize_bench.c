/* summarize_bench.c - lede's batch speed: every document of a JSONL file
 * summarized to 3 sentences with one reusable lede_summarizer, through the
 * public API only. Loading the file is not timed. */
#include <stdio.h>
#include <stdlib.h>

#include "bench_common.h"
#include "lede.h"

enum { SUMMARY_SENTENCES = 3 };

static const char usage[] =
    "Usage: summarize_bench DATA.jsonl [--runs N] [--warmup N]\n"
    "Times lede summarizing the \"text\" of every line to 3 sentences.\n";

typedef struct lede_state {
    lede_summarizer *summarizer;
    lede_options *opts;
} lede_state;

/* The number of units of the document that may be picked. */
static size_t eligible(const lede_summary *sum)
{
    size_t n = 0;
    for (size_t i = 0; i < lede_summary_total(sum); i++)
        n += lede_summary_unit(sum, i)->kind == LEDE_KIND_SENTENCE;
    return n;
}

static int summarize(void *state, const bench_doc *doc)
{
    lede_state *st = state;
    lede_summary *sum = NULL;
    lede_error *err = NULL;
    lede_status s = lede_summarizer_run(st->summarizer, doc->text, doc->len, st->opts, &sum, &err);
    if (s != LEDE_OK) {
        fprintf(stderr, "%s: %s\n", doc->id, lede_error_message(err));
        lede_error_free(err);
        return -1;
    }
    /* A summary must have 3 sentences, or every sentence of a shorter
     * document: anything else means the benchmark times a failure. */
    size_t got = lede_summary_count(sum), want = eligible(sum);
    if (want > SUMMARY_SENTENCES)
        want = SUMMARY_SENTENCES;
    int ok = got == want;
    if (!ok)
        fprintf(stderr, "%s: summary has %zu sentences, want %zu\n", doc->id, got, want);
    lede_summary_free(sum);
    return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
    bench_options o;
    bench_corpus corpus;
    int status = bench_setup(argc, argv, usage, &o, &corpus);
    if (status != 0)
        return status;
    lede_state st = {NULL, lede_options_new()};
    lede_error *err = NULL;
    int rc = 1;
    if (!st.opts || lede_options_set_sentences(st.opts, SUMMARY_SENTENCES) != LEDE_OK ||
        lede_options_set_language(st.opts, "en") != LEDE_OK) {
        fprintf(stderr, "cannot set the options\n");
    } else if (lede_summarizer_new(st.opts, &st.summarizer, &err) != LEDE_OK) {
        fprintf(stderr, "cannot create the summarizer: %s\n", lede_error_message(err));
        lede_error_free(err);
    } else {
        rc = bench_run("lede", &o, &corpus, summarize, &st) == 0 ? 0 : 1;
    }
    lede_summarizer_free(st.summarizer);
    lede_options_free(st.opts);
    bench_free(&corpus);
    return rc;
}
