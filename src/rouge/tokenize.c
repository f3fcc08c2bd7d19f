/* tokenize.c - texts to token ids the way ROUGE-1.5.5 reads them.
 *
 * The script lower-cases ASCII, applies the length limit on the raw
 * sentences, turns every byte outside [A-Za-z0-9-] into a space, splits on
 * white space and keeps tokens that start with [a-z0-9$]: the tokens are the
 * runs of ASCII letters and digits. It does this twice, once for the whole
 * text (n-grams, skip bigrams, and the unigram counts that clip LCS hits)
 * and once per sentence (ROUGE-L/W); the two differ only in how -b cuts the
 * text. Stopwords (-s) are dropped before stemming (-m), which only touches
 * tokens longer than 3 bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../common/alloc.h"
#include "../common/error.h"
#include "rouge_internal.h"

void lede_rouge_tokens_free(rouge_tokens *t)
{
    free(t->ids);
    free(t->lcs_ids);
    free(t->sent_end);
    memset(t, 0, sizeof *t);
}

/* Perl's \s on bytes: space, \t, \n, \v, \f, \r. */
static int is_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static int is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int ensure_scratch(rouge_vocab *v, size_t need)
{
    return lede_grow((void **)&v->scratch, &v->scratch_cap, need, 1);
}

/* The id a token ends up as (after -s and -m), -2 when it is dropped as a
 * stopword, -1 when out of memory. `ascii_word` says the token is [a-z0-9]+,
 * the only kind ROUGE's stemmer ever sees. */
static int64_t token_id(rouge_vocab *v, const char *tok, size_t len, int ascii_word)
{
    int64_t raw = lede_intern_add(&v->table, tok, len, NULL);
    if (raw < 0)
        return -1;
    uint32_t cached = v->table.entries[raw].value;
    if (cached == UINT32_MAX)
        return -2;
    if (cached != 0)
        return (int64_t)cached - 1;
    if (v->stopwords && lede_rouge_is_stopword(tok, len)) {
        v->table.entries[raw].value = UINT32_MAX;
        return -2;
    }
    int64_t id = raw;
    if (v->stem && ascii_word && len > 3) {
        /* `tok` may point into the scratch buffer: stem a copy. */
        char stack[64];
        char *copy = len + 1 <= sizeof stack ? stack : malloc(len + 1);
        if (!copy)
            return -1;
        const char *lemma;
        size_t n = lede_rouge_morph_stem(tok, len, copy, &lemma);
        id = lede_intern_add(&v->table, lemma ? lemma : copy, n, NULL);
        if (copy != stack)
            free(copy);
        if (id < 0)
            return -1;
    }
    v->table.entries[raw].value = (uint32_t)id + 1;
    return id;
}

static int push_id(uint32_t **ids, size_t *count, size_t *cap, uint32_t id)
{
    if (*count == *cap && lede_grow((void **)ids, cap, *count + 1, sizeof **ids) != 0)
        return -1;
    (*ids)[(*count)++] = id;
    return 0;
}

/* Appends the tokens of s[0..len) in ROUGE's own way. */
static lede_status tokens_rouge155(rouge_vocab *v, const char *s, size_t len, uint32_t **ids,
                                   size_t *count, size_t *cap)
{
    size_t i = 0;
    while (i < len) {
        if (!is_alnum((unsigned char)s[i])) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < len && is_alnum((unsigned char)s[i]))
            i++;
        size_t n = i - start;
        if (ensure_scratch(v, n + 1) != 0)
            return LEDE_ERR_NOMEM;
        for (size_t k = 0; k < n; k++) {
            unsigned char c = (unsigned char)s[start + k];
            v->scratch[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        v->scratch[n] = '\0';
        int64_t id = token_id(v, v->scratch, n, 1);
        if (id == -1)
            return LEDE_ERR_NOMEM;
        if (id >= 0 && push_id(ids, count, cap, (uint32_t)id) != 0)
            return LEDE_ERR_NOMEM;
    }
    return LEDE_OK;
}

/* ---- the Unicode extension ---- */

static int is_ideograph(utf8proc_int32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) ||   /* Hiragana, Katakana */
           (cp >= 0x31F0 && cp <= 0x31FF) ||   /* Katakana extensions */
           (cp >= 0x3400 && cp <= 0x4DBF) ||   /* CJK extension A */
           (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* CJK unified ideographs */
           (cp >= 0xF900 && cp <= 0xFAFF) ||   /* compatibility ideographs */
           (cp >= 0x20000 && cp <= 0x3134F);   /* extensions B.. */
}

static int is_word_char(utf8proc_int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

static lede_status flush_word(rouge_vocab *v, const unsigned char *w, size_t n, uint32_t **ids,
                              size_t *count, size_t *cap)
{
    if (n == 0)
        return LEDE_OK;
    int ascii = 1;
    for (size_t k = 0; k < n && ascii; k++)
        ascii = (w[k] >= 'a' && w[k] <= 'z') || (w[k] >= '0' && w[k] <= '9');
    int64_t id = token_id(v, (const char *)w, n, ascii);
    if (id == -1)
        return LEDE_ERR_NOMEM;
    if (id >= 0 && push_id(ids, count, cap, (uint32_t)id) != 0)
        return LEDE_ERR_NOMEM;
    return LEDE_OK;
}

/* Appends the tokens of s[0..len) (valid UTF-8): NFKC and case folding, words of
 * letters, marks and digits, each ideograph a word. */
static lede_status tokens_unicode(rouge_vocab *v, const char *s, size_t len, uint32_t **ids,
                                  size_t *count, size_t *cap)
{
    if (len == 0)
        return LEDE_OK;
    utf8proc_uint8_t *norm = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &norm,
                                      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                          UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
    if (n < 0)
        return n == UTF8PROC_ERROR_NOMEM ? LEDE_ERR_NOMEM : LEDE_ERR_INVALID_UTF8;
    lede_status st = LEDE_OK;
    size_t word_start = 0, i = 0;
    int in_word = 0;
    while (st == LEDE_OK && i < (size_t)n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = utf8proc_iterate(norm + i, n - (utf8proc_ssize_t)i, &cp);
        if (step <= 0) {
            st = LEDE_ERR_INVALID_UTF8;
            break;
        }
        int ideo = is_ideograph(cp);
        if (in_word && (ideo || !is_word_char(cp))) {
            st = flush_word(v, norm + word_start, i - word_start, ids, count, cap);
            in_word = 0;
        }
        if (st == LEDE_OK && ideo)
            st = flush_word(v, norm + i, (size_t)step, ids, count, cap);
        else if (!in_word && is_word_char(cp)) {
            in_word = 1;
            word_start = i;
        }
        i += (size_t)step;
    }
    if (st == LEDE_OK && in_word)
        st = flush_word(v, norm + word_start, (size_t)n - word_start, ids, count, cap);
    free(norm);
    return st;
}

/* ---- length limits ---- */

/* Number of fields Perl's split(/\s+/, s) gives: the runs of non-space
 * bytes, plus a leading empty field when s starts with white space. */
static size_t count_words(const char *s, size_t len)
{
    size_t runs = 0;
    for (size_t i = 0; i < len; i++)
        if (!is_space((unsigned char)s[i]) && (i == 0 || is_space((unsigned char)s[i - 1])))
            runs++;
    return runs + (runs > 0 && len > 0 && is_space((unsigned char)s[0]));
}

/* Bytes of s covering its first k split fields (k >= 1). */
static size_t first_words(const char *s, size_t len, size_t k)
{
    if (len > 0 && is_space((unsigned char)s[0]))
        k--;
    size_t i = 0;
    while (k > 0 && i < len) {
        while (i < len && is_space((unsigned char)s[i]))
            i++;
        while (i < len && !is_space((unsigned char)s[i]))
            i++;
        k--;
    }
    return k > 0 ? len : i;
}

/* One kept piece of a sentence. */
typedef struct piece {
    size_t sentence;
    size_t len;
} piece;

/* The pieces of the sentences that survive the length limit, on the
 * n-gram side (lcs_side 0) or the LCS side (1). Returns the count; `out`
 * has room for one piece per sentence. */
static size_t kept_pieces(const lede_rouge_options *opts, const char *const *sent,
                          const size_t *lens, size_t n, int lcs_side, piece *out)
{
    size_t kept = 0, so_far = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = lens[i];
        if (opts->word_limit) {
            size_t w = count_words(sent[i], len);
            if (so_far + w < opts->word_limit) {
                so_far += w;
                out[kept++] = (piece){i, len};
                continue;
            }
            out[kept++] = (piece){i, first_words(sent[i], len, opts->word_limit - so_far)};
            break;
        }
        if (opts->byte_limit) {
            if (so_far + len < opts->byte_limit) {
                /* The script never advances the count on the LCS side. */
                if (!lcs_side)
                    so_far += len;
                out[kept++] = (piece){i, len};
                continue;
            }
            out[kept++] = (piece){i, opts->byte_limit - so_far};
            break;
        }
        out[kept++] = (piece){i, len};
    }
    return kept;
}

static lede_status tokenize_pieces(const lede_rouge_options *opts, rouge_vocab *v,
                                   const char *const *sent, const size_t *lens,
                                   const piece *pieces, size_t n, int lcs_side,
                                   rouge_tokens *out)
{
    for (size_t p = 0; p < n; p++) {
        const char *s = sent[pieces[p].sentence];
        size_t len = pieces[p].len;
        /* -b may cut a character: the Unicode tokenizer drops its bytes. */
        if (opts->tokenizer == LEDE_ROUGE_TOKENIZE_UNICODE && len < lens[pieces[p].sentence])
            while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
                len--;
        lede_status st;
        if (lcs_side) {
            st = opts->tokenizer == LEDE_ROUGE_TOKENIZE_UNICODE
                     ? tokens_unicode(v, s, len, &out->lcs_ids, &out->lcs_count,
                                      &out->lcs_cap)
                     : tokens_rouge155(v, s, len, &out->lcs_ids, &out->lcs_count,
                                       &out->lcs_cap);
            if (st == LEDE_OK &&
                lede_grow((void **)&out->sent_end, &out->sent_cap, out->n_sent + 1,
                          sizeof *out->sent_end) != 0)
                st = LEDE_ERR_NOMEM;
            if (st == LEDE_OK)
                out->sent_end[out->n_sent++] = out->lcs_count;
        } else {
            st = opts->tokenizer == LEDE_ROUGE_TOKENIZE_UNICODE
                     ? tokens_unicode(v, s, len, &out->ids, &out->count, &out->cap)
                     : tokens_rouge155(v, s, len, &out->ids, &out->count, &out->cap);
        }
        if (st != LEDE_OK)
            return st;
    }
    return LEDE_OK;
}

/* "document D: candidate" or "document D: reference N", for messages. */
static const char *text_name(char *buf, size_t size, const char *doc, size_t ref)
{
    if (ref == 0)
        snprintf(buf, size, "document %.200s: candidate", doc);
    else
        snprintf(buf, size, "document %.200s: reference %zu", doc, ref);
    return buf;
}

static lede_status check_utf8(const char *const *sent, const size_t *lens, size_t n,
                              const char *doc, size_t ref, lede_error **err)
{
    for (size_t i = 0; i < n; i++) {
        utf8proc_ssize_t pos = 0;
        while ((size_t)pos < lens[i]) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)sent[i] + pos,
                                                     (utf8proc_ssize_t)lens[i] - pos, &cp);
            if (step <= 0)
            {
                char name[256];
                return lede_fail(err, LEDE_ERR_INVALID_UTF8,
                                 "%s, sentence %zu: invalid UTF-8 at byte %zu",
                                 text_name(name, sizeof name, doc, ref), i + 1, (size_t)pos);
            }
            pos += step;
        }
    }
    return LEDE_OK;
}

lede_status lede_rouge_tokenize(const lede_rouge_options *opts, rouge_vocab *vocab,
                                const lede_rouge_text *text, rouge_tokens *out,
                                const char *doc, size_t ref, lede_error **err)
{
    char what[256];
    out->count = out->lcs_count = out->n_sent = 0;
    size_t n = text->count;
    if (n == 0)
        return LEDE_OK;
    if (!text->sentences)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "%s: no sentence array",
                         text_name(what, sizeof what, doc, ref));
    /* The script skips empty lines: keep the non-empty sentences only. */
    const char **sent = lede_alloc_array(n, sizeof *sent);
    size_t *lens = lede_alloc_array(n, sizeof *lens);
    piece *pieces = lede_alloc_array(n, sizeof *pieces);
    lede_status st = LEDE_OK;
    if (!sent || !lens || !pieces) {
        st = lede_fail(err, LEDE_ERR_NOMEM, "%s: out of memory",
                       text_name(what, sizeof what, doc, ref));
        goto done;
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = text->sentences[i];
        if (!s) {
            st = lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "%s: sentence %zu is NULL",
                           text_name(what, sizeof what, doc, ref), i + 1);
            goto done;
        }
        size_t len = text->lengths ? text->lengths[i] : strlen(s);
        if (len == 0)
            continue;
        sent[kept] = s;
        lens[kept++] = len;
    }
    if (opts->tokenizer == LEDE_ROUGE_TOKENIZE_UNICODE) {
        st = check_utf8(sent, lens, kept, doc, ref, err);
        if (st != LEDE_OK)
            goto done;
    }
    size_t np = kept_pieces(opts, sent, lens, kept, 1, pieces);
    st = tokenize_pieces(opts, vocab, sent, lens, pieces, np, 1, out);
    if (st == LEDE_OK && opts->byte_limit) {
        np = kept_pieces(opts, sent, lens, kept, 0, pieces);
        st = tokenize_pieces(opts, vocab, sent, lens, pieces, np, 0, out);
    } else if (st == LEDE_OK) {
        /* Without -b both sides hold the same tokens. */
        if (lede_grow((void **)&out->ids, &out->cap, out->lcs_count, sizeof *out->ids) != 0)
            st = LEDE_ERR_NOMEM;
        else {
            if (out->lcs_count)
                memcpy(out->ids, out->lcs_ids, out->lcs_count * sizeof *out->ids);
            out->count = out->lcs_count;
        }
    }
    if (st != LEDE_OK)
        st = lede_fail(err, st, "%s: %s", text_name(what, sizeof what, doc, ref),
                       st == LEDE_ERR_NOMEM ? "out of memory" : "invalid UTF-8");
done:
    free(sent);
    free(lens);
    free(pieces);
    return st;
}
