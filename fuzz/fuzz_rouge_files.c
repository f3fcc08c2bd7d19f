/* fuzz_rouge_files.c - libFuzzer target for the summary files and the XML
 * settings file that ROUGE reads (the API takes them by path only, so each
 * input is written to files in a folder of the process's own under
 * $TMPDIR, emptied before each input so that no input sees another's).
 *
 * First byte below 0x80: summary files, in format SPL, SEE or ISI (the byte
 * modulo 3); the rest is the peer file and one to three model files,
 * separated by byte 0x01. From 0x80: the rest is a settings file
 * (<ROUGE-EVAL> ...), read for every peer, where each '@' stands for the
 * folder's path; the folder holds the files "p", "m1" and "m2" (one-line
 * summaries) for it to name (<PEER-ROOT>@</PEER-ROOT>), as the corpus does.
 * A settings file with a '/' of its own is skipped: it could name any file
 * of the machine (/dev/zero). Whatever the bytes, adding and computing must
 * return a status, and the scores pass rouge_fuzz_check_scores. A folder or
 * file that cannot be written aborts: nothing would be tested. */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"
#include "rouge_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_FILES = 4 };

/* The folder, made on the first input and removed at a normal exit (a
 * crash leaves it, with the files of the input that crashed). */
static char folder[256];
static const char *const summaries[] = {"p", "m1", "m2"};
static const char *const input_files[] = {"f0", "f1", "f2", "f3", "settings.xml"};

static void path_of(const char *name, char *path, size_t cap)
{
    if (snprintf(path, cap, "%s/%s", folder, name) >= (int)cap)
        abort();
}

static void write_file(const char *name, const void *data, size_t size, char *path, size_t cap)
{
    path_of(name, path, cap);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    int ok = fwrite(data, 1, size, f) == size;
    if (fclose(f) != 0 || !ok)
        abort();
}

static void remove_files(const char *const *names, size_t n)
{
    char path[512];
    for (size_t i = 0; i < n; i++) {
        path_of(names[i], path, sizeof path);
        remove(path);
    }
}

static void remove_folder(void)
{
    remove_files(summaries, sizeof summaries / sizeof summaries[0]);
    remove_files(input_files, sizeof input_files / sizeof input_files[0]);
    remove(folder);
}

static void make_folder(void)
{
    if (folder[0])
        return;
    const char *tmp = getenv("TMPDIR");
    int n = snprintf(folder, sizeof folder, "%s/lede-fuzz-rouge-XXXXXX",
                     tmp && tmp[0] ? tmp : "/tmp");
    if (n >= (int)sizeof folder || !mkdtemp(folder))
        abort();
    atexit(remove_folder);
    static const char *const texts[] = {"the police arrested two men\n",
                                        "the police arrested two men\n",
                                        "two men were arrested\n"};
    char path[512];
    for (size_t i = 0; i < sizeof summaries / sizeof summaries[0]; i++)
        write_file(summaries[i], texts[i], strlen(texts[i]), path, sizeof path);
}

/* The peer and model files of the input, written out and added. */
static lede_status add_files(lede_rouge *r, uint8_t choice, const char *rest, size_t left,
                             lede_error **err)
{
    const char *parts[MAX_FILES];
    size_t lens[MAX_FILES];
    size_t n = rouge_fuzz_split(rest, left, 0x01, parts, lens, MAX_FILES);
    if (n == 1)
        return LEDE_ERR_INVALID_ARGUMENT; /* no model file */
    char paths[MAX_FILES][512];
    const char *models[MAX_FILES - 1];
    for (size_t i = 0; i < n; i++) {
        write_file(input_files[i], parts[i], lens[i], paths[i], sizeof paths[i]);
        if (i > 0)
            models[i - 1] = paths[i];
    }
    return lede_rouge_add_files(r, NULL, NULL, (lede_rouge_format)(choice % 3), paths[0], models,
                                n - 1, err);
}

/* The settings file of the input, each '@' made the folder's path, and the
 * evaluations it names added. */
static lede_status add_config(lede_rouge *r, const char *text, size_t len, lede_error **err)
{
    if (memchr(text, '/', len))
        return LEDE_ERR_INVALID_ARGUMENT;
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
    write_file("settings.xml", xml, n, path, sizeof path);
    free(xml);
    return lede_rouge_add_config(r, path, NULL, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    make_folder();
    remove_files(input_files, sizeof input_files / sizeof input_files[0]);
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
    st = data[0] < 0x80 ? add_files(r, data[0], rest, size - 1, &err)
                        : add_config(r, rest, size - 1, &err);
    lede_error_free(err);
    err = NULL;
    if (st == LEDE_OK && lede_rouge_doc_count(r) > 0 && lede_rouge_compute(r, &err) == LEDE_OK)
        rouge_fuzz_check_scores(r);
    lede_error_free(err);
    lede_rouge_free(r);
    return 0;
}
