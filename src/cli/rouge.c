/* rouge.c - `lede rouge`: the ROUGE-1.5.5 script's command line, over
 * lede's exact re-implementation (lede.h's lede_rouge_*). */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bench.h"
#include "cli.h"
#include "jsonl.h"
#include "json_safe.h"

static const char rouge_help[] =
    "Usage: lede rouge [ROUGE-1.5.5 OPTIONS] [--pairs FILE.jsonl | --candidates DIR\n"
    "                  --references DIR | CONFIG.xml [SYSTEM-ID]] [--format FMT]\n"
    "Scores candidate summaries against references with exactly the numbers of the\n"
    "ROUGE-1.5.5 Perl script. Its options work unchanged:\n"
    "  -n N        ROUGE-1 .. ROUGE-N (N <= 9)      -x       no ROUGE-L\n"
    "  -w W        ROUGE-W with weight W (e.g. 1.2)\n"
    "  -2 N        ROUGE-S: skip bigrams at most N tokens apart (N < 0: any)\n"
    "  -u          ROUGE-SU instead of ROUGE-S       -U       both\n"
    "  -m          stem (ROUGE's Porter variant and WordNet 2.0 exceptions)\n"
    "  -s          remove ROUGE's stopwords\n"
    "  -l N | -b N only the first N words | bytes of each summary\n"
    "  -f A|B      several references: average (A, default) or best (B)\n"
    "  -p ALPHA    F weight: F = PR / ((1-ALPHA) P + ALPHA R), default 0.5\n"
    "  -c CF       confidence level (default 95)   -r N     bootstrap resamples (1000)\n"
    "  -d          print per-document scores        -a       score every peer\n"
    "  -t 0|1|2    average the documents' scores (0, default), pool counts (1) or\n"
    "              print only counts (2)\n"
    "  -e DIR      accepted and ignored: lede embeds ROUGE's data files\n"
    "\n"
    "Input (one of):\n"
    "  --pairs FILE         JSON lines {\"id\", \"candidate\": [sentences],\n"
    "                       \"references\": [[sentences], ...]}\n"
    "  --candidates DIR --references DIR\n"
    "                       one sentence per line; candidate NAME is scored against\n"
    "                       references NAME and NAME.* (NAME.A, NAME.B, ...)\n"
    "  CONFIG.xml [ID]      the script's XML configuration (SPL, SEE or ISI files);\n"
    "                       peer ID, or every peer with -a\n"
    "  -z FMT LIST [ID]     the script's file list: 'PEER MODEL...' per line, files in\n"
    "                       format FMT (SPL, SEE or ISI); peer ID (default X)\n"
    "\n"
    "Output:\n"
    "  --format FMT         text (the script's layout, default), jsonl or csv\n"
    "\n"
    "Extensions (never the default; numbers then differ from the script's):\n"
    "  --tokenize unicode   NFKC + case folding, words in any script, one token per\n"
    "                       Chinese/Japanese character (default: rouge, the script's)\n"
    "  --empty-reference zero\n"
    "                       score 0 a document whose reference has no token, where\n"
    "                       the script dies with ROUGE-W (default: error)\n"
    "  -h, --help           show this help\n"
    "\n"
    "Exit status: 0 success, 1 input or data error, 2 usage error, 3 output error.\n";

enum {
    OPT_PAIRS = 256,
    OPT_CANDIDATES,
    OPT_REFERENCES,
    OPT_FORMAT,
    OPT_TOKENIZE,
    OPT_EMPTY_REFERENCE,
    OPT_HELP
};

static const struct option rouge_options[] = {
    {"pairs", required_argument, NULL, OPT_PAIRS},
    {"candidates", required_argument, NULL, OPT_CANDIDATES},
    {"references", required_argument, NULL, OPT_REFERENCES},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"tokenize", required_argument, NULL, OPT_TOKENIZE},
    {"empty-reference", required_argument, NULL, OPT_EMPTY_REFERENCE},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

/* The script's getopts letters (all of them, so that the unsupported ones
 * get a clear message from the library). */
static const char rouge_short[] = "ab:c:de:f:hHl:mMn:p:r:st:uUvw:xz:2:3:";

enum format { FORMAT_TEXT, FORMAT_JSONL, FORMAT_CSV };

typedef struct rouge_cli {
    lede_rouge_options *opts;
    lede_rouge *scorer;
    const char *pairs;
    const char *cand_dir;
    const char *ref_dir;
    const char *config;
    const char *system_id;
    const char *file_list_format; /* -z: the configuration is a file list */
    enum format format;
    int all_peers;
    int per_doc;
    char args[1024]; /* the script's flags as given, for the JSON output */
    char **labels;   /* per document, in add order: the pair's id or file name */
    size_t n_labels;
} rouge_cli;

static void append_arg(rouge_cli *c, int flag, const char *value)
{
    size_t used = strlen(c->args);
    snprintf(c->args + used, sizeof c->args - used, "%s-%c%s%s", used ? " " : "", flag,
             value ? " " : "", value ? value : "");
}

/* Keeps a document's label. Returns 0, or -1 after saying so when out of
 * memory. */
static int push_label(rouge_cli *c, const char *label, size_t len)
{
    char **bigger = realloc(c->labels, (c->n_labels + 1) * sizeof *bigger);
    char *copy = bigger ? malloc(len + 1) : NULL;
    if (bigger)
        c->labels = bigger;
    if (!copy) {
        cli_warn("out of memory");
        return -1;
    }
    memcpy(copy, label, len);
    copy[len] = '\0';
    c->labels[c->n_labels++] = copy;
    return 0;
}

/* ---- --pairs ---- */

enum { MAX_REFERENCES = 63 };

/* The sentence lists of one pair: its candidate and every reference, the
 * sentences decoded into `text`. Read by lede's own reader, not jansson's:
 * when memory runs out in the middle of a string, jansson's lexer leaves a
 * character out and goes on, or runs past the end of its buffer. */
typedef struct pair_buffers {
    bench_text texts[MAX_REFERENCES + 1]; /* the candidate, then each reference */
    size_t n;
    jsonl_buf scratch; /* one string as it is decoded */
    jsonl_object items;
} pair_buffers;

static void pair_buffers_free(pair_buffers *b)
{
    for (size_t i = 0; i < b->n; i++)
        bench_text_free(&b->texts[i]);
    b->n = 0;
    jsonl_buf_free(&b->scratch);
    jsonl_object_free(&b->items);
}

/* The strings of the array `v` as a lede_rouge_text, copied into the next
 * of b->texts. Returns 0, 1 when it is not an array of strings, -1 when out
 * of memory. */
static int add_pair_text(pair_buffers *b, const jsonl_member *v, lede_rouge_text *out)
{
    bench_text *t = &b->texts[b->n++];
    size_t bad;
    int rc = bench_text_from_array(v, &b->items, &b->scratch, t, &bad);
    if (rc != 0)
        return rc > 0 ? 1 : -1;
    *out = bench_rouge_text(t);
    return 0;
}

static int pair_error(const char *file, size_t line, const char *msg)
{
    fprintf(stderr, "lede: %s:%zu: %s\n", file, line, msg);
    return EXIT_INPUT;
}

/* The member `name`; the last of several, as jansson kept it. */
static const jsonl_member *pair_member(const jsonl_object *obj, const char *name)
{
    const jsonl_member *found = NULL;
    for (size_t i = 0; i < obj->count; i++)
        if (jsonl_key_is(&obj->members[i], name))
            found = &obj->members[i];
    return found;
}

static int is_raw_array(const jsonl_member *m)
{
    return m && m->value[0] == '[';
}

static int is_raw_integer(const jsonl_member *m)
{
    return (m->value[0] == '-' || (m->value[0] >= '0' && m->value[0] <= '9')) &&
           !memchr(m->value, '.', m->value_len) && !memchr(m->value, 'e', m->value_len) &&
           !memchr(m->value, 'E', m->value_len);
}

/* The pair's label into `buf` (its id, or its line): 0, or -1 when out of
 * memory. */
static int pair_label(const jsonl_member *id, size_t lineno, jsonl_buf *buf)
{
    char label[64];
    if (id && id->value[0] == '"')
        return jsonl_decode_string(id, buf) == 0 ? 0 : -1;
    buf->len = 0;
    if (id) {
        errno = 0;
        long long v = strtoll(id->value, NULL, 10);
        /* Beyond 64 bits: every digit, as written. */
        if (errno == ERANGE)
            return jsonl_put(buf, id->value, id->value_len);
        snprintf(label, sizeof label, "%lld", v);
    } else {
        snprintf(label, sizeof label, "line %zu", lineno);
    }
    return jsonl_put(buf, label, strlen(label));
}

/* The references' texts into `texts`; returns EXIT_OK or the status after
 * a message. */
static int pair_references(pair_buffers *b, const char *file, size_t lineno,
                           const jsonl_object *refs, lede_rouge_text *texts)
{
    for (size_t r = 0; r < refs->count; r++) {
        int rc = add_pair_text(b, &refs->members[r], &texts[r]);
        if (rc != 0) {
            char msg[96];
            snprintf(msg, sizeof msg, "reference %zu must be a list of strings", r + 1);
            return pair_error(file, lineno, rc < 0 ? "out of memory" : msg);
        }
    }
    return EXIT_OK;
}

/* A pair's members, checked: returns EXIT_OK or the status after a
 * message. */
static int check_pair(const char *file, size_t lineno, const jsonl_member *id,
                      const jsonl_member *cand, const jsonl_member *refs)
{
    if (id && id->value[0] != '"' && !is_raw_integer(id))
        return pair_error(file, lineno, "\"id\" must be a string");
    if (!is_raw_array(cand))
        return pair_error(file, lineno, "\"candidate\" must be a list of sentences (strings)");
    if (!is_raw_array(refs))
        return pair_error(file, lineno,
                          "\"references\" must be a list of references, each a list of "
                          "sentences");
    return EXIT_OK;
}

/* The pair's candidate and references into `cand` and `refs`, their
 * sentences into `b`; returns EXIT_OK or the status after a message. */
static int pair_texts(pair_buffers *b, const char *file, size_t lineno, const jsonl_member *cand,
                      const jsonl_object *refs, lede_rouge_text *cand_text,
                      lede_rouge_text *ref_texts)
{
    if (refs->count == 0)
        return pair_error(file, lineno, "the pair has no reference");
    if (refs->count > MAX_REFERENCES) {
        char why[64];
        snprintf(why, sizeof why, "more than %d references", MAX_REFERENCES);
        return pair_error(file, lineno, why);
    }
    int rc = add_pair_text(b, cand, cand_text);
    if (rc != 0)
        return pair_error(file, lineno,
                          rc < 0 ? "out of memory" : "\"candidate\" must be a list of strings");
    return pair_references(b, file, lineno, refs, ref_texts);
}

static int add_pair(rouge_cli *c, const char *file, size_t lineno, const jsonl_object *obj,
                    size_t pair_no, pair_buffers *b)
{
    const jsonl_member *id = pair_member(obj, "id"), *cand = pair_member(obj, "candidate"),
                       *refs = pair_member(obj, "references");
    int status = check_pair(file, lineno, id, cand, refs);
    if (status != EXIT_OK)
        return status;
    lede_rouge_text cand_text, ref_texts[MAX_REFERENCES];
    jsonl_object ref_items = {0};
    if (jsonl_array_items(refs, &ref_items) != 0)
        status = pair_error(file, lineno, "out of memory");
    else
        status = pair_texts(b, file, lineno, cand, &ref_items, &cand_text, ref_texts);
    size_t n_refs = ref_items.count;
    jsonl_object_free(&ref_items);
    if (status != EXIT_OK)
        return status;
    if (pair_label(id, lineno, &b->scratch) != 0)
        return pair_error(file, lineno, "out of memory");
    char eval_id[32];
    snprintf(eval_id, sizeof eval_id, "%06zu", pair_no);
    lede_error *err = NULL;
    lede_status st =
        lede_rouge_add(c->scorer, eval_id, "C", &cand_text, ref_texts, n_refs, &err);
    if (st != LEDE_OK) {
        fprintf(stderr, "lede: %s:%zu: pair '%.*s': %s\n", file, lineno, (int)b->scratch.len,
                b->scratch.data, err ? lede_error_message(err) : lede_strerror(st));
        lede_error_free(err);
        return EXIT_INPUT;
    }
    return push_label(c, b->scratch.data, b->scratch.len) == 0 ? EXIT_OK : EXIT_INPUT;
}

static int add_pair_line(rouge_cli *c, const char *file, size_t lineno, const jsonl_object *obj,
                         size_t pair_no)
{
    pair_buffers b = {.n = 0};
    int status = add_pair(c, file, lineno, obj, pair_no, &b);
    pair_buffers_free(&b);
    return status;
}

/* The message for a line lede's reader does not take: jansson's (the
 * messages --pairs has always given), or when jansson reads it, that it is
 * not an object, or for an object, lede's reader's own (nested deeper than
 * it reads), with its column. */
static int not_a_pair(const char *file, size_t lineno, const char *line, size_t len,
                      size_t column, const char *message)
{
    json_error_t jerr;
    json_t *value = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
    if (value) {
        int object = json_is_object(value);
        json_decref(value);
        if (object) {
            fprintf(stderr, "lede: %s:%zu:%zu: invalid JSON: %s\n", file, lineno, column, message);
            return EXIT_INPUT;
        }
        return pair_error(file, lineno, "expected a JSON object {\"id\", \"candidate\", "
                                        "\"references\"}");
    }
    if (json_error_code(&jerr) == json_error_out_of_memory)
        return cli_out_of_memory();
    fprintf(stderr, "lede: %s:%zu:%d: invalid JSON: %s\n", file, lineno, jerr.column, jerr.text);
    return EXIT_INPUT;
}

static int read_pairs(rouge_cli *c)
{
    cli_input in;
    if (cli_read_input(c->pairs, &in) != 0)
        return EXIT_INPUT;
    int status = EXIT_OK;
    size_t lineno = 0, pair_no = 0, pos = 0, len;
    const char *line;
    jsonl_object obj = {0};
    while (status == EXIT_OK && cli_input_next_line(&in, &pos, &lineno, &line, &len)) {
        size_t column;
        const char *message;
        int parsed = jsonl_parse_object(line, len, &obj, &column, &message);
        if (parsed == -2)
            status = cli_out_of_memory();
        else if (parsed != 0)
            status = not_a_pair(in.display, lineno, line, len, column, message);
        else
            status = add_pair_line(c, in.display, lineno, &obj, ++pair_no);
    }
    jsonl_object_free(&obj);
    if (status == EXIT_OK && pair_no == 0) {
        fprintf(stderr, "lede: %s: no pair to score\n", in.display);
        status = EXIT_INPUT;
    }
    cli_input_free(&in);
    return status;
}

/* ---- --candidates / --references ---- */

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n);

/* The visible regular entries of `dir`, sorted; NULL after a message when
 * the folder cannot be read or memory runs out (never a partial list). */
static char **list_dir(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    if (!d) {
        cli_warn("%s: cannot open the folder", dir);
        return NULL;
    }
    size_t cap = 16;
    char **names = malloc(cap * sizeof *names);
    *n = 0;
    struct dirent *e;
    while (names && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (*n == cap) {
            char **bigger = realloc(names, 2 * cap * sizeof *names);
            if (!bigger) {
                free_names(names, *n);
                names = NULL;
                break;
            }
            names = bigger;
            cap *= 2;
        }
        char *name = strdup(e->d_name);
        if (!name) {
            free_names(names, *n);
            names = NULL;
            break;
        }
        names[(*n)++] = name;
    }
    closedir(d);
    if (!names) {
        cli_warn("%s: out of memory listing the folder", dir);
        *n = 0;
        return NULL;
    }
    qsort(names, *n, sizeof *names, cmp_name);
    return names;
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static int is_reference_of(const char *ref, const char *cand)
{
    size_t n = strlen(cand);
    return strncmp(ref, cand, n) == 0 && (ref[n] == '\0' || ref[n] == '.');
}

static int score_folder_pair(rouge_cli *c, const char *cand, char **refs, size_t n_refs,
                             unsigned char *used)
{
    const char **paths = calloc(n_refs + 1, sizeof *paths);
    size_t n = 0;
    int complete = paths != NULL;
    for (size_t r = 0; paths && r < n_refs; r++) {
        if (!is_reference_of(refs[r], cand))
            continue;
        if (!(paths[n++] = join(c->ref_dir, refs[r])))
            complete = 0;
        used[r] = 1;
    }
    char *cand_path = complete ? join(c->cand_dir, cand) : NULL;
    int status = EXIT_OK;
    if (!cand_path && (n > 0 || !complete)) {
        cli_warn("%s: out of memory", cand);
        status = EXIT_INPUT;
    } else if (n == 0) {
        cli_warn("%s: no reference named %s or %s.* in %s", cand, cand, cand, c->ref_dir);
        status = EXIT_INPUT;
    } else {
        lede_error *err = NULL;
        lede_status st = lede_rouge_add_files(c->scorer, cand, "C", LEDE_ROUGE_FORMAT_SPL,
                                              cand_path, paths, n, &err);
        if (st != LEDE_OK) {
            cli_report_error(cand_path, err, st);
            status = EXIT_INPUT;
        } else if (push_label(c, cand, strlen(cand)) != 0) {
            status = EXIT_INPUT;
        }
        lede_error_free(err);
    }
    free(cand_path);
    for (size_t i = 0; i < n; i++)
        free((char *)paths[i]);
    free(paths);
    return status;
}

static int read_folders(rouge_cli *c)
{
    size_t nc = 0, nr = 0;
    char **cands = list_dir(c->cand_dir, &nc);
    char **refs = cands ? list_dir(c->ref_dir, &nr) : NULL;
    unsigned char *used = refs ? calloc(nr + 1, 1) : NULL;
    if (refs && !used)
        cli_warn("out of memory");
    int status = cands && refs && used ? EXIT_OK : EXIT_INPUT;
    if (status == EXIT_OK && nc == 0) {
        cli_warn("%s: no candidate file", c->cand_dir);
        status = EXIT_INPUT;
    }
    for (size_t i = 0; status == EXIT_OK && i < nc; i++)
        status = score_folder_pair(c, cands[i], refs, nr, used);
    for (size_t r = 0; status == EXIT_OK && r < nr; r++)
        if (!used[r])
            cli_warn("warning: reference %s/%s matches no candidate", c->ref_dir, refs[r]);
    free(used);
    free_names(cands, nc);
    free_names(refs, nr);
    return status;
}

/* ---- output ---- */

static const char *doc_label(const rouge_cli *c, size_t doc)
{
    return doc < c->n_labels ? c->labels[doc] : NULL;
}

/* A count as Perl prints a number (%.15g: integers without decimals). */
static void print_count(const char *label, double v)
{
    printf("%s%.15g", label, v);
}

static void print_averages(const char *peer, const char *name, const char *cf,
                           const lede_rouge_overall *o, lede_rouge_average mode)
{
    if (mode == LEDE_ROUGE_COUNTS) {
        printf("%s %s M_count: %lld P_count: %lld H_count: %lld\n", peer, name,
               (long long)o->model_count, (long long)o->peer_count, (long long)o->hits);
        return;
    }
    printf("%s %s Average_R: %7.5f (%s%%-conf.int. %7.5f - %7.5f)\n", peer, name, o->recall, cf,
           o->recall_low, o->recall_high);
    printf("%s %s Average_P: %7.5f (%s%%-conf.int. %7.5f - %7.5f)\n", peer, name,
           o->precision, cf, o->precision_low, o->precision_high);
    printf("%s %s Average_F: %7.5f (%s%%-conf.int. %7.5f - %7.5f)\n", peer, name, o->f, cf,
           o->f_low, o->f_high);
}

static void print_text(const rouge_cli *c)
{
    const lede_rouge *r = c->scorer;
    const char *cf = lede_rouge_confidence_label(r);
    lede_rouge_average mode = lede_rouge_average_mode(r);
    for (size_t p = 0; p < lede_rouge_peer_count(r); p++) {
        const char *peer = lede_rouge_peer_id(r, p);
        for (size_t m = 0; m < lede_rouge_metric_count(r); m++) {
            const char *name = lede_rouge_metric_name(r, m);
            lede_rouge_overall o;
            lede_rouge_overall_score(r, p, m, &o);
            printf("---------------------------------------------\n");
            print_averages(peer, name, cf, &o, mode);
            if (!c->per_doc)
                continue;
            printf(".............................................\n");
            for (size_t k = 0; k < lede_rouge_peer_doc_count(r, p); k++) {
                size_t d = lede_rouge_peer_doc(r, p, k);
                lede_rouge_score s;
                lede_rouge_doc_score(r, d, m, &s);
                printf("%s %s Eval %s.%s", peer, name, lede_rouge_doc_eval_id(r, d), peer);
                if (mode == LEDE_ROUGE_AVERAGE_DOCS) {
                    printf(" R:%7.5f P:%7.5f F:%7.5f\n", s.recall, s.precision, s.f);
                    continue;
                }
                /* With -t the script prints the raw counts. */
                print_count(" R:", s.model_count);
                print_count(" P:", s.peer_count);
                print_count(" F:", s.hits);
                putchar('\n');
            }
        }
    }
}

/* Writes `obj` (which it takes) as one line, or nothing when it is NULL or
 * memory runs out; returns 0 or -1 then. */
static int dump_line(json_t *obj)
{
    /* A failed write to stdout is seen when the output is finished. */
    int rc = obj ? cli_write_json(stdout, obj,
                                  JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) |
                                      JSON_ENSURE_ASCII | JSON_COMPACT)
                 : -1;
    json_decref(obj);
    return rc == -1 ? -1 : 0;
}

/* With -t the counts behind the scores are part of the result. Returns
 * nonzero when one could not be added. */
static int add_counts(json_t *obj, double model, double peer, double hits)
{
    int rc = 0;
    rc |= json_object_set_new(obj, "model_count", json_real(model));
    rc |= json_object_set_new(obj, "peer_count", json_real(peer));
    rc |= json_object_set_new(obj, "hits", json_real(hits));
    return rc;
}

/* `line` with its "scores" for document `d`; NULL (and `line` freed) when
 * memory runs out. */
static json_t *doc_scores(const lede_rouge *r, size_t d, json_t *line)
{
    json_t *scores = json_object();
    int rc = scores ? 0 : -1;
    for (size_t m = 0; !rc && m < lede_rouge_metric_count(r); m++) {
        lede_rouge_score s;
        lede_rouge_doc_score(r, d, m, &s);
        json_t *v = json_pack("{s:f,s:f,s:f}", "R", s.recall, "P", s.precision, "F", s.f);
        if (v && lede_rouge_average_mode(r) != LEDE_ROUGE_AVERAGE_DOCS)
            rc |= add_counts(v, s.model_count, s.peer_count, s.hits);
        rc |= json_object_set_new(scores, lede_rouge_metric_name(r, m), v);
    }
    rc |= json_object_set_new(line, "scores", scores);
    return cli_json_built(line, rc);
}

static json_t *doc_line(const rouge_cli *c, size_t d)
{
    const lede_rouge *r = c->scorer;
    json_t *line = json_object();
    int rc = line ? 0 : -1;
    rc |= json_object_set_new(line, "kind", json_string("doc"));
    rc |= json_object_set_new(line, "args", json_string(c->args));
    if (doc_label(c, d))
        rc |= json_object_set_new(line, "id", json_string(doc_label(c, d)));
    rc |= json_object_set_new(line, "eval_id", json_string(lede_rouge_doc_eval_id(r, d)));
    rc |= json_object_set_new(line, "peer_id", json_string(lede_rouge_doc_peer_id(r, d)));
    line = cli_json_built(line, rc);
    return line ? doc_scores(r, d, line) : NULL;
}

static json_t *overall_line(const rouge_cli *c, size_t p)
{
    const lede_rouge *r = c->scorer;
    json_t *line = json_object();
    json_t *scores = json_object();
    int rc = line && scores ? 0 : -1;
    rc |= json_object_set_new(line, "kind", json_string("overall"));
    rc |= json_object_set_new(line, "args", json_string(c->args));
    rc |= json_object_set_new(line, "peer_id", json_string(lede_rouge_peer_id(r, p)));
    rc |= json_object_set_new(line, "n_docs",
                              json_integer((json_int_t)lede_rouge_peer_doc_count(r, p)));
    for (size_t m = 0; !rc && m < lede_rouge_metric_count(r); m++) {
        lede_rouge_overall o;
        lede_rouge_overall_score(r, p, m, &o);
        json_t *v = json_pack("{s:f,s:[f,f],s:f,s:[f,f],s:f,s:[f,f]}", "R", o.recall, "R_ci",
                              o.recall_low, o.recall_high, "P", o.precision, "P_ci",
                              o.precision_low, o.precision_high, "F", o.f, "F_ci", o.f_low,
                              o.f_high);
        if (v && lede_rouge_average_mode(r) != LEDE_ROUGE_AVERAGE_DOCS)
            rc |= add_counts(v, o.model_count, o.peer_count, o.hits);
        rc |= json_object_set_new(scores, lede_rouge_metric_name(r, m), v);
    }
    rc |= json_object_set_new(line, "scores", scores);
    return cli_json_built(line, rc);
}

/* Returns 0, or -1 when memory ran out (the lines before are written). */
static int print_jsonl(const rouge_cli *c)
{
    const lede_rouge *r = c->scorer;
    for (size_t p = 0; p < lede_rouge_peer_count(r); p++) {
        for (size_t k = 0; k < lede_rouge_peer_doc_count(r, p); k++)
            if (dump_line(doc_line(c, lede_rouge_peer_doc(r, p, k))) != 0)
                return -1;
        if (dump_line(overall_line(c, p)) != 0)
            return -1;
    }
    return 0;
}

/* RFC 4180: quote a field when it holds a comma, quote or line break. */
static void csv_field(const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

static void csv_row(const char *kind, const char *label, const char *eval_id, const char *peer,
                    const char *metric, const double *v, int n, const double *counts)
{
    csv_field(kind);
    putchar(',');
    csv_field(label);
    putchar(',');
    csv_field(eval_id);
    putchar(',');
    csv_field(peer);
    putchar(',');
    csv_field(metric);
    for (int i = 0; i < 9; i++) {
        putchar(',');
        if (i < n)
            printf("%.5f", v[i]);
    }
    for (int i = 0; i < 3; i++)
        printf(",%.15g", counts[i]);
    putchar('\n');
}

static void print_csv(const rouge_cli *c)
{
    const lede_rouge *r = c->scorer;
    size_t nm = lede_rouge_metric_count(r);
    printf("kind,id,eval_id,peer_id,metric,R,P,F,R_low,R_high,P_low,P_high,F_low,F_high,"
           "model_count,peer_count,hits\n");
    for (size_t p = 0; p < lede_rouge_peer_count(r); p++) {
        const char *peer = lede_rouge_peer_id(r, p);
        for (size_t k = 0; k < lede_rouge_peer_doc_count(r, p); k++) {
            size_t d = lede_rouge_peer_doc(r, p, k);
            for (size_t m = 0; m < nm; m++) {
                lede_rouge_score s;
                lede_rouge_doc_score(r, d, m, &s);
                double v[3] = {s.recall, s.precision, s.f};
                double counts[3] = {s.model_count, s.peer_count, s.hits};
                csv_row("doc", doc_label(c, d), lede_rouge_doc_eval_id(r, d), peer,
                        lede_rouge_metric_name(r, m), v, 3, counts);
            }
        }
        for (size_t m = 0; m < nm; m++) {
            lede_rouge_overall o;
            lede_rouge_overall_score(r, p, m, &o);
            double v[9] = {o.recall,    o.precision,      o.f,     o.recall_low, o.recall_high,
                           o.precision_low, o.precision_high, o.f_low, o.f_high};
            double counts[3] = {o.model_count, o.peer_count, o.hits};
            csv_row("overall", NULL, NULL, peer, lede_rouge_metric_name(r, m), v, 9, counts);
        }
    }
}

/* ---- the command ---- */

static const char *const format_choices[] = {"text", "jsonl", "csv", NULL};

/* --format, --tokenize and --empty-reference: a word out of a few. */
static int apply_choice(rouge_cli *c, int opt, const char *arg)
{
    if (opt == OPT_FORMAT) {
        int i = cli_parse_choice("rouge", "--format", arg, format_choices);
        if (i < 0)
            return -1;
        c->format = (enum format)i;
        return 0;
    }
    if (opt == OPT_TOKENIZE) {
        int i = cli_parse_choice("rouge", "--tokenize", arg, cli_tokenize_choices);
        if (i < 0)
            return -1;
        lede_rouge_options_set_tokenizer(c->opts, i == 1 ? LEDE_ROUGE_TOKENIZE_UNICODE
                                                         : LEDE_ROUGE_TOKENIZE_ROUGE155);
        return 0;
    }
    int i = cli_parse_choice("rouge", "--empty-reference", arg, cli_empty_reference_choices);
    if (i < 0)
        return -1;
    lede_rouge_options_set_empty_reference(c->opts, i == 1 ? LEDE_ROUGE_EMPTY_REFERENCE_ZERO
                                                           : LEDE_ROUGE_EMPTY_REFERENCE_ERROR);
    return 0;
}

static int parse_command_line(rouge_cli *c, int argc, char **argv)
{
    int opt;
    opterr = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, rouge_short, rouge_options, NULL)) != -1) {
        lede_error *err = NULL;
        switch (opt) {
        case 'h':
        case 'H':
        case OPT_HELP:
            fputs(rouge_help, stdout);
            return -1;
        case OPT_PAIRS:
            c->pairs = optarg;
            break;
        case OPT_CANDIDATES:
            c->cand_dir = optarg;
            break;
        case OPT_REFERENCES:
            c->ref_dir = optarg;
            break;
        case OPT_FORMAT:
        case OPT_TOKENIZE:
        case OPT_EMPTY_REFERENCE:
            if (apply_choice(c, opt, optarg) != 0)
                return EXIT_USAGE;
            break;
        case '?':
            if (optopt && strchr(rouge_short, optopt))
                return cli_usage_error("rouge", "option -%c needs a value", optopt);
            if (optopt)
                return cli_usage_error("rouge", "unknown option -%c", optopt);
            return cli_usage_error("rouge", "unknown option '%s'", argv[optind - 1]);
        case 'z':
            if (strcasecmp(optarg, "SPL") != 0 && strcasecmp(optarg, "SEE") != 0 &&
                strcasecmp(optarg, "ISI") != 0)
                return cli_usage_error("rouge", "-z: '%s' is not SPL, SEE or ISI (SIMPLE is for "
                                                "Basic Elements, which lede does not score)",
                                       optarg);
            c->file_list_format = optarg;
            append_arg(c, opt, optarg);
            break;
        default:
            if (opt == 'a')
                c->all_peers = 1;
            if (opt == 'd')
                c->per_doc = 1;
            if (lede_rouge_options_set_flag(c->opts, (char)opt, optarg, &err) != LEDE_OK) {
                int rc = cli_usage_error("rouge", "%s", lede_error_message(err));
                lede_error_free(err);
                return rc;
            }
            append_arg(c, opt, optarg);
            break;
        }
    }
    int sources = (c->pairs != NULL) + (c->cand_dir || c->ref_dir) + (optind < argc);
    if (sources == 0)
        return cli_usage_error("rouge", "no input: give --pairs, --candidates and "
                                        "--references, or a ROUGE XML configuration file");
    if (sources > 1)
        return cli_usage_error("rouge", "give one input: --pairs, the folders, or a "
                                        "configuration file");
    if (c->file_list_format && optind >= argc)
        return cli_usage_error("rouge", "-z needs a file list (PEER MODEL... per line)");
    if ((c->cand_dir != NULL) != (c->ref_dir != NULL))
        return cli_usage_error("rouge", "--candidates and --references go together");
    if (optind < argc) {
        c->config = argv[optind++];
        if (optind < argc)
            c->system_id = argv[optind++];
        if (optind < argc)
            return cli_usage_error("rouge", "unexpected argument '%s'", argv[optind]);
        if (c->file_list_format && !c->system_id)
            c->system_id = "X"; /* the script's default peer ID for -z */
        if (!c->system_id && !c->all_peers)
            return cli_usage_error("rouge", "give a system ID to evaluate after the "
                                            "configuration file, or -a for all systems");
    }
    return 0;
}

/* -z: each line "PEER MODEL..." (lines starting with '#' and blank lines
 * skipped) is evaluation 1, 2, ... of peer SYSTEM-ID (default X). */
static int read_file_list(rouge_cli *c)
{
    cli_input in;
    if (cli_read_input(c->config, &in) != 0)
        return EXIT_INPUT;
    lede_rouge_format format = strcasecmp(c->file_list_format, "SEE") == 0   ? LEDE_ROUGE_FORMAT_SEE
                               : strcasecmp(c->file_list_format, "ISI") == 0 ? LEDE_ROUGE_FORMAT_ISI
                                                                             : LEDE_ROUGE_FORMAT_SPL;
    int status = EXIT_OK;
    size_t lineno = 0, eval = 0, pos = 0, len;
    const char *start;
    while (status == EXIT_OK && cli_input_next_line(&in, &pos, &lineno, &start, &len)) {
        char *line = strndup(start, len);
        if (!line) {
            status = cli_out_of_memory();
            break;
        }
        enum { MAX_FILES = 64 };
        char *files[MAX_FILES + 1];
        size_t n = 0;
        char *save = NULL;
        int comment = line[0] == '#';
        for (char *t = strtok_r(line, " \t\r\f\v", &save); t && n <= MAX_FILES && !comment;
             t = strtok_r(NULL, " \t\r\f\v", &save))
            files[n++] = t;
        if (n > MAX_FILES) {
            fprintf(stderr, "lede: %s:%zu: more than %d files on a file list line\n", in.display,
                    lineno, MAX_FILES);
            status = EXIT_INPUT;
        } else if (!comment && n == 1) {
            fprintf(stderr, "lede: %s:%zu: a file list line needs a peer file and at least one "
                            "model file\n", in.display, lineno);
            status = EXIT_INPUT;
        } else if (!comment && n >= 2) {
            char eval_id[32];
            snprintf(eval_id, sizeof eval_id, "%zu", ++eval);
            lede_error *err = NULL;
            lede_status st = lede_rouge_add_files(c->scorer, eval_id, c->system_id, format,
                                                  files[0], (const char *const *)files + 1,
                                                  n - 1, &err);
            if (st != LEDE_OK) {
                fprintf(stderr, "lede: %s:%zu: %s\n", in.display, lineno,
                        err ? lede_error_message(err) : lede_strerror(st));
                status = EXIT_INPUT;
            }
            lede_error_free(err);
        }
        free(line);
    }
    cli_input_free(&in);
    return status;
}

static int read_config(rouge_cli *c)
{
    if (c->file_list_format)
        return read_file_list(c);
    lede_error *err = NULL;
    lede_status st = lede_rouge_add_config(c->scorer, c->config,
                                           c->all_peers ? NULL : c->system_id, &err);
    for (size_t i = 0; i < lede_rouge_warning_count(c->scorer); i++)
        fprintf(stderr, "%s\n", lede_rouge_warning(c->scorer, i));
    if (st != LEDE_OK) {
        fprintf(stderr, "lede: %s\n", err ? lede_error_message(err) : lede_strerror(st));
        lede_error_free(err);
        return EXIT_INPUT;
    }
    return EXIT_OK;
}

int cli_rouge(int argc, char **argv)
{
    rouge_cli c = {0};
    c.opts = lede_rouge_options_new();
    if (!c.opts) {
        return cli_out_of_memory();
    }
    int status = parse_command_line(&c, argc, argv);
    if (status != 0) {
        lede_rouge_options_free(c.opts);
        return status < 0 ? cli_finish_output(EXIT_OK) : status;
    }
    lede_error *err = NULL;
    lede_status st = lede_rouge_new(c.opts, &c.scorer, &err);
    if (st != LEDE_OK) {
        cli_report_error("rouge", err, st);
        status = EXIT_INPUT;
    } else if (c.pairs) {
        status = read_pairs(&c);
    } else if (c.cand_dir) {
        status = read_folders(&c);
    } else {
        status = read_config(&c);
    }
    lede_error_free(err);
    err = NULL;
    if (status == EXIT_OK && lede_rouge_compute(c.scorer, &err) != LEDE_OK) {
        cli_report_error("rouge", err, lede_error_code(err));
        status = EXIT_INPUT;
    }
    lede_error_free(err);
    if (status == EXIT_OK) {
        if (c.format == FORMAT_TEXT)
            print_text(&c);
        else if (c.format == FORMAT_JSONL && print_jsonl(&c) != 0)
            status = cli_out_of_memory();
        else if (c.format == FORMAT_CSV)
            print_csv(&c);
        status = cli_finish_output(status);
    }
    for (size_t i = 0; i < c.n_labels; i++)
        free(c.labels[i]);
    free(c.labels);
    lede_rouge_free(c.scorer);
    lede_rouge_options_free(c.opts);
    return status;
}
