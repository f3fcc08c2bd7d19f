/* html_bench.c - runs lede_extract_html over saved pages and writes, per
 * page, the extracted text and the CPU time it took (the median of several
 * runs), beside the time libxml2's HTML parser alone takes on the same bytes
 * (the floor any libxml2-based extractor pays). One JSON object per line.
 *
 *   html_bench [--repeat N] FILE...
 *
 * bench/html_score.py builds this program, runs it and scores the output. */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lede.h"

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, compare_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* libxml2's parse alone, with the options lede uses. */
static double parse_only_ms(const char *data, size_t len)
{
    double t0 = cpu_ms();
    htmlDocPtr doc = htmlReadMemory(data, (int)len, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                        HTML_PARSE_COMPACT);
    xmlFreeDoc(doc);
    return cpu_ms() - t0;
}

static json_t *run_page(const char *path, int repeat, double *times, double *parse_times)
{
    size_t len;
    char *data = read_file(path, &len);
    json_t *o = json_object();
    json_object_set_new(o, "file", json_string(path));
    if (!data) {
        json_object_set_new(o, "status", json_string("cannot read"));
        return o;
    }
    lede_document *doc = NULL;
    lede_error *err = NULL;
    lede_status st = LEDE_OK;
    for (int r = 0; r < repeat; r++) {
        lede_document_free(doc);
        doc = NULL;
        lede_error_free(err);
        err = NULL;
        double t0 = cpu_ms();
        st = lede_extract_html(data, len, NULL, &doc, &err);
        times[r] = cpu_ms() - t0;
        parse_times[r] = parse_only_ms(data, len);
    }
    json_object_set_new(o, "ms", json_real(median(times, repeat)));
    json_object_set_new(o, "parse_ms", json_real(median(parse_times, repeat)));
    json_object_set_new(o, "bytes", json_integer((json_int_t)len));
    if (st == LEDE_OK) {
        size_t n;
        const char *text = lede_document_text(doc, &n);
        json_object_set_new(o, "status", json_string("ok"));
        json_object_set_new(o, "text", json_stringn(text, n));
        const char *title = lede_document_title(doc);
        if (title)
            json_object_set_new(o, "title", json_string(title));
    } else {
        json_object_set_new(o, "status", json_string(lede_strerror(st)));
        json_object_set_new(o, "error", json_string(lede_error_message(err)));
    }
    lede_document_free(doc);
    lede_error_free(err);
    free(data);
    return o;
}

int main(int argc, char **argv)
{
    int repeat = 5, first = 1;
    if (argc > 2 && strcmp(argv[1], "--repeat") == 0) {
        repeat = atoi(argv[2]);
        first = 3;
    }
    if (repeat < 1 || repeat > 1000 || first >= argc) {
        fputs("usage: html_bench [--repeat N] FILE...\n", stderr);
        return 2;
    }
    double *times = malloc(sizeof *times * (size_t)repeat);
    double *parse_times = malloc(sizeof *parse_times * (size_t)repeat);
    if (!times || !parse_times)
        return 1;
    for (int i = first; i < argc; i++) {
        json_t *o = run_page(argv[i], repeat, times, parse_times);
        char *line = json_dumps(o, JSON_COMPACT);
        puts(line);
        free(line);
        json_decref(o);
    }
    free(times);
    free(parse_times);
    return fflush(stdout) == 0 ? 0 : 3;
}
