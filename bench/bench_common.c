/* bench_common.c - the shared loop of the benchmark programs. */
#define _POSIX_C_SOURCE 200809L
#include "bench_common.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int add_doc(bench_corpus *c, size_t *cap, const char *id, const char *text, size_t len)
{
    if (c->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 256;
        bench_doc *d = realloc(c->docs, ncap * sizeof *d);
        if (!d)
            return -1;
        c->docs = d;
        *cap = ncap;
    }
    bench_doc *d = &c->docs[c->count];
    d->id = strdup(id);
    d->text = malloc(len + 1);
    if (!d->id || !d->text) {
        free(d->id);
        free(d->text);
        return -1;
    }
    memcpy(d->text, text, len);
    d->text[len] = '\0';
    d->len = len;
    c->count++;
    c->bytes += len;
    return 0;
}

int bench_load(const char *path, bench_corpus *c)
{
    memset(c, 0, sizeof *c);
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char *line = NULL;
    size_t line_cap = 0, cap = 0, lineno = 0;
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &line_cap, f)) >= 0) {
        lineno++;
        if (n == 0 || (n == 1 && line[0] == '\n'))
            continue;
        json_error_t jerr;
        json_t *obj = json_loadb(line, (size_t)n, 0, &jerr);
        json_t *id = json_object_get(obj, "id");
        json_t *text = json_object_get(obj, "text");
        if (!obj) {
            fprintf(stderr, "%s:%zu:%d: %s\n", path, lineno, jerr.column, jerr.text);
            rc = -1;
        } else if (!json_is_string(id) || !json_is_string(text)) {
            fprintf(stderr, "%s:%zu: no string \"id\" and \"text\"\n", path, lineno);
            rc = -1;
        } else if (add_doc(c, &cap, json_string_value(id), json_string_value(text),
                           json_string_length(text)) != 0) {
            fprintf(stderr, "%s:%zu: out of memory\n", path, lineno);
            rc = -1;
        }
        json_decref(obj);
    }
    if (rc == 0 && ferror(f)) {
        perror(path);
        rc = -1;
    }
    if (rc == 0 && c->count == 0) {
        fprintf(stderr, "%s: no documents\n", path);
        rc = -1;
    }
    free(line);
    fclose(f);
    if (rc != 0)
        bench_free(c);
    return rc;
}

void bench_free(bench_corpus *c)
{
    for (size_t i = 0; i < c->count; i++) {
        free(c->docs[i].id);
        free(c->docs[i].text);
    }
    free(c->docs);
    memset(c, 0, sizeof *c);
}

int bench_parse_args(int argc, char **argv, const char *usage, bench_options *o)
{
    o->data = NULL;
    o->runs = 5;
    o->warmup = 20;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        char *end = NULL;
        if ((strcmp(a, "--runs") == 0 || strcmp(a, "--warmup") == 0) && i + 1 < argc) {
            long v = strtol(argv[++i], &end, 10);
            if (*end != '\0' || v < (a[2] == 'r' ? 1 : 0) || v > 1000) {
                fprintf(stderr, "%s: bad value '%s'\n%s", a, argv[i], usage);
                return -1;
            }
            if (a[2] == 'r')
                o->runs = (int)v;
            else
                o->warmup = (int)v;
        } else if (a[0] != '-' && !o->data) {
            o->data = a;
        } else {
            fprintf(stderr, "unknown argument '%s'\n%s", a, usage);
            return -1;
        }
    }
    if (!o->data) {
        fprintf(stderr, "%s", usage);
        return -1;
    }
    return 0;
}

int bench_setup(int argc, char **argv, const char *usage, bench_options *o, bench_corpus *c)
{
    if (bench_parse_args(argc, argv, usage, o) != 0)
        return 2;
    return bench_load(o->data, c) != 0 ? 1 : 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The p-quantile of sorted values, nearest rank. */
static double quantile(const double *sorted, size_t n, double p)
{
    size_t rank = (size_t)(p * (double)n + 0.999999);
    if (rank < 1)
        rank = 1;
    return sorted[(rank > n ? n : rank) - 1];
}

int bench_run(const char *method, const bench_options *o, const bench_corpus *c,
              bench_summarize_fn fn, void *state)
{
    for (int i = 0; i < o->warmup; i++)
        if (fn(state, &c->docs[(size_t)i % c->count]) != 0)
            return -1;
    double *lat = malloc(c->count * sizeof *lat);
    double *seconds = malloc((size_t)o->runs * sizeof *seconds);
    if (!lat || !seconds) {
        free(lat);
        free(seconds);
        fprintf(stderr, "out of memory\n");
        return -1;
    }
    int rc = 0;
    for (int r = 0; r < o->runs && rc == 0; r++) {
        double start = bench_now();
        for (size_t i = 0; i < c->count && rc == 0; i++) {
            double t0 = bench_now();
            rc = fn(state, &c->docs[i]);
            lat[i] = (bench_now() - t0) * 1e3;
        }
        seconds[r] = bench_now() - start;
        if (rc != 0)
            break;
        qsort(lat, c->count, sizeof *lat, cmp_double);
        printf("RESULT method=%s run=%d docs=%zu bytes=%zu seconds=%.6f p50_ms=%.4f "
               "p90_ms=%.4f p99_ms=%.4f max_ms=%.4f\n",
               method, r + 1, c->count, c->bytes, seconds[r], quantile(lat, c->count, 0.5),
               quantile(lat, c->count, 0.9), quantile(lat, c->count, 0.99), lat[c->count - 1]);
    }
    if (rc == 0) {
        qsort(seconds, (size_t)o->runs, sizeof *seconds, cmp_double);
        double med = seconds[o->runs / 2];
        if (o->runs % 2 == 0)
            med = (med + seconds[o->runs / 2 - 1]) / 2;
        printf("%s: %zu documents, %.2f MB, median of %d runs: %.3f s, %.1f docs/s, %.3f MB/s\n",
               method, c->count, (double)c->bytes / 1e6, o->runs, med,
               (double)c->count / med, (double)c->bytes / 1e6 / med);
    }
    free(lat);
    free(seconds);
    return rc;
}
