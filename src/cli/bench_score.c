/* bench_score.c - ROUGE for every row, over every document and over each
 * source's documents, and the paired bootstrap against the first row. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "cli.h"

lede_rouge_options *bench_rouge_options(const bench_run *run, int *status)
{
    lede_rouge_options *o = lede_rouge_options_new();
    lede_error *err = NULL;
    lede_status st = o ? lede_rouge_options_parse(o, run->rouge_argc, run->rouge_argv, NULL, &err)
                       : LEDE_ERR_NOMEM;
    if (st == LEDE_ERR_NOMEM)
        *status = cli_out_of_memory();
    else if (st != LEDE_OK) {
        *status = cli_usage_error("bench", "--rouge: %s", lede_error_message(err));
    }
    if (st != LEDE_OK) {
        lede_error_free(err);
        lede_rouge_options_free(o);
        return NULL;
    }
    if (run->rouge_unicode)
        lede_rouge_options_set_tokenizer(o, LEDE_ROUGE_TOKENIZE_UNICODE);
    if (run->rouge_empty_zero)
        lede_rouge_options_set_empty_reference(o, LEDE_ROUGE_EMPTY_REFERENCE_ZERO);
    return o;
}

/* ====== The paired bootstrap ====== */

/* splitmix64 (Steele, Lea and Flood 2014): small, and easy to repeat in
 * another language to check a result. */
uint64_t bench_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

bench_paired bench_paired_bootstrap(const double *a, const double *b, size_t n,
                                    size_t resamples, double confidence, uint64_t seed,
                                    double *work)
{
    bench_paired r = {0, 0, 0, 1};
    if (n == 0 || resamples == 0) {
        r.p = NAN;
        return r;
    }
    double *diff = work, *means = work + n;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        diff[i] = a[i] - b[i];
        sum += diff[i];
    }
    r.diff = sum / (double)n;
    uint64_t state = seed;
    size_t extreme = 0;
    for (size_t k = 0; k < resamples; k++) {
        double s = 0;
        for (size_t i = 0; i < n; i++)
            s += diff[bench_splitmix64(&state) % n];
        means[k] = s / (double)n;
        /* Shifted to the null hypothesis (no difference), a resample is as
         * extreme as the data when its distance from the observed mean is
         * at least the observed mean's distance from zero. */
        extreme += fabs(means[k] - r.diff) >= fabs(r.diff);
    }
    qsort(means, resamples, sizeof *means, cmp_double);
    size_t tail = (size_t)floor((1.0 - confidence / 100.0) / 2.0 * (double)resamples);
    if (tail >= resamples)
        tail = resamples - 1;
    r.low = means[tail];
    r.high = means[resamples - 1 - tail];
    r.p = (double)(extreme + 1) / (double)(resamples + 1);
    return r;
}

/* ====== Groups ====== */

/* Every document, then each source's documents, in file order. A group's
 * list is sized by its own count, so that many sources cost memory in
 * proportion to the documents, not to documents times sources. */
static int make_groups(bench_run *run)
{
    const bench_data *data = &run->data;
    size_t n = data->n_sources > 1 ? data->n_sources + 1 : 1;
    run->groups = calloc(n, sizeof *run->groups);
    size_t *sizes = calloc(n, sizeof *sizes);
    if (!run->groups || !sizes) {
        free(sizes);
        return -1;
    }
    run->n_groups = n;
    sizes[0] = data->count;
    for (size_t d = 0; n > 1 && d < data->count; d++)
        sizes[data->docs[d].source + 1]++;
    int rc = 0;
    for (size_t g = 0; rc == 0 && g < n; g++) {
        bench_group *grp = &run->groups[g];
        grp->name = g == 0 ? NULL : data->sources[g - 1];
        grp->docs = malloc((sizes[g] + 1) * sizeof *grp->docs);
        grp->paired = calloc(run->n_entries * 3 + 1, sizeof *grp->paired);
        grp->mean_words = calloc(run->n_entries + 1, sizeof *grp->mean_words);
        if (!grp->docs || !grp->paired || !grp->mean_words)
            rc = -1;
    }
    free(sizes);
    for (size_t d = 0; rc == 0 && d < data->count; d++) {
        bench_group *all = &run->groups[0];
        all->docs[all->count++] = d;
        if (n > 1) {
            bench_group *own = &run->groups[data->docs[d].source + 1];
            own->docs[own->count++] = d;
        }
    }
    return rc;
}

static void group_error(const bench_run *run, size_t e, size_t d, const lede_error *err)
{
    const bench_doc *doc = &run->data.docs[d];
    fprintf(stderr, "lede: %s:%zu: document '%s': %s: ROUGE: %s\n", run->data.path, doc->line,
            doc->id, run->entries[e].label, err ? lede_error_message(err) : "out of memory");
}

/* Adds every row's summary of the group's documents, row by row, so that
 * document k of row e is number e * count + k, and computes the scores.
 * Peer IDs are the row numbers, zero-padded so that ROUGE's sorting by ID
 * keeps the rows' order. */
static int add_group(const bench_run *run, const bench_group *g, lede_rouge *scorer,
                     double *mean_words)
{
    lede_error *err = NULL;
    for (size_t e = 0; e < run->n_entries; e++) {
        char peer[32];
        snprintf(peer, sizeof peer, "%04zu", e);
        size_t words = 0;
        for (size_t k = 0; k < g->count; k++) {
            size_t d = g->docs[k];
            const bench_doc *doc = &run->data.docs[d];
            char eval[32];
            snprintf(eval, sizeof eval, "%06zu", d + 1);
            lede_rouge_text cand = bench_rouge_text(&run->entries[e].summaries[d]), refs[BENCH_MAX_REFERENCES];
            size_t n_refs = doc->n_refs;
            for (size_t r = 0; r < n_refs; r++)
                refs[r] = bench_rouge_text(&doc->refs[r]);
            if (lede_rouge_add(scorer, eval, peer, &cand, refs, n_refs, &err) != LEDE_OK) {
                group_error(run, e, d, err);
                lede_error_free(err);
                return -1;
            }
            words += bench_text_words(&run->entries[e].summaries[d]);
        }
        mean_words[e] = g->count ? (double)words / (double)g->count : 0;
    }
    if (lede_rouge_compute(scorer, &err) != LEDE_OK) {
        cli_warn("ROUGE: %s", err ? lede_error_message(err) : "out of memory");
        lede_error_free(err);
        return -1;
    }
    return 0;
}

/* Scores the group and keeps its overall scores. Only the first group's
 * scorer is kept (as run->scorer), for the documents' own scores: a scorer
 * holds its token tables, and one per source would make thousands of
 * sources cost hundreds of megabytes. */
static int score_group(bench_run *run, bench_group *g, const lede_rouge_options *ropts)
{
    lede_rouge *scorer = NULL;
    if (lede_rouge_new(ropts, &scorer, NULL) != LEDE_OK) {
        cli_warn("out of memory");
        return -1;
    }
    int rc = add_group(run, g, scorer, g->mean_words);
    size_t n_metrics = lede_rouge_metric_count(scorer);
    g->overall = rc == 0 ? calloc(run->n_entries * n_metrics + 1, sizeof *g->overall) : NULL;
    if (rc == 0 && !g->overall) {
        cli_warn("out of memory");
        rc = -1;
    }
    for (size_t e = 0; rc == 0 && e < run->n_entries; e++)
        for (size_t m = 0; m < n_metrics; m++)
            lede_rouge_overall_score(scorer, e, m, &g->overall[e * n_metrics + m]);
    if (rc == 0 && g == &run->groups[0]) {
        run->scorer = scorer;
        run->n_metrics = n_metrics;
        return 0;
    }
    lede_rouge_free(scorer);
    return rc;
}

/* The table shows ROUGE-1, ROUGE-2 and ROUGE-L when the flags compute them,
 * else the first three measures the flags give. */
static int choose_shown(bench_run *run)
{
    const lede_rouge *r = run->scorer;
    static const char *const customary[] = {"ROUGE-1", "ROUGE-2", "ROUGE-L"};
    run->n_shown = 0;
    for (size_t i = 0; i < 3; i++) {
        size_t m = lede_rouge_metric_find(r, customary[i]);
        if (m != (size_t)-1)
            run->shown[run->n_shown++] = m;
    }
    if (run->n_shown == 0) {
        size_t count = lede_rouge_metric_count(r);
        run->n_shown = count < 3 ? count : 3;
        for (size_t m = 0; m < run->n_shown; m++)
            run->shown[m] = m;
    }
    if (run->n_shown == 0) {
        cli_warn("--rouge: the flags '%s' compute no measure", run->rouge_flags);
        return -1;
    }
    return 0;
}

void bench_doc_score(const bench_run *run, size_t e, size_t d, size_t metric,
                     lede_rouge_score *out)
{
    lede_rouge_doc_score(run->scorer, e * run->data.count + d, metric, out);
}

/* Each row against the first, on each shown measure, over the group. The
 * generator restarts from the seed for every test, so all of them draw the
 * same resamples of the group's documents. */
static int paired_tests(bench_run *run, bench_group *g)
{
    double confidence = strtod(lede_rouge_confidence_label(run->scorer), NULL);
    double *a = malloc((g->count + 1) * sizeof *a);
    double *b = malloc((g->count + 1) * sizeof *b);
    double *work = malloc((g->count + run->resamples) * sizeof *work);
    if (!a || !b || !work) {
        free(a);
        free(b);
        free(work);
        return -1;
    }
    for (size_t m = 0; m < run->n_shown; m++) {
        for (size_t k = 0; k < g->count; k++) {
            lede_rouge_score s;
            bench_doc_score(run, 0, g->docs[k], run->shown[m], &s);
            b[k] = s.f;
        }
        for (size_t e = 0; e < run->n_entries; e++) {
            for (size_t k = 0; k < g->count; k++) {
                lede_rouge_score s;
                bench_doc_score(run, e, g->docs[k], run->shown[m], &s);
                a[k] = s.f;
            }
            g->paired[e * 3 + m] = bench_paired_bootstrap(a, b, g->count, run->resamples,
                                                          confidence, run->seed, work);
        }
    }
    free(a);
    free(b);
    free(work);
    return 0;
}

int bench_score(bench_run *run)
{
    int status = EXIT_OK;
    lede_rouge_options *ropts = bench_rouge_options(run, &status);
    if (!ropts)
        return status;
    if (make_groups(run) != 0) {
        status = cli_out_of_memory();
    }
    for (size_t g = 0; status == EXIT_OK && g < run->n_groups; g++)
        if (score_group(run, &run->groups[g], ropts) != 0)
            status = EXIT_INPUT;
    if (status == EXIT_OK && choose_shown(run) != 0)
        status = EXIT_USAGE;
    for (size_t g = 0; status == EXIT_OK && g < run->n_groups; g++)
        if (paired_tests(run, &run->groups[g]) != 0) {
            status = cli_out_of_memory();
        }
    lede_rouge_options_free(ropts);
    return status;
}
