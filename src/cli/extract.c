/* extract.c - `lede extract`: the article of saved web pages and XML
 * documents, as text or JSON. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "input.h"
#include "output.h"

static const char extract_help[] =
    "Usage: lede extract [OPTIONS] [FILE...]\n"
    "Print the article of each saved web page or XML document FILE (standard\n"
    "input when none or '-'): its title, then its paragraphs, separated by blank\n"
    "lines. Navigation, advertisements, comments, related links, footers,\n"
    "scripts and styles are left out.\n"
    "\n"
    "  -f, --format FMT      text (default) or json (title, metadata, the text and\n"
    "                        each paragraph's span, kind and line in the page)\n"
    "      --input KIND      auto (default: XML when it looks like XML, else HTML,\n"
    "                        as a browser reads text), html or xml\n"
    "      --xpath EXPR      XML: read the text of the nodes EXPR selects\n"
    "      --encoding NAME   the page's encoding, instead of detecting it\n"
    "      --whole-page      keep the text of the whole page, not only the article\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0 success, 1 input or data error (including a page without an\n"
    "article), 2 usage error, 3 output error.\n";

enum { OPT_INPUT = 256, OPT_XPATH, OPT_ENCODING, OPT_WHOLE_PAGE };

static const struct option extract_options[] = {
    {"format", required_argument, NULL, 'f'},
    {"input", required_argument, NULL, OPT_INPUT},
    {"xpath", required_argument, NULL, OPT_XPATH},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"whole-page", no_argument, NULL, OPT_WHOLE_PAGE},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

typedef struct extract_config {
    enum cli_format format;
    enum cli_input_kind input;
    const char *xpath;
    lede_extract_options *opts;
} extract_config;

static const char *para_kind_name(unsigned kind)
{
    static const char *const names[] = {"paragraph", "heading", "list_item",
                                        "quote",     "pre",     "table_cell"};
    return kind < sizeof names / sizeof names[0] ? names[kind] : "paragraph";
}

static json_t *paragraph_json(const lede_document *doc, const lede_paragraph *p)
{
    const char *text = lede_document_text(doc, NULL);
    json_t *o = json_object();
    if (!o)
        return NULL;
    int rc = 0;
    rc |= json_object_set_new(o, "start", json_integer((json_int_t)p->start));
    rc |= json_object_set_new(o, "end", json_integer((json_int_t)p->end));
    rc |= json_object_set_new(o, "kind", json_string(para_kind_name(p->kind)));
    rc |= json_object_set_new(o, "source_line", json_integer((json_int_t)p->source_line));
    rc |= json_object_set_new(o, "text", json_stringn(text + p->start, p->end - p->start));
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *document_json(const char *input, const lede_document *doc)
{
    json_t *root = json_object();
    json_t *list = json_array();
    if (!root || !list) {
        json_decref(root);
        json_decref(list);
        return NULL;
    }
    size_t len;
    const char *text = lede_document_text(doc, &len);
    int rc = 0;
    rc |= json_object_set_new(root, "lede_version", json_string(lede_version_string()));
    rc |= json_object_set_new(root, "input", json_string(input));
    rc |= cli_document_meta_json(root, doc);
    rc |= json_object_set_new(root, "text", json_stringn(text, len));
    for (size_t i = 0; i < lede_document_paragraph_count(doc) && !rc; i++) {
        json_t *item = paragraph_json(doc, lede_document_paragraph(doc, i));
        rc |= item ? json_array_append_new(list, item) : -1;
    }
    rc |= json_object_set_new(root, "paragraphs", list);
    if (rc) {
        json_decref(root);
        return NULL;
    }
    return root;
}

static void print_text(const char *display, const lede_document *doc, size_t nfiles,
                       size_t index)
{
    if (nfiles > 1)
        printf("%s==> %s <==\n", index > 0 ? "\n" : "", display);
    const char *title = lede_document_title(doc);
    if (title)
        printf("%s\n\n", title);
    size_t len;
    const char *text = lede_document_text(doc, &len);
    fwrite(text, 1, len, stdout);
    fputc('\n', stdout);
}

static int run_files(const extract_config *cfg, char **files, size_t nfiles)
{
    json_t *json_all;
    if (cli_json_files_array(cfg->format, nfiles, &json_all) != 0)
        return cli_out_of_memory();
    cli_extract_config ecfg = {cfg->opts, cfg->xpath, 0};
    enum cli_input_kind kind = cfg->input;
    int status = EXIT_OK;
    for (size_t i = 0; i < nfiles; i++) {
        cli_input in;
        if (cli_read_input(files[i], &in) != 0) {
            status = EXIT_INPUT;
            continue;
        }
        cli_prepared prep;
        /* extract reads pages: what does not look like XML is HTML. */
        enum cli_input_kind k = kind;
        if (k == INPUT_AUTO && !cfg->xpath)
            k = cli_detect_input(in.data, in.len) == INPUT_XML ? INPUT_XML : INPUT_HTML;
        if (cli_prepare(&in, k, &ecfg, &prep) != 0) {
            status = EXIT_INPUT;
        } else if (cfg->format == FORMAT_TEXT) {
            print_text(in.display, prep.doc, nfiles, i);
        } else {
            json_t *obj = document_json(in.display, prep.doc);
            int rc = obj ? 0 : -1;
            if (obj && json_all)
                rc = json_array_append_new(json_all, obj);
            else if (obj) {
                rc = cli_print_json(obj, 0);
                json_decref(obj);
            }
            if (rc != 0) {
                status = cli_out_of_memory();
            }
        }
        cli_prepared_free(&prep);
        cli_input_free(&in);
    }
    if (json_all) {
        if (json_array_size(json_all) > 0 && cli_print_json(json_all, 0) != 0) {
            status = cli_out_of_memory();
        }
        json_decref(json_all);
    }
    return status;
}

static int apply_option(extract_config *cfg, int c, const char *arg)
{
    switch (c) {
    case 'f': {
        int f = cli_parse_format(arg, (1u << FORMAT_TEXT) | (1u << FORMAT_JSON));
        if (f < 0)
            return cli_usage_error("extract", "--format: unknown format '%s'", arg);
        cfg->format = (enum cli_format)f;
        return 0;
    }
    case OPT_INPUT:
        if (cli_parse_input_kind(arg, &cfg->input) != 0 || cfg->input == INPUT_TEXT)
            return cli_usage_error("extract", "--input: '%s' is not auto, html or xml", arg);
        return 0;
    case OPT_XPATH:
        cfg->xpath = arg;
        return 0;
    case OPT_ENCODING:
        if (lede_extract_options_set_encoding(cfg->opts, arg) != LEDE_OK)
            return cli_usage_error("extract", "--encoding: '%s' is too long", arg);
        return 0;
    case OPT_WHOLE_PAGE:
        lede_extract_options_set_flags(cfg->opts, LEDE_EXTRACT_WHOLE_PAGE);
        return 0;
    default:
        return cli_usage_error("extract", "invalid option");
    }
}

int cli_extract(int argc, char **argv)
{
    extract_config cfg = {FORMAT_TEXT, INPUT_AUTO, NULL, lede_extract_options_new()};
    if (!cfg.opts) {
        return cli_out_of_memory();
    }
    int status = EXIT_OK;
    opterr = 0;
    optind = 1;
    int c;
    while (status == EXIT_OK && (c = getopt_long(argc, argv, "+f:h", extract_options, NULL)) != -1) {
        if (c == 'h') {
            fputs(extract_help, stdout);
            lede_extract_options_free(cfg.opts);
            return cli_finish_output(EXIT_OK);
        }
        if (c == '?' || c == ':') {
            status = optopt && c == '?'
                         ? cli_usage_error("extract", "unknown option '-%c'", optopt)
                         : cli_usage_error("extract", "unknown or incomplete option '%s'",
                                           argv[optind - 1]);
            break;
        }
        status = apply_option(&cfg, c, optarg);
    }
    if (status == EXIT_OK && cfg.xpath && cfg.input == INPUT_HTML)
        status = cli_usage_error("extract", "--xpath reads XML, not --input html");
    if (status == EXIT_OK) {
        char *stdin_only[] = {"-"};
        char **files = optind < argc ? argv + optind : stdin_only;
        size_t nfiles = optind < argc ? (size_t)(argc - optind) : 1;
        status = cli_finish_output(run_files(&cfg, files, nfiles));
    }
    lede_extract_options_free(cfg.opts);
    return status;
}
