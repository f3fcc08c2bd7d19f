/* options.c - lede_rouge_options: typed setters, the script's command-line
 * flags (getopts('ahHb:c:de:f:l:mMn:p:st:r:2:3:w:uUvxz:') semantics), and
 * the list of metrics they ask for. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/error.h"
#include "../common/parse.h"
#include "rouge_internal.h"

/* Resamples beyond this would need more memory than a bootstrap is worth. */
#define MAX_RESAMPLES 1000000u

lede_rouge_options *lede_rouge_options_new(void)
{
    lede_rouge_options *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->lcs = 1;
    o->alpha = 0.5;
    o->confidence = 95;
    strcpy(o->confidence_text, "95");
    o->resamples = 1000;
    return o;
}

void lede_rouge_options_free(lede_rouge_options *opts)
{
    free(opts);
}

int lede_rouge_flag_text(char *dst, const char *text)
{
    size_t n = strlen(text);
    if (n >= LEDE_ROUGE_FLAG_TEXT)
        return -1;
    memcpy(dst, text, n + 1);
    return 0;
}

/* Perl prints numbers with %.15g. */
static void number_text(char *dst, double v)
{
    lede_snprintf_c(dst, LEDE_ROUGE_FLAG_TEXT, "%.15g", v);
}

lede_status lede_rouge_options_set_max_ngram(lede_rouge_options *opts, unsigned n)
{
    if (!opts || n > 9)
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->max_ngram = n;
    return LEDE_OK;
}

lede_status lede_rouge_options_set_lcs(lede_rouge_options *opts, int on)
{
    if (!opts)
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->lcs = on != 0;
    return LEDE_OK;
}

lede_status lede_rouge_options_set_wlcs(lede_rouge_options *opts, double w)
{
    if (!opts || !(w >= 0) || !isfinite(w))
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->wlcs_weight = w;
    number_text(opts->wlcs_text, w);
    return LEDE_OK;
}

lede_status lede_rouge_options_set_skip_bigram(lede_rouge_options *opts, lede_rouge_skip which,
                                               long max_gap)
{
    if (!opts || which < LEDE_ROUGE_SKIP_NONE || which > LEDE_ROUGE_SKIP_BOTH)
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->skip_given = which != LEDE_ROUGE_SKIP_NONE;
    opts->skip_gap = max_gap;
    snprintf(opts->skip_text, sizeof opts->skip_text, "%ld", max_gap);
    opts->skip_u = which == LEDE_ROUGE_SKIP_SU;
    opts->skip_U = which == LEDE_ROUGE_SKIP_BOTH;
    return LEDE_OK;
}

lede_status lede_rouge_options_set_alpha(lede_rouge_options *opts, double alpha)
{
    if (!opts || !(alpha >= 0 && alpha <= 1))
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->alpha = alpha;
    return LEDE_OK;
}

lede_status lede_rouge_options_set_best_reference(lede_rouge_options *opts, int best)
{
    if (!opts)
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->best = best != 0;
    return LEDE_OK;
}

lede_status lede_rouge_options_set_stemming(lede_rouge_options *opts, int on)
{
    if (!opts)
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->stem = on != 0;
    return LEDE_OK;
}

lede_status lede_rouge_options_set_stopwords(lede_rouge_options *opts, int remove)
{
    if (!opts)
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->stopwords = remove != 0;
    return LEDE_OK;
}

lede_status lede_rouge_options_set_word_limit(lede_rouge_options *opts, size_t words)
{
    if (!opts)
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->word_limit = words;
    opts->byte_limit = 0;
    opts->limit_flag = 0; /* the last one set counts, also a -l or -b after it */
    return LEDE_OK;
}

lede_status lede_rouge_options_set_byte_limit(lede_rouge_options *opts, size_t bytes)
{
    if (!opts)
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->byte_limit = bytes;
    opts->word_limit = 0;
    opts->limit_flag = 0;
    return LEDE_OK;
}

lede_status lede_rouge_options_set_confidence(lede_rouge_options *opts, double cf)
{
    if (!opts || !(cf >= 0 && cf <= 100))
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->confidence = cf;
    number_text(opts->confidence_text, cf);
    return LEDE_OK;
}

lede_status lede_rouge_options_set_resamples(lede_rouge_options *opts, size_t n)
{
    if (!opts || n < 1 || n > MAX_RESAMPLES)
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->resamples = n;
    return LEDE_OK;
}

lede_status lede_rouge_options_set_average(lede_rouge_options *opts, lede_rouge_average how)
{
    if (!opts || (how != LEDE_ROUGE_AVERAGE_DOCS && how != LEDE_ROUGE_AVERAGE_TOKENS &&
                  how != LEDE_ROUGE_COUNTS))
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->average = how;
    return LEDE_OK;
}

lede_status lede_rouge_options_set_tokenizer(lede_rouge_options *opts, lede_rouge_tokenizer t)
{
    if (!opts || (t != LEDE_ROUGE_TOKENIZE_ROUGE155 && t != LEDE_ROUGE_TOKENIZE_UNICODE))
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->tokenizer = t;
    return LEDE_OK;
}

lede_status lede_rouge_options_set_empty_reference(lede_rouge_options *opts,
                                                   lede_rouge_empty_reference what)
{
    if (!opts || (what != LEDE_ROUGE_EMPTY_REFERENCE_ERROR &&
                  what != LEDE_ROUGE_EMPTY_REFERENCE_ZERO))
        return LEDE_ERR_INVALID_ARGUMENT;
    opts->empty_reference = what;
    return LEDE_OK;
}

/* ---- flags ---- */

/* An integer, written as Perl would accept it for a count: "4", "-1", "4.0". */
static int parse_long(const char *s, long *out)
{
    double v;
    if (lede_parse_double(s, &v) != 0 || v != floor(v) || v < (double)LONG_MIN ||
        v > (double)LONG_MAX)
        return -1;
    *out = (long)v;
    return 0;
}

static lede_status bad_value(lede_error **err, char flag, const char *value, const char *want)
{
    return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "-%c: invalid value '%s' (%s)", flag,
                     value ? value : "", want);
}

static lede_status set_limit(lede_rouge_options *opts, char flag, const char *value,
                             lede_error **err)
{
    long v;
    if (parse_long(value, &v) != 0 || v < 0)
        return bad_value(err, flag, value, "expected a number of words or bytes >= 0");
    /* The script refuses both flags whatever their values, 0 included. */
    if (opts->limit_flag && opts->limit_flag != flag)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT,
                         "-l and -b both given: limit the length in words or in bytes, "
                         "not both");
    opts->limit_flag = flag;
    opts->word_limit = flag == 'l' ? (size_t)v : 0;
    opts->byte_limit = flag == 'b' ? (size_t)v : 0;
    return LEDE_OK;
}

/* The text of a flag whose value is kept as written, for the metrics'
 * names; its number is set after this succeeds, so that a refused flag
 * (its text too long) leaves the options as they were. */
static lede_status set_text_number(char *text, char flag, const char *value, lede_error **err)
{
    if (lede_rouge_flag_text(text, value) != 0)
        return bad_value(err, flag, value, "too long");
    return LEDE_OK;
}

static lede_status set_valued_flag(lede_rouge_options *opts, char flag, const char *value,
                                   lede_error **err)
{
    long n;
    double x;
    switch (flag) {
    case 'e':
        return LEDE_OK; /* the data is built in */
    case 'b':
    case 'l':
        return set_limit(opts, flag, value, err);
    case 'c':
        if (lede_parse_double(value, &x) != 0 || x < 0 || x > 100)
            return bad_value(err, flag, value, "confidence level between 0 and 100");
        if (set_text_number(opts->confidence_text, flag, value, err) != LEDE_OK)
            return LEDE_ERR_INVALID_ARGUMENT;
        opts->confidence = x;
        return LEDE_OK;
    case 'f':
        /* The script averages for any value but "B" (its scoring's else
         * branch), so an existing command line gives the same scores. */
        opts->best = strcmp(value, "B") == 0;
        return LEDE_OK;
    case 'n':
        if (parse_long(value, &n) != 0 || n < 0 || n > 9)
            return bad_value(err, flag, value, "longest n-gram, 0 to 9");
        opts->max_ngram = (unsigned)n;
        return LEDE_OK;
    case 'p':
        if (lede_parse_double(value, &x) != 0 || x < 0 || x > 1)
            return bad_value(err, flag, value, "alpha between 0 and 1");
        opts->alpha = x;
        return LEDE_OK;
    case 'r':
        if (parse_long(value, &n) != 0 || n < 1 || (unsigned long)n > MAX_RESAMPLES)
            return bad_value(err, flag, value, "number of resamples, 1 to 1000000");
        opts->resamples = (size_t)n;
        return LEDE_OK;
    case '2':
        if (parse_long(value, &n) != 0)
            return bad_value(err, flag, value, "integer skip distance; < 0 for no limit");
        if (set_text_number(opts->skip_text, flag, value, err) != LEDE_OK)
            return LEDE_ERR_INVALID_ARGUMENT;
        opts->skip_given = 1;
        opts->skip_gap = n;
        return LEDE_OK;
    case 't':
        /* The script treats any value but 1 and 2 as 0. */
        if (lede_parse_double(value, &x) != 0)
            return bad_value(err, flag, value, "0, 1 or 2");
        opts->average = x == 1 ? LEDE_ROUGE_AVERAGE_TOKENS
                        : x == 2 ? LEDE_ROUGE_COUNTS
                                 : LEDE_ROUGE_AVERAGE_DOCS;
        return LEDE_OK;
    case 'w':
        if (lede_parse_double(value, &x) != 0 || !(x > 0))
            return bad_value(err, flag, value, "ROUGE-W weight factor must be > 0");
        if (set_text_number(opts->wlcs_text, flag, value, err) != LEDE_OK)
            return LEDE_ERR_INVALID_ARGUMENT;
        opts->wlcs_weight = x;
        return LEDE_OK;
    default:
        return lede_fail(err, LEDE_ERR_INTERNAL, "-%c: no handler", flag);
    }
}

static int takes_value(char flag)
{
    return flag != '\0' && strchr("bceflnpr23twz", flag) != NULL;
}

lede_status lede_rouge_options_set_flag(lede_rouge_options *opts, char flag, const char *value,
                                        lede_error **err)
{
    if (err)
        *err = NULL;
    if (!opts)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "no options object");
    switch (flag) {
    case 'a':
    case 'd':
        return LEDE_OK;
    case 'm':
        opts->stem = 1;
        return LEDE_OK;
    case 's':
        opts->stopwords = 1;
        return LEDE_OK;
    case 'x':
        opts->lcs = 0;
        return LEDE_OK;
    case 'u':
        opts->skip_u = 1;
        return LEDE_OK;
    case 'U':
        opts->skip_U = 1;
        return LEDE_OK;
    case 'z':
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT,
                         "-z: a file list is read by the lede rouge program, not by the "
                         "scoring options");
    case '3':
    case 'M':
    case 'v':
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT,
                         "-%c: this ROUGE-1.5.5 option is not supported by lede (see "
                         "docs/rouge.md)",
                         flag);
    case 'h':
    case 'H':
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "-%c asks for help, not a score",
                         flag);
    default:
        break;
    }
    if (!takes_value(flag))
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "unknown option -%c", flag);
    if (!value)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "-%c needs a value", flag);
    return set_valued_flag(opts, flag, value, err);
}

lede_status lede_rouge_options_parse(lede_rouge_options *opts, int argc, char *const *argv,
                                     int *first_operand, lede_error **err)
{
    if (err)
        *err = NULL;
    if (!opts || argc < 0 || (argc > 0 && !argv))
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "no options or argv");
    int i = 0;
    while (i < argc) {
        const char *arg = argv[i];
        if (!arg || arg[0] != '-' || arg[1] == '\0')
            break;
        i++;
        if (strcmp(arg, "--") == 0)
            break;
        for (const char *p = arg + 1; *p; p++) {
            lede_status st;
            if (takes_value(*p)) {
                const char *value = p[1] ? p + 1 : i < argc ? argv[i++] : NULL;
                st = lede_rouge_options_set_flag(opts, *p, value, err);
                if (st != LEDE_OK)
                    return st;
                break;
            }
            st = lede_rouge_options_set_flag(opts, *p, NULL, err);
            if (st != LEDE_OK)
                return st;
        }
    }
    if (first_operand) {
        *first_operand = i;
        return LEDE_OK;
    }
    if (i < argc)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "unexpected argument '%s'",
                         argv[i] ? argv[i] : "(null)");
    return LEDE_OK;
}

/* ---- metrics ---- */

static void add_metric(rouge_metric *out, size_t *n, rouge_kind kind, unsigned k,
                       const char *name)
{
    rouge_metric *m = &out[(*n)++];
    m->kind = kind;
    m->n = k;
    snprintf(m->name, sizeof m->name, "%s", name);
}

size_t lede_rouge_metrics_build(const lede_rouge_options *opts, rouge_metric *out)
{
    size_t n = 0;
    char name[LEDE_ROUGE_FLAG_TEXT + 16];
    for (unsigned k = 1; k <= opts->max_ngram; k++) {
        snprintf(name, sizeof name, "ROUGE-%u", k);
        add_metric(out, &n, ROUGE_N, k, name);
    }
    if (opts->lcs)
        add_metric(out, &n, ROUGE_L, 0, "ROUGE-L");
    if (opts->wlcs_weight > 0) {
        snprintf(name, sizeof name, "ROUGE-W-%s", opts->wlcs_text);
        add_metric(out, &n, ROUGE_W, 0, name);
    }
    if (opts->skip_given) {
        const char *sfx = opts->skip_gap >= 0 ? opts->skip_text : "*";
        if (!opts->skip_u) {
            snprintf(name, sizeof name, "ROUGE-S%s", sfx);
            add_metric(out, &n, ROUGE_S, 0, name);
        }
        if (opts->skip_u || opts->skip_U) {
            snprintf(name, sizeof name, "ROUGE-SU%s", sfx);
            add_metric(out, &n, ROUGE_SU, 0, name);
        }
    }
    return n;
}
