/* summarizer.c - the pipeline from bytes to a summary, and the public
 * summarizer object that owns every stage's reusable state. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/alloc.h"
#include "../common/error.h"
#include "../graph/blas.h"
#include "../graph/similarity.h"
#include "../io/input.h"
#include "../model/model.h"
#include "../rank/baselines.h"
#include "../rank/centrality.h"
#include "../rank/priors.h"
#include "../rank/textrank.h"
#include "../select/select.h"
#include "../text/tokens.h"
#include "../text/units.h"
#include "../vec/tfidf.h"
#include "lede.h"
#include "options.h"
#include "summary.h"

struct lede_summarizer {
    lede_options opts;
    lede_model model;
    lede_tokenizer tokenizer;
    lede_units units;
    lede_tokens tokens;
    lede_tfidf tfidf;
    lede_graph graph;
    /* per-document scratch, reused */
    uint32_t *terms;      /* term ids of the ranked units, row after row */
    size_t terms_cap;
    size_t *row_first;    /* row r's terms: terms[row_first[r] .. row_first[r + 1]) */
    size_t *row_unit;     /* unit index of row r */
    size_t rows_cap;
    double *scores;
    double *rank_work;    /* scratch of the ranking, lede_textrank_work_size */
    size_t rank_work_cap;
    lede_candidate *cands;
    size_t *order;
    size_t *rank;
    size_t *picked;
    double *title_sim;
    size_t *row_words;    /* words of each row, for the length prior */
    size_t scratch_cap;
    uint32_t *title_terms; /* sorted global ids of the title's terms */
    size_t ntitle;
    size_t title_cap;
    /* With a background IDF: the model's idf of each term id that is not a
     * stem of the built-in table (those have theirs there), looked up (a
     * binary search of the model's strings) once per term rather than once
     * per term and document, which doubled a batch's time; NAN where not
     * looked up yet. Floats, as the model's values are. For the
     * tokenizer's ids of generation term_idf_generation. */
    float *term_idf;
    size_t term_idf_cap;
    size_t term_idf_generation;
};

/* ====== Creation ====== */

lede_status lede_summarizer_new(const lede_options *opts, lede_summarizer **out,
                                lede_error **err)
{
    if (err)
        *err = NULL;
    if (!out)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "no place for the summarizer");
    *out = NULL;
    lede_summarizer *s = calloc(1, sizeof *s);
    if (!s)
        return lede_fail_nomem(err);
    if (opts)
        s->opts = *opts;
    else
        lede_options_init(&s->opts);
    const lede_model_data *data = lede_model_find(s->opts.language);
    if (!data) {
        lede_fail(err, LEDE_ERR_UNKNOWN_LANGUAGE,
                  "unknown language '%s' (use 'und' for a language without a model)",
                  s->opts.language);
        free(s);
        return LEDE_ERR_UNKNOWN_LANGUAGE;
    }
    lede_status st = lede_model_init(&s->model, data);
    if (st == LEDE_OK)
        st = lede_tokenizer_init(&s->tokenizer, &s->model, data->stemmer);
    if (st != LEDE_OK) {
        lede_summarizer_free(s);
        return lede_fail(err, st, "cannot load the model for '%s': %s", data->code,
                         lede_strerror(st));
    }
    *out = s;
    return LEDE_OK;
}

void lede_summarizer_free(lede_summarizer *s)
{
    if (!s)
        return;
    lede_model_free(&s->model);
    lede_tokenizer_free(&s->tokenizer);
    lede_units_free(&s->units);
    lede_tokens_free(&s->tokens);
    lede_tfidf_free(&s->tfidf);
    lede_graph_free(&s->graph);
    free(s->terms);
    free(s->row_first);
    free(s->row_unit);
    free(s->scores);
    free(s->rank_work);
    free(s->cands);
    free(s->order);
    free(s->rank);
    free(s->picked);
    free(s->title_sim);
    free(s->row_words);
    free(s->title_terms);
    free(s->term_idf);
    free(s);
}

/* ====== Stages ====== */

/* Checks the input and splits it into units; fails on empty input. */
static lede_status analyze(lede_summarizer *s, const char *text, size_t len,
                           const lede_options *o, lede_error **err)
{
    if (!text && len > 0)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "text is NULL");
    size_t begin = 0;
    lede_status st = lede_input_check(text, len, o->input_flags, &begin, err);
    if (st != LEDE_OK)
        return st;
    st = lede_units_split(&s->units, text, begin, len, &s->model);
    if (st != LEDE_OK)
        return lede_fail(err, st, "%s", lede_strerror(st));
    if (s->units.count == 0)
        return lede_fail(err, LEDE_ERR_EMPTY_INPUT, "input is empty or only white space");
    return LEDE_OK;
}

/* Resizes *p to n elements of `size` bytes; on failure *p is kept. */
static int resize(void **p, size_t n, size_t size)
{
    void *fresh = lede_realloc_array(*p, n, size);
    if (!fresh)
        return -1;
    *p = fresh;
    return 0;
}

static int reserve_scratch(lede_summarizer *s, size_t n)
{
    if (n <= s->scratch_cap)
        return 0;
    if (resize((void **)&s->scores, n, sizeof *s->scores) != 0 ||
        resize((void **)&s->cands, n, sizeof *s->cands) != 0 ||
        resize((void **)&s->order, n, sizeof *s->order) != 0 ||
        resize((void **)&s->rank, n, sizeof *s->rank) != 0 ||
        resize((void **)&s->picked, n, sizeof *s->picked) != 0 ||
        resize((void **)&s->title_sim, n, sizeof *s->title_sim) != 0 ||
        resize((void **)&s->row_words, n, sizeof *s->row_words) != 0)
        return -1;
    s->scratch_cap = n;
    return 0;
}

/* Gathers the term ids of the units that take part in ranking (sentences)
 * as rows for the vector stage. Returns the number of rows. */
static lede_status gather_rows(lede_summarizer *s, size_t *nrows)
{
    const lede_units *u = &s->units;
    const lede_tokens *tok = &s->tokens;
    if (lede_grow((void **)&s->terms, &s->terms_cap, tok->count + 1, sizeof *s->terms) != 0)
        return LEDE_ERR_NOMEM;
    size_t cap = s->rows_cap;
    if (lede_grow((void **)&s->row_first, &cap, u->count + 1, sizeof *s->row_first) != 0)
        return LEDE_ERR_NOMEM;
    size_t cap2 = s->rows_cap;
    if (lede_grow((void **)&s->row_unit, &cap2, u->count + 1, sizeof *s->row_unit) != 0)
        return LEDE_ERR_NOMEM;
    s->rows_cap = cap < cap2 ? cap : cap2;
    size_t r = 0, t = 0;
    for (size_t i = 0; i < u->count; i++) {
        if (u->items[i].kind != LEDE_KIND_SENTENCE)
            continue;
        s->row_first[r] = t;
        s->row_unit[r] = i;
        for (size_t k = tok->first[i]; k < tok->first[i + 1]; k++)
            s->terms[t++] = tok->items[k].term;
        r++;
    }
    s->row_first[r] = t;
    *nrows = r;
    return LEDE_OK;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The terms of the title: the headings and short lines before the first
 * sentence (not code nor table rows), sorted and unique, into
 * s->title_terms. */
static lede_status gather_title(lede_summarizer *s)
{
    const lede_units *u = &s->units;
    const lede_tokens *tok = &s->tokens;
    size_t end = 0;
    while (end < u->count && u->items[end].kind != LEDE_KIND_SENTENCE)
        end++;
    size_t before = end < u->count ? tok->first[end] : 0; /* tokens before it */
    s->ntitle = 0;
    if (before == 0)
        return LEDE_OK;
    if (lede_grow((void **)&s->title_terms, &s->title_cap, before, sizeof *s->title_terms) != 0)
        return LEDE_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < end; i++) {
        if (u->items[i].literal)
            continue;
        for (size_t k = tok->first[i]; k < tok->first[i + 1]; k++)
            s->title_terms[n++] = tok->items[k].term;
    }
    qsort(s->title_terms, n, sizeof *s->title_terms, cmp_u32);
    size_t unique = 0;
    for (size_t k = 0; k < n; k++)
        if (unique == 0 || s->title_terms[unique - 1] != s->title_terms[k])
            s->title_terms[unique++] = s->title_terms[k];
    s->ntitle = unique;
    return LEDE_OK;
}

/* Each row's cosine with the title taken as a set of terms. */
static void title_similarity(const lede_summarizer *s, size_t nrows, double *out)
{
    const lede_tfidf *v = &s->tfidf;
    double norm = s->ntitle ? 1.0 / sqrt((double)s->ntitle) : 0.0;
    for (size_t r = 0; r < nrows; r++) {
        double dot = 0;
        for (size_t k = v->row_ptr[r]; k < v->row_ptr[r + 1]; k++) {
            uint32_t g = v->global[v->col[k]];
            if (bsearch(&g, s->title_terms, s->ntitle, sizeof g, cmp_u32))
                dot += v->val[k];
        }
        out[r] = dot * norm;
    }
}

static double background_idf(void *ctx, uint32_t term)
{
    lede_summarizer *s = ctx;
    /* A stem of the built-in table has its idf there (the same value). */
    int64_t stem = lede_tokenizer_table_stem(&s->tokenizer, term);
    if (stem >= 0)
        return s->tokenizer.stems->stem_idf[stem];
    if (term < s->term_idf_cap && !isnan(s->term_idf[term]))
        return s->term_idf[term];
    size_t len;
    const char *str = lede_tokenizer_term(&s->tokenizer, term, &len);
    double idf = lede_model_idf(&s->model, str, len);
    if (term < s->term_idf_cap)
        s->term_idf[term] = (float)idf;
    return idf;
}

static void forget_idf(float *idf, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        idf[i] = NAN;
}

/* Makes room in the idf cache for every term id of the document, emptied
 * when the tokenizer's ids changed meaning. Out of memory, the cache stays
 * as it is: background_idf looks up the terms past its end every time. */
static void prepare_idf_cache(lede_summarizer *s)
{
    size_t generation = lede_tokenizer_generation(&s->tokenizer);
    if (generation != s->term_idf_generation) {
        forget_idf(s->term_idf, 0, s->term_idf_cap);
        s->term_idf_generation = generation;
    }
    size_t need = lede_tokenizer_term_count(&s->tokenizer), old = s->term_idf_cap;
    if (need > old && lede_grow((void **)&s->term_idf, &s->term_idf_cap, need,
                                sizeof *s->term_idf) == 0)
        forget_idf(s->term_idf, old, s->term_idf_cap);
}

/* The redundancy check uses the exact cosine of the two TF-IDF rows: the
 * sparse graph keeps only each sentence's strongest neighbours, so a
 * duplicate of a picked sentence can be missing from it. */
static float row_similarity(const void *ctx, size_t i, size_t j)
{
    return (float)lede_tfidf_cosine(ctx, i, j);
}
/* Centrality scores of the rows through the similarity graph, by the
 * options' method. */
static lede_status score_by_graph(lede_summarizer *s, size_t nrows, const lede_options *o,
                                  lede_error **err)
{
    if (o->background_idf > 0)
        prepare_idf_cache(s);
    lede_tfidf_params tp = {o->background_idf > 0 ? background_idf : NULL, s,
                            o->background_idf, s->model.data->idf_max, o->idf_power};
    lede_status st = lede_tfidf_build(&s->tfidf, nrows, s->terms, s->row_first,
                                      lede_tokenizer_term_count(&s->tokenizer), &tp);
    lede_graph_params gp = lede_graph_defaults();
    if (st == LEDE_OK)
        st = lede_graph_build(&s->graph, &s->tfidf, &gp);
    if (st == LEDE_ERR_TOO_LARGE)
        return lede_fail(err, st, "%zu sentences: more than the graph takes", nrows);
    if (st == LEDE_ERR_DEPENDENCY)
        return lede_blas_load(err); /* says which library and why */
    if (st != LEDE_OK)
        return lede_fail(err, st, "%s", lede_strerror(st));
    if (o->method == LEDE_METHOD_DEGREE || o->method == LEDE_METHOD_CENTROID) {
        int weighted = o->method == LEDE_METHOD_CENTROID;
        lede_rank_degree(&s->graph, weighted ? 0.0 : o->threshold, weighted, s->scores);
        return LEDE_OK;
    }
    if (o->method == LEDE_METHOD_POSITION) {
        lede_rank_position_aware(&s->graph, o->position_beta, o->position_backward,
                                 o->position_forward, s->scores);
        return LEDE_OK;
    }
    size_t need = lede_textrank_work_size(&s->graph);
    if (need > s->rank_work_cap) {
        if (resize((void **)&s->rank_work, need, sizeof *s->rank_work) != 0)
            return lede_fail_nomem(err);
        s->rank_work_cap = need;
    }
    int lexrank = o->method == LEDE_METHOD_LEXRANK;
    lede_rank_params rp = {o->damping, LEDE_RANK_TOLERANCE, 1000, lexrank ? o->threshold : 0.0,
                           lexrank};
    lede_textrank(&s->graph, &rp, s->scores, s->rank_work);
    return LEDE_OK;
}

/* Scores the rows by the options' method into s->scores; `*graph` tells
 * whether a similarity graph exists for the redundancy check (baselines
 * build none and skip the check). */
static lede_status score_rows(lede_summarizer *s, size_t nrows, const lede_options *o,
                              int *graph, lede_error **err)
{
    if (reserve_scratch(s, nrows) != 0)
        return lede_fail_nomem(err);
    *graph = 0;
    switch (o->method) {
    case LEDE_METHOD_LEAD:
        lede_rank_lead(nrows, s->scores);
        return LEDE_OK;
    case LEDE_METHOD_RANDOM:
        lede_rank_random(nrows, o->seed, s->scores);
        return LEDE_OK;
    default:
        *graph = 1;
        return score_by_graph(s, nrows, o, err);
    }
}

/* Ranks the rows and picks the summary into `sum`. */
static lede_status rank_and_pick(lede_summarizer *s, size_t nrows, const lede_options *o,
                                 lede_summary *sum, lede_error **err)
{
    int graph;
    lede_status st = score_rows(s, nrows, o, &graph, err);
    if (st != LEDE_OK)
        return st;
    for (size_t r = 0; r < nrows; r++) {
        size_t unit = s->row_unit[r];
        s->cands[r] = (lede_candidate){0, sum->words[unit], sum->chars[unit]};
        s->row_words[r] = sum->words[unit];
    }
    /* The lead and a typical length matter for short summaries; both
     * priors fade out as the summary grows towards lead_share of the
     * document, where centrality alone decides. */
    double share = lede_budget_share(&o->budget, s->cands, nrows);
    double fade = share < o->lead_share ? 1.0 - share / o->lead_share : 0.0;
    /* Baselines stay what they are: no prior on lead or random. */
    if (!graph)
        fade = 0;
    int title = graph && o->title_weight > 0 && s->ntitle > 0;
    if (title)
        title_similarity(s, nrows, s->title_sim);
    lede_priors priors = {graph ? o->position_prior : 0.0,
                          o->lead_boost * fade,
                          o->lead_span,
                          o->length_prior * fade,
                          o->length_target,
                          o->title_weight,
                          title ? s->title_sim : NULL};
    lede_apply_priors(s->scores, nrows, s->row_words, &priors);
    for (size_t r = 0; r < nrows; r++)
        s->cands[r].score = s->scores[r];
    size_t count;
    lede_select_params sp = {o->budget, graph ? o->redundancy : 1.0, graph ? o->mmr : 1.0,
                             graph ? row_similarity : NULL, &s->tfidf};
    st = lede_select(s->cands, nrows, &sp, s->order, s->rank, s->picked, &count);
    if (st != LEDE_OK)
        return lede_fail(err, st, "%s", lede_strerror(st));
    for (size_t r = 0; r < nrows; r++) {
        lede_sentence *u = &sum->units[s->row_unit[r]];
        u->score = s->scores[r];
        u->rank = s->rank[r];
    }
    for (size_t k = 0; k < count; k++) {
        size_t unit = s->row_unit[s->picked[k]];
        sum->units[unit].picked = 1;
        sum->picked[k] = unit;
    }
    sum->count = count;
    if (count == 0)
        return lede_fail(err, LEDE_ERR_BUDGET, "no sentence fits in %zu %s", o->budget.limit,
                         o->budget.kind == LEDE_BUDGET_WORDS ? "words" : "characters");
    return LEDE_OK;
}

/* ====== Public entry points ====== */

static lede_status begin_call(lede_summarizer *s, lede_summary **out, lede_error **err)
{
    if (err)
        *err = NULL;
    if (!out)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "no place for the summary");
    *out = NULL;
    if (!s)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "summarizer is NULL");
    return LEDE_OK;
}

lede_status lede_summarizer_split(lede_summarizer *s, const char *text, size_t len,
                                  const lede_options *opts, lede_summary **out,
                                  lede_error **err)
{
    lede_status st = begin_call(s, out, err);
    if (st != LEDE_OK)
        return st;
    const lede_options *o = opts ? opts : &s->opts;
    st = analyze(s, text, len, o, err);
    if (st != LEDE_OK)
        return st;
    *out = lede_summary_from_units(text, &s->units);
    if (!*out)
        return lede_fail_nomem(err);
    return LEDE_OK;
}

lede_status lede_summarizer_run(lede_summarizer *s, const char *text, size_t len,
                                const lede_options *opts, lede_summary **out, lede_error **err)
{
    lede_status st = begin_call(s, out, err);
    if (st != LEDE_OK)
        return st;
    const lede_options *o = opts ? opts : &s->opts;
    st = analyze(s, text, len, o, err);
    if (st != LEDE_OK)
        return st;
    st = lede_tokenize(&s->tokenizer, text, &s->units, &s->tokens);
    size_t nrows = 0;
    if (st == LEDE_OK)
        st = gather_rows(s, &nrows);
    /* The title is read only when the title prior asks for it. */
    s->ntitle = 0;
    if (st == LEDE_OK && o->title_weight > 0)
        st = gather_title(s);
    if (st != LEDE_OK)
        return lede_fail(err, st, "%s", lede_strerror(st));
    if (nrows == 0)
        return lede_fail(err, LEDE_ERR_NO_SENTENCES,
                         "no sentence to summarize: the input has only headings or short lines");
    lede_summary *sum = lede_summary_from_units(text, &s->units);
    if (!sum)
        return lede_fail_nomem(err);
    st = rank_and_pick(s, nrows, o, sum, err);
    if (st != LEDE_OK) {
        lede_summary_free(sum);
        return st;
    }
    *out = sum;
    return LEDE_OK;
}

typedef lede_status (*summarizer_call)(lede_summarizer *, const char *, size_t,
                                       const lede_options *, lede_summary **, lede_error **);

static lede_status one_call(summarizer_call call, const char *text, size_t len,
                            const lede_options *opts, lede_summary **out, lede_error **err)
{
    if (out)
        *out = NULL;
    lede_summarizer *s;
    lede_status st = lede_summarizer_new(opts, &s, err);
    if (st != LEDE_OK)
        return st;
    st = call(s, text, len, opts, out, err);
    lede_summarizer_free(s);
    return st;
}

lede_status lede_summarize(const char *text, size_t len, const lede_options *opts,
                           lede_summary **out, lede_error **err)
{
    return one_call(lede_summarizer_run, text, len, opts, out, err);
}

lede_status lede_split(const char *text, size_t len, const lede_options *opts,
                       lede_summary **out, lede_error **err)
{
    return one_call(lede_summarizer_split, text, len, opts, out, err);
}
