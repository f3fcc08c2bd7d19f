#include "model.h"

#include <string.h>
#include <utf8proc.h>

#include "../common/parse.h"

/* Whether `language` is one of the comma-separated `aliases`. */
static int is_alias(const char *language, const char *aliases)
{
    size_t len = strlen(language);
    for (const char *p = aliases; *p;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (n == len && lede_ascii_ncasecmp(p, language, n) == 0)
            return 1;
        p += n + (comma != NULL);
    }
    return 0;
}

const lede_model_data *lede_model_find(const char *language)
{
    if (!language || !language[0])
        return NULL;
    for (size_t i = 0; i < lede_builtin_model_count; i++) {
        const lede_model_data *d = &lede_builtin_models[i];
        if (lede_ascii_casecmp(language, d->code) == 0 ||
            lede_ascii_casecmp(language, d->name) == 0 ||
            (d->stemmer[0] && lede_ascii_casecmp(language, d->stemmer) == 0) ||
            is_alias(language, d->aliases))
            return d;
    }
    /* A language tag with a region or script (en-US, pt_BR, zh-Hant):
     * retry with its primary subtag. */
    size_t primary = strcspn(language, "-_");
    if (language[primary] && primary > 0 && primary < 16) {
        char code[16];
        memcpy(code, language, primary);
        code[primary] = '\0';
        return lede_model_find(code);
    }
    return NULL;
}

static lede_status fill(lede_intern *t, const char *word, unsigned value)
{
    int64_t id = lede_intern_add(t, word, strlen(word), NULL);
    if (id < 0)
        return LEDE_ERR_NOMEM;
    t->entries[id].value = value;
    return LEDE_OK;
}

lede_status lede_model_init(lede_model *m, const lede_model_data *data)
{
    memset(m, 0, sizeof *m);
    m->data = data;
    lede_status st = LEDE_OK;
    for (size_t i = 0; st == LEDE_OK && i < data->n_stopwords; i++)
        st = fill(&m->stopwords, lede_model_stopword(data, i), 1);
    for (size_t i = 0; st == LEDE_OK && i < data->n_abbrevs; i++)
        st = fill(&m->abbrevs, lede_model_abbrev_word(data, i), data->abbrevs[i].cls);
    if (st != LEDE_OK)
        lede_model_free(m);
    return st;
}

void lede_model_free(lede_model *m)
{
    lede_intern_free(&m->stopwords);
    lede_intern_free(&m->abbrevs);
}

int lede_model_is_stopword(const lede_model *m, const char *folded, size_t len)
{
    return lede_intern_find(&m->stopwords, folded, len) >= 0;
}

/* Whether `folded` is in the comma-separated `list`. The lists are a few
 * dozen words at most, looked up rarely: a scan. */
static int in_list(const char *list, const char *folded, size_t len)
{
    for (const char *w = list; *w;) {
        size_t n = strcspn(w, ",");
        if (n == len && memcmp(w, folded, len) == 0)
            return 1;
        w += n + (w[n] == ',');
    }
    return 0;
}

int lede_model_is_capitalized(const lede_model *m, const char *folded, size_t len)
{
    return in_list(m->data->capitalized, folded, len);
}

int lede_model_is_speech_verb(const lede_model *m, const char *folded, size_t len)
{
    return in_list(m->data->speech_verbs, folded, len);
}

int lede_model_is_not_name(const lede_model *m, const char *folded, size_t len)
{
    return in_list(m->data->not_names, folded, len);
}

size_t lede_fold_word(const char *s, size_t len, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (o >= cap)
                return 0;
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n < 1)
            return 0;
        i += (size_t)n;
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), enc);
        if (o + (size_t)m > cap)
            return 0;
        memcpy(out + o, enc, (size_t)m);
        o += (size_t)m;
    }
    return o;
}

int lede_model_abbrev_class(const lede_model *m, const char *word, size_t len)
{
    char folded[64];
    size_t n = lede_fold_word(word, len, folded, sizeof folded);
    if (n == 0)
        return LEDE_ABBR_NONE;
    int64_t id = lede_intern_find(&m->abbrevs, folded, n);
    return id < 0 ? LEDE_ABBR_NONE : (int)m->abbrevs.entries[id].value;
}

double lede_model_idf(const lede_model *m, const char *term, size_t len)
{
    return lede_model_data_idf(m->data, term, len);
}
