/* bench_report.c - what `lede bench` writes: the Markdown table on
 * standard output, --json, --per-doc and the --plot SVG. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "cli.h"
#include "json_safe.h"
#include "jsonl.h"

static const char *const kind_names[] = {"method", "baseline", "oracle", "system"};

static const char *metric_name(const bench_run *run, size_t m)
{
    return lede_rouge_metric_name(run->scorer, run->shown[m]);
}

static void budget_text(const bench_run *run, char *buf, size_t size)
{
    switch (run->budget) {
    case BUDGET_DEFAULT:
        snprintf(buf, size, "lede's default number of sentences");
        break;
    case BUDGET_MATCH:
        snprintf(buf, size, "as many sentences as the reference (--match-reference)");
        break;
    default:
        snprintf(buf, size, "%s=%s", run->budget_unit, run->budget_value);
        break;
    }
}

/* ====== Markdown ====== */

/* A table cell: '|' escaped, line breaks as spaces. */
static void md_cell(const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", stdout);
        else if (*s == '\n' || *s == '\r')
            putchar(' ');
        else
            putchar(*s);
    }
}

static void md_header(const bench_run *run)
{
    const bench_data *d = &run->data;
    char budget[128];
    budget_text(run, budget, sizeof budget);
    printf("# lede bench\n\n- data: %s, %zu document%s", d->path, d->count,
           d->count == 1 ? "" : "s");
    if (d->n_sources > 1 || (d->n_sources == 1 && d->sources[0][0])) {
        printf(" (");
        for (size_t s = 0; s < d->n_sources; s++)
            printf("%s%s %zu", s ? ", " : "", d->sources[s][0] ? d->sources[s] : "no source",
                   run->n_groups > 1 ? run->groups[s + 1].count : d->count);
        putchar(')');
    }
    if (d->skipped)
        printf("; %zu left out (--skip-bad)", d->skipped);
    printf("\n- length: %s\n", budget);
    printf("- ROUGE-1.5.5 flags: `%s`%s%s\n", run->rouge_flags,
           run->rouge_unicode ? ", Unicode tokens" : "",
           run->rouge_empty_zero ? ", empty references score 0" : "");
    const char *cf = lede_rouge_confidence_label(run->scorer);
    printf("- scores: F1 x 100 (ROUGE's Average_F) [%s%% confidence interval]; words: mean "
           "summary length\n", cf);
    printf("- paired bootstrap against %s: difference in mean F1 x 100 [%s%% interval], "
           "two-sided p; %zu resamples, seed %llu\n",
           run->entries[0].label, cf, run->resamples, (unsigned long long)run->seed);
    printf("- lede %s\n", lede_version_string());
}

static void md_scores_table(const bench_run *run, const bench_group *g)
{
    printf("| row |");
    for (size_t m = 0; m < run->n_shown; m++)
        printf(" %s F |", metric_name(run, m));
    printf(" words |\n| --- |");
    for (size_t m = 0; m <= run->n_shown; m++)
        printf(" ---: |");
    putchar('\n');
    for (size_t e = 0; e < run->n_entries; e++) {
        printf("| ");
        md_cell(run->entries[e].label);
        printf(" |");
        for (size_t m = 0; m < run->n_shown; m++) {
            const lede_rouge_overall o = g->overall[e * run->n_metrics + run->shown[m]];
            printf(" %.2f [%.2f, %.2f] |", 100 * o.f, 100 * o.f_low, 100 * o.f_high);
        }
        printf(" %.1f |\n", g->mean_words[e]);
    }
}

static void md_paired_table(const bench_run *run, const bench_group *g)
{
    printf("\nPaired bootstrap against %s:\n\n| row |", run->entries[0].label);
    for (size_t m = 0; m < run->n_shown; m++)
        printf(" Δ %s F | p |", metric_name(run, m));
    printf("\n| --- |");
    for (size_t m = 0; m < run->n_shown; m++)
        printf(" ---: | ---: |");
    putchar('\n');
    for (size_t e = 1; e < run->n_entries; e++) {
        printf("| ");
        md_cell(run->entries[e].label);
        printf(" |");
        for (size_t m = 0; m < run->n_shown; m++) {
            const bench_paired *p = &g->paired[e * 3 + m];
            printf(" %+.2f [%+.2f, %+.2f] | %.3f |", 100 * p->diff, 100 * p->low, 100 * p->high,
                   p->p);
        }
        putchar('\n');
    }
}

static void md_rows(const bench_run *run)
{
    printf("\n## Rows\n\n");
    for (size_t e = 0; e < run->n_entries; e++) {
        const bench_entry *entry = &run->entries[e];
        printf("- %s (%s): `%s`", entry->label, kind_names[entry->kind], entry->description);
        if (entry->empty)
            printf("; %zu empty summar%s (%s)", entry->empty, entry->empty == 1 ? "y" : "ies",
                   entry->kind == BENCH_SYSTEM ? "as given, scored 0"
                                               : "no sentence fits the budget");
        putchar('\n');
    }
}

int bench_print_markdown(const bench_run *run)
{
    md_header(run);
    for (size_t g = 0; g < run->n_groups; g++) {
        const bench_group *grp = &run->groups[g];
        if (!grp->name)
            printf("\n## All documents (%zu)\n\n", grp->count);
        else
            printf("\n## %s (%zu)\n\n", grp->name[0] ? grp->name : "No source", grp->count);
        md_scores_table(run, grp);
        if (run->n_entries > 1)
            md_paired_table(run, grp);
    }
    md_rows(run);
    return cli_finish_output(EXIT_OK);
}

/* ====== JSON ====== */

/* A JSON string of `len` bytes of `s`, each byte of an invalid UTF-8
 * sequence as U+FFFD. File names and labels come from the command line,
 * where any bytes are legal (a Latin-1 file name), and JSON holds UTF-8
 * only; so NULL means that memory ran out. */
static json_t *utf8_json(const char *s, size_t len)
{
    if (jsonl_valid_utf8(s, len) == len)
        return json_stringn(s, len);
    jsonl_buf b = {0};
    json_t *j = jsonl_put_replacing_invalid(&b, s, len) == 0 ? json_stringn(b.data, b.len) : NULL;
    jsonl_buf_free(&b);
    return j;
}

static json_t *utf8_string(const char *s)
{
    return utf8_json(s, strlen(s));
}

static json_t *interval(double low, double high)
{
    return json_pack("[f,f]", low, high);
}

static json_t *overall_json(const lede_rouge_overall *o)
{
    return json_pack("{s:f,s:o,s:f,s:o,s:f,s:o}", "R", o->recall,
                     "R_ci", interval(o->recall_low, o->recall_high), "P", o->precision, "P_ci",
                     interval(o->precision_low, o->precision_high), "F", o->f, "F_ci",
                     interval(o->f_low, o->f_high));
}

static json_t *group_row_json(const bench_run *run, const bench_group *g, size_t e)
{
    json_t *scores = json_object();
    int rc = 0;
    for (size_t m = 0; m < run->n_metrics; m++)
        rc |= json_object_set_new(scores, lede_rouge_metric_name(run->scorer, m),
                                  overall_json(&g->overall[e * run->n_metrics + m]));
    json_t *row = json_pack("{s:o,s:f,s:o}", "label", utf8_string(run->entries[e].label),
                            "mean_words", g->mean_words[e], "scores", cli_json_built(scores, rc));
    if (e == 0)
        return row;
    json_t *paired = json_object();
    rc = 0;
    for (size_t m = 0; m < run->n_shown; m++) {
        const bench_paired *p = &g->paired[e * 3 + m];
        rc |= json_object_set_new(paired, metric_name(run, m),
                                  json_pack("{s:f,s:o,s:f}", "diff", p->diff, "ci",
                                            interval(p->low, p->high), "p", p->p));
    }
    rc |= json_object_set_new(row, "paired", cli_json_built(paired, rc));
    return cli_json_built(row, rc);
}

/* A source's name; null for none (the group of every document, and the
 * documents without a source, whose name is ""), as in --per-doc. */
static json_t *source_json(const char *name)
{
    return name && name[0] ? utf8_string(name) : json_null();
}

static json_t *groups_json(const bench_run *run)
{
    json_t *groups = json_array();
    int rc = 0;
    for (size_t g = 0; g < run->n_groups; g++) {
        const bench_group *grp = &run->groups[g];
        json_t *rows = json_array();
        int rows_rc = 0;
        for (size_t e = 0; e < run->n_entries; e++)
            rows_rc |= json_array_append_new(rows, group_row_json(run, grp, e));
        rc |= json_array_append_new(groups, json_pack("{s:b,s:o,s:I,s:o}", "all", g == 0,
                                                      "source", source_json(grp->name),
                                                      "documents", (json_int_t)grp->count,
                                                      "rows", cli_json_built(rows, rows_rc)));
    }
    return cli_json_built(groups, rc);
}

static json_t *data_json(const bench_run *run)
{
    const bench_data *d = &run->data;
    json_t *sources = json_array();
    int rc = 0;
    for (size_t s = 0; s < d->n_sources; s++) {
        size_t count = run->n_groups > 1 ? run->groups[s + 1].count : d->count;
        rc |= json_array_append_new(sources, json_pack("{s:o,s:I}", "name",
                                                       source_json(d->sources[s]), "documents",
                                                       (json_int_t)count));
    }
    return json_pack("{s:o,s:I,s:I,s:o}", "file", utf8_string(d->path), "documents",
                     (json_int_t)d->count, "skipped", (json_int_t)d->skipped, "sources",
                     cli_json_built(sources, rc));
}

static json_t *length_json(const bench_run *run)
{
    if (run->budget == BUDGET_MATCH)
        return json_pack("{s:s}", "option", "match-reference");
    if (run->budget == BUDGET_DEFAULT)
        return json_pack("{s:s}", "option", "default");
    return json_pack("{s:s,s:o}", "option", run->budget_unit, "value",
                     utf8_string(run->budget_value));
}

static json_t *rouge_json(const bench_run *run)
{
    const lede_rouge *r = run->scorer;
    json_t *metrics = json_array(), *shown = json_array();
    int metrics_rc = 0, shown_rc = 0;
    for (size_t m = 0; m < lede_rouge_metric_count(r); m++)
        metrics_rc |= json_array_append_new(metrics, json_string(lede_rouge_metric_name(r, m)));
    for (size_t m = 0; m < run->n_shown; m++)
        shown_rc |= json_array_append_new(shown, json_string(metric_name(run, m)));
    return json_pack("{s:o,s:s,s:s,s:o,s:o,s:s}", "flags", utf8_string(run->rouge_flags),
                     "tokenize", run->rouge_unicode ? "unicode" : "rouge", "empty_reference",
                     run->rouge_empty_zero ? "zero" : "error", "metrics",
                     cli_json_built(metrics, metrics_rc), "shown",
                     cli_json_built(shown, shown_rc), "confidence",
                     lede_rouge_confidence_label(r));
}

static json_t *rows_json(const bench_run *run)
{
    json_t *rows = json_array();
    int rc = 0;
    for (size_t e = 0; e < run->n_entries; e++) {
        const bench_entry *entry = &run->entries[e];
        rc |= json_array_append_new(
            rows, json_pack("{s:o,s:s,s:o,s:I,s:I}", "label", utf8_string(entry->label), "kind",
                            kind_names[entry->kind], "options", utf8_string(entry->description),
                            "empty_summaries", (json_int_t)entry->empty, "unused_summaries",
                            (json_int_t)entry->unused));
    }
    return cli_json_built(rows, rc);
}

static json_t *plot_json(const bench_run *run)
{
    json_t *lengths = json_array(), *rows = json_array();
    int lengths_rc = 0, rc = 0;
    for (size_t l = 0; l < run->n_plot_lengths; l++)
        lengths_rc |= json_array_append_new(lengths, utf8_string(run->plot_lengths[l]));
    for (size_t e = 0; e < run->n_entries; e++) {
        const bench_entry *entry = &run->entries[e];
        json_t *points = json_array();
        int points_rc = 0;
        size_t n = entry->kind == BENCH_SYSTEM ? 1 : run->n_plot_lengths;
        for (size_t l = 0; l < n; l++) {
            const bench_point *p = &entry->points[l];
            json_t *pt = json_pack("{s:s,s:f}", "budget", entry->kind == BENCH_SYSTEM ? "as given"
                                                                                      : p->budget,
                                   "words", p->words);
            int pt_rc = 0;
            for (size_t m = 0; m < run->n_shown; m++)
                pt_rc |= json_object_set_new(pt, metric_name(run, m), json_real(p->f[m]));
            points_rc |= json_array_append_new(points, cli_json_built(pt, pt_rc));
        }
        rc |= json_array_append_new(rows, json_pack("{s:o,s:o}", "label",
                                                    utf8_string(entry->label), "points",
                                                    cli_json_built(points, points_rc)));
    }
    return json_pack("{s:s,s:o,s:s,s:o}", "option", run->plot_unit, "lengths",
                     cli_json_built(lengths, lengths_rc), "score", "mean of the documents' F",
                     "rows", cli_json_built(rows, rc));
}

/* Opens an output file; NULL after a message. */
static FILE *open_output(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        cli_warn("%s: %s", path, strerror(errno));
    return f;
}

static int close_output(FILE *f, const char *path, int failed)
{
    failed |= ferror(f);
    failed |= fclose(f) != 0;
    if (failed) {
        cli_warn("%s: cannot write: %s", path, errno ? strerror(errno) : "out of memory");
        return EXIT_OUTPUT;
    }
    return EXIT_OK;
}

static const size_t json_flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10);

int bench_write_json(const bench_run *run, const char *path)
{
    /* As digits: a seed may be any 64-bit number, beyond jansson's
     * integers (signed) and what many JSON readers hold exactly. */
    char seed[24];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)run->seed);
    json_t *command = json_array();
    int rc = json_array_append_new(command, json_string("lede"));
    for (int i = 0; i < run->argc; i++)
        rc |= json_array_append_new(command, utf8_string(run->argv[i]));
    json_t *root = json_pack(
        "{s:s,s:o,s:o,s:o,s:o,s:{s:o,s:I,s:s,s:s},s:o,s:o}", "lede_version",
        lede_version_string(), "command", cli_json_built(command, rc), "data", data_json(run), "length",
        length_json(run), "rouge", rouge_json(run), "paired_bootstrap", "reference",
        utf8_string(run->entries[0].label), "resamples", (json_int_t)run->resamples, "seed", seed,
        "statistic",
        "difference in mean per-document F; p two-sided, from resamples shifted to no "
        "difference (docs/benchmarking.md)",
        "rows", rows_json(run), "groups", groups_json(run));
    if (root && run->n_plot_lengths && run->entries[0].points)
        root = cli_json_built(root, json_object_set_new(root, "plot", plot_json(run)));
    char *text = root ? cli_json_text(root, json_flags) : NULL;
    json_decref(root);
    if (!text) {
        cli_warn("%s: out of memory", path);
        return EXIT_INPUT;
    }
    FILE *f = open_output(path);
    int failed = !f || fputs(text, f) == EOF || fputc('\n', f) == EOF;
    free(text);
    return f ? close_output(f, path, failed) : EXIT_OUTPUT;
}

/* ====== Per document ====== */

/* The sentences as a JSON array; NULL when one cannot be added, so that a
 * summary is never written with sentences missing. */
static json_t *text_json(const bench_text *t)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < t->count; i++) {
        /* UTF-8 already: the readers check it, and lede's summaries are. */
        if (json_array_append_new(a, json_stringn(t->sentences[i], t->lengths[i])) != 0) {
            json_decref(a);
            a = NULL;
        }
    }
    return a;
}

static json_t *doc_row_json(const bench_run *run, size_t e, size_t d)
{
    const bench_doc *doc = &run->data.docs[d];
    const bench_text *sum = &run->entries[e].summaries[d];
    const lede_rouge *r = run->scorer;
    json_t *scores = json_object();
    int rc = 0;
    for (size_t m = 0; m < lede_rouge_metric_count(r); m++) {
        lede_rouge_score s;
        bench_doc_score(run, e, d, m, &s);
        rc |= json_object_set_new(scores, lede_rouge_metric_name(r, m),
                                  json_pack("{s:f,s:f,s:f}", "R", s.recall, "P", s.precision,
                                            "F", s.f));
    }
    return json_pack("{s:o,s:o,s:o,s:I,s:o,s:o}", "id", utf8_string(doc->id), "source",
                     source_json(run->data.sources[doc->source]), "row",
                     utf8_string(run->entries[e].label), "words", (json_int_t)bench_text_words(sum),
                     "summary", text_json(sum), "scores", cli_json_built(scores, rc));
}

int bench_write_per_doc(const bench_run *run, const char *path)
{
    FILE *f = open_output(path);
    if (!f)
        return EXIT_OUTPUT;
    int failed = 0, no_memory = 0;
    for (size_t d = 0; !failed && d < run->data.count; d++) {
        for (size_t e = 0; !failed && e < run->n_entries; e++) {
            json_t *line = doc_row_json(run, e, d);
            int rc =
                line ? cli_write_json(f, line,
                                      JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))
                     : -1;
            json_decref(line);
            no_memory = rc == -1;
            failed = rc != 0;
        }
    }
    if (no_memory) {
        fclose(f);
        cli_warn("%s: out of memory", path);
        return EXIT_INPUT;
    }
    return close_output(f, path, failed);
}

/* ====== The plot ====== */

enum { PANEL_W = 320, PANEL_H = 260, LEFT = 52, RIGHT = 12, TOP = 34, BOTTOM = 44, LINE_H = 18 };

static const char *const palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                      "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

/* An axis from lo to hi in steps of 1, 2 or 5 times a power of ten. */
typedef struct axis {
    double lo, hi, step;
} axis;

static axis nice_axis(double lo, double hi)
{
    if (!(hi > lo)) {
        lo -= 1;
        hi += 1;
    }
    double raw = (hi - lo) / 5, mag = pow(10, floor(log10(raw))), step = mag;
    if (raw / mag > 5)
        step = 10 * mag;
    else if (raw / mag > 2)
        step = 5 * mag;
    else if (raw / mag > 1)
        step = 2 * mag;
    return (axis){floor(lo / step) * step, ceil(hi / step) * step, step};
}

/* SVG text, markup escaped (labels are UTF-8 already: utf8_copy). */
static void svg_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        default:
            fputc(*s, f);
        }
    }
}

static size_t point_count(const bench_run *run, const bench_entry *e)
{
    return e->kind == BENCH_SYSTEM ? 1 : run->n_plot_lengths;
}

typedef struct panel {
    double x0, y0; /* top left of the plotting area */
    double w, h;
    axis x, y;
} panel;

static double px(const panel *p, double words)
{
    return p->x0 + (words - p->x.lo) / (p->x.hi - p->x.lo) * p->w;
}

static double py(const panel *p, double f)
{
    return p->y0 + p->h - (100 * f - p->y.lo) / (p->y.hi - p->y.lo) * p->h;
}

static void svg_axes(FILE *f, const panel *p, const char *title)
{
    fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
               "stroke=\"#444\"/>\n", p->x0, p->y0, p->w, p->h);
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"bold\">",
            p->x0 + p->w / 2, p->y0 - 12);
    svg_text(f, title);
    fputs(" F x 100</text>\n", f);
    for (double v = p->x.lo; v <= p->x.hi + p->x.step / 2; v += p->x.step) {
        double x = p->x0 + (v - p->x.lo) / (p->x.hi - p->x.lo) * p->w;
        fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%g</text>\n",
                x, p->y0, x, p->y0 + p->h, x, p->y0 + p->h + 14, v);
    }
    for (double v = p->y.lo; v <= p->y.hi + p->y.step / 2; v += p->y.step) {
        double y = p->y0 + p->h - (v - p->y.lo) / (p->y.hi - p->y.lo) * p->h;
        fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                   "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%g</text>\n",
                p->x0, y, p->x0 + p->w, y, p->x0 - 4, y + 4, v);
    }
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">mean summary length "
               "(words)</text>\n", p->x0 + p->w / 2, p->y0 + p->h + 32);
}

static void svg_series(FILE *f, const bench_run *run, const panel *p, size_t e, size_t m)
{
    const bench_entry *entry = &run->entries[e];
    const char *color = palette[e % (sizeof palette / sizeof palette[0])];
    size_t n = point_count(run, entry);
    fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"%s points=\"", color,
            entry->kind == BENCH_METHOD ? "" : " stroke-dasharray=\"5 3\"");
    for (size_t l = 0; l < n; l++)
        fprintf(f, "%s%.1f,%.1f", l ? " " : "", px(p, entry->points[l].words),
                py(p, entry->points[l].f[m]));
    fputs("\"/>\n", f);
    for (size_t l = 0; l < n; l++) {
        const bench_point *pt = &entry->points[l];
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>", px(p, pt->words),
                py(p, pt->f[m]), color);
        svg_text(f, entry->label);
        fprintf(f, " %s: %.1f words, %.2f</title></circle>\n",
                entry->kind == BENCH_SYSTEM ? "as given" : pt->budget, pt->words, 100 * pt->f[m]);
    }
}

/* The range of the points on measure m (words when m is (size_t)-1). */
static void point_range(const bench_run *run, size_t m, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t e = 0; e < run->n_entries; e++) {
        const bench_entry *entry = &run->entries[e];
        for (size_t l = 0; l < point_count(run, entry); l++) {
            double v = m == (size_t)-1 ? entry->points[l].words : 100 * entry->points[l].f[m];
            *lo = v < *lo ? v : *lo;
            *hi = v > *hi ? v : *hi;
        }
    }
}

int bench_write_plot(const bench_run *run, const char *path)
{
    FILE *f = open_output(path);
    if (!f)
        return EXIT_OUTPUT;
    double wlo, whi;
    point_range(run, (size_t)-1, &wlo, &whi);
    axis x = nice_axis(0, whi);
    double width = (double)PANEL_W * (double)run->n_shown;
    double height = PANEL_H + 16 + LINE_H * (double)run->n_entries;
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
               "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"11\">\n"
               "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
            width, height, width, height);
    for (size_t m = 0; m < run->n_shown; m++) {
        double lo, hi;
        point_range(run, m, &lo, &hi);
        panel p = {(double)PANEL_W * (double)m + LEFT, TOP, PANEL_W - LEFT - RIGHT,
                   PANEL_H - TOP - BOTTOM, x, nice_axis(lo, hi)};
        fprintf(f, "<g class=\"panel\" id=\"%s\">\n", metric_name(run, m));
        svg_axes(f, &p, metric_name(run, m));
        for (size_t e = 0; e < run->n_entries; e++)
            svg_series(f, run, &p, e, m);
        fputs("</g>\n", f);
    }
    for (size_t e = 0; e < run->n_entries; e++) {
        double y = PANEL_H + 8 + LINE_H * (double)e;
        const bench_entry *entry = &run->entries[e];
        fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
                   "stroke-width=\"2\"%s/><text x=\"%d\" y=\"%.1f\">",
                LEFT, y, LEFT + 24, y, palette[e % (sizeof palette / sizeof palette[0])],
                entry->kind == BENCH_METHOD ? "" : " stroke-dasharray=\"5 3\"", LEFT + 30, y + 4);
        svg_text(f, entry->label);
        fprintf(f, " (%s)</text>\n", kind_names[entry->kind]);
    }
    fputs("</svg>\n", f);
    return close_output(f, path, 0);
}
