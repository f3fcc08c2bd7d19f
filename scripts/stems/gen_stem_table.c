/* gen_stem_table.c - writes the C source of lede's built-in stem tables
 * (src/model/stem_table.h) from word lists, with the libstemmer lede links
 * and the stemmer each built-in model names (src/model/model_data.c), so
 * that a table always gives the stems that stemming at run time would.
 * Run by the build; not installed.
 *
 * Usage: lede_gen_stem_table OUTPUT.c CODE WORDS.txt [CODE WORDS.txt...]
 * WORDS.txt holds one case-folded word per line ('#' starts a comment). */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <libstemmer.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model_data.h"
#include "model/stem_table.h"

enum { MAX_WORD_BYTES = 64, MAX_PREFIX = 255 };

typedef struct word_list {
    char **words;
    size_t count, cap;
} word_list;

static void die(const char *path, size_t line, const char *msg)
{
    if (line)
        fprintf(stderr, "lede_gen_stem_table: %s:%zu: %s\n", path, line, msg);
    else
        fprintf(stderr, "lede_gen_stem_table: %s: %s\n", path, msg);
    exit(1);
}

static void *checked(void *p)
{
    if (!p) {
        fputs("lede_gen_stem_table: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

static void read_words(const char *path, word_list *list)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die(path, 0, "cannot open");
    char line[4096];
    size_t lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strcspn(line, "\r\n");
        if (line[len] == '\0' && !feof(f))
            die(path, lineno, "line too long");
        line[len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        if (len > MAX_WORD_BYTES)
            die(path, lineno, "word longer than 64 bytes");
        if (list->count == list->cap) {
            list->cap = list->cap ? list->cap * 2 : 1024;
            list->words = checked(realloc(list->words, list->cap * sizeof *list->words));
        }
        list->words[list->count++] = checked(strdup(line));
    }
    if (ferror(f))
        die(path, 0, "read error");
    fclose(f);
}

static void put_escaped(FILE *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?')
            fputc(c, out);
        else
            fprintf(out, "\\%03o", c);
    }
}

static size_t common_prefix(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t n = 0;
    while (n < alen && n < blen && n < MAX_PREFIX && a[n] == b[n])
        n++;
    return n;
}

/* Writes the strings of one table; stores each word's offset in offsets. */
static size_t write_strings(FILE *out, const char *code, const char *stemmer_name,
                            const word_list *list, uint32_t *offsets)
{
    struct sb_stemmer *stemmer = sb_stemmer_new(stemmer_name, NULL);
    if (!stemmer)
        die(stemmer_name, 0, "libstemmer has no such algorithm");
    fprintf(out, "static const char strings_%s[] =\n", code);
    size_t size = 0;
    for (size_t i = 0; i < list->count; i++) {
        const char *word = list->words[i];
        size_t len = strlen(word);
        const sb_symbol *stem = sb_stemmer_stem(stemmer, (const sb_symbol *)word, (int)len);
        if (!stem)
            die(code, 0, "out of memory");
        size_t stem_len = (size_t)sb_stemmer_length(stemmer);
        size_t prefix = common_prefix(word, len, (const char *)stem, stem_len);
        offsets[i] = (uint32_t)size;
        fputs("    \"", out);
        put_escaped(out, word, len);
        fprintf(out, "\\000\\%03o", (unsigned)prefix);
        put_escaped(out, (const char *)stem + prefix, stem_len - prefix);
        fputs("\\000\"\n", out);
        size += len + 1 + 1 + (stem_len - prefix) + 1;
    }
    fputs("    ;\n\n", out);
    sb_stemmer_delete(stemmer);
    if (size >= (1u << LEDE_STEM_SLOT_OFFSET_BITS) - 1)
        die(code, 0, "word list too large for 24-bit offsets");
    return size;
}

/* Open addressing with linear probing, at most 40% full so that a word
 * missing from the table (a name, say) is known after a probe or two. */
static size_t write_slots(FILE *out, const char *code, const word_list *list,
                          const uint32_t *offsets)
{
    size_t nslots = 1024;
    while (nslots * 2 < list->count * 5)
        nslots *= 2;
    uint32_t *slots = checked(calloc(nslots, sizeof *slots));
    for (size_t i = 0; i < list->count; i++) {
        const char *word = list->words[i];
        uint64_t hash = lede_stem_table_hash(word, strlen(word));
        size_t s = (size_t)hash & (nslots - 1);
        while (slots[s])
            s = (s + 1) & (nslots - 1);
        slots[s] = (offsets[i] + 1) | (uint32_t)(hash >> 56) << LEDE_STEM_SLOT_OFFSET_BITS;
    }
    fprintf(out, "static const uint32_t slots_%s[%zu] = {\n", code, nslots);
    for (size_t s = 0; s < nslots; s++)
        fprintf(out, "%s0x%" PRIx32 ",%s", s % 8 == 0 ? "    " : " ", slots[s],
                s % 8 == 7 ? "\n" : "");
    fputs("};\n\n", out);
    free(slots);
    return nslots;
}

/* The Snowball algorithm of the built-in model `code`. */
static const char *stemmer_of(const char *code)
{
    for (size_t i = 0; i < lede_builtin_model_count; i++) {
        const lede_model_data *d = &lede_builtin_models[i];
        if (strcmp(d->code, code) != 0)
            continue;
        if (!d->stemmer[0])
            die(code, 0, "the model has no stemmer to build a stem table with");
        return d->stemmer;
    }
    die(code, 0, "no such built-in model");
    return NULL;
}

/* Writes the tables of one model; returns its slot mask. */
static size_t write_table(FILE *out, const char *code, const char *stemmer, const char *words)
{
    word_list list = {0};
    read_words(words, &list);
    uint32_t *offsets = checked(calloc(list.count + 1, sizeof *offsets));
    write_strings(out, code, stemmer, &list, offsets);
    size_t mask = write_slots(out, code, &list, offsets) - 1;
    for (size_t i = 0; i < list.count; i++)
        free(list.words[i]);
    free(list.words);
    free(offsets);
    return mask;
}

int main(int argc, char **argv)
{
    if (argc < 4 || (argc - 2) % 2 != 0) {
        fputs("usage: lede_gen_stem_table OUTPUT.c CODE WORDS.txt [CODE WORDS.txt...]\n", stderr);
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (!out)
        die(argv[1], 0, "cannot write");
    fputs("/* Generated by lede_gen_stem_table (scripts/stems/gen_stem_table.c) when\n"
          " * lede is built: do not edit. */\n"
          "#include \"model/stem_table.h\"\n\n",
          out);
    size_t ntables = (size_t)(argc - 2) / 2;
    size_t *masks = checked(calloc(ntables, sizeof *masks));
    for (size_t t = 0; t < ntables; t++) {
        const char *code = argv[2 + 2 * t];
        masks[t] = write_table(out, code, stemmer_of(code), argv[3 + 2 * t]);
    }
    fputs("const lede_stem_table lede_builtin_stem_tables[] = {\n", out);
    for (size_t t = 0; t < ntables; t++) {
        const char *code = argv[2 + 2 * t];
        fprintf(out, "    {\"%s\", \"%s\", strings_%s, slots_%s, %zu},\n", code, stemmer_of(code),
                code, code, masks[t]);
    }
    fprintf(out, "};\n\nconst size_t lede_builtin_stem_table_count = %zu;\n", ntables);
    free(masks);
    if (fclose(out) != 0)
        die(argv[1], 0, "write error");
    return 0;
}
