/* score.c - one document's ROUGE scores, computed as ROUGE-1.5.5 does.
 *
 * Tokens get dense per-document ids; n-grams and skip bigrams get exact ids
 * from a per-document hash of (prefix id, token id) pairs, so counting and
 * clipping are array operations. For each reference sentence and candidate
 * sentence, ROUGE-L runs a bit-parallel LCS and ROUGE-W fills the script's
 * weighted table (traceback directions and two rows); both trace back
 * through the same values as the script and mark the same positions. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/alloc.h"
#include "../common/parse.h"
#include "rouge_internal.h"

#define EMPTY_KEY UINT64_MAX
#define SKIP_TAG (1ull << 63)
/* The id of a reference n-gram the candidate does not have: it cannot hit,
 * and no longer n-gram that starts with it can. */
#define ABSENT_ID (UINT32_MAX - 1)

enum { DIR_DIAG = 0, DIR_UP = 1, DIR_LEFT = 2 };

double lede_rouge_round5(double x)
{
    double y = x * 100000.0;
    double fl = floor(y);
    double frac = y - fl;
    /* Far from a tie, rounding y is what printf does; near one, ask printf
     * (it rounds the exact binary value). */
    if (fabs(frac - 0.5) > 1e-6 && fabs(y) < 1e15)
        return (frac > 0.5 ? fl + 1.0 : fl) / 100000.0;
    char buf[64];
    lede_snprintf_c(buf, sizeof buf, "%.5f", x);
    return lede_strtod_c(buf, NULL);
}

void lede_rouge_work_free(rouge_work *w)
{
    free(w->local_of);
    free(w->stamp);
    free(w->keys);
    free(w->vals);
    free(w->cc);
    free(w->rc);
    free(w->buf);
    free(w->dir);
    free(w->bits);
    free(w->rows);
    free(w->mask);
    free(w->pow_table);
    memset(w, 0, sizeof *w);
}

/* ---- per-document ids ---- */

typedef struct doc_text {
    const uint32_t *nside; /* n-gram side, local ids */
    size_t n;
    const uint32_t *lside; /* LCS side, local ids */
    size_t nl;
    const size_t *sent_end;
    size_t n_sent;
} doc_text;

typedef struct doc_ctx {
    rouge_work *w;
    const lede_rouge_options *opts;
    doc_text *texts; /* 0: candidate, 1..: references */
    size_t n_refs;
    uint32_t n_local;  /* distinct tokens of the document */
    uint32_t next_gram;
    uint32_t *gram;    /* n-gram work area, one slot per n-side token of each text */
    size_t *gram_off;
    double *per_ref;   /* 4 per reference: hit, count, peer count, selection score */
} doc_ctx;

static int grow_u32(uint32_t **p, size_t *cap, size_t need)
{
    return lede_grow((void **)p, cap, need, sizeof **p);
}

/* Grows two parallel arrays to at least `need` entries (doubling from
 * 1024), the new entries zero; -1 when out of memory. */
static int grow_zeroed_pair(uint32_t **a, uint32_t **b, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 1024;
    while (n < need)
        n *= 2;
    uint32_t *na = lede_realloc_array(*a, n, sizeof *na);
    if (!na)
        return -1;
    *a = na;
    uint32_t *nb = lede_realloc_array(*b, n, sizeof *nb);
    if (!nb)
        return -1;
    *b = nb;
    memset(na + *cap, 0, (n - *cap) * sizeof *na);
    memset(nb + *cap, 0, (n - *cap) * sizeof *nb);
    *cap = n;
    return 0;
}

static int ensure_vocab(rouge_work *w, size_t vocab_size)
{
    return grow_zeroed_pair(&w->local_of, &w->stamp, &w->vocab_cap, vocab_size);
}

static uint32_t local_id(doc_ctx *d, uint32_t id)
{
    rouge_work *w = d->w;
    if (w->stamp[id] != w->serial) {
        w->stamp[id] = w->serial;
        w->local_of[id] = d->n_local++;
    }
    return w->local_of[id];
}

static void to_local(doc_ctx *d, const uint32_t *ids, size_t n, uint32_t *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = local_id(d, ids[i]);
}

/* ---- the n-gram key table ---- */

static int table_reset(rouge_work *w, size_t expect)
{
    size_t need = 64;
    while (need < expect * 2)
        need *= 2;
    if (need > w->nslots) {
        uint64_t *keys = lede_realloc_array(w->keys, need, sizeof *keys);
        if (!keys)
            return -1;
        w->keys = keys;
        uint32_t *vals = lede_realloc_array(w->vals, need, sizeof *vals);
        if (!vals)
            return -1;
        w->vals = vals;
        w->nslots = need;
    }
    memset(w->keys, 0xFF, w->nslots * sizeof *w->keys);
    w->nkeys = 0;
    return 0;
}

static size_t key_slot(uint64_t key, size_t mask)
{
    key ^= key >> 31;
    key *= 0x9E3779B97F4A7C15ull;
    key ^= key >> 29;
    return (size_t)key & mask;
}

static int table_grow(rouge_work *w)
{
    size_t nslots = w->nslots * 2;
    uint64_t *keys = lede_alloc_array(nslots, sizeof *keys);
    uint32_t *vals = lede_alloc_array(nslots, sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return -1;
    }
    memset(keys, 0xFF, nslots * sizeof *keys);
    for (size_t i = 0; i < w->nslots; i++) {
        if (w->keys[i] == EMPTY_KEY)
            continue;
        size_t s = key_slot(w->keys[i], nslots - 1);
        while (keys[s] != EMPTY_KEY)
            s = (s + 1) & (nslots - 1);
        keys[s] = w->keys[i];
        vals[s] = w->vals[i];
    }
    free(w->keys);
    free(w->vals);
    w->keys = keys;
    w->vals = vals;
    w->nslots = nslots;
    return 0;
}

/* The id of n-gram `key`, new ones numbered from d->next_gram (only when
 * `insert`, else ABSENT_ID); UINT32_MAX when out of memory. Candidate
 * n-grams are inserted, reference n-grams only looked up. */
static uint32_t gram_id(doc_ctx *d, uint64_t key, int insert)
{
    rouge_work *w = d->w;
    if ((w->nkeys + 1) * 2 > w->nslots && table_grow(w) != 0)
        return UINT32_MAX;
    size_t mask = w->nslots - 1;
    size_t s = key_slot(key, mask);
    while (w->keys[s] != EMPTY_KEY) {
        if (w->keys[s] == key)
            return w->vals[s];
        s = (s + 1) & mask;
    }
    if (!insert)
        return ABSENT_ID;
    if (d->next_gram >= ABSENT_ID)
        return UINT32_MAX;
    w->keys[s] = key;
    w->vals[s] = d->next_gram;
    w->nkeys++;
    return d->next_gram++;
}

/* Count arrays must cover every id handed out so far (zero beyond). */
static int ensure_counts(rouge_work *w, size_t n)
{
    return grow_zeroed_pair(&w->cc, &w->rc, &w->counts_cap, n);
}

/* Σ_g min(count_cand(g), count_ref(g)); cc must hold the candidate counts. */
static size_t clipped_hits(rouge_work *w, const uint32_t *ref, size_t n)
{
    size_t hit = 0;
    for (size_t i = 0; i < n; i++)
        if (ref[i] != ABSENT_ID && ++w->rc[ref[i]] <= w->cc[ref[i]])
            hit++;
    for (size_t i = 0; i < n; i++)
        if (ref[i] != ABSENT_ID)
            w->rc[ref[i]] = 0;
    return hit;
}

static void count_units(rouge_work *w, const uint32_t *units, size_t n, int add)
{
    for (size_t i = 0; i < n; i++) {
        if (add)
            w->cc[units[i]]++;
        else
            w->cc[units[i]] = 0;
    }
}

/* ---- turning totals into R, P, F ---- */

typedef struct totals {
    double hit, count, count_p;
} totals;

/* Pools the references (-f A) or keeps the one with the best selection
 * score (-f B; the first one on ties, as the script's strict '>'). */
static totals combine(const doc_ctx *d)
{
    totals t = {0, 0, 0};
    double best = -1;
    for (size_t r = 0; r < d->n_refs; r++) {
        const double *x = d->per_ref + 4 * r;
        if (!d->opts->best) {
            t.hit += x[0];
            t.count += x[1];
            t.count_p += x[2];
        } else if (x[3] > best) {
            best = x[3];
            t.hit = x[0];
            t.count = x[1];
            t.count_p = x[2];
        }
    }
    return t;
}

static void finish(const lede_rouge_options *opts, totals t, double inv_power, double *out)
{
    double r = 0, p = 0;
    if (t.count != 0)
        r = lede_rouge_round5(inv_power ? pow(t.hit / t.count, inv_power) : t.hit / t.count);
    if (t.count_p != 0)
        p = lede_rouge_round5(inv_power ? pow(t.hit / t.count_p, inv_power)
                                        : t.hit / t.count_p);
    double alpha = opts->alpha;
    double den = (1 - alpha) * p + alpha * r;
    out[0] = r;
    out[1] = p;
    out[2] = den > 0 ? lede_rouge_round5((p * r) / den) : 0;
    out[3] = t.count;
    out[4] = t.count_p;
    out[5] = t.hit;
}

/* ROUGE-N and ROUGE-S pick the best reference by the rounded recall. */
static void set_ref(doc_ctx *d, size_t r, double hit, double count, double count_p)
{
    double *x = d->per_ref + 4 * r;
    x[0] = hit;
    x[1] = count;
    x[2] = count_p;
    x[3] = count != 0 ? lede_rouge_round5(hit / count) : 0;
}

/* ---- ROUGE-N ---- */

/* Advances every text's window ids from level k-1 to level k. */
static lede_status next_level(doc_ctx *d, unsigned k)
{
    for (size_t t = 0; t <= d->n_refs; t++) {
        const doc_text *x = &d->texts[t];
        uint32_t *g = d->gram + d->gram_off[t];
        if (x->n < k)
            continue;
        for (size_t i = 0; i + k <= x->n; i++) {
            if (g[i] == ABSENT_ID)
                continue;
            uint32_t id = gram_id(d, ((uint64_t)g[i] << 32) | x->nside[i + k - 1], t == 0);
            if (id == UINT32_MAX)
                return LEDE_ERR_NOMEM;
            g[i] = id;
        }
    }
    return ensure_counts(d->w, d->next_gram) == 0 ? LEDE_OK : LEDE_ERR_NOMEM;
}

static void score_ngram(doc_ctx *d, unsigned k, double *out)
{
    const doc_text *c = &d->texts[0];
    size_t nc = c->n >= k ? c->n - k + 1 : 0;
    const uint32_t *cg = d->gram + d->gram_off[0];
    count_units(d->w, cg, nc, 1);
    for (size_t r = 0; r < d->n_refs; r++) {
        const doc_text *x = &d->texts[r + 1];
        size_t nr = x->n >= k ? x->n - k + 1 : 0;
        size_t hit = clipped_hits(d->w, d->gram + d->gram_off[r + 1], nr);
        set_ref(d, r, (double)hit, (double)nr, (double)nc);
    }
    count_units(d->w, cg, nc, 0);
    finish(d->opts, combine(d), 0, out);
}

/* ---- ROUGE-S and ROUGE-SU ---- */

/* The skip-bigram units of a text: pairs (t_i, t_j), i < j <= i + gap + 1,
 * then (for SU) the unigrams t_i of every token but the last. */
static lede_status skip_units(doc_ctx *d, const doc_text *x, int insert, uint32_t **units,
                              size_t *cap, size_t *n_skip, size_t *n_uni)
{
    long gap = d->opts->skip_gap;
    size_t n = 0;
    size_t last = x->n > 0 ? x->n - 1 : 0;
    size_t total = 0;
    for (size_t i = 0; i < last; i++) {
        total += gap < 0 || (size_t)gap + 1 >= last - i ? last - i : (size_t)gap + 1;
        if (total > LEDE_ROUGE_MAX_SKIP_UNITS)
            return LEDE_ERR_TOO_LARGE;
    }
    for (size_t i = 0; i < last; i++) {
        size_t hi = gap < 0 || (size_t)gap + 1 >= last - i ? last : i + (size_t)gap + 1;
        if (grow_u32(units, cap, n + (hi - i) + x->n) != 0)
            return LEDE_ERR_NOMEM;
        for (size_t j = i + 1; j <= hi; j++) {
            uint64_t key = SKIP_TAG | ((uint64_t)x->nside[i] << 32) | x->nside[j];
            uint32_t id = gram_id(d, key, insert);
            if (id == UINT32_MAX)
                return LEDE_ERR_NOMEM;
            (*units)[n++] = id;
        }
    }
    *n_skip = n;
    if (grow_u32(units, cap, n + last + 1) != 0)
        return LEDE_ERR_NOMEM;
    for (size_t i = 0; i < last; i++)
        (*units)[n++] = x->nside[i];
    *n_uni = last;
    return LEDE_OK;
}

/* Fills out_s (ROUGE-S) and/or out_su (ROUGE-SU); either may be NULL. */
static lede_status score_skip(doc_ctx *d, double *out_s, double *out_su)
{
    size_t nt = d->n_refs + 1;
    uint32_t **units = calloc(nt, sizeof *units);
    size_t *caps = calloc(nt, sizeof *caps);
    size_t *ns = calloc(nt, sizeof *ns);
    size_t *nu = calloc(nt, sizeof *nu);
    lede_status st = units && caps && ns && nu ? LEDE_OK : LEDE_ERR_NOMEM;
    for (size_t t = 0; st == LEDE_OK && t < nt; t++)
        st = skip_units(d, &d->texts[t], t == 0, &units[t], &caps[t], &ns[t], &nu[t]);
    if (st == LEDE_OK && ensure_counts(d->w, d->next_gram) != 0)
        st = LEDE_ERR_NOMEM;
    if (st == LEDE_OK) {
        size_t *hit_s = calloc(nt, sizeof *hit_s);
        size_t *hit_su = calloc(nt, sizeof *hit_su);
        if (!hit_s || !hit_su)
            st = LEDE_ERR_NOMEM;
        if (st == LEDE_OK) {
            /* Unigram and bigram units never share an id, so the SU hits
             * are the S hits plus the unigram hits. */
            count_units(d->w, units[0], ns[0] + nu[0], 1);
            for (size_t r = 1; r < nt; r++) {
                hit_s[r] = clipped_hits(d->w, units[r], ns[r]);
                hit_su[r] = hit_s[r] + clipped_hits(d->w, units[r] + ns[r], nu[r]);
            }
            count_units(d->w, units[0], ns[0] + nu[0], 0);
            if (out_s) {
                for (size_t r = 1; r < nt; r++)
                    set_ref(d, r - 1, (double)hit_s[r], (double)ns[r], (double)ns[0]);
                finish(d->opts, combine(d), 0, out_s);
            }
            if (out_su) {
                for (size_t r = 1; r < nt; r++)
                    set_ref(d, r - 1, (double)hit_su[r], (double)(ns[r] + nu[r]),
                            (double)(ns[0] + nu[0]));
                finish(d->opts, combine(d), 0, out_su);
            }
        }
        free(hit_s);
        free(hit_su);
    }
    for (size_t t = 0; units && t < nt; t++)
        free(units[t]);
    free(units);
    free(caps);
    free(ns);
    free(nu);
    return st;
}

/* ---- ROUGE-L and ROUGE-W ---- */

static int ensure_pow(rouge_work *w, double weight, size_t n)
{
    if (n < w->pow_count)
        return 0;
    size_t count = n + 1;
    double *t = lede_realloc_array(w->pow_table, count, sizeof *t);
    if (!t)
        return -1;
    for (size_t k = w->pow_count; k < count; k++)
        t[k] = pow((double)k, weight);
    w->pow_table = t;
    w->pow_count = count;
    return 0;
}

/* Follows the traceback from the table's corner, marking the model
 * positions on the path as the script's markLCS does. */
static void trace_marks(const unsigned char *dir, size_t mlen, size_t plen, unsigned char *mask)
{
    size_t i = mlen, j = plen;
    while (i != 0 && j != 0) {
        unsigned char d = dir[(i - 1) * plen + (j - 1)];
        if (d == DIR_DIAG) {
            i--;
            j--;
            mask[i] = 1;
        } else if (d == DIR_UP) {
            i--;
        } else {
            j--;
        }
    }
}

/* The WLCS table of model sentence m and peer sentence p, kept as
 * traceback directions and two rows: equal tokens go diagonal, adding
 * f(k + 1) - f(k) after k consecutive matches, computed as the script does
 * ((c + f(k+1)) - f(k)); otherwise "up" when c[i-1][j] >= c[i][j-1], else
 * "left". */
static void wlcs_fill(rouge_work *w, const uint32_t *m, size_t mlen, const uint32_t *p,
                      size_t plen, const uint32_t *in_peer)
{
    double *prev = w->rows, *cur = w->rows + (plen + 1);
    uint32_t *lprev = (uint32_t *)(w->rows + 2 * (plen + 1));
    uint32_t *lcur = lprev + (plen + 1);
    const double *pw = w->pow_table;
    for (size_t j = 0; j <= plen; j++) {
        prev[j] = 0;
        lprev[j] = 0;
    }
    cur[0] = 0;
    lcur[0] = 0;
    for (size_t i = 1; i <= mlen; i++) {
        unsigned char *drow = w->dir + (i - 1) * plen;
        uint32_t mi = m[i - 1];
        int may_match = in_peer[mi] != 0;
        for (size_t j = 1; j <= plen; j++) {
            if (may_match && mi == p[j - 1]) {
                uint32_t k = lprev[j - 1];
                cur[j] = prev[j - 1] + pw[k + 1] - pw[k];
                lcur[j] = k + 1;
                drow[j - 1] = DIR_DIAG;
                continue;
            }
            double up = prev[j], left = cur[j - 1];
            int go_up = up >= left;
            cur[j] = go_up ? up : left;
            lcur[j] = 0;
            drow[j - 1] = go_up ? DIR_UP : DIR_LEFT;
        }
        double *t = prev;
        prev = cur;
        cur = t;
        uint32_t *lt = lprev;
        lprev = lcur;
        lcur = lt;
    }
}

/* ---- ROUGE-L, bit-parallel ----
 * The LCS table's rows are kept as bit vectors (Allison-Dix, Hyyro): bit j
 * of row i is 0 exactly where c[i][j+1] = c[i][j] + 1, so c[i][j] is j minus
 * the number of 1 bits below j. Filling costs m * n / 64 word operations
 * instead of m * n cells, and the traceback reads the same c values as the
 * script's table, so it marks the same positions. */

static size_t lcs_value(const uint64_t *row, size_t j)
{
    size_t ones = 0, k = 0;
    for (; (k + 1) * 64 <= j; k++)
        ones += (size_t)__builtin_popcountll(row[k]);
    if (j % 64)
        ones += (size_t)__builtin_popcountll(row[k] & ((1ull << (j % 64)) - 1));
    return j - ones;
}

/* Marks the LCS positions of model sentence m against the peer sentence
 * whose match masks are `pool` (slot[token] - 1 indexes it; 0: absent). */
static void bitlcs_mark(const uint32_t *m, size_t mlen, const uint32_t *p, size_t plen,
                        const uint32_t *slot, const uint64_t *pool, uint64_t *rows,
                        unsigned char *mask)
{
    size_t words = (plen + 63) / 64;
    for (size_t k = 0; k < words; k++)
        rows[k] = ~0ull;
    for (size_t i = 1; i <= mlen; i++) {
        const uint64_t *prev = rows + (i - 1) * words;
        uint64_t *cur = rows + i * words;
        uint32_t s = slot[m[i - 1]];
        if (s == 0) {
            memcpy(cur, prev, words * sizeof *cur);
            continue;
        }
        const uint64_t *match = pool + (size_t)(s - 1) * words;
        unsigned carry = 0;
        for (size_t k = 0; k < words; k++) {
            uint64_t u = prev[k] & match[k], t, sum;
            unsigned c1 = __builtin_add_overflow(prev[k], u, &t);
            unsigned c2 = __builtin_add_overflow(t, (uint64_t)carry, &sum);
            carry = c1 | c2;
            cur[k] = sum | (prev[k] & ~u);
        }
    }
    size_t i = mlen, j = plen;
    while (i != 0 && j != 0) {
        if (m[i - 1] == p[j - 1]) {
            i--;
            j--;
            mask[i] = 1;
        } else if (lcs_value(rows + (i - 1) * words, j) >= lcs_value(rows + i * words, j - 1)) {
            i--;
        } else {
            j--;
        }
    }
}

/* Builds the match masks of peer sentence p into `pool`, with slot[token]
 * set (and to be cleared by the caller) for each distinct token. */
static void build_masks(const uint32_t *p, size_t plen, uint32_t *slot, uint64_t *pool)
{
    size_t words = (plen + 63) / 64, distinct = 0;
    for (size_t j = 0; j < plen; j++) {
        if (slot[p[j]] == 0) {
            slot[p[j]] = (uint32_t)++distinct;
            memset(pool + (distinct - 1) * words, 0, words * sizeof *pool);
        }
        pool[(size_t)(slot[p[j]] - 1) * words + j / 64] |= 1ull << (j % 64);
    }
}

/* Marks, over the reference's whole LCS side, the union of the LCS
 * positions of each reference sentence against each candidate sentence. */
static void mark_all(doc_ctx *d, const doc_text *ref, int weighted)
{
    rouge_work *w = d->w;
    const doc_text *c = &d->texts[0];
    memset(w->mask, 0, ref->nl + 1);
    size_t cs = 0;
    for (size_t k = 0; k < c->n_sent; k++) {
        const uint32_t *p = c->lside + cs;
        size_t plen = c->sent_end[k] - cs;
        cs = c->sent_end[k];
        if (plen == 0)
            continue;
        /* cc marks the candidate sentence's tokens (ROUGE-L: with their
         * match masks); it is cleared again below. */
        if (!weighted)
            build_masks(p, plen, w->cc, w->bits);
        else
            for (size_t j = 0; j < plen; j++)
                w->cc[p[j]] = 1;
        size_t rs = 0;
        for (size_t s = 0; s < ref->n_sent; s++) {
            const uint32_t *m = ref->lside + rs;
            size_t mlen = ref->sent_end[s] - rs;
            unsigned char *mask = w->mask + rs;
            rs = ref->sent_end[s];
            if (mlen == 0)
                continue;
            if (weighted) {
                wlcs_fill(w, m, mlen, p, plen, w->cc);
                trace_marks(w->dir, mlen, plen, mask);
            } else {
                bitlcs_mark(m, mlen, p, plen, w->cc, w->bits,
                            w->bits + plen * ((plen + 63) / 64), mask);
            }
        }
        for (size_t j = 0; j < plen; j++)
            w->cc[p[j]] = 0;
    }
}

/* The hits of one reference: per reference sentence the union of the LCS
 * marks over all candidate sentences, each mark counted while the token
 * still has unigram count left in both texts (ROUGE-W: runs of counted
 * marks weighted by f(run)). */
static void lcs_reference(doc_ctx *d, const doc_text *ref, int weighted, double *hit_out,
                          double *base_out)
{
    rouge_work *w = d->w;
    const doc_text *c = &d->texts[0];
    mark_all(d, ref, weighted);
    uint32_t *mc = w->rc, *pc = w->cc;
    for (size_t i = 0; i < ref->n; i++)
        mc[ref->nside[i]]++;
    for (size_t i = 0; i < c->n; i++)
        pc[c->nside[i]]++;
    double hit = 0, base = 0;
    size_t rs = 0;
    for (size_t s = 0; s < ref->n_sent; s++) {
        const uint32_t *m = ref->lside + rs;
        const unsigned char *mask = w->mask + rs;
        size_t mlen = ref->sent_end[s] - rs;
        rs = ref->sent_end[s];
        base += weighted ? w->pow_table[mlen] : (double)mlen;
        size_t run = 0;
        for (size_t j = 0; j < mlen; j++) {
            uint32_t t = m[j];
            if (!mask[j] || mc[t] == 0 || pc[t] == 0)
                continue;
            mc[t]--;
            pc[t]--;
            if (!weighted) {
                hit += 1;
                continue;
            }
            run++;
            if ((j + 1 < mlen && !mask[j + 1]) || j + 1 == mlen) {
                hit += w->pow_table[run];
                run = 0;
            }
        }
    }
    /* The count arrays are shared with n-gram counting: leave them zero. */
    for (size_t i = 0; i < ref->n; i++)
        mc[ref->nside[i]] = 0;
    for (size_t i = 0; i < c->n; i++)
        pc[c->nside[i]] = 0;
    *hit_out = hit;
    *base_out = base;
}

static size_t longest_sentence(const doc_text *x)
{
    size_t best = 0, start = 0;
    for (size_t s = 0; s < x->n_sent; s++) {
        size_t len = x->sent_end[s] - start;
        if (len > best)
            best = len;
        start = x->sent_end[s];
    }
    return best;
}

static lede_status score_lcs(doc_ctx *d, int weighted, double *out, size_t *too_large)
{
    rouge_work *w = d->w;
    double weight = d->opts->wlcs_weight;
    size_t longest_ref = 0, longest_cand = longest_sentence(&d->texts[0]);
    for (size_t r = 1; r <= d->n_refs; r++) {
        size_t l = longest_sentence(&d->texts[r]);
        if (l > longest_ref)
            longest_ref = l;
    }
    size_t cells = longest_ref * longest_cand;
    if (longest_cand && longest_ref > LEDE_ROUGE_MAX_LCS_CELLS / longest_cand) {
        *too_large = longest_ref > longest_cand ? longest_ref : longest_cand;
        return LEDE_ERR_TOO_LARGE;
    }
    size_t longest = longest_ref > longest_cand ? longest_ref : longest_cand;
    size_t longest_side = 0;
    for (size_t r = 1; r <= d->n_refs; r++)
        if (d->texts[r].nl > longest_side)
            longest_side = d->texts[r].nl;
    /* ROUGE-L: match masks and rows of bits; ROUGE-W: a traceback byte per
     * cell and two rows of doubles and of run lengths. */
    size_t words = (longest_cand + 63) / 64;
    size_t bit_words = (longest_cand + longest_ref + 1) * words;
    if (!weighted && bit_words > LEDE_ROUGE_MAX_LCS_CELLS / 8) {
        *too_large = longest;
        return LEDE_ERR_TOO_LARGE;
    }
    if ((weighted ? lede_grow((void **)&w->dir, &w->dir_cap, cells + 1, 1)
                  : lede_grow((void **)&w->bits, &w->bits_cap, bit_words + 1,
                              sizeof *w->bits)) != 0 ||
        lede_grow((void **)&w->rows, &w->rows_cap, 3 * (longest_cand + 1) + 1,
                  sizeof *w->rows) != 0 ||
        lede_grow((void **)&w->mask, &w->mask_cap, longest_side + 1, 1) != 0 ||
        (weighted && ensure_pow(w, weight, longest + 2) != 0) ||
        ensure_counts(w, d->n_local) != 0)
        return LEDE_ERR_NOMEM;
    double cand_len = (double)d->texts[0].n;
    for (size_t r = 0; r < d->n_refs; r++) {
        double hit, base;
        lcs_reference(d, &d->texts[r + 1], weighted, &hit, &base);
        double *x = d->per_ref + 4 * r;
        x[0] = hit;
        if (weighted) {
            x[1] = pow(base, weight);
            x[2] = pow(cand_len, weight);
            x[3] = pow(hit / base, 1 / weight);
        } else {
            x[1] = base;
            x[2] = cand_len;
            x[3] = base > 0 ? hit / base : 0;
        }
    }
    finish(d->opts, combine(d), weighted ? 1 / weight : 0, out);
    return LEDE_OK;
}

/* ---- one document ---- */

static lede_status prepare(doc_ctx *d, size_t vocab_size, const rouge_tokens *cand,
                           const rouge_tokens *refs)
{
    rouge_work *w = d->w;
    if (ensure_vocab(w, vocab_size) != 0)
        return LEDE_ERR_NOMEM;
    if (++w->serial == 0) {
        memset(w->stamp, 0, w->vocab_cap * sizeof *w->stamp);
        w->serial = 1;
    }
    size_t nt = d->n_refs + 1;
    size_t total = 0;
    for (size_t t = 0; t < nt; t++) {
        const rouge_tokens *x = t == 0 ? cand : &refs[t - 1];
        total += 2 * x->count + x->lcs_count;
    }
    if (grow_u32(&w->buf, &w->buf_cap, total + 1) != 0)
        return LEDE_ERR_NOMEM;
    size_t off = 0;
    for (size_t t = 0; t < nt; t++) {
        const rouge_tokens *x = t == 0 ? cand : &refs[t - 1];
        doc_text *dt = &d->texts[t];
        to_local(d, x->ids, x->count, w->buf + off);
        dt->nside = w->buf + off;
        dt->n = x->count;
        off += x->count;
        to_local(d, x->lcs_ids, x->lcs_count, w->buf + off);
        dt->lside = w->buf + off;
        dt->nl = x->lcs_count;
        off += x->lcs_count;
        dt->sent_end = x->sent_end;
        dt->n_sent = x->n_sent;
        d->gram_off[t] = off;
        memcpy(w->buf + off, dt->nside, dt->n * sizeof *w->buf);
        off += x->count;
    }
    d->gram = w->buf;
    d->next_gram = d->n_local;
    size_t expect = d->n_local;
    for (size_t t = 0; t < nt; t++)
        expect += d->texts[t].n * (d->opts->max_ngram > 1 ? d->opts->max_ngram - 1 : 0);
    if (table_reset(w, expect) != 0 || ensure_counts(w, d->n_local) != 0)
        return LEDE_ERR_NOMEM;
    return LEDE_OK;
}

static lede_status score_metrics(doc_ctx *d, const rouge_metric *metrics, size_t n_metrics,
                                 double *out, size_t *too_large)
{
    lede_status st = LEDE_OK;
    unsigned level = 1;
    double *su_out = NULL, *s_out = NULL;
    for (size_t m = 0; m < n_metrics && st == LEDE_OK; m++) {
        double *o = out + 6 * m;
        switch (metrics[m].kind) {
        case ROUGE_N:
            while (st == LEDE_OK && level < metrics[m].n)
                st = next_level(d, ++level);
            if (st == LEDE_OK)
                score_ngram(d, level, o);
            break;
        case ROUGE_L:
            st = score_lcs(d, 0, o, too_large);
            break;
        case ROUGE_W:
            st = score_lcs(d, 1, o, too_large);
            break;
        case ROUGE_S:
            s_out = o;
            break;
        case ROUGE_SU:
            su_out = o;
            break;
        }
    }
    if (st == LEDE_OK && (s_out || su_out))
        st = score_skip(d, s_out, su_out);
    return st;
}

lede_status lede_rouge_score_doc(const lede_rouge_options *opts, const rouge_metric *metrics,
                                 size_t n_metrics, rouge_work *work, size_t vocab_size,
                                 const rouge_tokens *cand, const rouge_tokens *refs,
                                 size_t n_refs, double *out, size_t *empty_ref)
{
    *empty_ref = 0;
    for (size_t m = 0; m < n_metrics; m++) {
        if (metrics[m].kind != ROUGE_W)
            continue;
        for (size_t r = 0; r < n_refs; r++) {
            if (refs[r].lcs_count == 0) {
                *empty_ref = r + 1;
                return LEDE_OK;
            }
        }
    }
    doc_ctx d = {.w = work, .opts = opts, .n_refs = n_refs};
    d.texts = calloc(n_refs + 1, sizeof *d.texts);
    d.gram_off = calloc(n_refs + 1, sizeof *d.gram_off);
    d.per_ref = calloc(4 * n_refs, sizeof *d.per_ref);
    lede_status st = d.texts && d.gram_off && d.per_ref ? LEDE_OK : LEDE_ERR_NOMEM;
    if (st == LEDE_OK)
        st = prepare(&d, vocab_size, cand, refs);
    size_t too_large = 0;
    if (st == LEDE_OK)
        st = score_metrics(&d, metrics, n_metrics, out, &too_large);
    free(d.texts);
    free(d.gram_off);
    free(d.per_ref);
    return st;
}
