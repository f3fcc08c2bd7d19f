/* bench_summarize.c - every row's summary of every document: lede's methods
 * through lede_summarizer_run, the bench's lead and random from lede's
 * sentences, the oracle by its search (bench_oracle.c); and the same again
 * at each plotted length for --plot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "cli.h"

/* ====== Methods ====== */

static int picked_text(const lede_summary *sum, bench_text *out)
{
    for (size_t i = 0; i < lede_summary_count(sum); i++) {
        const lede_sentence *s = lede_summary_sentence(sum, i);
        if (bench_text_push(out, s->text, s->text_len) != 0)
            return -1;
    }
    return 0;
}

int bench_doc_error(const bench_run *run, const bench_doc *doc, const char *label,
                    lede_error *err, lede_status st)
{
    fprintf(stderr, "lede: %s:%zu: document '%s': %s: %s", run->data.path, doc->line, doc->id,
            label, err ? lede_error_message(err) : lede_strerror(st));
    if (err && lede_error_has_position(err))
        fprintf(stderr, " (byte %zu of \"text\")", lede_error_offset(err));
    fputc('\n', stderr);
    lede_error_free(err);
    return st == LEDE_ERR_NOMEM ? BENCH_OUT_OF_MEMORY : -1;
}

/* One method on one document into `out`. No sentence fitting a words or
 * chars budget is a result, not an error: the summary is empty and scores
 * 0. */
static int run_method(const bench_run *run, bench_entry *e, const bench_doc *doc,
                      bench_text *out)
{
    lede_summary *sum = NULL;
    lede_error *err = NULL;
    lede_status st = lede_summarizer_run(e->summarizer, doc->text, doc->text_len, e->opts, &sum,
                                         &err);
    if (st == LEDE_ERR_BUDGET) {
        st = LEDE_OK;
    } else if (st == LEDE_OK && picked_text(sum, out) != 0) {
        st = LEDE_ERR_NOMEM;
    }
    lede_summary_free(sum);
    if (st != LEDE_OK)
        return bench_doc_error(run, doc, e->label, err, st);
    lede_error_free(err); /* a budget's */
    return 0;
}

/* ====== Lengths ====== */

/* The reference's number of sentences (the rounded mean over several). */
static size_t reference_sentences(const bench_doc *doc)
{
    size_t total = 0;
    for (size_t r = 0; r < doc->n_refs; r++)
        total += doc->refs[r].count;
    size_t k = (total + doc->n_refs / 2) / doc->n_refs;
    return k ? k : 1;
}

/* Sets the budget option `unit` to `value` on the options of every row and
 * of the probe. */
static int set_length(bench_run *run, const char *unit, const char *value)
{
    if (lede_options_set(run->probe_opts, unit, value) != LEDE_OK)
        return -1;
    for (size_t e = 0; e < run->n_entries; e++)
        if (run->entries[e].opts && lede_options_set(run->entries[e].opts, unit, value) != LEDE_OK)
            return -1;
    return 0;
}

/* The limit of the bench's own rows (lead, random, oracle) on one document:
 * the words or chars of the budget, or as many sentences as lede's lead
 * method takes under it, so that they follow lede's rules for ratios and
 * the default length. */
static int limit_for(bench_run *run, size_t d, const char *unit, const char *value,
                     const char *label, bench_limit *lim)
{
    *lim = (bench_limit){(size_t)-1, (size_t)-1, (size_t)-1};
    size_t n;
    if (unit && strcmp(unit, "words") == 0 && cli_parse_size(value, &n) == 0) {
        lim->words = n;
        return 0;
    }
    if (unit && strcmp(unit, "chars") == 0 && cli_parse_size(value, &n) == 0) {
        lim->chars = n;
        return 0;
    }
    const bench_doc *doc = &run->data.docs[d];
    lede_summary *sum = NULL;
    lede_error *err = NULL;
    lede_status st = lede_summarizer_run(run->probe, doc->text, doc->text_len, run->probe_opts,
                                         &sum, &err);
    if (st != LEDE_OK)
        return bench_doc_error(run, doc, label, err, st);
    lim->count = lede_summary_count(sum);
    lede_summary_free(sum);
    return 0;
}

/* ====== The bench's lead and random ====== */

int bench_fits(const lede_sentence *s, const bench_limit *lim, size_t words,
               size_t chars)
{
    if (lim->words != (size_t)-1 && bench_count_words(s->text, s->text_len) > lim->words - words)
        return 0;
    return lim->chars == (size_t)-1 || bench_count_chars(s->text, s->text_len) <= lim->chars - chars;
}

/* Takes the document's sentences in `order` while they fit the limit (one
 * that does not fit is skipped, as lede skips it) and writes them in
 * document order. */
static int take_in_order(const lede_summary *split, const size_t *order, size_t n,
                         const bench_limit *lim, bench_text *out)
{
    unsigned char *take = calloc(lede_summary_total(split) + 1, 1);
    if (!take)
        return -1;
    size_t count = 0, words = 0, chars = 0;
    for (size_t k = 0; k < n && count < lim->count; k++) {
        const lede_sentence *s = lede_summary_unit(split, order[k]);
        if (!bench_fits(s, lim, words, chars))
            continue;
        take[order[k]] = 1;
        count++;
        words += bench_count_words(s->text, s->text_len);
        chars += bench_count_chars(s->text, s->text_len);
    }
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < lede_summary_total(split); i++)
        if (take[i])
            rc = bench_text_push(out, lede_summary_unit(split, i)->text,
                                 lede_summary_unit(split, i)->text_len);
    free(take);
    return rc;
}

/* lead: the first sentences; random: the sentences shuffled (Fisher-Yates
 * with splitmix64 from the seed xor the id's hash). */
static int baseline_summary(const bench_run *run, const bench_entry *e, size_t d,
                            const bench_limit *lim, bench_text *out)
{
    const bench_doc *doc = &run->data.docs[d];
    lede_summary *split = NULL;
    lede_error *err = NULL;
    lede_status st =
        lede_summarizer_split(run->probe, doc->text, doc->text_len, run->probe_opts, &split, &err);
    if (st != LEDE_OK)
        return bench_doc_error(run, doc, e->label, err, st);
    size_t total = lede_summary_total(split), n = 0;
    size_t *order = malloc((total + 1) * sizeof *order);
    for (size_t i = 0; order && i < total; i++)
        if (lede_summary_unit(split, i)->kind == LEDE_KIND_SENTENCE)
            order[n++] = i;
    /* The order in a document follows from the seed and the document's id,
     * not from where the document is in the file. */
    uint64_t state = e->seed ^ bench_fnv1a(doc->id);
    for (size_t i = n; e->random && i > 1; i--) {
        size_t j = (size_t)(bench_splitmix64(&state) % i), t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
    int rc = order && take_in_order(split, order, n, lim, out) == 0 ? 0 : BENCH_OUT_OF_MEMORY;
    free(order);
    lede_summary_free(split);
    return rc;
}

/* The summary of row e on document d at the length the options hold. */
static int summarize_one(bench_run *run, size_t e, size_t d, const char *unit,
                         const char *value, bench_text *out)
{
    bench_entry *entry = &run->entries[e];
    if (entry->kind == BENCH_METHOD)
        return run_method(run, entry, &run->data.docs[d], out);
    bench_limit lim;
    int rc = limit_for(run, d, unit, value, entry->label, &lim);
    if (rc != 0)
        return rc;
    if (entry->kind == BENCH_ORACLE)
        return bench_oracle_summary(run, d, &lim, out);
    return baseline_summary(run, entry, d, &lim, out);
}

/* ====== Every document ====== */

/* Makes the run's oracle with `ropts` (taken) unless it has one; -1 when
 * memory runs out. */
static int start_oracle(bench_run *run, lede_rouge_options *ropts)
{
    if (run->oracle) {
        lede_rouge_options_free(ropts);
        return 0;
    }
    run->oracle = bench_oracle_new(ropts, run->data.count, run->oracle_exhaustive);
    return run->oracle ? 0 : -1;
}

/* Leaves out the documents marked bad (--skip-bad). */
static int drop_documents(bench_run *run, const unsigned char *bad)
{
    size_t kept = 0;
    for (size_t d = 0; d < run->data.count; d++) {
        for (size_t e = 0; e < run->n_entries; e++) {
            bench_entry *entry = &run->entries[e];
            if (bad[d])
                bench_text_free(&entry->summaries[d]);
            else
                entry->summaries[kept] = entry->summaries[d];
        }
        kept += !bad[d];
    }
    bench_oracle_drop(run->oracle, bad);
    return bench_data_drop(&run->data, bad);
}

/* The main length on one document: with --match-reference, the reference's
 * number of sentences. */
static int main_length(bench_run *run, size_t d, const char **unit, const char **value,
                       char *buf, size_t size)
{
    *unit = run->budget_unit;
    *value = run->budget_value;
    if (run->budget != BUDGET_MATCH)
        return 0;
    snprintf(buf, size, "%zu", reference_sentences(&run->data.docs[d]));
    *value = buf;
    return set_length(run, "sentences", buf);
}

/* A reference ROUGE cannot score (with ROUGE-W, one without a token) fails
 * here, against an empty candidate, before any row is summarized. */
static int check_references(const bench_run *run, lede_rouge *scorer, size_t d)
{
    const bench_doc *doc = &run->data.docs[d];
    const char *none = "";
    lede_rouge_text empty = {&none, NULL, 0}, refs[BENCH_MAX_REFERENCES];
    for (size_t r = 0; r < doc->n_refs; r++)
        refs[r] = bench_rouge_text(&doc->refs[r]);
    lede_error *err = NULL;
    lede_status st = lede_rouge_add(scorer, NULL, NULL, &empty, refs, doc->n_refs, &err);
    if (st == LEDE_OK)
        return 0;
    return bench_doc_error(run, doc, "references", err, st);
}

int bench_summarize_all(bench_run *run, int skip_bad)
{
    int status = EXIT_OK;
    lede_rouge_options *ropts = bench_rouge_options(run, &status);
    if (!ropts)
        return status;
    /* The checker copies the options; the oracle takes them. */
    lede_rouge *checker = NULL;
    int ready = lede_rouge_new(ropts, &checker, NULL) == LEDE_OK;
    if (ready)
        ready = start_oracle(run, ropts) == 0;
    else
        lede_rouge_options_free(ropts);
    if (!ready) {
        lede_rouge_free(checker);
        return cli_out_of_memory();
    }
    unsigned char *bad = calloc(run->data.count + 1, 1);
    if (!bad) {
        lede_rouge_free(checker);
        return cli_out_of_memory();
    }
    size_t n_bad = 0;
    int out_of_memory = 0;
    for (size_t d = 0; !out_of_memory && d < run->data.count; d++) {
        const char *unit, *value;
        char buf[32];
        int checked = check_references(run, checker, d);
        out_of_memory = checked == BENCH_OUT_OF_MEMORY;
        if (checked != 0 || main_length(run, d, &unit, &value, buf, sizeof buf) != 0)
            bad[d] = 1;
        for (size_t e = 0; !bad[d] && e < run->n_entries; e++) {
            if (run->entries[e].kind == BENCH_SYSTEM)
                continue;
            int rc = summarize_one(run, e, d, unit, value, &run->entries[e].summaries[d]);
            bad[d] = rc != 0;
            /* Not the document's fault: the run cannot go on without it. */
            out_of_memory = rc == BENCH_OUT_OF_MEMORY;
        }
        n_bad += bad[d];
    }
    if (out_of_memory) {
        status = cli_out_of_memory();
    } else if (n_bad > 0 && !skip_bad) {
        fprintf(stderr, "lede: %s: %zu document%s could not be summarized (--skip-bad leaves "
                        "them out)\n", run->data.path, n_bad, n_bad == 1 ? "" : "s");
        status = EXIT_INPUT;
    } else if (n_bad > 0 && drop_documents(run, bad) != 0) {
        status = EXIT_INPUT;
    } else if (n_bad > 0) {
        if (run->data.count == 0) {
            fprintf(stderr, "lede: %s: no document left to benchmark\n", run->data.path);
            status = EXIT_INPUT;
        }
    }
    /* A budget that no sentence fits leaves a summary empty, and another
     * program may give one (no line, or only blank ones). */
    for (size_t e = 0; e < run->n_entries; e++)
        for (size_t d = 0; d < run->data.count; d++)
            run->entries[e].empty += bench_text_words(&run->entries[e].summaries[d]) == 0;
    free(bad);
    lede_rouge_free(checker);
    return status;
}

/* ====== --plot ====== */

/* Mean F of each shown metric over the documents scored by `scorer`. */
static void mean_f(const bench_run *run, const lede_rouge *scorer, const size_t *metrics,
                   double *f)
{
    size_t n = lede_rouge_doc_count(scorer);
    for (size_t m = 0; m < run->n_shown; m++) {
        double sum = 0;
        for (size_t d = 0; d < n; d++) {
            lede_rouge_score s;
            lede_rouge_doc_score(scorer, d, metrics[m], &s);
            sum += s.f;
        }
        f[m] = n ? sum / (double)n : 0;
    }
}

/* Scores row e at the plotted length `value` into its point. */
static int plot_point(bench_run *run, const lede_rouge_options *ropts, size_t e, size_t l)
{
    bench_entry *entry = &run->entries[e];
    bench_point *p = &entry->points[l];
    snprintf(p->budget, sizeof p->budget, "%s=%s", run->plot_unit, run->plot_lengths[l]);
    lede_rouge *scorer = NULL;
    lede_error *err = NULL;
    if (lede_rouge_new(ropts, &scorer, &err) != LEDE_OK) {
        lede_error_free(err);
        return BENCH_OUT_OF_MEMORY;
    }
    size_t metrics[3];
    for (size_t m = 0; m < run->n_shown; m++)
        metrics[m] = lede_rouge_metric_find(
            scorer, lede_rouge_metric_name(run->scorer, run->shown[m]));
    size_t words = 0;
    int rc = 0;
    for (size_t d = 0; rc == 0 && d < run->data.count; d++) {
        bench_text sum = {0};
        const bench_text *use = &sum;
        if (entry->kind == BENCH_SYSTEM)
            use = &entry->summaries[d];
        else
            rc = summarize_one(run, e, d, run->plot_unit, run->plot_lengths[l], &sum);
        const bench_doc *doc = &run->data.docs[d];
        lede_rouge_text cand = bench_rouge_text(use), refs[BENCH_MAX_REFERENCES];
        for (size_t r = 0; r < doc->n_refs; r++)
            refs[r] = bench_rouge_text(&doc->refs[r]);
        lede_status st = rc == 0 ? lede_rouge_add(scorer, NULL, NULL, &cand, refs, doc->n_refs,
                                                 &err)
                                 : LEDE_OK;
        if (st != LEDE_OK) {
            rc = bench_doc_error(run, doc, entry->label, err, st);
            err = NULL;
        }
        words += bench_text_words(use);
        bench_text_free(&sum);
    }
    p->words = run->data.count ? (double)words / (double)run->data.count : 0;
    if (rc == 0)
        mean_f(run, scorer, metrics, p->f);
    lede_error_free(err);
    lede_rouge_free(scorer);
    return rc;
}

int bench_plot_points(bench_run *run)
{
    int status = EXIT_OK;
    lede_rouge_options *ropts = bench_rouge_options(run, &status);
    if (!ropts)
        return status;
    /* The plot shows the table's measures only: leave out the costly
     * others when the table shows the customary three. */
    int customary = 1;
    unsigned max_n = 0;
    for (size_t m = 0; m < run->n_shown; m++) {
        const char *name = lede_rouge_metric_name(run->scorer, run->shown[m]);
        if (strcmp(name, "ROUGE-1") == 0 || strcmp(name, "ROUGE-2") == 0)
            max_n = (unsigned)(name[6] - '0') > max_n ? (unsigned)(name[6] - '0') : max_n;
        else if (strcmp(name, "ROUGE-L") != 0)
            customary = 0;
    }
    if (customary) {
        lede_rouge_options_set_max_ngram(ropts, max_n);
        lede_rouge_options_set_wlcs(ropts, 0);
        lede_rouge_options_set_skip_bigram(ropts, LEDE_ROUGE_SKIP_NONE, 0);
    }
    for (size_t e = 0; status == EXIT_OK && e < run->n_entries; e++) {
        run->entries[e].points = calloc(run->n_plot_lengths + 1, sizeof(bench_point));
        if (!run->entries[e].points)
            status = cli_out_of_memory();
    }
    for (size_t l = 0; status == EXIT_OK && l < run->n_plot_lengths; l++) {
        if (set_length(run, run->plot_unit, run->plot_lengths[l]) != 0) {
            fprintf(stderr, "lede: --plot-lengths: '%s' is not a valid %s\n",
                    run->plot_lengths[l], run->plot_unit);
            status = EXIT_USAGE;
            break;
        }
        for (size_t e = 0; status == EXIT_OK && e < run->n_entries; e++) {
            /* Another program's summaries have one length: one point. */
            if (run->entries[e].kind == BENCH_SYSTEM && l > 0)
                continue;
            int rc = plot_point(run, ropts, e, l);
            if (rc == BENCH_OUT_OF_MEMORY)
                status = cli_out_of_memory();
            else if (rc != 0)
                status = EXIT_INPUT;
        }
    }
    lede_rouge_options_free(ropts);
    return status;
}
