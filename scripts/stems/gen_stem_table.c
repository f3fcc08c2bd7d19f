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
        if (len > LEDE_MAX_STEM_BYTES)
            die(path, lineno, "word longer than LEDE_MAX_STEM_BYTES (the tokenizer would not stem it)");
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

/* The distinct stems of a table, sorted, and each word's stem id. */
typedef struct stem_list {
    char **stems;        /* sorted, distinct; they own their strings */
    size_t count;
    uint32_t *word_stem; /* stem id of each word of the word list */
} stem_list;

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Stems every word with libstemmer; numbers the distinct stems in byte
 * order (a stable id, whatever order the word list is in). */
static void stem_words(const char *code, const char *stemmer_name, const word_list *list,
                       stem_list *stems)
{
    struct sb_stemmer *stemmer = sb_stemmer_new(stemmer_name, NULL);
    if (!stemmer)
        die(stemmer_name, 0, "libstemmer has no such algorithm");
    char **of_word = checked(calloc(list->count + 1, sizeof *of_word));
    for (size_t i = 0; i < list->count; i++) {
        const char *word = list->words[i];
        const sb_symbol *stem =
            sb_stemmer_stem(stemmer, (const sb_symbol *)word, (int)strlen(word));
        if (!stem)
            die(code, 0, "out of memory");
        size_t len = (size_t)sb_stemmer_length(stemmer);
        /* The tokenizer looks a term up among the stems only when it comes
         * from the stemmer: a word it does not stem (no letter, or longer
         * than LEDE_MAX_STEM_BYTES) must never be a stem here
         * (src/text/tokens.c, find_snowball_stems). */
        if (!lede_stem_has_letter((const char *)stem, len) || len > LEDE_MAX_STEM_BYTES) {
            char why[160];
            snprintf(why, sizeof why, "the stem of '%s' has no letter or passes %d bytes", word,
                     LEDE_MAX_STEM_BYTES);
            die(code, 0, why);
        }
        of_word[i] = checked(strndup((const char *)stem, len));
    }
    sb_stemmer_delete(stemmer);
    /* The distinct stems: the words' own copies, sorted, duplicates freed. */
    char **sorted = checked(calloc(list->count + 1, sizeof *sorted));
    memcpy(sorted, of_word, list->count * sizeof *sorted);
    qsort(sorted, list->count, sizeof *sorted, compare_strings);
    stems->count = 0;
    for (size_t i = 0; i < list->count; i++) {
        if (stems->count > 0 && strcmp(sorted[stems->count - 1], sorted[i]) == 0)
            continue;
        sorted[stems->count++] = sorted[i];
    }
    stems->stems = sorted;
    stems->word_stem = checked(calloc(list->count + 1, sizeof *stems->word_stem));
    for (size_t i = 0; i < list->count; i++) {
        char **found = bsearch(&of_word[i], stems->stems, stems->count, sizeof *stems->stems,
                               compare_strings);
        stems->word_stem[i] = (uint32_t)(found - stems->stems);
        if (*found != of_word[i])
            free(of_word[i]); /* a duplicate of the stem kept */
    }
    free(of_word);
}

/* Writes the words of one table, each followed by its stem id; stores each
 * word's offset in offsets. */
static void write_words(FILE *out, const char *code, const word_list *list,
                        const stem_list *stems, uint32_t *offsets)
{
    fprintf(out, "static const char words_%s[] =\n", code);
    size_t size = 0;
    for (size_t i = 0; i < list->count; i++) {
        const char *word = list->words[i];
        size_t len = strlen(word);
        uint32_t id = stems->word_stem[i];
        offsets[i] = (uint32_t)size;
        fputs("    \"", out);
        put_escaped(out, word, len);
        fprintf(out, "\\000\\%03o\\%03o\\%03o\"\n", (unsigned)(id & 0xFF),
                (unsigned)(id >> 8 & 0xFF), (unsigned)(id >> 16));
        size += len + 1 + 3;
    }
    fputs("    ;\n\n", out);
}

/* Writes the stems, back to back with a NUL after each, and where each
 * starts (one more offset at the end, so every stem's length is known). */
static void write_stems(FILE *out, const char *code, const stem_list *stems)
{
    fprintf(out, "static const char stems_%s[] =\n", code);
    uint32_t *offsets = checked(calloc(stems->count + 1, sizeof *offsets));
    size_t size = 0;
    for (size_t i = 0; i < stems->count; i++) {
        size_t len = strlen(stems->stems[i]);
        offsets[i] = (uint32_t)size;
        fputs("    \"", out);
        put_escaped(out, stems->stems[i], len);
        fputs("\\000\"\n", out);
        size += len + 1;
    }
    offsets[stems->count] = (uint32_t)size;
    fputs("    ;\n\n", out);
    fprintf(out, "static const uint32_t stem_offsets_%s[%zu] = {\n", code, stems->count + 1);
    for (size_t i = 0; i <= stems->count; i++)
        fprintf(out, "%s%" PRIu32 ",%s", i % 8 == 0 ? "    " : " ", offsets[i],
                i % 8 == 7 || i == stems->count ? "\n" : "");
    fputs("};\n\n", out);
    free(offsets);
}

/* Open addressing with linear probing, at most 40% full so that a key
 * missing from the table (a name, say) is known after a probe or two. Slot
 * = value + 1 in the low 24 bits, the top byte of the key's hash above; the
 * value of key i is values[i], or i when `values` is NULL. Returns the slot
 * count. */
static size_t write_slots(FILE *out, const char *name, const char *code, char *const *keys,
                          const uint32_t *values, size_t count)
{
    size_t nslots = 1024;
    while (nslots * 2 < count * 5)
        nslots *= 2;
    uint32_t *slots = checked(calloc(nslots, sizeof *slots));
    for (size_t i = 0; i < count; i++) {
        uint64_t value = values ? values[i] : i;
        if (value + 1 >= 1u << LEDE_STEM_SLOT_VALUE_BITS)
            die(code, 0, "table too large: a slot value passes 24 bits");
        uint64_t hash = lede_hash_bytes(keys[i], strlen(keys[i]));
        size_t s = (size_t)hash & (nslots - 1);
        while (slots[s])
            s = (s + 1) & (nslots - 1);
        slots[s] = (uint32_t)(value + 1) | (uint32_t)(hash >> 56) << LEDE_STEM_SLOT_VALUE_BITS;
    }
    fprintf(out, "static const uint32_t %s_%s[%zu] = {\n", name, code, nslots);
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

/* The built-in model `code`. */
static const lede_model_data *model_of(const char *code)
{
    for (size_t i = 0; i < lede_builtin_model_count; i++)
        if (strcmp(lede_builtin_models[i].code, code) == 0)
            return &lede_builtin_models[i];
    die(code, 0, "no such built-in model");
    return NULL;
}

/* Writes the model's background IDF of every stem, as lede_model_data_idf
 * gives it (a float of the table, its largest, or -1 without one: each
 * exact as a float, and printed with enough digits to read back the same). */
static void write_stem_idf(FILE *out, const char *code, const stem_list *stems)
{
    const lede_model_data *model = model_of(code);
    fprintf(out, "static const float stem_idf_%s[%zu] = {\n", code, stems->count);
    for (size_t i = 0; i < stems->count; i++) {
        float idf = (float)lede_model_data_idf(model, stems->stems[i], strlen(stems->stems[i]));
        fprintf(out, "%s%#.9gf,%s", i % 6 == 0 ? "    " : " ", (double)idf,
                i % 6 == 5 || i + 1 == stems->count ? "\n" : "");
    }
    fputs("};\n\n", out);
}

/* What main needs of a written table for its lede_stem_table. */
typedef struct table_shape {
    size_t word_slots, stem_slots, stems;
} table_shape;

/* Writes the tables of one model. */
static table_shape write_table(FILE *out, const char *code, const char *stemmer,
                               const char *words)
{
    word_list list = {0};
    read_words(words, &list);
    stem_list stems = {0};
    stem_words(code, stemmer, &list, &stems);
    /* Each word is written with its stem's id in 3 bytes, which the stem
     * slots must also hold (plus one). */
    if (stems.count + 1 >= 1u << LEDE_STEM_SLOT_VALUE_BITS)
        die(code, 0, "table too large: more stems than 24 bits number");
    uint32_t *offsets = checked(calloc(list.count + 1, sizeof *offsets));
    write_words(out, code, &list, &stems, offsets);
    write_stems(out, code, &stems);
    write_stem_idf(out, code, &stems);
    table_shape shape = {0};
    shape.word_slots = write_slots(out, "word_slots", code, list.words, offsets, list.count);
    shape.stem_slots = write_slots(out, "stem_slots", code, stems.stems, NULL, stems.count);
    shape.stems = stems.count;
    for (size_t i = 0; i < list.count; i++)
        free(list.words[i]);
    free(list.words);
    for (size_t i = 0; i < stems.count; i++)
        free(stems.stems[i]);
    free(stems.stems);
    free(stems.word_stem);
    free(offsets);
    return shape;
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
    table_shape *shapes = checked(calloc(ntables, sizeof *shapes));
    for (size_t t = 0; t < ntables; t++) {
        const char *code = argv[2 + 2 * t];
        shapes[t] = write_table(out, code, stemmer_of(code), argv[3 + 2 * t]);
    }
    fputs("const lede_stem_table lede_builtin_stem_tables[] = {\n", out);
    for (size_t t = 0; t < ntables; t++) {
        const char *c = argv[2 + 2 * t];
        fprintf(out,
                "    {\"%s\", \"%s\", words_%s, word_slots_%s, %zu,\n"
                "     stems_%s, stem_offsets_%s, %zu, stem_slots_%s, %zu, stem_idf_%s},\n",
                c, stemmer_of(c), c, c, shapes[t].word_slots - 1, c, c, shapes[t].stems, c,
                shapes[t].stem_slots - 1, c);
    }
    fprintf(out, "};\n\nconst size_t lede_builtin_stem_table_count = %zu;\n", ntables);
    free(shapes);
    if (fclose(out) != 0)
        die(argv[1], 0, "write error");
    return 0;
}
