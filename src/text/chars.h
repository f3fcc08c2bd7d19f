/* chars.h - character classes used by the sentence splitter and the
 * tokenizer, with an ASCII fast path in front of utf8proc's categories. */
#ifndef LEDE_TEXT_CHARS_H
#define LEDE_TEXT_CHARS_H

#include <stddef.h>
#include <stdint.h>

#include "../io/input.h"

/* Decodes the code point at text[i] for text that passed lede_input_check:
 * invalid bytes and NUL (accepted only under LEDE_INPUT_REPLACE_INVALID)
 * read as U+FFFD, one byte each. Returns the byte length. */
static inline size_t lede_text_next(const char *text, size_t end, size_t i, int32_t *cp)
{
    size_t n = lede_utf8_next((const unsigned char *)text + i, end - i, cp);
    if (*cp <= 0)
        *cp = 0xFFFD;
    return n;
}

/* Start of the code point that ends just before byte `i` (i > floor), as
 * lede_text_next reads the text: a stray continuation byte (kept under
 * LEDE_INPUT_REPLACE_INVALID) is a character of its own. Stores the code
 * point in *cp as lede_text_next would read it there: a step back is
 * mostly taken to look at the character, which is decoded on the way.
 * ASCII, most steps back, is read inline. */
size_t lede_text_prev_slow(const char *text, size_t floor, size_t i, int32_t *cp);
static inline size_t lede_text_prev(const char *text, size_t floor, size_t i, int32_t *cp)
{
    unsigned char b = (unsigned char)text[i - 1];
    if (b < 0x80) {
        *cp = b != 0 ? b : 0xFFFD;
        return i - 1;
    }
    return lede_text_prev_slow(text, floor, i, cp);
}

/* Classes of ASCII bytes, as bit flags, for the hot loops. */
enum {
    LEDE_ASCII_ALNUM = 1,
    LEDE_ASCII_SPACE = 2,
    LEDE_ASCII_SPECIAL = 4 /* NUL, terminals and brackets: the splitter looks closer */
};
extern const unsigned char lede_ascii_class[128];

/* The non-ASCII halves of the classes below (utf8proc categories). */
int lede_is_space_slow(int32_t c);
int lede_is_alnum_slow(int32_t c);
int lede_is_upper_slow(int32_t c);
int lede_is_lower_slow(int32_t c);
int lede_is_digit_slow(int32_t c);

/* White space, line and paragraph separators. */
static inline int lede_is_space(int32_t c)
{
    if (c < 0x80)
        return (lede_ascii_class[c] & LEDE_ASCII_SPACE) != 0;
    return lede_is_space_slow(c);
}

/* Letters, marks and numbers (L*, M*, N*). */
static inline int lede_is_alnum(int32_t c)
{
    if (c < 0x80)
        return (lede_ascii_class[c] & LEDE_ASCII_ALNUM) != 0;
    return lede_is_alnum_slow(c);
}

/* Lu or Lt. */
static inline int lede_is_upper(int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    return lede_is_upper_slow(c);
}

/* Ll. */
static inline int lede_is_lower(int32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    return lede_is_lower_slow(c);
}

/* Nd. */
static inline int lede_is_digit(int32_t c)
{
    if (c < 0x80)
        return c >= '0' && c <= '9';
    return lede_is_digit_slow(c);
}
int lede_is_closer(int32_t c);       /* closing quote or bracket that stays with a sentence */
int lede_is_opener(int32_t c);       /* opening quote or bracket (or dash) before a word */

/* Sentence terminals. Weak ones end a sentence only before white space;
 * strong ones (ideographic full stop and full-width marks) end it anywhere. */
enum { LEDE_TERM_NONE = 0, LEDE_TERM_WEAK = 1, LEDE_TERM_STRONG = 2 };
int lede_terminal_class_slow(int32_t c);
static inline int lede_terminal_class(int32_t c)
{
    if (c < 0x80)
        return (c == '.' || c == '!' || c == '?') ? LEDE_TERM_WEAK : LEDE_TERM_NONE;
    return lede_terminal_class_slow(c);
}

/* Scripts written without spaces between words, tokenized as character
 * bigrams: Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar. */
int lede_is_unsegmented(int32_t c);

/* A character that belongs to a word of a spaced script: a letter, mark or
 * number that is not from a script written without spaces. */
static inline int lede_is_word_char(int32_t c)
{
    if (c < 0x80)
        return (lede_ascii_class[c] & LEDE_ASCII_ALNUM) != 0;
    return lede_is_alnum_slow(c) && !lede_is_unsegmented(c);
}

#endif
