/* stem.c - ROUGE-1.5.5's -m and -s word lists: the WordNet exception lookup,
 * the stopword lookup, and the script's own Porter stemmer (Porter's Perl
 * code with C.-Y. Lin's 2004 change to step 4).
 *
 * The Perl stemmer tests stems with regular expressions built from
 *   c = [^aeiou]  v = [aeiouy]  C = c[^aeiouy]*  V = v[aeiou]*
 * (note that 'y' is both a consonant start and a vowel, and that the initial
 * 'y' is upper-cased to 'Y' so that it never counts as a vowel). Those
 * regexes are not Porter's measure function in every case, so they are
 * evaluated here as written: a small NFA per pattern, run over the stem once
 * (linear time, no allocation, any token length). */
#include <string.h>

#include "rouge_data.h"
#include "rouge_internal.h"

static int cmp_word(const char *s, size_t len, const char *key)
{
    size_t klen = strlen(key);
    size_t n = len < klen ? len : klen;
    int c = memcmp(s, key, n);
    if (c != 0)
        return c;
    return len < klen ? -1 : len > klen ? 1 : 0;
}

int lede_rouge_is_stopword(const char *word, size_t len)
{
    size_t lo = 0, hi = lede_rouge_stopword_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_word(word, len, lede_rouge_stopword_strings + lede_rouge_stopword_list[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

static const char *exception_lemma(const char *word, size_t len)
{
    size_t lo = 0, hi = lede_rouge_exception_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const lede_rouge_exception *e = &lede_rouge_exception_list[mid];
        int c = cmp_word(word, len, lede_rouge_exception_strings + e->word);
        if (c == 0)
            return lede_rouge_exception_strings + e->lemma;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* ---- the regexes ---- */

enum char_class { CL_NONE, CL_CONS, CL_CONS_NOT_Y, CL_VOWEL, CL_VOWEL_NOT_Y, CL_NOT_WXY };

static int in_class(enum char_class cls, unsigned char ch)
{
    int aeiou = ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u';
    switch (cls) {
    case CL_CONS:
        return !aeiou;
    case CL_CONS_NOT_Y:
        return !aeiou && ch != 'y';
    case CL_VOWEL:
        return aeiou || ch == 'y';
    case CL_VOWEL_NOT_Y:
        return aeiou;
    case CL_NOT_WXY:
        return !aeiou && ch != 'w' && ch != 'x' && ch != 'y';
    case CL_NONE:
        break;
    }
    return 0;
}

/* One pattern element: a first character class, then any number of
 * characters of `loop` (CL_NONE: none); optional elements may match
 * nothing. */
typedef struct pattern_elem {
    enum char_class first;
    enum char_class loop;
    int optional;
} pattern_elem;

#define ELEM_C {CL_CONS, CL_CONS_NOT_Y, 0}
#define ELEM_OPT_C {CL_CONS, CL_CONS_NOT_Y, 1}
#define ELEM_V {CL_VOWEL, CL_VOWEL_NOT_Y, 0}
#define ELEM_OPT_V {CL_VOWEL, CL_VOWEL_NOT_Y, 1}

static const pattern_elem pat_mgr0[] = {ELEM_OPT_C, ELEM_V, ELEM_C};                 /* ^(C)?VC */
static const pattern_elem pat_meq1[] = {ELEM_OPT_C, ELEM_V, ELEM_C, ELEM_OPT_V};     /* ...$ */
static const pattern_elem pat_mgr1[] = {ELEM_OPT_C, ELEM_V, ELEM_C, ELEM_V, ELEM_C}; /* ^(C)?VCVC */
static const pattern_elem pat_has_vowel[] = {ELEM_OPT_C, {CL_VOWEL, CL_NONE, 0}};   /* ^(C)?v */
static const pattern_elem pat_cvc[] = {ELEM_C, {CL_VOWEL, CL_NONE, 0}, {CL_NOT_WXY, CL_NONE, 0}};

/* NFA state bit 2*j + x: the first j elements are matched; x = 1 when
 * element j-1 consumed the last character, so its loop may go on. */
static unsigned closure(const pattern_elem *p, size_t k, unsigned set)
{
    for (size_t j = 0; j < k; j++)
        if (p[j].optional && (set & (3u << (2 * j))))
            set |= 1u << (2 * (j + 1));
    return set;
}

static unsigned step(const pattern_elem *p, size_t k, unsigned set, unsigned char ch)
{
    unsigned next = 0;
    for (size_t j = 0; j <= k; j++) {
        if (j > 0 && (set & (1u << (2 * j + 1))) && p[j - 1].loop != CL_NONE && in_class(p[j - 1].loop, ch))
            next |= 1u << (2 * j + 1);
        if (j < k && (set & (3u << (2 * j))) && in_class(p[j].first, ch))
            next |= 1u << (2 * (j + 1) + 1);
    }
    return closure(p, k, next);
}

/* Whether a prefix of s[0..len) matches the pattern (anchored at the start
 * only), or, with `whole`, s itself does (anchored at both ends). */
static int matches(const pattern_elem *p, size_t k, const char *s, size_t len, int whole)
{
    unsigned done = 3u << (2 * k);
    unsigned set = closure(p, k, 1u);
    for (size_t i = 0; i < len && set; i++) {
        if (!whole && (set & done))
            return 1;
        set = step(p, k, set, (unsigned char)s[i]);
    }
    return (set & done) != 0;
}

#define MATCH(pat, s, len) matches(pat, sizeof pat / sizeof pat[0], s, len, 0)
#define MATCH_WHOLE(pat, s, len) matches(pat, sizeof pat / sizeof pat[0], s, len, 1)

static int ends_with(const char *w, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && memcmp(w + len - n, suffix, n) == 0;
}

typedef struct suffix_rule {
    const char *suffix;
    const char *replacement;
} suffix_rule;

static const suffix_rule step2_rules[] = {
    {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"},   {"anci", "ance"},
    {"izer", "ize"},    {"bli", "ble"},     {"alli", "al"},     {"entli", "ent"},
    {"eli", "e"},       {"ousli", "ous"},   {"ization", "ize"}, {"ation", "ate"},
    {"ator", "ate"},    {"alism", "al"},    {"iveness", "ive"}, {"fulness", "ful"},
    {"ousness", "ous"}, {"aliti", "al"},    {"iviti", "ive"},   {"biliti", "ble"},
    {"logi", "log"},
};

static const suffix_rule step3_rules[] = {
    {"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
    {"ical", "ic"},  {"ful", ""},   {"ness", ""},
};

static const suffix_rule step4_rules[] = {
    {"al", ""},  {"ance", ""}, {"ence", ""}, {"er", ""},  {"ic", ""},  {"able", ""},
    {"ible", ""}, {"ant", ""},  {"ement", ""}, {"ou", ""},  {"ism", ""}, {"ate", ""},
    {"iti", ""}, {"ous", ""},  {"ive", ""},  {"ize", ""},
};

/* The Perl alternation /(a|b|...)$/ matches at the leftmost position, that
 * is the longest listed suffix the word ends with. */
static const suffix_rule *longest_suffix(const suffix_rule *rules, size_t n, const char *w,
                                         size_t len)
{
    const suffix_rule *best = NULL;
    for (size_t i = 0; i < n; i++)
        if (ends_with(w, len, rules[i].suffix) &&
            (!best || strlen(rules[i].suffix) > strlen(best->suffix)))
            best = &rules[i];
    return best;
}

/* Replaces the suffix when the stem before it has measure > 0 (`mgr1`: > 1).
 * Replacements are never longer than their suffix. */
static size_t apply_rules(char *w, size_t len, const suffix_rule *rules, size_t n, int mgr1)
{
    const suffix_rule *r = longest_suffix(rules, n, w, len);
    if (!r)
        return len;
    size_t stem = len - strlen(r->suffix);
    int ok = mgr1 ? MATCH(pat_mgr1, w, stem) : MATCH(pat_mgr0, w, stem);
    if (!ok)
        return len;
    size_t rlen = strlen(r->replacement);
    memcpy(w + stem, r->replacement, rlen);
    return stem + rlen;
}

static size_t step1ab(char *w, size_t len)
{
    if (ends_with(w, len, "sses") || ends_with(w, len, "ies"))
        len -= 2;
    else if (len >= 2 && w[len - 1] == 's' && w[len - 2] != 's')
        len -= 1;

    if (ends_with(w, len, "eed")) {
        if (MATCH(pat_mgr0, w, len - 3))
            len -= 1;
        return len;
    }
    size_t cut = ends_with(w, len, "ed") ? 2 : ends_with(w, len, "ing") ? 3 : 0;
    if (cut == 0 || !MATCH(pat_has_vowel, w, len - cut))
        return len;
    len -= cut;
    if (ends_with(w, len, "at") || ends_with(w, len, "bl") || ends_with(w, len, "iz")) {
        w[len++] = 'e';
    } else if (len >= 2 && w[len - 1] == w[len - 2] &&
               !strchr("aeiouylsz", w[len - 1])) {
        len -= 1;
    } else if (MATCH_WHOLE(pat_cvc, w, len)) {
        w[len++] = 'e';
    }
    return len;
}

static size_t step4(char *w, size_t len)
{
    len = apply_rules(w, len, step4_rules, sizeof step4_rules / sizeof step4_rules[0], 1);
    if (ends_with(w, len, "ment") && MATCH(pat_mgr1, w, len - 4))
        len -= 4;
    if (ends_with(w, len, "ent")) {
        if (MATCH(pat_mgr1, w, len - 3))
            len -= 3;
    } else if (ends_with(w, len, "sion") || ends_with(w, len, "tion")) {
        if (MATCH(pat_mgr1, w, len - 3))
            len -= 3;
    }
    return len;
}

static size_t step5(char *w, size_t len)
{
    if (ends_with(w, len, "e")) {
        size_t stem = len - 1;
        if (MATCH(pat_mgr1, w, stem) ||
            (MATCH_WHOLE(pat_meq1, w, stem) && !MATCH_WHOLE(pat_cvc, w, stem)))
            len = stem;
    }
    if (ends_with(w, len, "ll") && MATCH(pat_mgr1, w, len))
        len -= 1;
    return len;
}

size_t lede_rouge_porter(char *w, size_t len)
{
    if (len < 3)
        return len;
    int initial_y = w[0] == 'y';
    if (initial_y)
        w[0] = 'Y';
    len = step1ab(w, len);
    if (len > 0 && w[len - 1] == 'y' && MATCH(pat_has_vowel, w, len - 1))
        w[len - 1] = 'i';
    len = apply_rules(w, len, step2_rules, sizeof step2_rules / sizeof step2_rules[0], 0);
    len = apply_rules(w, len, step3_rules, sizeof step3_rules / sizeof step3_rules[0], 0);
    len = step4(w, len);
    len = step5(w, len);
    if (initial_y)
        w[0] = 'y';
    return len;
}

size_t lede_rouge_morph_stem(const char *token, size_t len, char *out, const char **lemma)
{
    *lemma = exception_lemma(token, len);
    if (*lemma)
        return strlen(*lemma);
    memcpy(out, token, len);
    out[len] = '\0';
    return lede_rouge_porter(out, len);
}
