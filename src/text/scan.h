/* scan.h - the byte loops of the splitter, the tokenizer and the summary
 * texts, sixteen bytes at a time.
 *
 * Each of these loops runs over most bytes of a document at three to five
 * instructions a byte; with SSE2 (every x86-64 CPU) a block of sixteen
 * bytes is classified in about ten. Every function has a scalar twin,
 * which is the definition, the code on other CPUs, and what test_scan
 * compares the fast path with, for every byte value at every offset of a
 * block. The scalar twins read the classes of chars.h; the SSE2 paths
 * spell the same sets out, which test_scan checks against the table. */
#ifndef LEDE_TEXT_SCAN_H
#define LEDE_TEXT_SCAN_H

#include <stddef.h>

#include "chars.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#define LEDE_SCAN_SSE2 1
#endif

/* ---- Definitions ---- */

/* An ASCII byte that is neither a terminal nor a bracket nor NUL. */
static inline int lede_plain_byte(unsigned char b)
{
    return b < 0x80 && (lede_ascii_class[b] & LEDE_ASCII_SPECIAL) == 0;
}

/* ASCII that prints and is not a space: ' ' < b < 0x7F. */
static inline int lede_printable_byte(unsigned char b)
{
    return (unsigned char)(b - 0x21) < 0x7F - 0x21;
}

static inline int lede_alnum_byte(unsigned char b)
{
    return b < 0x80 && (lede_ascii_class[b] & LEDE_ASCII_ALNUM) != 0;
}

/* The first byte at or after `i` (before `end`) that is not plain; `end`
 * when there is none. */
static inline size_t lede_skip_plain_scalar(const char *s, size_t i, size_t end)
{
    while (i < end && lede_plain_byte((unsigned char)s[i]))
        i++;
    return i;
}

/* lede_skip_plain_scalar that stops at ';' too: for a language where it is
 * the question mark (Greek), so that a run is scanned once. */
static inline size_t lede_skip_plain_semicolon_scalar(const char *s, size_t i, size_t end)
{
    while (i < end && lede_plain_byte((unsigned char)s[i]) && s[i] != ';')
        i++;
    return i;
}

/* The end of the run at `i` of printable ASCII and of single spaces, each
 * followed by a printable byte before `end`: what collapsing white space
 * keeps as it is. Adds the run's spaces to *spaces. */
static inline size_t lede_printable_run_scalar(const char *s, size_t i, size_t end,
                                               size_t *spaces)
{
    for (; i < end; i++) {
        unsigned char b = (unsigned char)s[i];
        if (lede_printable_byte(b))
            continue;
        if (b != ' ' || i + 1 >= end || !lede_printable_byte((unsigned char)s[i + 1]))
            break;
        (*spaces)++;
    }
    return i;
}

/* The first byte at or after `i` that is not an ASCII letter or digit. */
static inline size_t lede_skip_alnum_scalar(const char *s, size_t i, size_t end)
{
    while (i < end && lede_alnum_byte((unsigned char)s[i]))
        i++;
    return i;
}

/* ASCII white space: what lede_is_space says of a byte below 0x80. */
static inline int lede_space_byte(unsigned char b)
{
    return b < 0x80 && (lede_ascii_class[b] & LEDE_ASCII_SPACE) != 0;
}

/* The words of s[i, end) (runs of bytes that are not white space), when
 * every byte is ASCII; LEDE_SCAN_NOT_ASCII when one is not (the caller then
 * decodes, since non-ASCII white space also separates words). */
#define LEDE_SCAN_NOT_ASCII ((size_t)-1)
static inline size_t lede_ascii_words_scalar(const char *s, size_t i, size_t end)
{
    size_t words = 0;
    int after_space = 1;
    for (; i < end; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b >= 0x80)
            return LEDE_SCAN_NOT_ASCII;
        int space = lede_space_byte(b);
        words += !space && after_space;
        after_space = space;
    }
    return words;
}

/* The first i' in [i, end) where s[i'] is an ASCII capital and s[i' - 1]
 * ASCII white space (a word that may start a sentence, for the run-on
 * check); `end` when there is none. Requires i >= 1: s[i - 1] is read. */
static inline size_t lede_next_capital_word_scalar(const char *s, size_t i, size_t end)
{
    for (; i < end; i++)
        if ((unsigned char)(s[i] - 'A') < 26 && lede_space_byte((unsigned char)s[i - 1]))
            return i;
    return end;
}

/* The set bits of a 16-bit mask (higher bits are ignored), without a
 * branch: a loop over them mispredicts its exit block after block. Not
 * __builtin_popcount: without -mpopcnt (the x86-64 baseline) it is a call
 * into libgcc. */
static inline unsigned lede_count_bits(unsigned x)
{
    x = x - ((x >> 1) & 0x5555u);
    x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
    x = (x + (x >> 4)) & 0x0F0Fu;
    return (x + (x >> 8)) & 0x1Fu;
}

/* ---- SSE2 ---- */

#ifdef LEDE_SCAN_SSE2

static inline __m128i lede_load16(const char *s)
{
    return _mm_loadu_si128((const __m128i *)(const void *)s);
}

/* Bytes x with lo <= x < lo + count (unsigned, count <= 128), as 0xFF. */
static inline __m128i lede_in_range16(__m128i v, unsigned char lo, unsigned char count)
{
    __m128i shifted = _mm_xor_si128(_mm_sub_epi8(v, _mm_set1_epi8((char)lo)),
                                    _mm_set1_epi8((char)0x80));
    return _mm_cmplt_epi8(shifted, _mm_set1_epi8((char)(count ^ 0x80)));
}

static inline unsigned lede_mask16(__m128i m)
{
    return (unsigned)_mm_movemask_epi8(m);
}

/* The ASCII bytes that are not plain, as 0xFF: NUL ! ( ) . ? (the bytes
 * from 0x80 are the sign bits, which lede_mask16 reads directly). */
static inline __m128i lede_special16(__m128i v)
{
    __m128i special = _mm_cmpeq_epi8(v, _mm_setzero_si128());
    special = _mm_or_si128(special, _mm_cmpeq_epi8(v, _mm_set1_epi8('!')));
    special = _mm_or_si128(special,
                           _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(1)), _mm_set1_epi8(')')));
    special = _mm_or_si128(special, _mm_cmpeq_epi8(v, _mm_set1_epi8('.')));
    return _mm_or_si128(special, _mm_cmpeq_epi8(v, _mm_set1_epi8('?')));
}

static inline size_t lede_skip_plain(const char *s, size_t i, size_t end)
{
    for (; i + 16 <= end; i += 16) {
        __m128i v = lede_load16(s + i);
        unsigned stop = lede_mask16(lede_special16(v)) | lede_mask16(v);
        if (stop)
            return i + (size_t)__builtin_ctz(stop);
    }
    return lede_skip_plain_scalar(s, i, end);
}

/* A loop of its own rather than a parameter of lede_skip_plain: the
 * languages without the semicolon question mark pay no compare for it. */
static inline size_t lede_skip_plain_semicolon(const char *s, size_t i, size_t end)
{
    for (; i + 16 <= end; i += 16) {
        __m128i v = lede_load16(s + i);
        __m128i special = _mm_or_si128(lede_special16(v), _mm_cmpeq_epi8(v, _mm_set1_epi8(';')));
        unsigned stop = lede_mask16(special) | lede_mask16(v);
        if (stop)
            return i + (size_t)__builtin_ctz(stop);
    }
    return lede_skip_plain_semicolon_scalar(s, i, end);
}

static inline size_t lede_printable_run(const char *s, size_t i, size_t end, size_t *spaces)
{
    /* Each block also looks at the byte after it: is a space followed by
     * a printable byte? */
    for (; i + 17 <= end; i += 16) {
        __m128i v = lede_load16(s + i);
        __m128i printable = lede_in_range16(v, 0x21, 0x7F - 0x21);
        __m128i next_printable = lede_in_range16(lede_load16(s + i + 1), 0x21, 0x7F - 0x21);
        __m128i space = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
        __m128i keep = _mm_or_si128(printable, _mm_and_si128(space, next_printable));
        unsigned stop = ~lede_mask16(keep) & 0xFFFF;
        unsigned space_bits = lede_mask16(space);
        if (stop) {
            unsigned at = (unsigned)__builtin_ctz(stop);
            *spaces += lede_count_bits(space_bits & ((1u << at) - 1));
            return i + at;
        }
        *spaces += lede_count_bits(space_bits);
    }
    return lede_printable_run_scalar(s, i, end, spaces);
}

static inline size_t lede_skip_alnum(const char *s, size_t i, size_t end)
{
    for (; i + 16 <= end; i += 16) {
        __m128i v = lede_load16(s + i);
        __m128i letter = lede_in_range16(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 26);
        __m128i digit = lede_in_range16(v, '0', 10);
        unsigned stop = ~lede_mask16(_mm_or_si128(letter, digit)) & 0xFFFF;
        if (stop)
            return i + (size_t)__builtin_ctz(stop);
    }
    return lede_skip_alnum_scalar(s, i, end);
}

static inline size_t lede_next_capital_word(const char *s, size_t i, size_t end)
{
    for (; i + 16 <= end; i += 16) {
        __m128i capital = lede_in_range16(lede_load16(s + i), 'A', 26);
        __m128i before = lede_load16(s + i - 1);
        __m128i space = _mm_or_si128(_mm_cmpeq_epi8(before, _mm_set1_epi8(' ')),
                                     lede_in_range16(before, '\t', 5));
        unsigned hits = lede_mask16(_mm_and_si128(capital, space));
        if (hits)
            return i + (size_t)__builtin_ctz(hits);
    }
    return lede_next_capital_word_scalar(s, i, end);
}

static inline size_t lede_ascii_words(const char *s, size_t i, size_t end)
{
    size_t words = 0;
    unsigned after_space = 1; /* the byte before i, as a space bit */
    for (; i + 16 <= end; i += 16) {
        __m128i v = lede_load16(s + i);
        if (lede_mask16(v))
            return LEDE_SCAN_NOT_ASCII;
        /* space, or \t \n \v \f \r */
        __m128i space = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
                                     lede_in_range16(v, '\t', 5));
        unsigned spaces = lede_mask16(space);
        unsigned starts = ~spaces & ((spaces << 1) | after_space) & 0xFFFF;
        words += lede_count_bits(starts);
        after_space = spaces >> 15;
    }
    /* The rest, continuing from the last block's last byte. */
    size_t rest = lede_ascii_words_scalar(s, i, end);
    if (rest == LEDE_SCAN_NOT_ASCII)
        return rest;
    if (rest > 0 && !after_space && !lede_space_byte((unsigned char)s[i]))
        rest--; /* the word ran on from the last block */
    return words + rest;
}

#else

static inline size_t lede_skip_plain(const char *s, size_t i, size_t end)
{
    return lede_skip_plain_scalar(s, i, end);
}

static inline size_t lede_skip_plain_semicolon(const char *s, size_t i, size_t end)
{
    return lede_skip_plain_semicolon_scalar(s, i, end);
}

static inline size_t lede_printable_run(const char *s, size_t i, size_t end, size_t *spaces)
{
    return lede_printable_run_scalar(s, i, end, spaces);
}

static inline size_t lede_skip_alnum(const char *s, size_t i, size_t end)
{
    return lede_skip_alnum_scalar(s, i, end);
}

static inline size_t lede_ascii_words(const char *s, size_t i, size_t end)
{
    return lede_ascii_words_scalar(s, i, end);
}

static inline size_t lede_next_capital_word(const char *s, size_t i, size_t end)
{
    return lede_next_capital_word_scalar(s, i, end);
}

#endif

#endif
