#include "options.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void lede_options_init(lede_options *o)
{
    memset(o, 0, sizeof *o);
    o->input_flags = LEDE_INPUT_DEFAULT;
    strcpy(o->language, "en");
    o->budget.kind = LEDE_BUDGET_SENTENCES;
    o->budget.limit = 0;
    o->damping = 0.85;
    o->redundancy = 0.8;
    o->background_idf = 0.0;
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

lede_status lede_options_set_input_flags(lede_options *opts, unsigned flags)
{
    if (!opts || (flags & ~LEDE_INPUT_REPLACE_INVALID))
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->input_flags = flags;
    return LEDE_OK;
}

lede_status lede_options_set_language(lede_options *opts, const char *language)
{
    if (!opts || !language || !language[0] || strlen(language) > LEDE_LANGUAGE_MAX)
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
