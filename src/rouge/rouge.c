/* rouge.c - the public lede_rouge scorer: documents in, per-document and
 * overall scores out. Each document is tokenized and scored when it is
 * added (only its scores are kept); lede_rouge_compute runs the bootstrap
 * per peer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/alloc.h"
#include "../common/arena.h"
#include "../common/error.h"
#include "rouge_internal.h"

#define MAX_METRICS 16
/* Per document and metric: R, P, F, then the counts (model, peer, hits). A
 * peer's overall scores hold (mean, low, high) of each of the three values
 * its bootstrap rows hold; its totals are the summed counts. */
enum { TRIPLE = 3, SCORE_COUNTS = 3, SCORE_WIDTH = 6, OVERALL_WIDTH = 9 };

typedef struct rouge_doc {
    const char *eval_id;
    const char *peer_id;
    const char *key; /* "EVAL.PEER", the script's instance name */
    size_t peer;
} rouge_doc;

typedef struct rouge_peer {
    const char *id;
    size_t *docs; /* print order, after compute */
    size_t n_docs;
    double *overall; /* OVERALL_WIDTH per metric, after compute */
    double *totals;  /* TRIPLE per metric: summed counts */
} rouge_peer;

struct lede_rouge {
    lede_rouge_options opts;
    rouge_metric metrics[MAX_METRICS];
    size_t n_metrics;
    rouge_vocab vocab;
    rouge_work work;
    rouge_tokens cand;
    rouge_tokens *refs;
    size_t refs_cap;
    lede_arena strings;
    lede_intern doc_keys;
    lede_intern peer_ids;
    rouge_doc *docs;
    size_t n_docs;
    size_t docs_cap;
    double *scores; /* SCORE_WIDTH * n_metrics per document */
    size_t scores_cap;
    rouge_peer *peers; /* sorted by id after compute */
    size_t n_peers;
    size_t peers_cap;
    char **warnings;
    size_t n_warnings;
    size_t warnings_cap;
    int computed;
};

lede_status lede_rouge_new(const lede_rouge_options *opts, lede_rouge **out, lede_error **err)
{
    if (err)
        *err = NULL;
    if (!out)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "no place for the scorer");
    *out = NULL;
    lede_rouge *r = calloc(1, sizeof *r);
    if (!r)
        return lede_fail_nomem(err);
    if (opts) {
        r->opts = *opts;
    } else {
        lede_rouge_options *defaults = lede_rouge_options_new();
        if (!defaults) {
            free(r);
            return lede_fail_nomem(err);
        }
        r->opts = *defaults;
        lede_rouge_options_free(defaults);
    }
    r->n_metrics = lede_rouge_metrics_build(&r->opts, r->metrics);
    r->vocab.stem = r->opts.stem;
    r->vocab.stopwords = r->opts.stopwords;
    *out = r;
    return LEDE_OK;
}

static void free_peers(lede_rouge *r)
{
    for (size_t p = 0; p < r->n_peers; p++) {
        free(r->peers[p].docs);
        free(r->peers[p].overall);
        free(r->peers[p].totals);
        r->peers[p].docs = NULL;
        r->peers[p].overall = NULL;
        r->peers[p].totals = NULL;
    }
}

void lede_rouge_free(lede_rouge *r)
{
    if (!r)
        return;
    lede_intern_free(&r->vocab.table);
    free(r->vocab.scratch);
    lede_rouge_work_free(&r->work);
    lede_rouge_tokens_free(&r->cand);
    for (size_t i = 0; i < r->refs_cap; i++)
        lede_rouge_tokens_free(&r->refs[i]);
    free(r->refs);
    lede_arena_free(&r->strings);
    lede_intern_free(&r->doc_keys);
    lede_intern_free(&r->peer_ids);
    free(r->docs);
    free(r->scores);
    free_peers(r);
    free(r->peers);
    for (size_t i = 0; i < r->n_warnings; i++)
        free(r->warnings[i]);
    free(r->warnings);
    free(r);
}

/* Index of peer `id`, registered when new; (size_t)-1 when out of memory,
 * with nothing registered (the room for the peer is made before its id is
 * kept: an id without a peer would be taken for one by the next call). */
static size_t peer_index(lede_rouge *r, const char *id)
{
    int64_t k = lede_intern_find(&r->peer_ids, id, strlen(id));
    if (k >= 0)
        return r->peer_ids.entries[k].value;
    if (lede_grow((void **)&r->peers, &r->peers_cap, r->n_peers + 1, sizeof *r->peers) != 0)
        return (size_t)-1;
    k = lede_intern_add(&r->peer_ids, id, strlen(id), NULL);
    if (k < 0)
        return (size_t)-1;
    rouge_peer *p = &r->peers[r->n_peers];
    memset(p, 0, sizeof *p);
    p->id = r->peer_ids.entries[k].str;
    r->peer_ids.entries[k].value = (uint32_t)r->n_peers;
    return r->n_peers++;
}

lede_status lede_rouge_register_peer(lede_rouge *r, const char *id)
{
    r->computed = 0;
    return peer_index(r, id) == (size_t)-1 ? LEDE_ERR_NOMEM : LEDE_OK;
}

lede_status lede_rouge_add_warning(lede_rouge *r, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *copy = lede_strndup(buf, strlen(buf));
    if (!copy || lede_grow((void **)&r->warnings, &r->warnings_cap, r->n_warnings + 1,
                           sizeof *r->warnings) != 0) {
        free(copy);
        return LEDE_ERR_NOMEM;
    }
    r->warnings[r->n_warnings++] = copy;
    return LEDE_OK;
}

static lede_status tokenize_all(lede_rouge *r, const lede_rouge_text *candidate,
                                const lede_rouge_text *references, size_t n_refs,
                                const char *key, lede_error **err)
{
    lede_status st = lede_rouge_tokenize(&r->opts, &r->vocab, candidate, &r->cand, key, 0, err);
    if (st != LEDE_OK)
        return st;
    if (n_refs > r->refs_cap) {
        rouge_tokens *refs = lede_realloc_array(r->refs, n_refs, sizeof *refs);
        if (!refs)
            return lede_fail_nomem(err);
        memset(refs + r->refs_cap, 0, (n_refs - r->refs_cap) * sizeof *refs);
        r->refs = refs;
        r->refs_cap = n_refs;
    }
    for (size_t i = 0; i < n_refs; i++) {
        st = lede_rouge_tokenize(&r->opts, &r->vocab, &references[i], &r->refs[i], key, i + 1,
                                 err);
        if (st != LEDE_OK)
            return st;
    }
    return LEDE_OK;
}

static lede_status record_doc(lede_rouge *r, const char *eval_id, const char *peer_id,
                              const char *key, size_t key_len, const double *scores)
{
    size_t peer = peer_index(r, peer_id);
    if (peer == (size_t)-1)
        return LEDE_ERR_NOMEM;
    size_t width = SCORE_WIDTH * r->n_metrics;
    if (lede_grow((void **)&r->docs, &r->docs_cap, r->n_docs + 1, sizeof *r->docs) != 0 ||
        lede_grow((void **)&r->scores, &r->scores_cap, (r->n_docs + 1) * width + 1,
                  sizeof *r->scores) != 0)
        return LEDE_ERR_NOMEM;
    /* The key last: once kept, the document counts as given. */
    const char *eval_copy = lede_arena_strndup(&r->strings, eval_id, strlen(eval_id));
    int64_t k = eval_copy ? lede_intern_add(&r->doc_keys, key, key_len, NULL) : -1;
    if (k < 0)
        return LEDE_ERR_NOMEM;
    rouge_doc *d = &r->docs[r->n_docs];
    d->eval_id = eval_copy;
    d->peer_id = r->peers[peer].id;
    d->key = r->doc_keys.entries[k].str;
    d->peer = peer;
    if (width)
        memcpy(r->scores + r->n_docs * width, scores, width * sizeof *scores);
    r->n_docs++;
    r->computed = 0;
    return LEDE_OK;
}

lede_status lede_rouge_add(lede_rouge *r, const char *eval_id, const char *peer_id,
                           const lede_rouge_text *candidate, const lede_rouge_text *references,
                           size_t n_references, lede_error **err)
{
    if (err)
        *err = NULL;
    if (!r || !candidate || (n_references > 0 && !references))
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "no scorer, candidate or references");
    char auto_id[32];
    if (!eval_id) {
        snprintf(auto_id, sizeof auto_id, "%06zu", r->n_docs + 1);
        eval_id = auto_id;
    }
    if (!peer_id)
        peer_id = "C";
    size_t key_len = strlen(eval_id) + 1 + strlen(peer_id);
    char *key = malloc(key_len + 1);
    if (!key)
        return lede_fail_nomem(err);
    snprintf(key, key_len + 1, "%s.%s", eval_id, peer_id);
    lede_status st = LEDE_OK;
    double *scores = NULL;
    if (n_references == 0) {
        st = lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "document %s has no reference", key);
        goto done;
    }
    if (lede_intern_find(&r->doc_keys, key, key_len) >= 0) {
        st = lede_fail(err, LEDE_ERR_INVALID_ARGUMENT,
                       "document %s is given twice (same Eval ID and peer ID)", key);
        goto done;
    }
    st = tokenize_all(r, candidate, references, n_references, key, err);
    if (st != LEDE_OK)
        goto done;
    scores = calloc(SCORE_WIDTH * r->n_metrics + 1, sizeof *scores);
    if (!scores) {
        st = lede_fail_nomem(err);
        goto done;
    }
    size_t empty_ref = 0;
    st = lede_rouge_score_doc(&r->opts, r->metrics, r->n_metrics, &r->work,
                              r->vocab.table.count, &r->cand, r->refs, n_references, scores,
                              &empty_ref);
    if (st == LEDE_ERR_TOO_LARGE) {
        st = lede_fail(err, st,
                       "document %s: a sentence is too long for the LCS table (more than "
                       "%zu token pairs) or for its skip bigrams",
                       key, LEDE_ROUGE_MAX_LCS_CELLS);
        goto done;
    }
    if (st != LEDE_OK) {
        st = lede_fail(err, st, "document %s: %s", key, lede_strerror(st));
        goto done;
    }
    if (empty_ref && r->opts.empty_reference == LEDE_ROUGE_EMPTY_REFERENCE_ERROR) {
        st = lede_fail(err, LEDE_ERR_EMPTY_INPUT,
                       "document %s: reference %zu has no token, where ROUGE-1.5.5 dies "
                       "(\"Illegal division by zero\" in ROUGE-W); score such documents 0 "
                       "with --empty-reference=zero",
                       key, empty_ref);
        goto done;
    }
    if (empty_ref)
        memset(scores, 0, SCORE_WIDTH * r->n_metrics * sizeof *scores);
    if (record_doc(r, eval_id, peer_id, key, key_len, scores) != LEDE_OK)
        st = lede_fail_nomem(err);
done:
    free(scores);
    free(key);
    return st;
}

/* ---- overall scores ---- */

/* The script's print order (sub by_evalID): by the number that starts the
 * instance name when both have one, else as strings (ties: as strings). */
static int leading_digits(const char *s)
{
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9')
        n++;
    return (int)n;
}

static int compare_numeric_prefix(const char *a, size_t na, const char *b, size_t nb)
{
    while (na > 1 && *a == '0') {
        a++;
        na--;
    }
    while (nb > 1 && *b == '0') {
        b++;
        nb--;
    }
    if (na != nb)
        return na < nb ? -1 : 1;
    return memcmp(a, b, na);
}

typedef struct order_item {
    const rouge_doc *docs;
    size_t index;
} order_item;

static int by_eval_id(const void *pa, const void *pb)
{
    const order_item *a = pa, *b = pb;
    const char *ka = a->docs[a->index].key, *kb = b->docs[b->index].key;
    int da = leading_digits(ka), db = leading_digits(kb);
    if (da > 0 && db > 0) {
        int c = compare_numeric_prefix(ka, (size_t)da, kb, (size_t)db);
        if (c != 0)
            return c;
    }
    return strcmp(ka, kb);
}

static int by_key(const void *pa, const void *pb)
{
    const order_item *a = pa, *b = pb;
    return strcmp(a->docs[a->index].key, b->docs[b->index].key);
}

static int by_peer_id(const void *pa, const void *pb)
{
    return strcmp(((const rouge_peer *)pa)->id, ((const rouge_peer *)pb)->id);
}

static lede_status compute_peer(lede_rouge *r, rouge_peer *peer, size_t peer_slot,
                                order_item *items, double *rows)
{
    size_t n = 0;
    for (size_t d = 0; d < r->n_docs; d++)
        if (r->docs[d].peer == peer_slot)
            items[n++] = (order_item){r->docs, d};
    size_t width = TRIPLE * r->n_metrics;
    int counts = r->opts.average != LEDE_ROUGE_AVERAGE_DOCS;
    peer->overall = lede_alloc_array(width + 1, TRIPLE * sizeof *peer->overall);
    peer->totals = calloc(width + 1, sizeof *peer->totals);
    peer->docs = lede_alloc_array(n + 1, sizeof *peer->docs);
    if (!peer->overall || !peer->totals || !peer->docs)
        return LEDE_ERR_NOMEM;
    /* The script's instances: sorted by name; with -t the rows hold the
     * counts (model, peer, hits) instead of R, P, F. */
    qsort(items, n, sizeof *items, by_key);
    for (size_t k = 0; k < n; k++) {
        const double *s = r->scores + items[k].index * SCORE_WIDTH * r->n_metrics;
        for (size_t m = 0; m < r->n_metrics; m++) {
            const double *x = s + SCORE_WIDTH * m + (counts ? SCORE_COUNTS : 0);
            memcpy(rows + k * width + TRIPLE * m, x, TRIPLE * sizeof *rows);
            for (int c = 0; c < TRIPLE; c++)
                peer->totals[TRIPLE * m + c] += s[SCORE_WIDTH * m + SCORE_COUNTS + c];
        }
    }
    lede_status st = LEDE_OK;
    if (r->opts.average == LEDE_ROUGE_COUNTS)
        memset(peer->overall, 0, TRIPLE * width * sizeof *peer->overall);
    else
        st = lede_rouge_bootstrap(rows, n, width, r->opts.resamples, r->opts.confidence,
                                  counts, r->opts.alpha, peer->overall);
    if (st != LEDE_OK)
        return st;
    qsort(items, n, sizeof *items, by_eval_id);
    for (size_t k = 0; k < n; k++)
        peer->docs[k] = items[k].index;
    peer->n_docs = n;
    return LEDE_OK;
}

lede_status lede_rouge_compute(lede_rouge *r, lede_error **err)
{
    if (err)
        *err = NULL;
    if (!r)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "no scorer");
    free_peers(r);
    /* Peers are listed sorted; documents keep their peer's slot number
     * until the sort below, so remember the slots first. */
    size_t *slot_of_sorted = lede_alloc_array(r->n_peers + 1, sizeof *slot_of_sorted);
    order_item *items = lede_alloc_array(r->n_docs + 1, sizeof *items);
    double *rows = lede_alloc_array(r->n_docs + 1, TRIPLE * r->n_metrics * sizeof *rows + 1);
    lede_status st = slot_of_sorted && items && rows ? LEDE_OK : LEDE_ERR_NOMEM;
    if (st == LEDE_OK) {
        qsort(r->peers, r->n_peers, sizeof *r->peers, by_peer_id);
        for (size_t p = 0; p < r->n_peers; p++) {
            int64_t k = lede_intern_find(&r->peer_ids, r->peers[p].id, strlen(r->peers[p].id));
            slot_of_sorted[p] = r->peer_ids.entries[k].value;
        }
        for (size_t d = 0; d < r->n_docs; d++)
            for (size_t p = 0; p < r->n_peers; p++)
                if (slot_of_sorted[p] == r->docs[d].peer) {
                    r->docs[d].peer = p;
                    break;
                }
        for (size_t p = 0; p < r->n_peers; p++) {
            int64_t k = lede_intern_find(&r->peer_ids, r->peers[p].id, strlen(r->peers[p].id));
            r->peer_ids.entries[k].value = (uint32_t)p;
        }
    }
    for (size_t p = 0; st == LEDE_OK && p < r->n_peers; p++)
        st = compute_peer(r, &r->peers[p], p, items, rows);
    free(slot_of_sorted);
    free(items);
    free(rows);
    if (st != LEDE_OK) {
        free_peers(r);
        return lede_fail(err, st, "computing the overall scores: %s", lede_strerror(st));
    }
    r->computed = 1;
    return LEDE_OK;
}

/* ---- readers ---- */

size_t lede_rouge_warning_count(const lede_rouge *r)
{
    return r ? r->n_warnings : 0;
}

const char *lede_rouge_warning(const lede_rouge *r, size_t i)
{
    return r && i < r->n_warnings ? r->warnings[i] : NULL;
}

size_t lede_rouge_metric_count(const lede_rouge *r)
{
    return r ? r->n_metrics : 0;
}

const char *lede_rouge_metric_name(const lede_rouge *r, size_t metric)
{
    return r && metric < r->n_metrics ? r->metrics[metric].name : NULL;
}

size_t lede_rouge_metric_find(const lede_rouge *r, const char *name)
{
    for (size_t m = 0; r && name && m < r->n_metrics; m++)
        if (strcmp(r->metrics[m].name, name) == 0)
            return m;
    return (size_t)-1;
}

const char *lede_rouge_confidence_label(const lede_rouge *r)
{
    return r ? r->opts.confidence_text : NULL;
}

lede_rouge_average lede_rouge_average_mode(const lede_rouge *r)
{
    return r ? r->opts.average : LEDE_ROUGE_AVERAGE_DOCS;
}

size_t lede_rouge_doc_count(const lede_rouge *r)
{
    return r ? r->n_docs : 0;
}

const char *lede_rouge_doc_eval_id(const lede_rouge *r, size_t doc)
{
    return r && doc < r->n_docs ? r->docs[doc].eval_id : NULL;
}

const char *lede_rouge_doc_peer_id(const lede_rouge *r, size_t doc)
{
    return r && doc < r->n_docs ? r->docs[doc].peer_id : NULL;
}

lede_status lede_rouge_doc_score(const lede_rouge *r, size_t doc, size_t metric,
                                 lede_rouge_score *out)
{
    if (!r || !out || doc >= r->n_docs || metric >= r->n_metrics)
        return LEDE_ERR_INVALID_ARGUMENT;
    const double *s = r->scores + (doc * r->n_metrics + metric) * SCORE_WIDTH;
    out->recall = s[0];
    out->precision = s[1];
    out->f = s[2];
    out->model_count = s[3];
    out->peer_count = s[4];
    out->hits = s[5];
    return LEDE_OK;
}

size_t lede_rouge_peer_count(const lede_rouge *r)
{
    return r && r->computed ? r->n_peers : 0;
}

const char *lede_rouge_peer_id(const lede_rouge *r, size_t peer)
{
    return r && r->computed && peer < r->n_peers ? r->peers[peer].id : NULL;
}

size_t lede_rouge_peer_doc_count(const lede_rouge *r, size_t peer)
{
    return r && r->computed && peer < r->n_peers ? r->peers[peer].n_docs : 0;
}

size_t lede_rouge_peer_doc(const lede_rouge *r, size_t peer, size_t k)
{
    if (!r || !r->computed || peer >= r->n_peers || k >= r->peers[peer].n_docs)
        return (size_t)-1;
    return r->peers[peer].docs[k];
}

lede_status lede_rouge_overall_score(const lede_rouge *r, size_t peer, size_t metric,
                                     lede_rouge_overall *out)
{
    if (!r || !out || !r->computed || peer >= r->n_peers || metric >= r->n_metrics)
        return LEDE_ERR_INVALID_ARGUMENT;
    const double *o = r->peers[peer].overall + OVERALL_WIDTH * metric;
    out->recall = o[0];
    out->recall_low = o[1];
    out->recall_high = o[2];
    out->precision = o[3];
    out->precision_low = o[4];
    out->precision_high = o[5];
    out->f = o[6];
    out->f_low = o[7];
    out->f_high = o[8];
    out->n_docs = r->peers[peer].n_docs;
    const double *t = r->peers[peer].totals + TRIPLE * metric;
    out->model_count = t[0];
    out->peer_count = t[1];
    out->hits = t[2];
    return LEDE_OK;
}
