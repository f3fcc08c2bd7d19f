#include "tokens.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../common/alloc.h"
#include "chars.h"
#include "scan.h"

/* Surface-table values: 1 for a dropped word (a stopword), NEW_WORD plus
 * its index for a new word of the document being tokenized, else its term
 * plus 2. A token's term is NEW_WORD plus the index too until the end of
 * the document. Term ids, and so the term table's string ids (one per term
 * at most), stay below 2^31 - 2, so that neither reaches NEW_WORD here nor
 * LEDE_TERM_INTERNED in origin[]: reserve_term refuses more (as out of
 * memory; the tables are cleared between documents past max_cached_terms
 * long before, unless a caller such as the IDF builder keeps them all). */
enum { SURFACE_DROPPED = 1, SURFACE_TERM_BASE = 2 };
#define NEW_WORD 0x80000000u
/* A new word without a stem in the stem table (yet). */
#define UNRESOLVED UINT32_MAX

lede_status lede_tokenizer_init(lede_tokenizer *t, const lede_model *model, const char *stemmer)
{
    memset(t, 0, sizeof *t);
    t->model = model;
    t->max_cached_terms = LEDE_MAX_CACHED_TERMS;
    if (stemmer && stemmer[0]) {
        const lede_stem_table *stems = lede_stem_table_for(model->data->code);
        if (stems && strcmp(stems->stemmer, stemmer) == 0)
            t->stems = stems;
        t->stemmer = sb_stemmer_new(stemmer, NULL);
        if (!t->stemmer) {
            /* libstemmer returns NULL for an unknown algorithm and when out
             * of memory; tell them apart with its list. */
            for (const char **name = sb_stemmer_list(); *name; name++)
                if (strcmp(*name, stemmer) == 0)
                    return LEDE_ERR_NOMEM;
            return LEDE_ERR_UNKNOWN_LANGUAGE;
        }
    }
    return LEDE_OK;
}

void lede_tokenizer_free(lede_tokenizer *t)
{
    sb_stemmer_delete(t->stemmer);
    lede_intern_free(&t->terms);
    lede_intern_free(&t->surface);
    free(t->origin);
    free(t->term_of_stem);
    free(t->new_words);
    lede_strbuf_free(&t->new_text);
    free(t->cps);
    lede_strbuf_free(&t->norm);
    memset(t, 0, sizeof *t);
}

const char *lede_tokenizer_term(const lede_tokenizer *t, uint32_t id, size_t *len)
{
    uint32_t origin = t->origin[id];
    if (!(origin & LEDE_TERM_INTERNED))
        return lede_stem_table_stem(t->stems, origin, len);
    const lede_intern_entry *e = &t->terms.entries[origin & ~LEDE_TERM_INTERNED];
    *len = e->len;
    return e->str;
}

int64_t lede_tokenizer_table_stem(const lede_tokenizer *t, uint32_t id)
{
    uint32_t origin = t->origin[id];
    return origin & LEDE_TERM_INTERNED ? -1 : (int64_t)origin;
}

size_t lede_tokenizer_term_count(const lede_tokenizer *t)
{
    return t->nterms;
}

size_t lede_tokenizer_generation(const lede_tokenizer *t)
{
    return t->generation;
}

/* Forgets every term: the caches are cleared past max_cached_terms. */
static void clear_terms(lede_tokenizer *t)
{
    lede_intern_clear(&t->terms);
    lede_intern_clear(&t->surface);
    if (t->term_of_stem)
        memset(t->term_of_stem, 0, t->stems->nstems * sizeof *t->term_of_stem);
    t->nterms = 0;
    t->generation++;
}

void lede_tokens_free(lede_tokens *tok)
{
    free(tok->items);
    free(tok->first);
    memset(tok, 0, sizeof *tok);
}

/* ====== Normalization ====== */

/* Typographic apostrophes read as ASCII ones, so that don’t = don't. */
static utf8proc_int32_t map_apostrophe(utf8proc_int32_t c, void *data)
{
    (void)data;
    return (c == 0x2019 || c == 0x02BC || c == 0xFF07) ? '\'' : c;
}

/* NFKC + case folding (+ mark stripping) of a non-ASCII token into
 * t->norm. Returns 0, or -1 when out of memory or not valid UTF-8. */
static int normalize_unicode(lede_tokenizer *t, const char *s, size_t len)
{
    utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                             UTF8PROC_CASEFOLD | UTF8PROC_IGNORE;
    if (t->model->data->strip_marks)
        opts |= UTF8PROC_STRIPMARK;
    for (;;) {
        utf8proc_ssize_t n = utf8proc_decompose_custom(
            (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, t->cps,
            (utf8proc_ssize_t)t->cps_cap, opts, map_apostrophe, NULL);
        if (n < 0)
            return -1;
        if (n == 0) {
            /* Nothing left (a lone mark stripped, ignorables): an empty
             * word, dropped by the caller. */
            lede_strbuf_clear(&t->norm);
            return lede_strbuf_reserve(&t->norm, 0);
        }
        if ((size_t)n <= t->cps_cap) {
            utf8proc_ssize_t bytes = utf8proc_reencode(t->cps, n, opts);
            if (bytes < 0)
                return -1;
            lede_strbuf_clear(&t->norm);
            return lede_strbuf_append(&t->norm, (const char *)t->cps, (size_t)bytes);
        }
        /* reencode writes UTF-8 over the code points: 4 bytes each is room
         * enough, and the buffer has one int32 per code point. */
        if (lede_grow((void **)&t->cps, &t->cps_cap, (size_t)n, sizeof *t->cps) != 0)
            return -1;
    }
}

static int normalize_ascii(lede_tokenizer *t, const char *s, size_t len)
{
    lede_strbuf_clear(&t->norm);
    if (lede_strbuf_reserve(&t->norm, len) != 0)
        return -1;
    char *out = t->norm.data;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    t->norm.len = len;
    out[len] = '\0';
    return 0;
}

/* The Snowball stem of a normalized word of `*len` bytes; `*len` becomes
 * the stem's length. The stem lives in the stemmer until the next call;
 * NULL when out of memory. */
static const char *snowball_stem(lede_tokenizer *t, const char *word, size_t *len)
{
    const sb_symbol *stem = sb_stemmer_stem(t->stemmer, (const sb_symbol *)word, (int)*len);
    if (stem)
        *len = (size_t)sb_stemmer_length(t->stemmer);
    return (const char *)stem;
}

/* Room for one more term; -1 when out of memory. Made before the term's
 * maps are written, so that a failure leaves none pointing at no term. */
static int reserve_term(lede_tokenizer *t)
{
    if (t->nterms >= NEW_WORD - SURFACE_TERM_BASE)
        return -1;
    return lede_grow((void **)&t->origin, &t->origin_cap, t->nterms + 1, sizeof *t->origin);
}

/* Numbers a new term of origin `origin` (reserve_term first). */
static uint32_t add_term(lede_tokenizer *t, uint32_t origin)
{
    t->origin[t->nterms] = origin;
    return (uint32_t)t->nterms++;
}

/* The term of the stem table's stem `stem`, numbered on first sight; -1
 * when out of memory. t->term_of_stem is made (resolve_new_words). */
static int64_t table_term(lede_tokenizer *t, uint32_t stem)
{
    if (t->term_of_stem[stem])
        return (int64_t)t->term_of_stem[stem] - 1;
    if (reserve_term(t) != 0)
        return -1;
    uint32_t term = add_term(t, stem);
    t->term_of_stem[stem] = term + 1;
    return term;
}

/* The term of a string the stem table lacks (`hash` its lede_hash_bytes),
 * numbered on first sight; -1 when out of memory. */
static int64_t string_term(lede_tokenizer *t, const char *s, size_t len, uint64_t hash)
{
    if (reserve_term(t) != 0)
        return -1;
    int is_new;
    int64_t id = lede_intern_add_hashed(&t->terms, s, len, hash, &is_new);
    if (id < 0)
        return -1;
    if (is_new)
        t->terms.entries[id].value = add_term(t, (uint32_t)id | LEDE_TERM_INTERNED);
    return t->terms.entries[id].value;
}

/* Records surface `sid`, normalized to t->norm and not a stopword, as a
 * new word of the document. Returns its token term (NEW_WORD + index), or
 * -2 when out of memory. */
static int64_t add_new_word(lede_tokenizer *t, uint32_t sid)
{
    const char *word = t->norm.data;
    size_t len = t->norm.len;
    if (t->new_count >= NEW_WORD - 1)
        return -2;
    if (lede_grow((void **)&t->new_words, &t->new_cap, t->new_count + 1, sizeof *t->new_words) != 0)
        return -2;
    size_t offset = t->new_text.len;
    if (lede_strbuf_append(&t->new_text, word, len) != 0)
        return -2;
    int stem = t->stemmer && len <= LEDE_MAX_STEM_BYTES && lede_stem_has_letter(word, len);
    uint32_t index = (uint32_t)t->new_count++;
    t->new_words[index] = (lede_new_word){.surface = sid,
                                          .offset = offset,
                                          .len = len,
                                          .hash = lede_hash_bytes(word, len),
                                          .stem = stem,
                                          .table_stem = UNRESOLVED};
    t->surface.entries[sid].value = NEW_WORD | index;
    return (int64_t)(NEW_WORD | index);
}

/* The term of a token as written: normalized, checked against the
 * stopwords, stemmed, interned; cached by surface form. `padded`: eight
 * bytes at `s` may be read. Returns the term id, or NEW_WORD plus an index
 * for a word form new in this document (see resolve_new_words), -1 for a
 * dropped token (stopword), -2 when out of memory. */
static int64_t term_of(lede_tokenizer *t, const char *s, size_t len, int ascii, int padded)
{
    uint64_t head, hash;
    if (padded && len - 1 < 8) {
        head = lede_intern_head_padded(s, len);
        hash = lede_hash_head(len, head);
    } else {
        head = lede_intern_head(s, len);
        hash = lede_hash_bytes(s, len);
    }
    size_t empty;
    int64_t sid = lede_intern_lookup(&t->surface, s, len, hash, head, &empty);
    if (sid >= 0) {
        uint32_t v = t->surface.entries[sid].value;
        if (v & NEW_WORD)
            return v;
        return v == SURFACE_DROPPED ? -1 : (int64_t)v - SURFACE_TERM_BASE;
    }
    sid = lede_intern_add_missed(&t->surface, empty, s, len, hash);
    if (sid < 0)
        return -2;
    if ((ascii ? normalize_ascii(t, s, len) : normalize_unicode(t, s, len)) != 0)
        return -2;
    if (t->norm.len == 0 || lede_model_is_stopword(t->model, t->norm.data, t->norm.len)) {
        t->surface.entries[sid].value = SURFACE_DROPPED;
        return -1;
    }
    return add_new_word(t, (uint32_t)sid);
}

/* Starts the stem-table reads of every new word to be stemmed: slots
 * first, then the entries they point to (the batch hints of stem_table.h;
 * its hash is lede_hash_bytes, so w->hash places the word there too). */
static void prefetch_stems(lede_tokenizer *t)
{
    if (!t->stems)
        return;
    for (size_t i = 0; i < t->new_count; i++)
        if (t->new_words[i].stem)
            lede_stem_table_prefetch_slot(t->stems, t->new_words[i].hash);
    for (size_t i = 0; i < t->new_count; i++)
        if (t->new_words[i].stem)
            lede_stem_table_prefetch_entry(t->stems, t->new_words[i].hash);
}

/* Starts the term-table reads of every new word whose term is not known
 * yet (the batch hints of intern.h). */
static void prefetch_terms(lede_tokenizer *t)
{
    for (size_t i = 0; i < t->new_count; i++)
        if (t->new_words[i].table_stem == UNRESOLVED)
            lede_intern_prefetch_slot(&t->terms, t->new_words[i].hash);
    for (size_t i = 0; i < t->new_count; i++)
        if (t->new_words[i].table_stem == UNRESOLVED)
            lede_intern_prefetch_entry(&t->terms, t->new_words[i].hash);
    for (size_t i = 0; i < t->new_count; i++)
        if (t->new_words[i].table_stem == UNRESOLVED)
            lede_intern_prefetch_string(&t->terms, t->new_words[i].hash);
}

/* After a failure: the surface table may point at new words that will not
 * be resolved, so it is emptied (it is only a cache). */
static void forget_new_words(lede_tokenizer *t)
{
    lede_intern_clear(&t->surface);
    t->new_count = 0;
    lede_strbuf_clear(&t->new_text);
}

/* A new word's stem in the stem table when the table has the word.
 * Otherwise, when it is to be stemmed, Snowball's stem goes after the
 * normalized forms and the word points at it (the stem may be one of the
 * table's, which find_snowball_stems looks up); the term of a word not
 * stemmed is the word itself. Returns -1 when out of memory. */
static int stem_new_word(lede_tokenizer *t, lede_new_word *w)
{
    if (!w->stem)
        return 0;
    const char *word = t->new_text.data + w->offset;
    int64_t id = t->stems ? lede_stem_table_word(t->stems, word, w->len, w->hash) : -1;
    if (id >= 0) {
        w->table_stem = (uint32_t)id;
        return 0;
    }
    size_t len = w->len;
    const char *stem = snowball_stem(t, word, &len);
    if (!stem)
        return -1;
    size_t offset = t->new_text.len;
    if (lede_strbuf_append(&t->new_text, stem, len) != 0)
        return -1;
    w->offset = offset;
    w->len = len;
    w->hash = lede_hash_bytes(stem, len);
    if (t->stems)
        lede_stem_table_prefetch_stem_slot(t->stems, w->hash);
    return 0;
}

/* Gives the words whose Snowball stem is a stem of the table that stem,
 * so that a string has one term however it was reached. A word not
 * stemmed (lede_stem_has_letter, LEDE_MAX_STEM_BYTES) is never a stem of
 * the table: the generator checks that. Done after all the Snowball calls,
 * so that the reads of the table their stem_new_word started are done. */
static void find_snowball_stems(lede_tokenizer *t)
{
    if (!t->stems)
        return;
    for (size_t i = 0; i < t->new_count; i++) {
        lede_new_word *w = &t->new_words[i];
        if (!w->stem || w->table_stem != UNRESOLVED)
            continue; /* not stemmed, or found in the table by the word */
        int64_t id =
            lede_stem_table_stem_id(t->stems, t->new_text.data + w->offset, w->len, w->hash);
        if (id >= 0)
            w->table_stem = (uint32_t)id;
    }
}

/* Stems and interns the new words of the document in the order they were
 * met, and gives their tokens the terms. */
static lede_status resolve_new_words(lede_tokenizer *t, lede_tokens *out)
{
    if (t->new_count == 0)
        return LEDE_OK;
    if (t->stems && !t->term_of_stem) {
        t->term_of_stem = lede_alloc_zeroed(t->stems->nstems, sizeof *t->term_of_stem);
        if (!t->term_of_stem)
            return LEDE_ERR_NOMEM;
    }
    prefetch_stems(t);
    for (size_t i = 0; i < t->new_count; i++)
        if (stem_new_word(t, &t->new_words[i]) != 0)
            return LEDE_ERR_NOMEM;
    find_snowball_stems(t);
    prefetch_terms(t);
    for (size_t i = 0; i < t->new_count; i++) {
        lede_new_word *w = &t->new_words[i];
        int64_t term = w->table_stem != UNRESOLVED
                           ? table_term(t, w->table_stem)
                           : string_term(t, t->new_text.data + w->offset, w->len, w->hash);
        if (term < 0)
            return LEDE_ERR_NOMEM;
        w->term = (uint32_t)term;
        t->surface.entries[w->surface].value = w->term + SURFACE_TERM_BASE;
    }
    for (size_t k = 0; k < out->count; k++)
        if (out->items[k].term & NEW_WORD)
            out->items[k].term = t->new_words[out->items[k].term & ~NEW_WORD].term;
    t->new_count = 0;
    lede_strbuf_clear(&t->new_text);
    return LEDE_OK;
}

/* ====== Scanning ====== */

/* The text being tokenized: its bytes and how far they may be read (the
 * end of its last unit), which lets a short word be read eight bytes at a
 * time. */
typedef struct source {
    const char *text;
    size_t readable;
} source;

static lede_status add_token(lede_tokenizer *t, lede_tokens *out, source src, size_t start,
                             size_t end, int ascii)
{
    size_t len = end - start;
    if (len > LEDE_MAX_TOKEN_BYTES)
        return LEDE_OK;
    int padded = src.readable >= 8 && start <= src.readable - 8;
    int64_t term = term_of(t, src.text + start, len, ascii, padded);
    if (term == -2)
        return LEDE_ERR_NOMEM;
    if (term < 0)
        return LEDE_OK;
    if (lede_grow((void **)&out->items, &out->cap, out->count + 1, sizeof *out->items) != 0)
        return LEDE_ERR_NOMEM;
    out->items[out->count++] = (lede_token){start, (uint32_t)len, (uint32_t)term};
    return LEDE_OK;
}

static int is_joiner(int32_t c)
{
    return c == '\'' || c == 0x2019 || c == 0x02BC || c == '-' || c == 0x2010 || c == 0x2011;
}

static int is_letter(int32_t c)
{
    return lede_is_word_char(c) && !lede_is_digit(c);
}

/* End of the word that starts at `i`: letters, marks and numbers, joined
 * by apostrophes and hyphens between word characters, by '.' and ','
 * between digits (3.5, 1,000) and by '.' after a single letter (U.S.A).
 * `*ascii` is cleared when the word has a non-ASCII byte. */
static size_t scan_word(const char *text, size_t i, size_t end, int *ascii)
{
    int32_t c, prev = 0;
    size_t group = 0; /* word characters since the start or the last '.' */
    while (i < end) {
        unsigned char b = (unsigned char)text[i];
        if (b < 0x80 && lede_is_alnum(b)) {
            /* Most of a word is a run of ASCII letters and digits. */
            size_t run = lede_skip_alnum(text, i + 1, end);
            group += run - i;
            prev = (unsigned char)text[run - 1];
            i = run;
            continue;
        }
        size_t n = 1;
        c = b;
        if (b >= 0x80 || b == 0)
            n = lede_text_next(text, end, i, &c);
        if (lede_is_word_char(c)) {
            if (c >= 0x80)
                *ascii = 0;
            group++;
            prev = c;
            i += n;
            continue;
        }
        /* Only a joiner, '.' or ',' may continue the word: white space,
         * the usual end, never does. */
        if (i + n >= end || lede_is_space(c))
            break;
        int32_t next;
        lede_text_next(text, end, i + n, &next);
        int join = 0;
        if (is_joiner(c))
            join = lede_is_word_char(next);
        else if (c == '.' || c == ',')
            join = (lede_is_digit(prev) && lede_is_digit(next)) ||
                   (c == '.' && group == 1 && is_letter(prev) && is_letter(next));
        if (!join)
            break;
        if (c >= 0x80)
            *ascii = 0;
        if (c == '.')
            group = 0;
        i += n;
    }
    return i;
}

/* Character bigrams of a run of unsegmented script (a single character
 * stands alone). Returns the end of the run. */
static lede_status scan_unsegmented(lede_tokenizer *t, lede_tokens *out, source src, size_t i,
                                    size_t end, size_t *stop)
{
    const char *text = src.text;
    int32_t c;
    size_t prev = i;
    i += lede_text_next(text, end, i, &c);
    size_t count = 1;
    lede_status st = LEDE_OK;
    while (i < end && st == LEDE_OK) {
        size_t n = lede_text_next(text, end, i, &c);
        if (!lede_is_unsegmented(c) && utf8proc_category(c) != UTF8PROC_CATEGORY_MN &&
            utf8proc_category(c) != UTF8PROC_CATEGORY_MC)
            break;
        st = add_token(t, out, src, prev, i + n, 0);
        prev = i;
        i += n;
        count++;
    }
    if (st == LEDE_OK && count == 1)
        st = add_token(t, out, src, prev, i, 0);
    *stop = i;
    return st;
}

static lede_status tokenize_span(lede_tokenizer *t, lede_tokens *out, source src, size_t i,
                                 size_t end)
{
    const char *text = src.text;
    while (i < end) {
        unsigned char b = (unsigned char)text[i];
        if (b < 0x80 && b != 0 && !lede_is_alnum(b)) {
            i++;
            continue;
        }
        int32_t c;
        size_t n = lede_text_next(text, end, i, &c);
        if (c >= 0x80 && lede_is_unsegmented(c)) {
            lede_status st = scan_unsegmented(t, out, src, i, end, &i);
            if (st != LEDE_OK)
                return st;
        } else if (lede_is_word_char(c)) {
            int ascii = 1;
            size_t stop = scan_word(text, i, end, &ascii);
            lede_status st = add_token(t, out, src, i, stop, ascii);
            if (st != LEDE_OK)
                return st;
            i = stop;
        } else {
            i += n;
        }
    }
    return LEDE_OK;
}

lede_status lede_tokenize(lede_tokenizer *t, const char *text, const lede_units *units,
                          lede_tokens *out)
{
    if (t->nterms > t->max_cached_terms)
        clear_terms(t);
    out->count = 0;
    if (lede_grow((void **)&out->first, &out->first_cap, units->count + 1, sizeof *out->first) !=
        0)
        return LEDE_ERR_NOMEM;
    source src = {text, 0};
    for (size_t u = 0; u < units->count; u++)
        if (units->items[u].end > src.readable)
            src.readable = units->items[u].end;
    lede_status st = LEDE_OK;
    for (size_t u = 0; u < units->count && st == LEDE_OK; u++) {
        out->first[u] = out->count;
        st = tokenize_span(t, out, src, units->items[u].start, units->items[u].end);
    }
    if (st == LEDE_OK)
        st = resolve_new_words(t, out);
    if (st != LEDE_OK) {
        forget_new_words(t);
        return st;
    }
    out->first[units->count] = out->count;
    /* After a long document, give back what doubling left unused. */
    if (out->cap > (1u << 20) && out->cap - out->count > out->count / 4) {
        lede_token *fit = realloc(out->items, (out->count + 1) * sizeof *fit);
        if (fit) {
            out->items = fit;
            out->cap = out->count + 1;
        }
    }
    return LEDE_OK;
}
