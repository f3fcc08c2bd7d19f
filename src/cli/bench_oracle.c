/* bench_oracle.c - the oracle row of `lede bench`: a greedy extractive
 * upper bound. Starting from nothing, it adds the document's sentence that
 * gives the highest ROUGE-1 F + ROUGE-2 F against the references together
 * with those already picked, until the length budget is used.
 *
 * Scoring every remaining sentence at every step costs one ROUGE call per
 * sentence and step, most of the bench's time. ROUGE-N's F has a cheap
 * upper bound for a set plus one sentence (below), so the candidates are
 * scored in the order of their bounds and the search stops as soon as the
 * best exact value reaches the next bound: the same picks, with a few calls
 * per step. --oracle exhaustive scores every candidate, as a check. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "cli.h"

/* ROUGE-1 and ROUGE-2 counts of a text: hits and candidate n-grams (both
 * summed over the references, as ROUGE pools them). */
typedef struct gram_counts {
    double hits[2];
    double peer[2];
} gram_counts;

/* One document: its sentences as lede splits them and the picks so far,
 * kept between lengths because a pick never depends on the budget when
 * the budget is a number of sentences: k sentences are the first k picks. */
typedef struct oracle_doc {
    lede_summary *split;
    const lede_sentence **sent; /* the sentences lede ranks */
    size_t n;
    gram_counts *single;        /* each sentence alone */
    double model[2];            /* reference n-grams, summed over references */
    size_t *order;              /* picks in the order they were made */
    size_t npicked;
    gram_counts picked;         /* counts of the picks together */
    int done;                   /* nothing more fits */
} oracle_doc;

struct bench_oracle {
    oracle_doc *docs;
    size_t n_docs;
    lede_rouge_options *opts;
    int exhaustive;
    /* scratch for one candidate summary */
    const char **texts;
    size_t *lens;
    size_t *idx;
    size_t cap;
};

bench_oracle *bench_oracle_new(lede_rouge_options *opts, size_t n_docs, int exhaustive)
{
    bench_oracle *o = calloc(1, sizeof *o);
    if (!o) {
        lede_rouge_options_free(opts);
        return NULL;
    }
    o->docs = calloc(n_docs + 1, sizeof *o->docs);
    o->n_docs = n_docs;
    o->exhaustive = exhaustive;
    o->opts = opts;
    if (!o->docs) {
        bench_oracle_free(o);
        return NULL;
    }
    /* The run's tokenization, stemming and stopword flags, ROUGE-1 and -2
     * only, references pooled, F with alpha 0.5 and no length limit: the
     * bound below holds for exactly this F. */
    lede_rouge_options_set_max_ngram(o->opts, 2);
    lede_rouge_options_set_lcs(o->opts, 0);
    lede_rouge_options_set_wlcs(o->opts, 0);
    lede_rouge_options_set_skip_bigram(o->opts, LEDE_ROUGE_SKIP_NONE, 0);
    lede_rouge_options_set_best_reference(o->opts, 0);
    lede_rouge_options_set_alpha(o->opts, 0.5);
    lede_rouge_options_set_word_limit(o->opts, 0);
    lede_rouge_options_set_average(o->opts, LEDE_ROUGE_AVERAGE_DOCS);
    lede_rouge_options_set_empty_reference(o->opts, LEDE_ROUGE_EMPTY_REFERENCE_ZERO);
    return o;
}

static void oracle_doc_free(oracle_doc *od)
{
    lede_summary_free(od->split);
    free(od->sent);
    free(od->single);
    free(od->order);
    memset(od, 0, sizeof *od);
}

void bench_oracle_free(bench_oracle *o)
{
    if (!o)
        return;
    for (size_t d = 0; o->docs && d < o->n_docs; d++)
        oracle_doc_free(&o->docs[d]);
    free(o->docs);
    free(o->texts);
    free(o->lens);
    free(o->idx);
    lede_rouge_options_free(o->opts);
    free(o);
}

void bench_oracle_drop(bench_oracle *o, const unsigned char *bad)
{
    size_t kept = 0;
    for (size_t d = 0; d < o->n_docs; d++) {
        if (bad[d])
            oracle_doc_free(&o->docs[d]);
        else
            o->docs[kept++] = o->docs[d];
    }
    o->n_docs = kept;
}

static int reserve_scratch(bench_oracle *o, size_t n)
{
    if (n + 1 <= o->cap)
        return 0;
    free(o->texts);
    free(o->lens);
    free(o->idx);
    o->texts = calloc(n + 1, sizeof *o->texts);
    o->lens = calloc(n + 1, sizeof *o->lens);
    o->idx = calloc(n + 1, sizeof *o->idx);
    o->cap = o->texts && o->lens && o->idx ? n + 1 : 0;
    return o->cap ? 0 : -1;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* The first k picks plus sentence `extra` ((size_t)-1: none), in document
 * order, into the scratch texts; returns how many. */
static size_t candidate(bench_oracle *o, const oracle_doc *od, size_t k, size_t extra)
{
    size_t n = 0;
    for (size_t i = 0; i < k; i++)
        o->idx[n++] = od->order[i];
    if (extra != (size_t)-1)
        o->idx[n++] = extra;
    qsort(o->idx, n, sizeof *o->idx, cmp_size);
    for (size_t i = 0; i < n; i++) {
        o->texts[i] = od->sent[o->idx[i]]->text;
        o->lens[i] = od->sent[o->idx[i]]->text_len;
    }
    return n;
}

/* Scores the scratch texts (n of them) against the references. */
static int score(lede_rouge *scorer, const bench_doc *doc, const bench_oracle *o, size_t n,
                 gram_counts *out, double *model, double *value, lede_error **err)
{
    lede_rouge_text cand = {o->texts, o->lens, n}, refs[BENCH_MAX_REFERENCES];
    size_t n_refs = doc->n_refs;
    for (size_t r = 0; r < n_refs; r++)
        refs[r] = bench_rouge_text(&doc->refs[r]);
    if (lede_rouge_add(scorer, NULL, NULL, &cand, refs, n_refs, err) != LEDE_OK)
        return -1;
    size_t last = lede_rouge_doc_count(scorer) - 1;
    *value = 0;
    for (size_t m = 0; m < 2; m++) {
        lede_rouge_score s;
        lede_rouge_doc_score(scorer, last, m, &s); /* ROUGE-1, then ROUGE-2 */
        out->hits[m] = s.hits;
        out->peer[m] = s.peer_count;
        if (model)
            model[m] = s.model_count;
        *value += s.f;
    }
    return 0;
}

/* Splits the document and scores each sentence alone. */
static int prepare(bench_run *run, bench_oracle *o, size_t d, lede_rouge *scorer,
                   lede_error **err)
{
    oracle_doc *od = &o->docs[d];
    if (od->split)
        return 0;
    const bench_doc *doc = &run->data.docs[d];
    if (lede_summarizer_split(run->probe, doc->text, doc->text_len, run->probe_opts, &od->split,
                              err) != LEDE_OK)
        return -1;
    size_t total = lede_summary_total(od->split);
    od->sent = calloc(total + 1, sizeof *od->sent);
    od->single = calloc(total + 1, sizeof *od->single);
    od->order = calloc(total + 1, sizeof *od->order);
    if (!od->sent || !od->single || !od->order || reserve_scratch(o, total) != 0)
        return -1;
    for (size_t i = 0; i < total; i++) {
        const lede_sentence *s = lede_summary_unit(od->split, i);
        if (s->kind == LEDE_KIND_SENTENCE)
            od->sent[od->n++] = s;
    }
    for (size_t i = 0; i < od->n; i++) {
        double value;
        o->texts[0] = od->sent[i]->text;
        o->lens[0] = od->sent[i]->text_len;
        if (score(scorer, doc, o, 1, &od->single[i], od->model, &value, err) != 0)
            return -1;
    }
    return 0;
}

/* With alpha 0.5, ROUGE-N's F is 2H / (M + C): H the hits, M the reference
 * n-grams and C the candidate's (both summed over the k references). Adding
 * a sentence to a set adds at most its own hits (clipped counts are
 * subadditive) plus, for bigrams, the two bigrams that now span its edges
 * (at most one hit each per reference), and at least its own n-grams to C.
 * The script rounds R and P to 5 decimals before F: 1e-4 covers that. */
static double bound(const oracle_doc *od, size_t i, size_t n_refs)
{
    const gram_counts *s = &od->single[i], *p = &od->picked;
    double total = 0;
    for (size_t m = 0; m < 2; m++) {
        double hits = p->hits[m] + s->hits[m] + (m == 1 && od->npicked ? 2.0 * (double)n_refs : 0);
        double denom = od->model[m] + p->peer[m] + s->peer[m];
        total += denom > 0 ? 2 * hits / denom : 0;
        total += 1e-4;
    }
    return total;
}

typedef struct ranked {
    double bound;
    size_t i;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->bound != y->bound)
        return x->bound < y->bound ? 1 : -1;
    return (x->i > y->i) - (x->i < y->i);
}

/* One greedy step: the best candidate that fits, or od->n when none does.
 * `cands` has room for every sentence. */
static int best_candidate(bench_oracle *o, lede_rouge *scorer, const bench_doc *doc,
                          oracle_doc *od, const bench_limit *lim, const size_t used[2],
                          const unsigned char *taken, ranked *cands, size_t *best,
                          gram_counts *best_counts, lede_error **err)
{
    size_t n = 0;
    for (size_t i = 0; i < od->n; i++)
        if (!taken[i] && bench_fits(od->sent[i], lim, used[0], used[1]))
            cands[n++] = (ranked){o->exhaustive ? INFINITY : bound(od, i, doc->n_refs), i};
    qsort(cands, n, sizeof *cands, cmp_ranked);
    double best_value = -1;
    *best = od->n;
    for (size_t k = 0; k < n; k++) {
        /* Ties go to the first sentence: a later bound equal to the best
         * value may still hide an earlier sentence with that value. */
        if (*best != od->n && cands[k].bound < best_value)
            break;
        size_t i = cands[k].i;
        gram_counts counts;
        double value;
        size_t m = candidate(o, od, od->npicked, i);
        if (score(scorer, doc, o, m, &counts, NULL, &value, err) != 0)
            return -1;
        if (value > best_value || (value == best_value && i < *best)) {
            best_value = value;
            *best = i;
            *best_counts = counts;
        }
    }
    return 0;
}

/* Greedy picks until the limit, even when a pick lowers the value, so that
 * the oracle is as long as the other rows. */
static int extend(bench_oracle *o, lede_rouge *scorer, const bench_doc *doc, oracle_doc *od,
                  const bench_limit *lim, lede_error **err)
{
    unsigned char *taken = calloc(od->n + 1, 1);
    ranked *cands = calloc(od->n + 1, sizeof *cands);
    if (!taken || !cands) {
        free(taken);
        free(cands);
        return -1;
    }
    size_t used[2] = {0, 0};
    for (size_t k = 0; k < od->npicked; k++) {
        const lede_sentence *s = od->sent[od->order[k]];
        taken[od->order[k]] = 1;
        used[0] += bench_count_words(s->text, s->text_len);
        used[1] += bench_count_chars(s->text, s->text_len);
    }
    int rc = 0;
    while (!od->done && od->npicked < lim->count) {
        size_t best;
        gram_counts counts;
        rc = best_candidate(o, scorer, doc, od, lim, used, taken, cands, &best, &counts, err);
        if (rc != 0)
            break;
        if (best == od->n) {
            od->done = 1;
            break;
        }
        const lede_sentence *s = od->sent[best];
        used[0] += bench_count_words(s->text, s->text_len);
        used[1] += bench_count_chars(s->text, s->text_len);
        taken[best] = 1;
        od->order[od->npicked++] = best;
        od->picked = counts;
    }
    free(taken);
    free(cands);
    return rc;
}

int bench_oracle_summary(bench_run *run, size_t d, const bench_limit *lim,
                         bench_text *out)
{
    bench_oracle *o = run->oracle;
    oracle_doc *od = &o->docs[d];
    const bench_doc *doc = &run->data.docs[d];
    int by_count = lim->words == (size_t)-1 && lim->chars == (size_t)-1;
    if (!by_count) {
        /* Which sentence fits depends on a words or chars limit: start over. */
        od->npicked = 0;
        od->done = 0;
        memset(&od->picked, 0, sizeof od->picked);
    }
    lede_rouge *scorer = NULL;
    lede_error *err = NULL;
    int rc = lede_rouge_new(o->opts, &scorer, &err) == LEDE_OK ? 0 : -1;
    if (rc == 0)
        rc = prepare(run, o, d, scorer, &err);
    if (rc == 0)
        rc = extend(o, scorer, doc, od, lim, &err);
    lede_rouge_free(scorer);
    if (rc != 0) {
        lede_status st = err ? lede_error_code(err) : LEDE_ERR_NOMEM;
        return bench_doc_error(run, doc, "oracle", err, st);
    }
    size_t k = od->npicked < lim->count ? od->npicked : lim->count;
    size_t n = candidate(o, od, k, (size_t)-1);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = bench_text_push(out, o->texts[i], o->lens[i]);
    return rc == 0 ? 0 : BENCH_OUT_OF_MEMORY;
}
