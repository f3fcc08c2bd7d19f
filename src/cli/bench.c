/* bench.c - `lede bench`: runs summarization methods and baselines over
 * documents with reference summaries and scores them with lede's ROUGE.
 * This file reads the command line and runs the steps; see bench.h. */
#define _DEFAULT_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "cli.h"
#include "jsonl.h"

static const char bench_help[] =
    "Usage: lede bench --data FILE.jsonl [OPTIONS]\n"
    "Runs summarization methods and baselines over documents with reference\n"
    "summaries, scores them with lede's ROUGE-1.5.5 and prints a Markdown table:\n"
    "ROUGE-1/2/L F1 x 100 with confidence intervals, over every document and per\n"
    "source, and a paired bootstrap test of each row against the first.\n"
    "\n"
    "Data:\n"
    "      --data FILE       JSON Lines: {\"id\", \"text\" (or \"html\", a page), \"summary\":\n"
    "                        [sentences] or \"references\": [[sentences], ...],\n"
    "                        \"source\", \"title\"}\n"
    "      --source NAME     only the documents of this source (repeatable)\n"
    "      --prepend-title   put the \"title\" before the text, as its first line\n"
    "      --skip-bad        leave out bad lines and documents lede cannot summarize\n"
    "                        (reported on standard error; default: they are errors)\n"
    "\n"
    "Rows (the first one is what the paired test compares with):\n"
    "  -m, --method LIST     methods, comma-separated: METHOD or LABEL=METHOD, each\n"
    "                        with options as :NAME=VALUE, e.g.\n"
    "                        textrank,pacsum=position:position-beta=0.5; 'none' for\n"
    "                        none (default: lede's default method)\n"
    "      --baselines LIST  lead, random (seeded by --seed), oracle (a greedy\n"
    "                        extractive upper bound); default all three, or 'none'\n"
    "      --oracle exhaustive  score every candidate at each step of the oracle's\n"
    "                        search instead of pruning by bounds (same result, slower)\n"
    "      --systems [NAME=]PATH  another program's summaries: JSON Lines {\"id\",\n"
    "                        \"summary\": [sentences]}, or a folder with a file ID or\n"
    "                        ID.txt per document, one sentence per line (repeatable)\n"
    "\n"
    "Length (the last one given counts; default: lede's default):\n"
    "  -n, --sentences N     N sentences\n"
    "      --ratio R         R of the document's sentences (0 < R <= 1)\n"
    "      --words W         at most W words      --chars C   at most C characters\n"
    "      --match-reference as many sentences as the reference has\n"
    "\n"
    "Summarizer options, for every method (a method's own :NAME=VALUE wins):\n"
    "  -l, --lang CODE       language of the documents (default en)\n"
    "      --NAME VALUE      any summarizer option: damping, redundancy, threshold,\n"
    "                        seed, mmr, background-idf, ... (lede_option_name)\n"
    "\n"
    "Scoring:\n"
    "      --rouge FLAGS     ROUGE-1.5.5 flags, default \"-c 95 -2 4 -U -r 1000 -n 4\n"
    "                        -w 1.2 -a -m\" (see 'lede rouge --help')\n"
    "      --tokenize unicode|rouge, --empty-reference zero|error   as in lede rouge\n"
    "      --bootstrap N     resamples of the paired test (default 1000)\n"
    "      --bootstrap-seed S  its seed (default 1)\n"
    "\n"
    "Output (the Markdown table goes to standard output):\n"
    "      --json FILE       everything, with each row's options, as JSON\n"
    "      --per-doc FILE    each document's summary and scores per row (JSON Lines)\n"
    "      --plot FILE.svg   ROUGE against summary length, each row run at several\n"
    "                        lengths\n"
    "      --plot-lengths LIST  those lengths, in the unit of the length option\n"
    "                        (default 1,2,3,4,5,6 sentences; 0.1,...,0.6 for --ratio)\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0 success, 1 input or data error, 2 usage error, 3 output error.\n";

static const char default_rouge_flags[] = "-c 95 -2 4 -U -r 1000 -n 4 -w 1.2 -a -m";

/* What the command line asked for, beside the run's settings. */
typedef struct bench_args {
    const char *methods[64];
    size_t n_methods;
    const char *systems[64];
    size_t n_systems;
    const char *baselines;
    const char *json, *per_doc, *plot, *plot_lengths;
    bench_read_options read;
    char *rouge_copy; /* the --rouge text, cut into rouge_argv */
} bench_args;

enum {
    OPT_DATA = 256,
    OPT_SOURCE,
    OPT_TITLE,
    OPT_SKIP_BAD,
    OPT_BASELINES,
    OPT_SYSTEMS,
    OPT_MATCH,
    OPT_ROUGE,
    OPT_TOKENIZE,
    OPT_EMPTY_REFERENCE,
    OPT_BOOTSTRAP,
    OPT_BOOTSTRAP_SEED,
    OPT_JSON,
    OPT_PER_DOC,
    OPT_PLOT,
    OPT_PLOT_LENGTHS,
    OPT_ORACLE
};

/* ====== The command line ====== */

static const struct option bench_options[] = {
    {"data", required_argument, NULL, OPT_DATA},
    {"source", required_argument, NULL, OPT_SOURCE},
    {"prepend-title", no_argument, NULL, OPT_TITLE},
    {"skip-bad", no_argument, NULL, OPT_SKIP_BAD},
    {"method", required_argument, NULL, 'm'}, /* the rows here, not one method */
    {"baselines", required_argument, NULL, OPT_BASELINES},
    {"systems", required_argument, NULL, OPT_SYSTEMS},
    {"match-reference", no_argument, NULL, OPT_MATCH},
    {"lang", required_argument, NULL, 'l'},
    {"rouge", required_argument, NULL, OPT_ROUGE},
    {"tokenize", required_argument, NULL, OPT_TOKENIZE},
    {"empty-reference", required_argument, NULL, OPT_EMPTY_REFERENCE},
    {"bootstrap", required_argument, NULL, OPT_BOOTSTRAP},
    {"bootstrap-seed", required_argument, NULL, OPT_BOOTSTRAP_SEED},
    {"json", required_argument, NULL, OPT_JSON},
    {"per-doc", required_argument, NULL, OPT_PER_DOC},
    {"plot", required_argument, NULL, OPT_PLOT},
    {"plot-lengths", required_argument, NULL, OPT_PLOT_LENGTHS},
    {"oracle", required_argument, NULL, OPT_ORACLE},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int is_option_name(const char *name)
{
    for (size_t i = 0; lede_option_name(i); i++)
        if (strcmp(lede_option_name(i), name) == 0)
            return 1;
    return 0;
}

static const char *const length_units[] = {"sentences", "ratio", "words", "chars"};
enum { LENGTH_UNITS = sizeof length_units / sizeof length_units[0] };

static int is_length(const char *name)
{
    for (size_t i = 0; i < LENGTH_UNITS; i++)
        if (strcmp(name, length_units[i]) == 0)
            return 1;
    return 0;
}

/* A length option remembers which one was given last. */
static void note_budget(bench_run *run, const char *name, const char *value)
{
    static const enum bench_budget kinds[] = {BUDGET_SENTENCES, BUDGET_RATIO, BUDGET_WORDS,
                                              BUDGET_CHARS};
    for (size_t i = 0; i < LENGTH_UNITS; i++) {
        if (strcmp(name, length_units[i]) == 0) {
            run->budget = kinds[i];
            run->budget_unit = length_units[i];
            run->budget_value = value;
        }
    }
}

static int set_named(bench_run *run, const char *name, const char *value)
{
    if (lede_options_set(run->base, name, value) != LEDE_OK)
        return cli_usage_error("bench", "--%s: invalid value '%s'", name, value);
    note_budget(run, name, value);
    return 0;
}

/* A summarizer option given as --NAME VALUE (cli_long_options). */
static int set_passed_through(bench_run *run, int c, const char *value)
{
    int status = cli_apply_named_option(run->base, "bench", c, value);
    if (status == 0)
        note_budget(run, lede_option_name((size_t)(c - CLI_NAMED_OPTION)), value);
    return status;
}

/* Cuts the --rouge text into flags at white space. */
static int split_rouge(bench_run *run, bench_args *a, const char *flags)
{
    free(a->rouge_copy);
    free(run->rouge_argv);
    a->rouge_copy = strdup(flags);
    run->rouge_argv = calloc(strlen(flags) / 2 + 2, sizeof *run->rouge_argv);
    run->rouge_argc = 0;
    run->rouge_flags = flags;
    if (!a->rouge_copy || !run->rouge_argv)
        return -1;
    char *save = NULL;
    for (char *t = strtok_r(a->rouge_copy, " \t\n", &save); t; t = strtok_r(NULL, " \t\n", &save))
        run->rouge_argv[run->rouge_argc++] = t;
    return 0;
}

static int push_arg(const char **list, size_t *n, const char *value, const char *what)
{
    if (*n == 64)
        return cli_usage_error("bench", "more than 64 %s", what);
    list[(*n)++] = value;
    return 0;
}

static int parse_number_option(int c, const char *arg, bench_run *run)
{
    size_t n;
    if (cli_parse_size(arg, &n) != 0)
        return cli_usage_error("bench", "--%s: '%s' is not a positive integer",
                               c == OPT_BOOTSTRAP ? "bootstrap" : "bootstrap-seed", arg);
    if (c == OPT_BOOTSTRAP && n > 1000000)
        return cli_usage_error("bench", "--bootstrap: at most 1000000 resamples");
    if (c == OPT_BOOTSTRAP)
        run->resamples = n;
    else
        run->seed = n;
    return 0;
}

/* Sets `flag` to the index of `arg` in the two `choices`. */
static int set_choice(int *flag, const char *option, const char *arg,
                      const char *const *choices)
{
    int i = cli_parse_choice("bench", option, arg, choices);
    if (i < 0)
        return EXIT_USAGE;
    *flag = i;
    return 0;
}

static const char *const oracle_choices[] = {"pruned", "exhaustive", NULL};

static int apply_option(int c, const char *arg, bench_run *run, bench_args *a)
{
    switch (c) {
    case OPT_DATA:
        run->data_path = arg;
        return 0;
    case OPT_SOURCE:
        if (a->read.n_only_sources == 64)
            return cli_usage_error("bench", "more than 64 --source");
        a->read.only_sources[a->read.n_only_sources++] = (char *)arg;
        return 0;
    case OPT_TITLE:
        a->read.title = 1;
        return 0;
    case OPT_SKIP_BAD:
        a->read.skip_bad = 1;
        return 0;
    case 'm':
        return push_arg(a->methods, &a->n_methods, arg, "--method");
    case OPT_SYSTEMS:
        return push_arg(a->systems, &a->n_systems, arg, "--systems");
    case OPT_BASELINES:
        a->baselines = arg;
        return 0;
    case OPT_MATCH:
        run->budget = BUDGET_MATCH;
        run->budget_unit = "sentences";
        run->budget_value = NULL;
        return 0;
    case 'n':
        return set_named(run, "sentences", arg);
    case 'l':
        return set_named(run, "language", arg);
    case OPT_ROUGE:
        return split_rouge(run, a, arg) == 0 ? 0 : cli_out_of_memory();
    case OPT_TOKENIZE:
        return set_choice(&run->rouge_unicode, "--tokenize", arg, cli_tokenize_choices);
    case OPT_EMPTY_REFERENCE:
        return set_choice(&run->rouge_empty_zero, "--empty-reference", arg,
                          cli_empty_reference_choices);
    case OPT_ORACLE:
        return set_choice(&run->oracle_exhaustive, "--oracle", arg, oracle_choices);
    case OPT_BOOTSTRAP:
    case OPT_BOOTSTRAP_SEED:
        return parse_number_option(c, arg, run);
    case OPT_JSON:
        a->json = arg;
        return 0;
    case OPT_PER_DOC:
        a->per_doc = arg;
        return 0;
    case OPT_PLOT:
        a->plot = arg;
        return 0;
    case OPT_PLOT_LENGTHS:
        a->plot_lengths = arg;
        return 0;
    default:
        return set_passed_through(run, c, arg);
    }
}

static int parse_args(int argc, char **argv, bench_run *run, bench_args *a)
{
    struct option *longopts = cli_long_options(bench_options);
    if (!longopts)
        return cli_out_of_memory();
    opterr = 0;
    optind = 1;
    int c, status = 0;
    while (status == 0 && (c = getopt_long(argc, argv, ":m:n:l:h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(bench_help, stdout);
            status = -1;
        } else if (c == ':') {
            status = cli_usage_error("bench", "option '%s' needs a value", argv[optind - 1]);
        } else if (c == '?') {
            status = cli_usage_error("bench", "unknown option '%s'", argv[optind - 1]);
        } else {
            status = apply_option(c, optarg, run, a);
        }
    }
    free(longopts);
    if (status != 0)
        return status;
    if (optind < argc)
        return cli_usage_error("bench", "unexpected argument '%s'", argv[optind]);
    if (!run->data_path)
        return cli_usage_error("bench", "no data: give --data FILE.jsonl");
    return 0;
}

/* ====== Rows ====== */

static int label_taken(const bench_run *run, const char *label)
{
    for (size_t e = 0; e < run->n_entries; e++)
        if (strcmp(run->entries[e].label, label) == 0)
            return 1;
    return 0;
}

/* A copy of `s`, each byte that is not UTF-8 as U+FFFD: a label may come
 * from the command line (a Latin-1 file name), and every output the bench
 * writes (JSON, SVG) is UTF-8. NULL when out of memory. */
static char *utf8_copy(const char *s)
{
    jsonl_buf b = {0};
    if (jsonl_put_replacing_invalid(&b, s, strlen(s)) != 0 || jsonl_put(&b, "", 1) != 0) {
        jsonl_buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* A new row named `label` in *out; returns 0, or the exit status after
 * the message (a label already taken, or out of memory). */
static int new_entry(bench_run *run, const char *label, enum bench_kind kind, bench_entry **out)
{
    *out = NULL;
    if (label_taken(run, label))
        return cli_usage_error("bench", "two rows are named '%s': give one a LABEL=", label);
    bench_entry *e = &run->entries[run->n_entries];
    memset(e, 0, sizeof *e);
    e->label = utf8_copy(label);
    e->kind = kind;
    if (!e->label)
        return cli_out_of_memory();
    run->n_entries++;
    *out = e;
    return 0;
}

/* NAME=VALUE options of a method spec, on `opts`. */
static int apply_overrides(const char *spec, char *rest, lede_options *opts)
{
    char *save = NULL;
    for (char *item = strtok_r(rest, ":", &save); item; item = strtok_r(NULL, ":", &save)) {
        char *eq = strchr(item, '=');
        if (!eq)
            return cli_usage_error("bench", "--method '%s': '%s' is not NAME=VALUE", spec, item);
        *eq = '\0';
        if (!is_option_name(item))
            return cli_usage_error("bench", "--method '%s': unknown option '%s'", spec, item);
        if (is_length(item))
            return cli_usage_error("bench", "--method '%s': the length is the same for every "
                                            "row: give --%s alone", spec, item);
        if (lede_options_set(opts, item, eq + 1) != LEDE_OK)
            return cli_usage_error("bench", "--method '%s': invalid value '%s' for %s", spec,
                                   eq + 1, item);
    }
    return 0;
}

/* A method row from "[LABEL=]METHOD[:NAME=VALUE...]". */
static int add_method(bench_run *run, const char *spec)
{
    char *copy = strdup(spec);
    if (!copy)
        return cli_out_of_memory();
    char *colon = strchr(copy, ':');
    if (colon)
        *colon = '\0';
    char *method = copy, *eq = strchr(copy, '=');
    if (eq) {
        *eq = '\0';
        method = eq + 1;
    }
    lede_options *opts = lede_options_copy(run->base);
    int status = opts ? 0 : cli_out_of_memory();
    if (status == 0 && lede_options_set(opts, "method", method) != LEDE_OK)
        status = cli_usage_error("bench", "--method: unknown method '%s'", method);
    if (status == 0 && colon)
        status = apply_overrides(spec, colon + 1, opts);
    bench_entry *e = NULL;
    if (status == 0)
        status = new_entry(run, eq ? copy : spec, BENCH_METHOD, &e);
    if (e)
        e->opts = opts;
    else
        lede_options_free(opts);
    free(copy);
    return status;
}

/* A method's options as the Rows section shows them. Under
 * --match-reference the number of sentences is set per document, after
 * this: the length the options hold is replaced by
 * "sentences=match-reference". NULL when out of memory. */
static char *describe_row(const bench_run *run, const lede_options *opts)
{
    char *desc = cli_describe_options(opts);
    const char *at = NULL;
    for (size_t i = 0; desc && !at && run->budget == BUDGET_MATCH && i < LENGTH_UNITS; i++)
        at = cli_find_option(desc, length_units[i]);
    if (!at)
        return desc;
    static const char match[] = "sentences=match-reference";
    size_t start = (size_t)(at - desc), end = start + strcspn(at, " ");
    size_t n = strlen(desc) - (end - start) + sizeof match;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%.*s%s%s", (int)start, desc, match, desc + end);
    free(desc);
    return out;
}

static int add_methods(bench_run *run, const bench_args *a)
{
    if (a->n_methods == 0) {
        char method[64];
        lede_options *fresh = lede_options_new();
        int rc = fresh ? cli_option_value(fresh, "method", method, sizeof method) : -1;
        lede_options_free(fresh);
        if (rc != 0)
            return cli_out_of_memory();
        return add_method(run, method);
    }
    for (size_t i = 0; i < a->n_methods; i++) {
        char *list = strdup(a->methods[i]), *save = NULL;
        if (!list)
            return cli_out_of_memory();
        int status = 0;
        for (char *spec = strtok_r(list, ",", &save); status == 0 && spec;
             spec = strtok_r(NULL, ",", &save))
            if (strcmp(spec, "none") != 0)
                status = add_method(run, spec);
        free(list);
        if (status != 0)
            return status;
    }
    return 0;
}

/* "[NAME=]PATH": the label is NAME, else the file name without its
 * extension. */
static int add_system(bench_run *run, const char *arg)
{
    const char *eq = strchr(arg, '=');
    int named = eq && eq > arg && !memchr(arg, '/', (size_t)(eq - arg));
    const char *path = named ? eq + 1 : arg;
    char label[256];
    if (named) {
        snprintf(label, sizeof label, "%.*s", (int)(eq - arg), arg);
    } else {
        size_t end = strlen(path);
        while (end > 1 && path[end - 1] == '/')
            end--;
        size_t start = end;
        while (start > 0 && path[start - 1] != '/')
            start--;
        snprintf(label, sizeof label, "%.*s", (int)(end - start), path + start);
        char *dot = strrchr(label, '.');
        if (dot && dot != label)
            *dot = '\0';
    }
    bench_entry *e;
    int status = new_entry(run, label, BENCH_SYSTEM, &e);
    if (status != 0)
        return status;
    e->description = strdup(path);
    return e->description ? 0 : cli_out_of_memory();
}

enum { BASELINE_LEAD, BASELINE_RANDOM, BASELINE_ORACLE };
static const char *const baseline_choices[] = {"lead", "random", "oracle", NULL};

static int add_baseline(bench_run *run, const char *name)
{
    int kind = cli_parse_choice("bench", "--baselines", name, baseline_choices);
    if (kind < 0)
        return EXIT_USAGE;
    if (label_taken(run, name))
        return cli_usage_error("bench", "two rows are named '%s': label the method "
                                        "(e.g. lede-%s=%s) or leave the baseline out "
                                        "(--baselines)", name, name, name);
    bench_entry *e;
    int status =
        new_entry(run, name, kind == BASELINE_ORACLE ? BENCH_ORACLE : BENCH_BASELINE, &e);
    if (status != 0)
        return status;
    e->random = kind == BASELINE_RANDOM;
    return 0;
}

static int add_baselines(bench_run *run, const char *list)
{
    if (strcmp(list, "none") == 0)
        return 0;
    char *copy = strdup(list), *save = NULL;
    if (!copy)
        return cli_out_of_memory();
    int status = 0;
    for (char *b = strtok_r(copy, ",", &save); status == 0 && b; b = strtok_r(NULL, ",", &save))
        status = add_baseline(run, b);
    free(copy);
    return status;
}

/* What the bench's own rows are, for the Rows section and the JSON. */
static int describe_baseline(bench_run *run, bench_entry *e)
{
    char seed[32] = "1";
    if (e->random && cli_option_value(run->base, "seed", seed, sizeof seed) != 0)
        return -1;
    e->seed = strtoull(seed, NULL, 10);
    const char *what = e->random ? "sentences in random order (Fisher-Yates shuffle by "
                                   "splitmix64 from seed "
                                 : "the document's first sentences";
    const char *after = e->random ? " xor the FNV-1a hash of the id)" : "";
    size_t n = strlen(what) + strlen(seed) + strlen(after) + 64;
    e->description = malloc(n);
    if (e->description)
        snprintf(e->description, n, "%s%s%s, as many as the length takes", what,
                 e->random ? seed : "", after);
    return e->description ? 0 : -1;
}

static int describe_oracle(bench_run *run, bench_entry *e)
{
    static const char fmt[] =
        "greedy: adds the sentence that most raises ROUGE-1 F + ROUGE-2 F against the "
        "references (flags %s, ROUGE-1 and ROUGE-2 only) while the length takes more";
    size_t n = sizeof fmt + strlen(run->rouge_flags);
    e->description = malloc(n);
    if (e->description)
        snprintf(e->description, n, fmt, run->rouge_flags);
    return e->description ? 0 : -1;
}

static size_t count_specs(const bench_args *a)
{
    size_t n = 1;
    for (size_t i = 0; i < a->n_methods; i++)
        for (const char *p = a->methods[i]; p; p = strchr(p + 1, ','))
            n++;
    return n;
}

static int build_rows(bench_run *run, const bench_args *a)
{
    /* Room for every method spec, system and baseline. */
    run->entries = calloc(count_specs(a) + a->n_systems + 4, sizeof *run->entries);
    if (!run->entries)
        return cli_out_of_memory();
    int status = add_methods(run, a);
    for (size_t i = 0; status == 0 && i < a->n_systems; i++)
        status = add_system(run, a->systems[i]);
    if (status == 0)
        status = add_baselines(run, a->baselines ? a->baselines : "lead,random,oracle");
    if (status == 0 && run->n_entries == 0)
        status = cli_usage_error("bench", "nothing to benchmark: no method, system or baseline");
    for (size_t e = 0; status == 0 && e < run->n_entries; e++) {
        bench_entry *entry = &run->entries[e];
        if (entry->opts)
            entry->description = describe_row(run, entry->opts);
        else if (entry->kind == BENCH_ORACLE && describe_oracle(run, entry) != 0)
            entry->description = NULL;
        else if (entry->kind == BENCH_BASELINE && describe_baseline(run, entry) != 0)
            entry->description = NULL;
        if (!entry->description)
            status = cli_out_of_memory();
    }
    return status;
}

/* ====== Plot lengths ====== */

static int parse_plot_lengths(bench_run *run, const char *list)
{
    static const char *const defaults[] = {
        "1,2,3,4,5,6", "0.1,0.2,0.3,0.4,0.5,0.6", "25,50,75,100,150,200",
        "150,300,450,600,900,1200"};
    int k = run->budget == BUDGET_RATIO ? 1 : run->budget == BUDGET_WORDS ? 2
                                            : run->budget == BUDGET_CHARS ? 3
                                                                          : 0;
    run->plot_unit = k == 1 ? "ratio" : k == 2 ? "words" : k == 3 ? "chars" : "sentences";
    char *copy = strdup(list ? list : defaults[k]), *save = NULL;
    run->plot_lengths = calloc(strlen(copy ? copy : "") + 1, sizeof *run->plot_lengths);
    run->plot_copy = copy;
    if (!copy || !run->plot_lengths)
        return cli_out_of_memory();
    lede_options *check = lede_options_new();
    int status = check ? 0 : cli_out_of_memory();
    for (char *v = strtok_r(copy, ",", &save); status == 0 && v; v = strtok_r(NULL, ",", &save)) {
        if (lede_options_set(check, run->plot_unit, v) != LEDE_OK)
            status = cli_usage_error("bench", "--plot-lengths: '%s' is not a valid %s", v,
                                     run->plot_unit);
        run->plot_lengths[run->n_plot_lengths++] = v;
    }
    if (status == 0 && run->n_plot_lengths == 0)
        status = cli_usage_error("bench", "--plot-lengths: no length");
    lede_options_free(check);
    return status;
}

/* ====== Running ====== */

static int make_summarizers(bench_run *run)
{
    lede_error *err = NULL;
    lede_status st = lede_summarizer_new(run->base, &run->probe, &err);
    run->probe_opts = lede_options_copy(run->base);
    if (st == LEDE_OK && (!run->probe_opts ||
                          lede_options_set(run->probe_opts, "method", "lead") != LEDE_OK))
        st = LEDE_ERR_NOMEM;
    for (size_t e = 0; st == LEDE_OK && e < run->n_entries; e++)
        if (run->entries[e].opts)
            st = lede_summarizer_new(run->entries[e].opts, &run->entries[e].summarizer, &err);
    if (st == LEDE_OK)
        return EXIT_OK;
    int usage = st == LEDE_ERR_UNKNOWN_LANGUAGE;
    if (usage)
        cli_usage_error("bench", "%s", lede_error_message(err));
    else
        cli_warn("%s", err ? lede_error_message(err) : lede_strerror(st));
    lede_error_free(err);
    return usage ? EXIT_USAGE : EXIT_INPUT;
}

static int alloc_summaries(bench_run *run)
{
    for (size_t e = 0; e < run->n_entries; e++) {
        run->entries[e].summaries = calloc(run->data.count + 1, sizeof(bench_text));
        if (!run->entries[e].summaries) {
            return cli_out_of_memory();
        }
    }
    return EXIT_OK;
}

static int read_systems(bench_run *run)
{
    int status = EXIT_OK;
    for (size_t e = 0; e < run->n_entries; e++) {
        bench_entry *entry = &run->entries[e];
        if (entry->kind == BENCH_SYSTEM &&
            bench_read_system(entry->description, &run->data, entry->summaries,
                              &entry->unused) != EXIT_OK)
            status = EXIT_INPUT;
    }
    return status;
}

static int write_outputs(const bench_run *run, const bench_args *a)
{
    int status = a->json ? bench_write_json(run, a->json) : EXIT_OK;
    int rc = a->per_doc ? bench_write_per_doc(run, a->per_doc) : EXIT_OK;
    status = status != EXIT_OK ? status : rc;
    rc = a->plot ? bench_write_plot(run, a->plot) : EXIT_OK;
    status = status != EXIT_OK ? status : rc;
    int md = bench_print_markdown(run);
    return status != EXIT_OK ? status : md;
}

static int run_bench(bench_run *run, const bench_args *a)
{
    int status = bench_read_data(run->data_path, &a->read, &run->data);
    if (status == EXIT_OK)
        status = make_summarizers(run);
    if (status == EXIT_OK)
        status = alloc_summaries(run);
    if (status == EXIT_OK)
        status = read_systems(run);
    if (status == EXIT_OK)
        status = bench_summarize_all(run, a->read.skip_bad);
    if (status == EXIT_OK)
        status = bench_score(run);
    if (status == EXIT_OK && a->plot)
        status = bench_plot_points(run);
    if (status == EXIT_OK)
        status = write_outputs(run, a);
    return status;
}

/* The flags parse, and give scores: -t 2 only totals the counts, so every
 * score in the table would be 0 while the paired test used the documents'
 * F. */
static int check_rouge_flags(const bench_run *run)
{
    int status = 0;
    lede_rouge_options *check = bench_rouge_options(run, &status);
    if (!check)
        return status;
    lede_rouge *scorer = NULL;
    lede_status st = lede_rouge_new(check, &scorer, NULL);
    lede_rouge_options_free(check);
    if (st != LEDE_OK)
        return cli_out_of_memory();
    int counts = lede_rouge_average_mode(scorer) == LEDE_ROUGE_COUNTS;
    lede_rouge_free(scorer);
    if (counts)
        return cli_usage_error("bench", "--rouge: -t 2 gives counts only, no score to show or "
                                        "compare: use -t 0 (the default) or -t 1");
    return 0;
}

static int setup(int argc, char **argv, bench_run *run, bench_args *a)
{
    run->base = lede_options_new();
    run->resamples = 1000;
    run->seed = 1;
    run->argc = argc;
    run->argv = argv;
    a->read.only_sources = calloc(64, sizeof *a->read.only_sources);
    if (!run->base || !a->read.only_sources || split_rouge(run, a, default_rouge_flags) != 0)
        return cli_out_of_memory();
    int status = parse_args(argc, argv, run, a);
    if (status != 0)
        return status;
    status = check_rouge_flags(run);
    if (status == 0)
        status = build_rows(run, a);
    if (status == 0 && a->plot)
        status = parse_plot_lengths(run, a->plot_lengths);
    return status;
}

int cli_bench(int argc, char **argv)
{
    bench_run run = {0};
    bench_args a = {0};
    int status = setup(argc, argv, &run, &a);
    if (status == 0) {
        cli_set_blas_threads(1);
        status = run_bench(&run, &a);
    } else if (status < 0) {
        status = cli_finish_output(EXIT_OK);
    }
    bench_run_free(&run);
    free(a.rouge_copy);
    free(a.read.only_sources);
    return status;
}

void bench_run_free(bench_run *run)
{
    for (size_t e = 0; e < run->n_entries; e++) {
        bench_entry *entry = &run->entries[e];
        for (size_t d = 0; entry->summaries && d < run->data.count; d++)
            bench_text_free(&entry->summaries[d]);
        free(entry->summaries);
        free(entry->label);
        free(entry->description);
        free(entry->points);
        lede_options_free(entry->opts);
        lede_summarizer_free(entry->summarizer);
    }
    free(run->entries);
    for (size_t g = 0; g < run->n_groups; g++) {
        free(run->groups[g].docs);
        free(run->groups[g].paired);
        free(run->groups[g].mean_words);
        free(run->groups[g].overall);
    }
    free(run->groups);
    lede_rouge_free(run->scorer);
    bench_oracle_free(run->oracle);
    lede_summarizer_free(run->probe);
    lede_options_free(run->probe_opts);
    lede_options_free(run->base);
    free(run->rouge_argv);
    free(run->plot_lengths);
    free(run->plot_copy);
    bench_data_free(&run->data);
}
