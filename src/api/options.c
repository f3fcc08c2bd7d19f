#include "options.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/parse.h"
#include "../common/strbuf.h"

void lede_options_init(lede_options *o)
{
    memset(o, 0, sizeof *o);
    o->input_flags = LEDE_INPUT_DEFAULT;
    strcpy(o->language, "en");
    o->budget.kind = LEDE_BUDGET_SENTENCES;
    o->budget.limit = 0;
    o->method = LEDE_METHOD_TEXTRANK;
    o->damping = 0.85;
    o->redundancy = 0.8;
    o->background_idf = 0.0;
    o->idf_power = 0.5;
    o->seed = 1;
    o->threshold = 0.1;
    o->position_beta = 0.6;
    o->position_backward = -2.0;
    o->position_forward = 1.0;
    o->position_prior = 0.0;
    o->lead_boost = 8.0;
    o->lead_span = 2.0;
    o->lead_share = 0.33;
    o->length_prior = 1.0;
    o->title_weight = 0.0;
    o->length_target = 20.0;
    o->mmr = 1.0;
}

lede_options *lede_options_new(void)
{
    lede_options *o = malloc(sizeof *o);
    if (o)
        lede_options_init(o);
    return o;
}

void lede_options_free(lede_options *opts)
{
    free(opts);
}

lede_options *lede_options_copy(const lede_options *opts)
{
    if (!opts)
        return NULL;
    lede_options *o = malloc(sizeof *o);
    if (o)
        *o = *opts;
    return o;
}

/* ====== Typed setters ====== */

lede_status lede_options_set_input_flags(lede_options *opts, unsigned flags)
{
    if (!opts || (flags & ~LEDE_INPUT_REPLACE_INVALID))
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->input_flags = flags;
    return LEDE_OK;
}

/* No language name, code or tag has white space, control characters or
 * '=': with them lede_options_describe's NAME=VALUE text could not be read
 * back. */
static int is_language_text(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s <= ' ' || *s == '=' || *s == 0x7F)
            return 0;
    return 1;
}

lede_status lede_options_set_language(lede_options *opts, const char *language)
{
    if (!opts || !language || !language[0] || strlen(language) > LEDE_LANGUAGE_MAX ||
        !is_language_text(language))
        return LEDE_ERR_INVALID_ARGUMENT;
    strcpy(opts->language, language);
    return LEDE_OK;
}

static lede_status set_budget(lede_options *opts, enum lede_budget_kind kind, size_t limit,
                              double ratio)
{
    if (!opts)
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->budget = (lede_budget){kind, limit, ratio};
    return LEDE_OK;
}

lede_status lede_options_set_sentences(lede_options *opts, size_t n)
{
    if (n < 1)
        return LEDE_ERR_INVALID_ARGUMENT;
    return set_budget(opts, LEDE_BUDGET_SENTENCES, n, 0);
}

lede_status lede_options_set_ratio(lede_options *opts, double r)
{
    if (!(r > 0 && r <= 1))
        return LEDE_ERR_INVALID_ARGUMENT;
    return set_budget(opts, LEDE_BUDGET_RATIO, 0, r);
}

lede_status lede_options_set_words(lede_options *opts, size_t w)
{
    if (w < 1)
        return LEDE_ERR_INVALID_ARGUMENT;
    return set_budget(opts, LEDE_BUDGET_WORDS, w, 0);
}

lede_status lede_options_set_chars(lede_options *opts, size_t c)
{
    if (c < 1)
        return LEDE_ERR_INVALID_ARGUMENT;
    return set_budget(opts, LEDE_BUDGET_CHARS, c, 0);
}

lede_status lede_options_set_damping(lede_options *opts, double d)
{
    if (!opts || !(d > 0 && d < 1))
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->damping = d;
    return LEDE_OK;
}

lede_status lede_options_set_redundancy(lede_options *opts, double t)
{
    if (!opts || !(t > 0 && t <= 1))
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->redundancy = t;
    return LEDE_OK;
}

lede_status lede_options_set_background_idf(lede_options *opts, double w)
{
    if (!opts || !(w >= 0 && w <= 1))
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->background_idf = w;
    return LEDE_OK;
}

static const char *const method_names[LEDE_METHOD_COUNT] = {
    [LEDE_METHOD_TEXTRANK] = "textrank", [LEDE_METHOD_LEXRANK] = "lexrank",
    [LEDE_METHOD_DEGREE] = "degree",     [LEDE_METHOD_CENTROID] = "centroid",
    [LEDE_METHOD_POSITION] = "position",
    [LEDE_METHOD_LEAD] = "lead",         [LEDE_METHOD_RANDOM] = "random",
};

const char *lede_options_method_name(enum lede_method m)
{
    return (unsigned)m < LEDE_METHOD_COUNT ? method_names[m] : "unknown";
}

const char *lede_method_name(size_t i)
{
    return i < LEDE_METHOD_COUNT ? method_names[i] : NULL;
}

lede_status lede_options_set_method(lede_options *opts, const char *method)
{
    if (!opts || !method)
        return LEDE_ERR_INVALID_ARGUMENT;
    for (int m = 0; m < LEDE_METHOD_COUNT; m++) {
        if (strcmp(method, method_names[m]) == 0) {
            opts->method = (enum lede_method)m;
            return LEDE_OK;
        }
    }
    return LEDE_ERR_INVALID_ARGUMENT;
}

lede_status lede_options_set_seed(lede_options *opts, uint64_t seed)
{
    if (!opts)
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->seed = seed;
    return LEDE_OK;
}

/* ====== Options by name ====== */

enum option_kind { OPT_SIZE, OPT_DOUBLE, OPT_TEXT, OPT_FLAG, OPT_U64, OPT_KNOB };

/* A ranking knob: a double field with its range, set and described
 * through the table alone. */
typedef struct knob {
    size_t offset;
    double min, max;
} knob;

typedef struct named_option {
    const char *name;
    enum option_kind kind;
    lede_status (*set_size)(lede_options *, size_t);
    lede_status (*set_double)(lede_options *, double);
    lede_status (*set_text)(lede_options *, const char *);
    lede_status (*set_u64)(lede_options *, uint64_t);
    knob range;
} named_option;

static lede_status set_replace_invalid(lede_options *opts, const char *value)
{
    if (strcmp(value, "yes") == 0 || strcmp(value, "1") == 0 || strcmp(value, "true") == 0)
        return lede_options_set_input_flags(opts, opts->input_flags | LEDE_INPUT_REPLACE_INVALID);
    if (strcmp(value, "no") == 0 || strcmp(value, "0") == 0 || strcmp(value, "false") == 0)
        return lede_options_set_input_flags(opts, opts->input_flags & ~LEDE_INPUT_REPLACE_INVALID);
    return LEDE_ERR_INVALID_ARGUMENT;
}

#define KNOB(name, field, lo, hi) \
    {name, OPT_KNOB, NULL, NULL, NULL, NULL, {offsetof(lede_options, field), lo, hi}}

static const named_option named_options[] = {
    {"language", OPT_TEXT, NULL, NULL, lede_options_set_language, NULL, {0, 0, 0}},
    {"method", OPT_TEXT, NULL, NULL, lede_options_set_method, NULL, {0, 0, 0}},
    {"sentences", OPT_SIZE, lede_options_set_sentences, NULL, NULL, NULL, {0, 0, 0}},
    {"ratio", OPT_DOUBLE, NULL, lede_options_set_ratio, NULL, NULL, {0, 0, 0}},
    {"words", OPT_SIZE, lede_options_set_words, NULL, NULL, NULL, {0, 0, 0}},
    {"chars", OPT_SIZE, lede_options_set_chars, NULL, NULL, NULL, {0, 0, 0}},
    {"damping", OPT_DOUBLE, NULL, lede_options_set_damping, NULL, NULL, {0, 0, 0}},
    {"redundancy", OPT_DOUBLE, NULL, lede_options_set_redundancy, NULL, NULL, {0, 0, 0}},
    {"background-idf", OPT_DOUBLE, NULL, lede_options_set_background_idf, NULL, NULL, {0, 0, 0}},
    {"seed", OPT_U64, NULL, NULL, NULL, lede_options_set_seed, {0, 0, 0}},
    {"replace-invalid", OPT_FLAG, NULL, NULL, set_replace_invalid, NULL, {0, 0, 0}},
    KNOB("idf-power", idf_power, 0.0, 2.0),
    KNOB("threshold", threshold, 0.0, 1.0),
    KNOB("position-beta", position_beta, 0.0, 1.0),
    KNOB("position-backward", position_backward, -100.0, 100.0),
    KNOB("position-forward", position_forward, -100.0, 100.0),
    KNOB("position-prior", position_prior, 0.0, 100.0),
    KNOB("lead-boost", lead_boost, 0.0, 100.0),
    KNOB("lead-span", lead_span, 0.1, 1000.0),
    KNOB("lead-share", lead_share, 0.01, 1.0),
    KNOB("length-prior", length_prior, 0.0, 100.0),
    KNOB("length-target", length_target, 1.0, 10000.0),
    KNOB("title", title_weight, 0.0, 100.0),
    KNOB("mmr", mmr, 0.0, 1.0),
};
enum { NAMED_OPTIONS = sizeof named_options / sizeof named_options[0] };

const char *lede_option_name(size_t i)
{
    return i < NAMED_OPTIONS ? named_options[i].name : NULL;
}

lede_status lede_options_set(lede_options *opts, const char *name, const char *value)
{
    if (!opts || !name || !value)
        return LEDE_ERR_INVALID_ARGUMENT;
    /* What lede_options_describe writes for the default budget. */
    if (strcmp(name, "sentences") == 0 && strcmp(value, "default") == 0)
        return set_budget(opts, LEDE_BUDGET_SENTENCES, 0, 0);
    for (size_t i = 0; i < NAMED_OPTIONS; i++) {
        const named_option *o = &named_options[i];
        if (strcmp(name, o->name) != 0)
            continue;
        uint64_t u;
        double d;
        switch (o->kind) {
        case OPT_SIZE:
            if (lede_parse_u64(value, &u) != 0 || u > SIZE_MAX)
                return LEDE_ERR_INVALID_ARGUMENT;
            return o->set_size(opts, (size_t)u);
        case OPT_U64:
            if (lede_parse_u64(value, &u) != 0)
                return LEDE_ERR_INVALID_ARGUMENT;
            return o->set_u64(opts, u);
        case OPT_DOUBLE:
            if (lede_parse_double(value, &d) != 0)
                return LEDE_ERR_INVALID_ARGUMENT;
            return o->set_double(opts, d);
        case OPT_TEXT:
        case OPT_FLAG:
            return o->set_text(opts, value);
        case OPT_KNOB:
            if (lede_parse_double(value, &d) != 0 || d < o->range.min || d > o->range.max)
                return LEDE_ERR_INVALID_ARGUMENT;
            *(double *)((char *)opts + o->range.offset) = d;
            return LEDE_OK;
        }
    }
    return LEDE_ERR_INVALID_ARGUMENT;
}

/* The shortest of %.15g, %.16g and %.17g that reads back as `v`. */
static const char *shortest(double v, char *buf, size_t size)
{
    for (int digits = 15; digits <= 17; digits++) {
        lede_snprintf_c(buf, size, "%.*g", digits, v);
        if (lede_strtod_c(buf, NULL) == v)
            break;
    }
    return buf;
}

static const char *budget_text(const lede_budget *b, char *buf, size_t size)
{
    switch (b->kind) {
    case LEDE_BUDGET_RATIO: {
        char r[32];
        snprintf(buf, size, "ratio=%s", shortest(b->ratio, r, sizeof r));
        break;
    }
    case LEDE_BUDGET_WORDS:
        snprintf(buf, size, "words=%zu", b->limit);
        break;
    case LEDE_BUDGET_CHARS:
        snprintf(buf, size, "chars=%zu", b->limit);
        break;
    case LEDE_BUDGET_SENTENCES:
        if (b->limit)
            snprintf(buf, size, "sentences=%zu", b->limit);
        else
            snprintf(buf, size, "sentences=default");
        break;
    }
    return buf;
}

/* Appends `sep`, then "name=value" (`value` alone when no name). Returns
 * nonzero when out of memory. */
static int append_setting(lede_strbuf *out, const char *sep, const char *name, const char *value)
{
    int rc = lede_strbuf_append(out, sep, strlen(sep));
    if (name) {
        rc |= lede_strbuf_append(out, name, strlen(name));
        rc |= lede_strbuf_append(out, "=", 1);
    }
    return rc | lede_strbuf_append(out, value, strlen(value));
}

/* " name=v", v the shortest text that reads back as it. */
static int append_number(lede_strbuf *out, const char *name, double v)
{
    char text[32];
    return append_setting(out, " ", name, shortest(v, text, sizeof text));
}

size_t lede_options_describe(const lede_options *opts, char *buf, size_t size)
{
    if (size > 0 && buf)
        buf[0] = '\0';
    if (!opts)
        return 0;
    char budget[64], seed[32];
    snprintf(seed, sizeof seed, "%" PRIu64, opts->seed);
    lede_strbuf out = {0};
    int rc = append_setting(&out, "", "language", opts->language);
    rc |= append_setting(&out, " ", "method", lede_options_method_name(opts->method));
    rc |= append_setting(&out, " ", NULL, budget_text(&opts->budget, budget, sizeof budget));
    rc |= append_number(&out, "damping", opts->damping);
    rc |= append_number(&out, "redundancy", opts->redundancy);
    rc |= append_number(&out, "background-idf", opts->background_idf);
    rc |= append_setting(&out, " ", "seed", seed);
    rc |= append_setting(&out, " ", "replace-invalid",
                         (opts->input_flags & LEDE_INPUT_REPLACE_INVALID) ? "yes" : "no");
    for (size_t i = 0; i < NAMED_OPTIONS; i++) {
        const named_option *o = &named_options[i];
        if (o->kind == OPT_KNOB)
            rc |= append_number(&out, o->name,
                                *(const double *)((const char *)opts + o->range.offset));
    }
    size_t need = rc ? 0 : out.len;
    if (size > 0 && buf) {
        size_t copy = need < size - 1 ? need : size - 1;
        if (copy)
            memcpy(buf, out.data, copy);
        buf[copy] = '\0';
    }
    lede_strbuf_free(&out);
    return need;
}
