/* fuzz_rouge_files.c - libFuzzer target for the summary files and the XML
 * settings file that ROUGE reads (the API takes them by path only, so each
 * input is written to files in a folder of its own under $TMPDIR).
 *
 * First byte below 0x80: summary files, in format SPL, SEE or ISI (the byte
 * modulo 3); the rest is the peer file and one to three model files,
 * separated by byte 0x01. From 0x80: the rest is a settings file
 * (<ROUGE-EVAL> ...), read for every peer, where each '@' stands for the
 * folder's path; the folder holds the files "p", "m1" and "m2" (one-line
 * summaries) for it to name (<PEER-ROOT>@</PEER-ROOT>), as the corpus does.
 * Whatever the bytes, adding and computing must return a status and scores
 * must be finite. */
#define _DEFAULT_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_FILES = 4 };

/* The folder, made on the first input and removed at exit: one per
 * fuzzing process. */
static char folder[256];
static const char *const file_names[] = {"p", "m1", "m2", "f0", "f1", "f2", "f3", "settings.xml"};

static void remove_folder(void)
{
    char path[512];
    for (size_t i = 0; i < sizeof file_names / sizeof file_names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", folder, file_names[i]);
        remove(path);
    }
    remove(folder);
}

static int write_file(const char *name, const void *data, size_t size, char *path, size_t cap)
{
    snprintf(path, cap, "%s/%s", folder, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok ? 0 : -1;
}

static int make_folder(void)
{
    if (folder[0])
        return 0;
    const char *tmp = getenv("TMPDIR");
    snprintf(folder, sizeof folder, "%s/lede-fuzz-rouge-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(folder)) {
        folder[0] = '\0';
        return -1;
    }
    atexit(remove_folder);
    static const char summary[] = "the police arrested two men\n";
    char path[512];
    if (write_file("p", summary, sizeof summary - 1, path, sizeof path) != 0 ||
        write_file("m1", summary, sizeof summary - 1, path, sizeof path) != 0 ||
        write_file("m2", "two men were arrested\n", 22, path, sizeof path) != 0)
        return -1;
    return 0;
}

static void check_scores(const lede_rouge *r)
{
    for (size_t d = 0; d < lede_rouge_doc_count(r); d++)
        for (size_t m = 0; m < lede_rouge_metric_count(r); m++) {
            lede_rouge_score s;
            if (lede_rouge_doc_score(r, d, m, &s) != LEDE_OK || !isfinite(s.recall) ||
                !isfinite(s.precision) || !isfinite(s.f))
                abort();
        }
}

/* The peer and model files of the input, written out and added. */
static lede_status add_files(lede_rouge *r, uint8_t choice, const char *rest, size_t left,
                             lede_error **err)
{
    char paths[MAX_FILES][512];
    const char *models[MAX_FILES - 1];
    size_t n = 0;
    while (n < MAX_FILES) {
        const char *sep = n + 1 < MAX_FILES ? memchr(rest, 0x01, left) : NULL;
        size_t len = sep ? (size_t)(sep - rest) : left;
        char name[16];
        snprintf(name, sizeof name, "f%zu", n);
        if (write_file(name, rest, len, paths[n], sizeof paths[n]) != 0)
            return LEDE_ERR_INVALID_ARGUMENT;
        if (n > 0)
            models[n - 1] = paths[n];
        n++;
        if (!sep)
            break;
        rest = sep + 1;
        left -= len + 1;
    }
    if (n == 1)
        return LEDE_ERR_INVALID_ARGUMENT; /* no model file */
    return lede_rouge_add_files(r, NULL, NULL, (lede_rouge_format)(choice % 3), paths[0], models,
                                n - 1, err);
}

/* The settings file of the input, each '@' made the folder's path, and the
 * evaluations it names added. */
static lede_status add_config(lede_rouge *r, const char *text, size_t len, lede_error **err)
{
    size_t at = 0, folder_len = strlen(folder);
    for (size_t i = 0; i < len; i++)
        at += text[i] == '@';
    char *xml = malloc(len + at * folder_len + 1);
    if (!xml)
        return LEDE_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '@') {
            memcpy(xml + n, folder, folder_len);
            n += folder_len;
        } else {
            xml[n++] = text[i];
        }
    }
    char path[512];
    lede_status st = write_file("settings.xml", xml, n, path, sizeof path) == 0
                         ? lede_rouge_add_config(r, path, NULL, err)
                         : LEDE_ERR_INVALID_ARGUMENT;
    free(xml);
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || make_folder() != 0)
        return 0;
    lede_rouge_options *opts = lede_rouge_options_new();
    if (!opts)
        return 0;
    lede_rouge_options_set_max_ngram(opts, 2);
    lede_rouge_options_set_stemming(opts, 1);
    lede_rouge_options_set_resamples(opts, 10);
    lede_rouge *r = NULL;
    lede_status st = lede_rouge_new(opts, &r, NULL);
    lede_rouge_options_free(opts);
    if (st != LEDE_OK)
        return 0;
    lede_error *err = NULL;
    const char *rest = (const char *)data + 1;
    if (data[0] < 0x80) {
        st = add_files(r, data[0], rest, size - 1, &err);
    } else {
        st = add_config(r, rest, size - 1, &err);
    }
    lede_error_free(err);
    err = NULL;
    if (st == LEDE_OK && lede_rouge_doc_count(r) > 0 && lede_rouge_compute(r, &err) == LEDE_OK)
        check_scores(r);
    lede_error_free(err);
    lede_rouge_free(r);
    return 0;
}
