/* summarize.c - `lede summarize` and `lede split`: one driver, two modes. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "input.h"
#include "output.h"
#include "report.h"

enum mode { MODE_SUMMARIZE, MODE_SPLIT };

static const char summarize_help[] =
    "Usage: lede summarize [OPTIONS] [FILE...]\n"
    "Print the most central sentences of each FILE (standard input when none\n"
    "or '-'), verbatim, in document order.\n"
    "\n"
    "Length (the last one given counts; default 5 sentences, fewer for short texts):\n"
    "  -n, --sentences N     at most N sentences\n"
    "      --ratio R         R of the sentences (0 < R <= 1)\n"
    "      --words W         at most W words in all\n"
    "      --chars C         at most C characters in all\n"
    "\n"
    "Ranking:\n"
    "  -l, --lang CODE       language of the text (default en; 'und' for none)\n"
    "      --method M        textrank (default), lexrank, degree, centroid, position,\n"
    "                        or the baselines lead and random\n"
    "      --damping D       TextRank damping factor (default 0.85)\n"
    "      --redundancy T    skip sentences more similar than T to a picked one\n"
    "                        (default 0.8; 1 keeps near-duplicates)\n"
    "      --background-idf W  weight of the model's background IDF (default 0)\n"
    "      --NAME VALUE      any other summarizer option: idf-power, lead-boost,\n"
    "                        lead-span, lead-share, length-prior, length-target,\n"
    "                        title, mmr, threshold, position-*, seed (lede(1))\n"
    "\n"
    "Input and output:\n"
    "  -f, --format FMT      bullets (default), text, json, jsonl or html (one page,\n"
    "                        a section per FILE: the text shaded by score, the\n"
    "                        summary linked to it)\n"
    "      --replace-invalid read invalid UTF-8 and NUL bytes as U+FFFD\n"
    "      --input KIND      auto (default: by content), text, html or xml; a page's\n"
    "                        article is summarized, JSON offsets are into its text\n"
    "      --xpath EXPR      XML: summarize the text of the nodes EXPR selects\n"
    "      --threads N       OpenBLAS threads (default 1)\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0 success, 1 input or data error, 2 usage error, 3 output error.\n";

static const char split_help[] =
    "Usage: lede split [OPTIONS] [FILE...]\n"
    "Print the sentences of each FILE (standard input when none or '-'), one per\n"
    "line, white space inside a sentence collapsed to single spaces.\n"
    "\n"
    "  -l, --lang CODE       language of the text (default en; 'und' for none)\n"
    "  -f, --format FMT      text (default), json or jsonl (with byte spans)\n"
    "      --replace-invalid read invalid UTF-8 and NUL bytes as U+FFFD\n"
    "      --input KIND      auto (default: by content), text, html or xml\n"
    "      --xpath EXPR      XML: split the text of the nodes EXPR selects\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0 success, 1 input or data error, 2 usage error, 3 output error.\n";

enum {
    OPT_RATIO = 256,
    OPT_WORDS,
    OPT_CHARS,
    OPT_DAMPING,
    OPT_REDUNDANCY,
    OPT_BACKGROUND_IDF,
    OPT_REPLACE_INVALID,
    OPT_THREADS,
    OPT_INPUT,
    OPT_XPATH
};

static const struct option summarize_options[] = {
    {"sentences", required_argument, NULL, 'n'},
    {"ratio", required_argument, NULL, OPT_RATIO},
    {"words", required_argument, NULL, OPT_WORDS},
    {"chars", required_argument, NULL, OPT_CHARS},
    {"lang", required_argument, NULL, 'l'},
    {"language", required_argument, NULL, 'l'}, /* the option's name in lede.h */
    {"damping", required_argument, NULL, OPT_DAMPING},
    {"redundancy", required_argument, NULL, OPT_REDUNDANCY},
    {"background-idf", required_argument, NULL, OPT_BACKGROUND_IDF},
    {"format", required_argument, NULL, 'f'},
    {"replace-invalid", no_argument, NULL, OPT_REPLACE_INVALID},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"input", required_argument, NULL, OPT_INPUT},
    {"xpath", required_argument, NULL, OPT_XPATH},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static const struct option split_options[] = {
    {"lang", required_argument, NULL, 'l'},
    {"language", required_argument, NULL, 'l'}, /* as for summarize */
    {"format", required_argument, NULL, 'f'},
    {"replace-invalid", no_argument, NULL, OPT_REPLACE_INVALID},
    {"input", required_argument, NULL, OPT_INPUT},
    {"xpath", required_argument, NULL, OPT_XPATH},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

typedef struct run_config {
    enum mode mode;
    const char *command;
    enum cli_format format;
    int threads;
    lede_options *opts;
    enum cli_input_kind input; /* how files are read; pages are extracted first */
    const char *xpath;
    int lang_given;            /* --lang given: a page's own language is not used */
    cli_report *report;        /* the page of --format html */
} run_config;

/* Applies one option to `cfg`; returns 0 or a usage error status. */
static int apply_option(run_config *cfg, int c, const char *arg)
{
    const char *cmd = cfg->command;
    size_t n;
    double d;
    lede_status st = LEDE_OK;
    switch (c) {
    case 'n':
        return cli_set_sentences(cfg->opts, cmd, arg);
    case OPT_WORDS:
        if (cli_parse_size(arg, &n) != 0)
            return cli_usage_error(cmd, "--words: '%s' is not a positive integer", arg);
        st = lede_options_set_words(cfg->opts, n);
        break;
    case OPT_CHARS:
        if (cli_parse_size(arg, &n) != 0)
            return cli_usage_error(cmd, "--chars: '%s' is not a positive integer", arg);
        st = lede_options_set_chars(cfg->opts, n);
        break;
    case OPT_RATIO:
        if (cli_parse_double(arg, &d) != 0 || lede_options_set_ratio(cfg->opts, d) != LEDE_OK)
            return cli_usage_error(cmd, "--ratio: '%s' is not a number in (0, 1]", arg);
        break;
    case OPT_DAMPING:
        if (cli_parse_double(arg, &d) != 0 || lede_options_set_damping(cfg->opts, d) != LEDE_OK)
            return cli_usage_error(cmd, "--damping: '%s' is not a number in (0, 1)", arg);
        break;
    case OPT_REDUNDANCY:
        if (cli_parse_double(arg, &d) != 0 ||
            lede_options_set_redundancy(cfg->opts, d) != LEDE_OK)
            return cli_usage_error(cmd, "--redundancy: '%s' is not a number in (0, 1]", arg);
        break;
    case OPT_BACKGROUND_IDF:
        if (cli_parse_double(arg, &d) != 0 ||
            lede_options_set_background_idf(cfg->opts, d) != LEDE_OK)
            return cli_usage_error(cmd, "--background-idf: '%s' is not a number in [0, 1]",
                                   arg);
        break;
    case 'l':
        if (lede_options_set_language(cfg->opts, arg) != LEDE_OK)
            return cli_usage_error(cmd, "--lang: '%s' is not a language code", arg);
        cfg->lang_given = 1;
        break;
    case OPT_INPUT:
        if (cli_parse_input_kind(arg, &cfg->input) != 0)
            return cli_usage_error(cmd, "--input: '%s' is not auto, text, html or xml", arg);
        break;
    case OPT_XPATH:
        cfg->xpath = arg;
        break;
    case 'f': {
        unsigned allowed = cfg->mode == MODE_SPLIT
                               ? (1u << FORMAT_TEXT) | (1u << FORMAT_JSON) | (1u << FORMAT_JSONL)
                               : 0x1Fu;
        int f = cli_parse_format(arg, allowed);
        if (f < 0)
            return cli_usage_error(cmd, "--format: unknown format '%s'", arg);
        cfg->format = (enum cli_format)f;
        break;
    }
    case OPT_REPLACE_INVALID:
        st = lede_options_set_input_flags(cfg->opts, LEDE_INPUT_REPLACE_INVALID);
        break;
    case OPT_THREADS:
        if (cli_parse_size(arg, &n) != 0 || n > 1024)
            return cli_usage_error(cmd, "--threads: '%s' is not a number from 1 to 1024", arg);
        cfg->threads = (int)n;
        break;
    default:
        return cli_usage_error(cmd, "invalid option");
    }
    if (st != LEDE_OK)
        return cli_usage_error(cmd, "invalid option value '%s'", arg ? arg : "");
    return 0;
}

/* ====== Output of one document ====== */

static void print_lines(const lede_summary *sum, enum mode mode, const char *prefix)
{
    size_t n = mode == MODE_SPLIT ? lede_summary_total(sum) : lede_summary_count(sum);
    for (size_t i = 0; i < n; i++) {
        const lede_sentence *s =
            mode == MODE_SPLIT ? lede_summary_unit(sum, i) : lede_summary_sentence(sum, i);
        fputs(prefix, stdout);
        fwrite(s->text, 1, s->text_len, stdout);
        fputc('\n', stdout);
    }
}

/* Prints one document's result. `json_all` collects objects for --format
 * json over several files. Returns 0 or -1 when out of memory. */
static int print_result(const run_config *cfg, const cli_input *in, const lede_summary *sum,
                        size_t nfiles, size_t index, json_t *json_all,
                        const lede_document *doc)
{
    switch (cfg->format) {
    case FORMAT_BULLETS:
    case FORMAT_TEXT:
        if (nfiles > 1)
            printf("%s==> %s <==\n", index > 0 ? "\n" : "", in->display);
        print_lines(sum, cfg->mode, cfg->format == FORMAT_BULLETS ? "- " : "");
        return 0;
    case FORMAT_JSON:
    case FORMAT_JSONL: {
        json_t *obj = cli_summary_json(in->display, sum, cfg->mode == MODE_SPLIT);
        if (!obj || (doc && cli_document_json(obj, doc) != 0)) {
            json_decref(obj);
            return -1;
        }
        if (json_all)
            return json_array_append_new(json_all, obj);
        int rc = cli_print_json(obj, cfg->format == FORMAT_JSONL);
        json_decref(obj);
        return rc;
    }
    case FORMAT_HTML:
        cli_report_section(cfg->report, in, sum, doc);
        return 0;
    }
    return 0;
}

/* ====== Driver ====== */

static int run_files(run_config *cfg, char **files, size_t nfiles)
{
    /* --replace-invalid: also for UTF-16 text, converted by cli_prepare. */
    int replace = cli_replace_invalid(cfg->opts);
    if (replace < 0)
        return cli_out_of_memory();
    lede_summarizer *s;
    lede_error *err = NULL;
    lede_status st = lede_summarizer_new(cfg->opts, &s, &err);
    if (st != LEDE_OK) {
        const char *msg = err ? lede_error_message(err) : lede_strerror(st);
        int code = EXIT_INPUT;
        if (st == LEDE_ERR_UNKNOWN_LANGUAGE)
            code = cli_usage_error(cfg->command, "%s", msg);
        else
            cli_warn("%s", msg);
        lede_error_free(err);
        return code;
    }
    json_t *json_all;
    if (cli_json_files_array(cfg->format, nfiles, &json_all) != 0) {
        lede_summarizer_free(s);
        return cli_out_of_memory();
    }
    cli_report report;
    cli_report_init(&report, stdout, nfiles);
    cfg->report = &report;
    int status = EXIT_OK;
    /* Kept from page to page: pages in one language share a summarizer. */
    cli_page_summarizer pages = {0};
    for (size_t i = 0; i < nfiles; i++) {
        cli_input in;
        if (cli_read_input(files[i], &in) != 0) {
            status = EXIT_INPUT;
            continue;
        }
        /* Pages and XML documents are summarized through their extracted text. */
        cli_prepared prep;
        cli_extract_config ecfg = {NULL, cfg->xpath, replace};
        if (cli_prepare(&in, cfg->input, &ecfg, &prep) != 0) {
            cli_input_free(&in);
            status = EXIT_INPUT;
            continue;
        }
        lede_summarizer *use;
        char warning[256];
        st = cli_page_summarizer_get(&pages, prep.doc, cfg->opts, cfg->lang_given, s, &use,
                                     warning, sizeof warning);
        if (warning[0])
            cli_warn("%s: %s", in.display, warning);
        lede_summary *sum = NULL;
        if (st == LEDE_OK)
            st = cfg->mode == MODE_SPLIT
                     ? lede_summarizer_split(use, prep.text, prep.len, cfg->opts, &sum, &err)
                     : lede_summarizer_run(use, prep.text, prep.len, cfg->opts, &sum, &err);
        if (st != LEDE_OK) {
            cli_report_error(in.display, err, st);
            lede_error_free(err);
            err = NULL;
            status = EXIT_INPUT;
        } else if (print_result(cfg, &in, sum, nfiles, i, json_all, prep.doc) != 0) {
            status = cli_out_of_memory();
        }
        lede_summary_free(sum);
        cli_prepared_free(&prep);
        cli_input_free(&in);
    }
    if (json_all) {
        if (json_array_size(json_all) > 0 && cli_print_json(json_all, 0) != 0) {
            status = cli_out_of_memory();
        }
        json_decref(json_all);
    }
    cli_report_finish(&report);
    cfg->report = NULL; /* `report` ends here */
    cli_page_summarizer_free(&pages);
    lede_summarizer_free(s);
    return status;
}

static int run_command(enum mode mode, int argc, char **argv)
{
    run_config cfg = {mode, mode == MODE_SPLIT ? "split" : "summarize",
                      mode == MODE_SPLIT ? FORMAT_TEXT : FORMAT_BULLETS, 0, lede_options_new(),
                      INPUT_AUTO, NULL, 0, NULL};
    if (!cfg.opts) {
        return cli_out_of_memory();
    }
    /* summarize takes every summarizer option by name; split needs none. */
    struct option *longopts =
        cli_long_options(mode == MODE_SPLIT ? split_options : summarize_options);
    if (!longopts) {
        lede_options_free(cfg.opts);
        return cli_out_of_memory();
    }
    /* Leading ':' makes getopt report a missing argument as ':'. */
    const char *shortopts = mode == MODE_SPLIT ? ":l:f:h" : ":n:l:f:h";
    int status = EXIT_OK;
    opterr = 0;
    optind = 1;
    int c;
    while (status == EXIT_OK && (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(mode == MODE_SPLIT ? split_help : summarize_help, stdout);
            lede_options_free(cfg.opts);
            free(longopts);
            return cli_finish_output(EXIT_OK);
        }
        if (c == ':') {
            status = cli_usage_error(cfg.command, "option '%s' needs a value", argv[optind - 1]);
            break;
        }
        if (c == '?') {
            status = optopt ? cli_usage_error(cfg.command, "unknown option '-%c'", optopt)
                            : cli_usage_error(cfg.command, "unknown option '%s'",
                                              argv[optind - 1]);
            break;
        }
        if (mode == MODE_SUMMARIZE && c >= CLI_NAMED_OPTION) {
            status = cli_apply_named_option(cfg.opts, cfg.command, c, optarg);
        } else if (c >= CLI_NAMED_OPTION) {
            status = cli_usage_error(cfg.command, "'--%s' applies to summarize, not split",
                                     lede_option_name((size_t)(c - CLI_NAMED_OPTION)));
        } else {
            status = apply_option(&cfg, c, optarg);
        }
    }
    free(longopts);
    if (status == EXIT_OK) {
        cli_set_blas_threads(cfg.threads);
        char *stdin_only[] = {"-"};
        char **files = optind < argc ? argv + optind : stdin_only;
        size_t nfiles = optind < argc ? (size_t)(argc - optind) : 1;
        status = cli_finish_output(run_files(&cfg, files, nfiles));
    }
    lede_options_free(cfg.opts);
    return status;
}

int cli_summarize(int argc, char **argv)
{
    return run_command(MODE_SUMMARIZE, argc, argv);
}

int cli_split(int argc, char **argv)
{
    return run_command(MODE_SPLIT, argc, argv);
}
