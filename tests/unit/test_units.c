/* test_units.c - paragraph and sentence splitting, from the cases in
 * data/sentences.txt: each case gives an input and the exact units it must
 * split into (span text, kind and paragraph). */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "model/model.h"
#include "text/units.h"

/* Case file format:
 *   === NAME [lang=CODE]
 *   input lines (joined with \n, no final newline)
 *   ---
 *   expected units, one per line; a blank line starts the next paragraph;
 *   "#h " marks a heading, "#l " a line unit.
 * Both parts understand the escapes \n \r \t \\ and \xHH. Lines starting
 * with "#" before the first "===" are comments. */

typedef struct expected_unit {
    char *text;
    unsigned kind;
    size_t paragraph;
} expected_unit;

static size_t unescape(const char *s, size_t len, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '\\' || i + 1 >= len) {
            out[o++] = s[i];
            continue;
        }
        char c = s[++i];
        if (c == 'n')
            out[o++] = '\n';
        else if (c == 'r')
            out[o++] = '\r';
        else if (c == 't')
            out[o++] = '\t';
        else if (c == 'x' && i + 2 < len) {
            char hex[3] = {s[i + 1], s[i + 2], 0};
            out[o++] = (char)strtol(hex, NULL, 16);
            i += 2;
        } else
            out[o++] = c;
    }
    return o;
}

static const char *line_end(const char *p, const char *end)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    return nl ? nl : end;
}

static void run_case(const char *name, const char *lang, const char *input, size_t input_len,
                     const expected_unit *want, size_t nwant)
{
    const lede_model_data *data = lede_model_find(lang);
    if (!CHECK_MSG(data != NULL, "%s: no model '%s'", name, lang))
        return;
    lede_model model;
    if (!CHECK(lede_model_init(&model, data) == LEDE_OK))
        return;
    lede_units units = {0};
    lede_status st = lede_units_split(&units, input, 0, input_len, &model);
    CHECK_MSG(st == LEDE_OK, "%s: split failed", name);
    int ok = CHECK_MSG(units.count == nwant, "%s: %zu units, want %zu", name, units.count, nwant);
    size_t pos = 0;
    for (size_t i = 0; ok && i < nwant; i++) {
        const lede_unit *u = &units.items[i];
        size_t wlen = strlen(want[i].text);
        /* The expected text is the exact span: it must start at the first
         * occurrence after the previous unit. */
        const char *found = NULL;
        for (size_t k = pos; k + wlen <= input_len && !found; k++)
            if (memcmp(input + k, want[i].text, wlen) == 0)
                found = input + k;
        if (!CHECK_MSG(found != NULL, "%s: expected unit %zu not in input", name, i))
            break;
        size_t ws = (size_t)(found - input);
        ok = CHECK_MSG(u->start == ws && u->end == ws + wlen,
                       "%s: unit %zu is [%zu,%zu) \"%.*s\", want [%zu,%zu) \"%s\"", name, i,
                       u->start, u->end, (int)(u->end - u->start), input + u->start, ws,
                       ws + wlen, want[i].text);
        CHECK_MSG(u->kind == want[i].kind, "%s: unit %zu kind %u, want %u", name, i, u->kind,
                  want[i].kind);
        CHECK_MSG(u->paragraph == want[i].paragraph, "%s: unit %zu paragraph %zu, want %zu",
                  name, i, u->paragraph, want[i].paragraph);
        pos = ws + wlen;
    }
    if (!ok) {
        for (size_t i = 0; i < units.count; i++)
            fprintf(stderr, "    got %zu: [%zu,%zu) k%u p%zu \"%.*s\"\n", i, units.items[i].start,
                    units.items[i].end, units.items[i].kind, units.items[i].paragraph,
                    (int)(units.items[i].end - units.items[i].start),
                    input + units.items[i].start);
    }
    lede_units_free(&units);
    lede_model_free(&model);
}

/* Parses one case starting at the "===" line `p`; returns where the next
 * case starts. */
static const char *parse_case(const char *p, const char *end, int *cases)
{
    const char *le = line_end(p, end);
    char header[256];
    snprintf(header, sizeof header, "%.*s", (int)(le - p - 4 > 0 ? le - p - 4 : 0), p + 4);
    char lang[32] = "en";
    char *lp = strstr(header, "[lang=");
    if (lp) {
        sscanf(lp, "[lang=%31[^]]", lang);
        *lp = '\0';
    }
    size_t hl = strlen(header);
    while (hl > 0 && header[hl - 1] == ' ')
        header[--hl] = '\0';
    p = le < end ? le + 1 : end;

    char *input = malloc((size_t)(end - p) + 1);
    size_t input_len = 0;
    while (p < end && strncmp(p, "---", 3) != 0) {
        le = line_end(p, end);
        if (input_len > 0)
            input[input_len++] = '\n';
        input_len += unescape(p, (size_t)(le - p), input + input_len);
        p = le < end ? le + 1 : end;
    }
    p = p < end ? line_end(p, end) + 1 : end;

    expected_unit want[256];
    size_t nwant = 0, paragraph = 0;
    int blank_pending = 0;
    while (p < end && strncmp(p, "===", 3) != 0) {
        le = line_end(p, end);
        size_t len = (size_t)(le - p);
        if (len == 0) {
            blank_pending = 1;
        } else if (nwant < 256) {
            if (blank_pending && nwant > 0)
                paragraph++;
            blank_pending = 0;
            unsigned kind = LEDE_KIND_SENTENCE;
            const char *t = p;
            if (len > 3 && strncmp(p, "#h ", 3) == 0) {
                kind = LEDE_KIND_HEADING;
                t += 3;
            } else if (len > 3 && strncmp(p, "#l ", 3) == 0) {
                kind = LEDE_KIND_LINE;
                t += 3;
            }
            char *text = malloc((size_t)(le - t) + 1);
            text[unescape(t, (size_t)(le - t), text)] = '\0';
            want[nwant++] = (expected_unit){text, kind, paragraph};
        }
        p = le < end ? le + 1 : end;
    }
    run_case(header, lang, input, input_len, want, nwant);
    (*cases)++;
    for (size_t i = 0; i < nwant; i++)
        free(want[i].text);
    free(input);
    return p;
}

static int run_case_file(const char *path)
{
    size_t len;
    char *buf = harness_read_file(path, &len);
    if (!buf)
        return 0;
    const char *p = buf, *end = buf + len;
    int cases = 0;
    while (p < end) {
        if (strncmp(p, "===", 3) == 0) {
            p = parse_case(p, end, &cases);
            continue;
        }
        const char *le = line_end(p, end);
        p = le < end ? le + 1 : end;
    }
    printf("%s: %d cases\n", path, cases);
    free(buf);
    return cases;
}

static int is_case_file(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return strncmp(e->d_name, "sentences", 9) == 0 && n > 4 &&
           strcmp(e->d_name + n - 4, ".txt") == 0;
}

/* Runs every data/sentences*.txt: sentences.txt holds the general and
 * English cases, sentences-CODE.txt those of other languages. */
int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "tests/data";
    struct dirent **names;
    int n = scandir(dir, &names, is_case_file, alphasort);
    CHECK_MSG(n > 0, "no sentences*.txt in %s", dir);
    int cases = 0;
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        cases += run_case_file(path);
        free(names[i]);
    }
    if (n > 0)
        free(names);
    CHECK_MSG(cases >= 60, "only %d sentence cases", cases);
    return harness_finish();
}
