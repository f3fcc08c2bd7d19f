#include "chars.h"

#include <utf8proc.h>

#define A LEDE_ASCII_ALNUM
#define W LEDE_ASCII_SPACE
#define S LEDE_ASCII_SPECIAL
const unsigned char lede_ascii_class[128] = {
    /* NUL is special: the splitter must decode it (as U+FFFD). */
    S, 0, 0, 0, 0, 0, 0, 0, 0, W, W, W, W, W, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* space ! " # $ % & ' ( ) * + , - . / */
    W, S, 0, 0, 0, 0, 0, 0, S, S, 0, 0, 0, 0, S, 0,
    A, A, A, A, A, A, A, A, A, A, 0, 0, 0, 0, 0, S, /* 0-9 : ; < = > ? */
    0, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, /* @ A-O */
    A, A, A, A, A, A, A, A, A, A, A, 0, 0, 0, 0, 0, /* P-Z [ \ ] ^ _ */
    0, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, /* ` a-o */
    A, A, A, A, A, A, A, A, A, A, A, 0, 0, 0, 0, 0, /* p-z { | } ~ DEL */
};
#undef A
#undef W
#undef S

/* lede_text_prev when the byte before `i` is not ASCII. */
size_t lede_text_prev_slow(const char *text, size_t floor, size_t i, int32_t *cp)
{
    size_t j = i - 1;
    /* At most three continuation bytes precede a lead byte. */
    while (j > floor && i - j < 4 && ((unsigned char)text[j] & 0xC0) == 0x80)
        j--;
    if (i - j > 1 && lede_utf8_next((const unsigned char *)text + j, i - j, cp) == i - j)
        return j;
    /* Under LEDE_INPUT_REPLACE_INVALID the byte before `i` may be a stray
     * continuation byte (after white space, or after a whole character):
     * lede_text_next reads it alone, as U+FFFD, and so does this. */
    *cp = 0xFFFD;
    return i - 1;
}

int lede_is_space_slow(int32_t c)
{
    if (c == 0x85)
        return 1;
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
}

int lede_is_alnum_slow(int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO);
}

int lede_is_upper_slow(int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

int lede_is_lower_slow(int32_t c)
{
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

int lede_is_digit_slow(int32_t c)
{
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

int lede_is_closer(int32_t c)
{
    if (c < 0x80)
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == '*' ||
               c == '_';
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_PE || cat == UTF8PROC_CATEGORY_PF ||
           c == 0x201D || c == 0x2019 || c == 0x00BB || c == 0x203A;
}

int lede_is_opener(int32_t c)
{
    if (c < 0x80)
        return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' || c == '*' ||
               c == '_' || c == '-' || c == '`';
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_PS || cat == UTF8PROC_CATEGORY_PI ||
           cat == UTF8PROC_CATEGORY_PD || c == 0x00BF || c == 0x00A1 || c == 0x201E ||
           c == 0x00AB;
}

int lede_terminal_class_slow(int32_t c)
{
    switch (c) {
    case 0x0589: /* Armenian full stop */
    case 0x037E: /* Greek question mark */
    case 0x061F: /* Arabic question mark */
    case 0x06D4: /* Arabic full stop (Urdu) */
    case 0x0964: /* Devanagari danda */
    case 0x0965: /* Devanagari double danda */
    case 0x104A: /* Myanmar section mark */
    case 0x104B:
    case 0x1362: /* Ethiopic full stop */
    case 0x1367:
    case 0x1368:
    case 0x166E: /* Canadian syllabics full stop */
    case 0x17D4: /* Khmer sign khan */
    case 0x17D5:
    case 0x2026: /* horizontal ellipsis */
    case 0x203C: /* double exclamation mark */
    case 0x203D: /* interrobang */
    case 0x2047:
    case 0x2048:
    case 0x2049:
        return LEDE_TERM_WEAK;
    case 0x3002: /* ideographic full stop */
    case 0xFF01: /* full-width exclamation mark */
    case 0xFF0E: /* full-width full stop (Japanese technical writing) */
    case 0xFF1F: /* full-width question mark */
    case 0xFF61: /* half-width ideographic full stop */
        return LEDE_TERM_STRONG;
    default:
        return LEDE_TERM_NONE;
    }
}

int lede_is_unsegmented(int32_t c)
{
    if (c < 0x0E00)
        return 0;
    return (c >= 0x0E00 && c <= 0x0EFF) ||   /* Thai, Lao */
           (c >= 0x1000 && c <= 0x109F) ||   /* Myanmar */
           (c >= 0x1780 && c <= 0x17FF) ||   /* Khmer */
           (c >= 0x3040 && c <= 0x30FF) ||   /* Hiragana, Katakana */
           (c >= 0x31F0 && c <= 0x31FF) ||   /* Katakana phonetic extensions */
           (c >= 0x3400 && c <= 0x4DBF) ||   /* CJK extension A */
           (c >= 0x4E00 && c <= 0x9FFF) ||   /* CJK unified ideographs */
           (c >= 0xF900 && c <= 0xFAFF) ||   /* CJK compatibility ideographs */
           (c >= 0xFF66 && c <= 0xFF9F) ||   /* half-width Katakana */
           (c >= 0x20000 && c <= 0x3134F);   /* CJK extensions B to G */
}
