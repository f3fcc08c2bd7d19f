/* bench_data.c - the documents of `lede bench` and the summaries of other
 * programs (--systems). Lines are checked by the batch's JSON Lines reader,
 * which knows where each member lies, so an error names its column, and
 * so are the lists of sentences in them. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bench.h"
#include "cli.h"
#include "jsonl.h"

/* ====== Texts ====== */

int bench_text_push(bench_text *t, const char *s, size_t len)
{
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 8;
        char **sent = realloc(t->sentences, cap * sizeof *sent);
        if (!sent)
            return -1;
        t->sentences = sent;
        size_t *lens = realloc(t->lengths, cap * sizeof *lens);
        if (!lens)
            return -1;
        t->lengths = lens;
        t->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, s, len);
    copy[len] = '\0';
    t->sentences[t->count] = copy;
    t->lengths[t->count++] = len;
    return 0;
}

void bench_text_free(bench_text *t)
{
    for (size_t i = 0; i < t->count; i++)
        free(t->sentences[i]);
    free(t->sentences);
    free(t->lengths);
    memset(t, 0, sizeof *t);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

size_t bench_count_words(const char *s, size_t len)
{
    size_t words = 0;
    int in_word = 0;
    for (size_t k = 0; k < len; k++) {
        int space = is_space(s[k]);
        words += !space && !in_word;
        in_word = !space;
    }
    return words;
}

size_t bench_count_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

size_t bench_text_words(const bench_text *t)
{
    size_t words = 0;
    for (size_t i = 0; i < t->count; i++)
        words += bench_count_words(t->sentences[i], t->lengths[i]);
    return words;
}

uint64_t bench_fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 0x100000001b3ull;
    return h;
}

lede_rouge_text bench_rouge_text(const bench_text *t)
{
    return (lede_rouge_text){(const char *const *)t->sentences, t->lengths, t->count};
}

static int has_words(const bench_text *t)
{
    return bench_text_words(t) > 0;
}

/* ====== One line ====== */

typedef struct line_ctx {
    const char *file;
    size_t lineno;
    const char *line;
    int *out_of_memory; /* set when memory runs out on the line, or NULL */
} line_ctx;

/* Reports an error at `at` (a pointer into the line; NULL: no column). */
static int line_error(const line_ctx *c, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int line_error(const line_ctx *c, const char *at, const char *fmt, ...)
{
    if (at)
        fprintf(stderr, "lede: %s:%zu:%zu: ", c->file, c->lineno,
                jsonl_column(c->line, (size_t)(at - c->line)));
    else
        fprintf(stderr, "lede: %s:%zu: ", c->file, c->lineno);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return -1;
}

/* Memory ran out on the line: not the line's fault, so it is not a bad line
 * that --skip-bad may leave out. Returns -1. */
static int line_nomem(const line_ctx *c)
{
    if (c->out_of_memory)
        *c->out_of_memory = 1;
    return line_error(c, NULL, "out of memory");
}

/* The member named `name`, or NULL; a second one is an error (*dup). */
static const jsonl_member *member(const line_ctx *c, const jsonl_object *obj, const char *name,
                                  int *dup)
{
    const jsonl_member *found = NULL;
    for (size_t i = 0; i < obj->count; i++) {
        if (!jsonl_key_is(&obj->members[i], name))
            continue;
        if (found) {
            line_error(c, obj->members[i].key - 1, "\"%s\" given twice", name);
            *dup = 1;
            return NULL;
        }
        found = &obj->members[i];
    }
    return found;
}

static int is_null(const jsonl_member *m)
{
    return m->value_len == 4 && memcmp(m->value, "null", 4) == 0;
}

/* A string member decoded into a new string (*out), or -1 after a message. */
static int decode_text(const line_ctx *c, const jsonl_member *m, char **out, size_t *len)
{
    /* Set on every path: gcc -O3 cannot see that line_error returns -1. */
    *out = NULL;
    if (len)
        *len = 0;
    jsonl_buf buf = {0};
    int rc = jsonl_decode_string(m, &buf);
    if (rc == 1) {
        jsonl_buf_free(&buf);
        return line_error(c, m->value, "\"%.*s\" must be a string", (int)m->key_len, m->key);
    }
    if (rc != 0) {
        jsonl_buf_free(&buf);
        return line_nomem(c);
    }
    *out = buf.data;
    if (len)
        *len = buf.len;
    return 0;
}

/* A string member that names something (an id, a source): the name is
 * used as a C string, so a NUL in it would cut it short and make two names
 * one. */
static int decode_name(const line_ctx *c, const jsonl_member *m, char **out)
{
    size_t len;
    if (decode_text(c, m, out, &len) != 0)
        return -1;
    if (memchr(*out, '\0', len)) {
        free(*out);
        *out = NULL;
        return line_error(c, m->value, "\"%.*s\" contains a NUL character (\\u0000)",
                          (int)m->key_len, m->key);
    }
    return 0;
}

/* The id: a string, or a number taken as written. */
static int decode_id(const line_ctx *c, const jsonl_member *m, char **out)
{
    char first = m->value[0];
    if (first == '-' || (first >= '0' && first <= '9')) {
        *out = strndup(m->value, m->value_len);
        return *out ? 0 : line_nomem(c);
    }
    if (first != '"')
        return line_error(c, m->value, "\"id\" must be a string or a number");
    return decode_name(c, m, out);
}

int bench_text_from_array(const jsonl_member *v, jsonl_object *items, jsonl_buf *scratch,
                          bench_text *out, size_t *bad_item)
{
    int rc = jsonl_array_items(v, items);
    if (rc != 0)
        return rc == 1 ? 1 : -1;
    for (size_t i = 0; i < items->count; i++) {
        rc = jsonl_decode_string(&items->members[i], scratch);
        if (rc == 1) {
            *bad_item = i;
            return 2;
        }
        if (rc != 0 || bench_text_push(out, scratch->data, scratch->len) != 0)
            return -1;
    }
    return 0;
}

/* The strings of the JSON array `v` (member `m`'s value, or an item of it)
 * into `out`, with the line's message when they are not. */
static int array_to_text(const line_ctx *c, const jsonl_member *m, const jsonl_member *v,
                         const char *what, bench_text *out)
{
    jsonl_object items = {0};
    jsonl_buf s = {0};
    size_t bad = 0;
    int rc = bench_text_from_array(v, &items, &s, out, &bad);
    jsonl_buf_free(&s);
    jsonl_object_free(&items);
    if (rc == 1)
        return line_error(c, m->value, "%s must be a list of sentences (strings)", what);
    if (rc == 2)
        return line_error(c, m->value, "%s: item %zu is not a string", what, bad + 1);
    return rc == 0 ? 0 : line_nomem(c);
}

/* A reference's sentences: it needs words, or every row would score 0
 * against it. (A system's summary may be empty: it scores 0.) */
static int reference_text(const line_ctx *c, const jsonl_member *m, const jsonl_member *v,
                          const char *what, bench_text *out)
{
    if (array_to_text(c, m, v, what, out) != 0)
        return -1;
    if (!has_words(out))
        return line_error(c, m->value, "%s has no words", what);
    return 0;
}

static int decode_sentences(const line_ctx *c, const jsonl_member *m, const char *what,
                            bench_text *out)
{
    return reference_text(c, m, m, what, out);
}

/* "references": [[sentences], ...] into doc->refs. */
static int decode_references(const line_ctx *c, const jsonl_member *m, bench_doc *doc)
{
    jsonl_object refs = {0};
    int rc = jsonl_array_items(m, &refs);
    if (rc == -2)
        rc = line_nomem(c);
    else if (rc != 0 || refs.count == 0)
        rc = line_error(c, m->value, "\"references\" must be a non-empty list of references, "
                                     "each a list of sentences");
    else if (refs.count > BENCH_MAX_REFERENCES)
        rc = line_error(c, m->value, "more than %d references", BENCH_MAX_REFERENCES);
    size_t n = rc ? 0 : refs.count;
    doc->refs = rc ? NULL : calloc(n, sizeof *doc->refs);
    if (!rc && !doc->refs)
        rc = line_nomem(c);
    for (size_t r = 0; rc == 0 && r < n; r++) {
        char what[64];
        snprintf(what, sizeof what, "reference %zu", r + 1);
        doc->n_refs = r + 1;
        rc = reference_text(c, m, &refs.members[r], what, &doc->refs[r]);
    }
    jsonl_object_free(&refs);
    return rc;
}

static void doc_free(bench_doc *doc)
{
    free(doc->id);
    free(doc->text);
    for (size_t r = 0; r < doc->n_refs; r++)
        bench_text_free(&doc->refs[r]);
    free(doc->refs);
    memset(doc, 0, sizeof *doc);
}

/* Puts `title` and a blank line before the text. */
static int prepend_title(const line_ctx *c, const char *title, size_t len, bench_doc *doc)
{
    char *text = malloc(len + 2 + doc->text_len + 1);
    if (!text)
        return line_nomem(c);
    memcpy(text, title, len);
    memcpy(text + len, "\n\n", 2);
    memcpy(text + len + 2, doc->text, doc->text_len + 1);
    free(doc->text);
    doc->text = text;
    doc->text_len += len + 2;
    return 0;
}

/* The article of an "html" page, as `lede extract` finds it, into doc->text;
 * the page's title (or NULL) into *title. */
static int extract_html(const line_ctx *c, const jsonl_member *m, bench_doc *doc, char **title)
{
    char *html;
    size_t len;
    if (decode_text(c, m, &html, &len) != 0)
        return -1;
    lede_document *page = NULL;
    lede_error *err = NULL;
    lede_status st = lede_extract_html(html, len, NULL, &page, &err);
    free(html);
    if (st != LEDE_OK) {
        const char *msg = err ? lede_error_message(err) : lede_strerror(st);
        if (st == LEDE_ERR_NOMEM && c->out_of_memory)
            *c->out_of_memory = 1;
        if (err && lede_error_has_position(err))
            line_error(c, m->value, "\"html\": %s (byte %zu of the page)", msg,
                       lede_error_offset(err));
        else
            line_error(c, m->value, "\"html\": %s", msg);
        lede_error_free(err);
        return -1;
    }
    const char *text = lede_document_text(page, &doc->text_len);
    doc->text = malloc(doc->text_len + 1);
    *title = lede_document_title(page) ? strdup(lede_document_title(page)) : NULL;
    if (doc->text)
        memcpy(doc->text, text, doc->text_len + 1);
    int oom = !doc->text || (lede_document_title(page) && !*title);
    lede_document_free(page);
    return oom ? line_nomem(c) : 0;
}

typedef struct doc_members {
    const jsonl_member *id, *text, *html, *summary, *references, *source, *title;
} doc_members;

static int find_members(const line_ctx *c, const jsonl_object *obj, doc_members *m)
{
    int dup = 0;
    m->id = member(c, obj, "id", &dup);
    m->text = member(c, obj, "text", &dup);
    m->html = member(c, obj, "html", &dup);
    m->summary = member(c, obj, "summary", &dup);
    m->references = member(c, obj, "references", &dup);
    m->source = member(c, obj, "source", &dup);
    m->title = member(c, obj, "title", &dup);
    if (dup)
        return -1;
    if (!m->id)
        return line_error(c, c->line, "no \"id\"");
    if (!m->text && !m->html)
        return line_error(c, c->line, "no \"text\" or \"html\"");
    if (!m->summary && !m->references)
        return line_error(c, c->line, "no reference: give \"summary\" or \"references\"");
    return 0;
}

/* The text of the document: "text", else the article of "html"; and with
 * --prepend-title the "title" (for a page without one, the page's) before it. */
static int document_text(const line_ctx *c, const doc_members *m, int title, bench_doc *doc)
{
    char *page_title = NULL, *given = NULL;
    int rc = m->text ? decode_text(c, m->text, &doc->text, &doc->text_len)
                     : extract_html(c, m->html, doc, &page_title);
    size_t len = 0;
    if (rc == 0 && title && m->title && !is_null(m->title))
        rc = decode_text(c, m->title, &given, &len);
    const char *use = given ? given : page_title;
    if (rc == 0 && title && use)
        rc = prepend_title(c, use, given ? len : strlen(use), doc);
    free(given);
    free(page_title);
    return rc;
}

/* Decodes one document; *source receives the "source" string (NULL when
 * there is none). */
static int parse_doc(const line_ctx *c, const jsonl_object *obj, int title, bench_doc *doc,
                     char **source)
{
    doc_members m;
    *source = NULL;
    if (find_members(c, obj, &m) != 0)
        return -1;
    if (m.source && !is_null(m.source) && decode_name(c, m.source, source) != 0)
        return -1;
    if (decode_id(c, m.id, &doc->id) != 0 || document_text(c, &m, title, doc) != 0)
        return -1;
    /* "references" holds every reference when given; "summary" is then
     * usually one of them. */
    if (m.references)
        return decode_references(c, m.references, doc);
    doc->refs = calloc(1, sizeof *doc->refs);
    if (!doc->refs)
        return line_nomem(c);
    doc->n_refs = 1;
    return decode_sentences(c, m.summary, "\"summary\"", &doc->refs[0]);
}

/* ====== The data file ====== */

static int wanted_source(const bench_read_options *ro, const char *source)
{
    if (ro->n_only_sources == 0)
        return 1;
    for (size_t i = 0; i < ro->n_only_sources; i++)
        if (strcmp(ro->only_sources[i], source ? source : "") == 0)
            return 1;
    return 0;
}

/* The data's sources by name, so that finding a line's source does not
 * read the whole list: open addressing, a slot holds the index + 1. */
typedef struct source_table {
    size_t *slots;
    size_t cap; /* a power of two, or 0 */
} source_table;

static size_t *source_slot(const source_table *t, const bench_data *d, const char *name)
{
    size_t mask = t->cap - 1;
    size_t k = (size_t)bench_fnv1a(name) & mask;
    while (t->slots[k] && strcmp(d->sources[t->slots[k] - 1], name) != 0)
        k = (k + 1) & mask;
    return &t->slots[k];
}

/* Room for one more source at most half full; -1 when out of memory. */
static int source_table_reserve(source_table *t, const bench_data *d)
{
    if (2 * (d->n_sources + 1) <= t->cap)
        return 0;
    size_t cap = t->cap ? t->cap * 2 : 16;
    source_table bigger = {calloc(cap, sizeof *bigger.slots), cap};
    if (!bigger.slots)
        return -1;
    for (size_t i = 0; i < d->n_sources; i++)
        *source_slot(&bigger, d, d->sources[i]) = i + 1;
    free(t->slots);
    *t = bigger;
    return 0;
}

/* The index of `source` (owned, NULL for none) among the data's sources,
 * added when new; (size_t)-1 when out of memory. */
static size_t source_index(bench_data *d, source_table *t, char *source)
{
    if (source_table_reserve(t, d) != 0) {
        free(source);
        return (size_t)-1;
    }
    size_t *slot = source_slot(t, d, source ? source : "");
    if (*slot) {
        free(source);
        return *slot - 1;
    }
    char *copy = source ? source : strdup("");
    if (!copy)
        return (size_t)-1;
    /* The list doubles when its count reaches a power of two. */
    size_t n = d->n_sources;
    if ((n & (n - 1)) == 0) {
        char **bigger = realloc(d->sources, (n ? 2 * n : 1) * sizeof *bigger);
        if (!bigger) {
            free(copy);
            return (size_t)-1;
        }
        d->sources = bigger;
    }
    d->sources[d->n_sources] = copy;
    *slot = d->n_sources + 1;
    return d->n_sources++;
}

static int push_doc(bench_data *d, const bench_doc *doc, size_t *cap)
{
    if (d->count == *cap) {
        size_t n = *cap ? *cap * 2 : 64;
        bench_doc *bigger = realloc(d->docs, n * sizeof *bigger);
        if (!bigger)
            return -1;
        d->docs = bigger;
        *cap = n;
    }
    d->docs[d->count++] = *doc;
    return 0;
}

/* Parses the line as one JSON object; -1 after a message. */
static int parse_line(const line_ctx *c, size_t len, jsonl_object *obj)
{
    size_t column;
    const char *message;
    int rc = jsonl_parse_object(c->line, len, obj, &column, &message);
    if (rc == -1) {
        fprintf(stderr, "lede: %s:%zu:%zu: invalid JSON: %s\n", c->file, c->lineno, column,
                message);
        return -1;
    }
    return rc == 0 ? 0 : line_nomem(c);
}

typedef struct data_reader {
    const bench_read_options *ro;
    bench_data *d;
    jsonl_object obj;
    size_t cap;
    source_table sources;
    size_t bad;
} data_reader;

/* One non-blank line: 1 when the document was kept, 0 when another
 * source's, -1 when bad. */
static int read_line(data_reader *r, const line_ctx *c, size_t len)
{
    const bench_read_options *ro = r->ro;
    bench_data *d = r->d;
    if (parse_line(c, len, &r->obj) != 0)
        return -1;
    bench_doc doc = {.line = c->lineno};
    char *source = NULL;
    if (parse_doc(c, &r->obj, ro->title, &doc, &source) != 0) {
        free(source);
        doc_free(&doc);
        return -1;
    }
    if (!wanted_source(ro, source)) {
        free(source);
        doc_free(&doc);
        return 0;
    }
    doc.source = source_index(d, &r->sources, source);
    if (doc.source == (size_t)-1 || push_doc(d, &doc, &r->cap) != 0) {
        doc_free(&doc);
        return line_nomem(c);
    }
    return 1;
}

/* Sorting by id needs the data: qsort_r is not C11, so the ids are
 * gathered beside their indices. */
typedef struct id_index {
    const char *id;
    size_t index;
} id_index;

static int cmp_id(const void *a, const void *b)
{
    const id_index *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* Builds d->by_id. A repeated id is a bad line: it is reported with the
 * line that has the id first, marked in `dups` (when not NULL) and counted;
 * returns the count, or -1 when out of memory. */
static long index_ids(bench_data *d, unsigned char *dups)
{
    id_index *ids = malloc((d->count + 1) * sizeof *ids);
    free(d->by_id);
    d->by_id = malloc((d->count + 1) * sizeof *d->by_id);
    if (!ids || !d->by_id) {
        free(ids);
        cli_warn("out of memory");
        return -1;
    }
    for (size_t i = 0; i < d->count; i++)
        ids[i] = (id_index){d->docs[i].id, i};
    qsort(ids, d->count, sizeof *ids, cmp_id);
    long repeated = 0;
    size_t first = 0;
    for (size_t i = 0; i < d->count; i++) {
        d->by_id[i] = ids[i].index;
        if (i == 0 || strcmp(ids[i].id, ids[first].id) != 0) {
            first = i;
            continue;
        }
        fprintf(stderr, "lede: %s:%zu: id '%s' is also on line %zu\n", d->path,
                d->docs[ids[i].index].line, ids[i].id, d->docs[ids[first].index].line);
        if (dups)
            dups[ids[i].index] = 1;
        repeated++;
    }
    free(ids);
    return repeated;
}

size_t bench_find_doc(const bench_data *d, const char *id)
{
    size_t lo = 0, hi = d->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(d->docs[d->by_id[mid]].id, id);
        if (c == 0)
            return d->by_id[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (size_t)-1;
}

/* Calls `fn` on each non-blank line of `in` (cli_input_next_line). */
typedef void (*line_fn)(void *ctx, const line_ctx *c, size_t len);

static void for_each_line(const cli_input *in, line_fn fn, void *ctx, int *out_of_memory)
{
    size_t pos = 0, lineno = 0, len;
    const char *line;
    while (cli_input_next_line(in, &pos, &lineno, &line, &len)) {
        line_ctx c = {in->display, lineno, line, out_of_memory};
        fn(ctx, &c, len);
    }
}

static void read_data_line(void *ctx, const line_ctx *c, size_t len)
{
    data_reader *r = ctx;
    r->bad += read_line(r, c, len) < 0;
}

/* Each --source must name a source of the file: a typo would otherwise
 * give an empty benchmark. */
static int check_filters(const bench_read_options *ro, const bench_data *d)
{
    int rc = 0;
    for (size_t i = 0; i < ro->n_only_sources; i++) {
        size_t s = 0;
        while (s < d->n_sources && strcmp(d->sources[s], ro->only_sources[i]) != 0)
            s++;
        if (s == d->n_sources) {
            fprintf(stderr, "lede: %s: no document has source '%s'\n", d->path,
                    ro->only_sources[i]);
            rc = -1;
        }
    }
    return rc;
}

int bench_read_data(const char *path, const bench_read_options *ro, bench_data *out)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    cli_input in;
    if (cli_read_input(path, &in) != 0)
        return EXIT_INPUT;
    data_reader r = {.ro = ro, .d = out};
    int out_of_memory = 0;
    for_each_line(&in, read_data_line, &r, &out_of_memory);
    jsonl_object_free(&r.obj);
    free(r.sources.slots);
    cli_input_free(&in);
    unsigned char *dups = calloc(out->count + 1, 1);
    long repeated = dups ? index_ids(out, dups) : -1;
    if (!dups)
        cli_warn("out of memory");
    size_t bad = r.bad + (repeated > 0 ? (size_t)repeated : 0);
    int status = repeated < 0 || out_of_memory ? EXIT_INPUT : EXIT_OK;
    if (status == EXIT_OK && bad > 0 && !ro->skip_bad) {
        fprintf(stderr, "lede: %s: %zu bad line%s (--skip-bad leaves them out)\n", path, bad,
                bad == 1 ? "" : "s");
        status = EXIT_INPUT;
    }
    out->skipped = r.bad; /* dropping the repeated ids adds them */
    if (status == EXIT_OK && repeated > 0 && bench_data_drop(out, dups) != 0)
        status = EXIT_INPUT;
    free(dups);
    if (status == EXIT_OK && check_filters(ro, out) != 0)
        status = EXIT_INPUT;
    if (status == EXIT_OK && out->count == 0) {
        fprintf(stderr, "lede: %s: no document to benchmark\n", path);
        status = EXIT_INPUT;
    }
    return status;
}

/* Forgets the sources no document has any more, renumbering the rest. */
static int prune_sources(bench_data *d)
{
    size_t *map = calloc(d->n_sources + 1, sizeof *map);
    if (!map)
        return -1;
    for (size_t i = 0; i < d->count; i++)
        map[d->docs[i].source] = 1;
    size_t kept = 0;
    for (size_t s = 0; s < d->n_sources; s++) {
        if (!map[s]) {
            free(d->sources[s]);
            continue;
        }
        d->sources[kept] = d->sources[s];
        map[s] = kept++;
    }
    d->n_sources = kept;
    for (size_t i = 0; i < d->count; i++)
        d->docs[i].source = map[d->docs[i].source];
    free(map);
    return 0;
}

int bench_data_drop(bench_data *d, const unsigned char *bad)
{
    size_t kept = 0;
    for (size_t i = 0; i < d->count; i++) {
        if (bad[i])
            doc_free(&d->docs[i]);
        else
            d->docs[kept++] = d->docs[i];
    }
    d->skipped += d->count - kept;
    d->count = kept;
    return prune_sources(d) == 0 && index_ids(d, NULL) == 0 ? 0 : -1;
}

void bench_data_free(bench_data *d)
{
    for (size_t i = 0; i < d->count; i++)
        doc_free(&d->docs[i]);
    free(d->docs);
    for (size_t i = 0; i < d->n_sources; i++)
        free(d->sources[i]);
    free(d->sources);
    free(d->by_id);
    memset(d, 0, sizeof *d);
}

/* ====== Other systems' summaries ====== */

typedef struct system_reader {
    const bench_data *data;
    bench_text *summaries;
    size_t *line_of;   /* per document: the line that gave its summary, 0 = none */
    jsonl_object obj;
    size_t unused;
    int failed;
} system_reader;

/* One line of a --systems file: -1 after a message. */
static int system_line(system_reader *r, const line_ctx *c, size_t len)
{
    if (parse_line(c, len, &r->obj) != 0)
        return -1;
    int dup = 0;
    const jsonl_member *id = member(c, &r->obj, "id", &dup);
    const jsonl_member *summary = member(c, &r->obj, "summary", &dup);
    if (dup)
        return -1;
    if (!id || !summary)
        return line_error(c, c->line, "a summary line is {\"id\", \"summary\": [sentences]}");
    char *id_text = NULL;
    if (decode_id(c, id, &id_text) != 0)
        return -1;
    size_t doc = bench_find_doc(r->data, id_text);
    int rc = 0;
    if (doc == (size_t)-1) {
        r->unused++;
    } else if (r->line_of[doc]) {
        rc = line_error(c, id->value, "id '%s' is also on line %zu", id_text, r->line_of[doc]);
    } else {
        r->line_of[doc] = c->lineno;
        rc = array_to_text(c, summary, summary, "\"summary\"", &r->summaries[doc]);
    }
    free(id_text);
    return rc;
}

static void read_system_line(void *ctx, const line_ctx *c, size_t len)
{
    system_reader *r = ctx;
    r->failed |= system_line(r, c, len) != 0;
}

static int read_system_file(const char *path, const bench_data *data, bench_text *summaries,
                            size_t *unused)
{
    cli_input in;
    if (cli_read_input(path, &in) != 0)
        return EXIT_INPUT;
    system_reader r = {.data = data, .summaries = summaries,
                       .line_of = calloc(data->count + 1, sizeof(size_t))};
    if (!r.line_of) {
        cli_input_free(&in);
        return cli_out_of_memory();
    }
    for_each_line(&in, read_system_line, &r, NULL);
    size_t missing = 0, first = 0;
    for (size_t i = data->count; !r.failed && i-- > 0;) {
        missing += !r.line_of[i];
        first = r.line_of[i] ? first : i;
    }
    if (missing > 0) {
        const bench_doc *doc = &data->docs[first];
        fprintf(stderr, "lede: %s: no summary of %zu document%s, the first '%s' (%s:%zu)\n",
                in.display, missing, missing == 1 ? "" : "s", doc->id, data->path, doc->line);
        r.failed = 1;
    }
    *unused = r.unused;
    free(r.line_of);
    jsonl_object_free(&r.obj);
    cli_input_free(&in);
    return r.failed ? EXIT_INPUT : EXIT_OK;
}

typedef struct sentence_reader {
    bench_text *out;
    int failed;        /* after a message */
    int out_of_memory;
} sentence_reader;

/* A line that is not UTF-8 is an error, as in the JSON Lines form: the
 * summaries are written out as JSON (--per-doc). Every such line is
 * reported. */
static void push_sentence(void *ctx, const line_ctx *c, size_t len)
{
    sentence_reader *r = ctx;
    size_t bad = jsonl_valid_utf8(c->line, len);
    if (bad < len) {
        r->failed = line_error(c, c->line + bad, "invalid UTF-8");
    } else if (!r->out_of_memory && bench_text_push(r->out, c->line, len) != 0) {
        r->out_of_memory = 1;
        r->failed = line_nomem(c);
    }
}

/* Lines of a one-sentence-per-line file (blank lines skipped). */
static int read_sentence_file(const char *path, bench_text *out)
{
    cli_input in;
    if (cli_read_input(path, &in) != 0)
        return -1;
    sentence_reader r = {out, 0, 0};
    for_each_line(&in, push_sentence, &r, NULL);
    cli_input_free(&in);
    return r.failed ? -1 : 0;
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The file of one document: DIR/ID, else DIR/ID.txt. */
static int read_system_doc(const char *dir, const bench_doc *doc, const bench_data *data,
                           bench_text *out)
{
    if (!doc->id[0] || strchr(doc->id, '/') || strcmp(doc->id, ".") == 0 ||
        strcmp(doc->id, "..") == 0) {
        fprintf(stderr, "lede: %s: id '%s' (%s:%zu) cannot name a file: give the summaries "
                        "as JSON Lines\n", dir, doc->id, data->path, doc->line);
        return -1;
    }
    size_t n = strlen(dir) + strlen(doc->id) + 6;
    char *path = malloc(n);
    if (!path) {
        cli_warn("out of memory");
        return -1;
    }
    snprintf(path, n, "%s/%s", dir, doc->id);
    if (!is_file(path))
        snprintf(path, n, "%s/%s.txt", dir, doc->id);
    int rc = -1;
    if (!is_file(path))
        fprintf(stderr, "lede: %s: no summary of document '%s' (%s:%zu): no file %s or %s.txt\n",
                dir, doc->id, data->path, doc->line, doc->id, doc->id);
    else
        rc = read_sentence_file(path, out);
    free(path);
    return rc;
}

int bench_read_system(const char *path, const bench_data *data, bench_text *summaries,
                      size_t *unused)
{
    struct stat st;
    *unused = 0;
    if (stat(path, &st) != 0) {
        cli_warn("%s: %s", path, strerror(errno));
        return EXIT_INPUT;
    }
    if (!S_ISDIR(st.st_mode))
        return read_system_file(path, data, summaries, unused);
    int status = EXIT_OK;
    for (size_t i = 0; i < data->count; i++)
        if (read_system_doc(path, &data->docs[i], data, &summaries[i]) != 0)
            status = EXIT_INPUT;
    return status;
}
