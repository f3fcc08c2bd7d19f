#define __STDC_WANT_IEC_60559_BFP_EXT__ 1 /* strfromd */
#include "jsonl.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Deeper nesting than this in a pass-through value is refused. */
enum { MAX_DEPTH = 512 };

/* ====== Buffers ====== */

int jsonl_reserve(jsonl_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2)
            return -1;
        cap *= 2;
    }
    char *data = realloc(b->data, cap);
    if (!data)
        return -1;
    b->data = data;
    b->cap = cap;
    return 0;
}

int jsonl_put(jsonl_buf *b, const char *s, size_t len)
{
    if (jsonl_reserve(b, len) != 0)
        return -1;
    memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

void jsonl_buf_free(jsonl_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void jsonl_object_free(jsonl_object *obj)
{
    free(obj->members);
    obj->members = NULL;
    obj->count = obj->cap = 0;
}

/* ====== Parsing ====== */

typedef struct parser {
    const char *s;
    size_t len;
    size_t pos;
    const char *error;
    unsigned flags;
    int invalid_utf8; /* a string since the last member had bytes not UTF-8 */
} parser;

static int fail(parser *p, const char *message)
{
    if (!p->error)
        p->error = message;
    return -1;
}

static void skip_space(parser *p)
{
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        p->pos++;
    }
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Four hex digits at s[i]; -1 when they are not. */
static long hex4(const char *s, size_t i, size_t len)
{
    if (i + 4 > len)
        return -1;
    long v = 0;
    for (size_t k = 0; k < 4; k++) {
        int h = hex_value(s[i + k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Fails at the backslash of an escape: the whole escape is wrong, not the
 * byte after it where the parser stopped. */
static int fail_escape(parser *p, size_t backslash, const char *message)
{
    p->pos = backslash;
    return fail(p, message);
}

/* A \u escape at p->pos (after the backslash and 'u'); surrogates must
 * come in pairs. Stores the code point. */
static int parse_unicode_escape(parser *p, int32_t *cp)
{
    size_t backslash = p->pos - 2;
    long hi = hex4(p->s, p->pos, p->len);
    if (hi < 0)
        return fail_escape(p, backslash, "invalid \\u escape");
    p->pos += 4;
    if (hi >= 0xDC00 && hi <= 0xDFFF)
        return fail_escape(p, backslash, "invalid Unicode: lone low surrogate");
    if (hi < 0xD800 || hi > 0xDBFF) {
        *cp = (int32_t)hi;
        return 0;
    }
    if (p->pos + 2 > p->len || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u')
        return fail_escape(p, backslash, "invalid Unicode: high surrogate without a low one");
    long lo = hex4(p->s, p->pos + 2, p->len);
    if (lo < 0xDC00 || lo > 0xDFFF)
        return fail_escape(p, backslash, "invalid Unicode: high surrogate without a low one");
    p->pos += 6;
    *cp = (int32_t)(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
    return 0;
}

/* The offset of the first byte in s[0, 16) that is a quote, a backslash, a
 * control character or, when `non_ascii` is set, from 0x80; 16 when there
 * is none. With SSE2, one block in about a dozen instructions; the scalar
 * loops below are the fallback and finish each string's last bytes. */
#if defined(__SSE2__)
static unsigned first_special16(const char *s, int non_ascii)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    /* A signed compare: bytes from 0x80 are negative, so "below 0x20". */
    __m128i special = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
    if (!non_ascii)
        special = _mm_and_si128(special, _mm_cmpgt_epi8(v, _mm_set1_epi8(-1)));
    special = _mm_or_si128(special, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
    special = _mm_or_si128(special, _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
    unsigned mask = (unsigned)_mm_movemask_epi8(special);
    return mask ? (unsigned)__builtin_ctz(mask) : 16;
}
#endif

/* Skips plain string bytes (printable ASCII but quote and backslash) from
 * `pos`, the bulk of any string, with the index kept in a register. */
static size_t skip_plain(const char *s, size_t pos, size_t len)
{
#if defined(__SSE2__)
    for (; pos + 16 <= len; pos += 16) {
        unsigned at = first_special16(s + pos, 1);
        if (at < 16)
            return pos + at;
    }
#endif
    /* Eight bytes at a time while none is a quote, a backslash, a control
     * character or non-ASCII (a false alarm only drops to the byte loop). */
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    while (pos + 8 <= len) {
        uint64_t w;
        memcpy(&w, s + pos, 8);
        uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
        uint64_t special = (w | ((w - ones * 0x20) & ~w) | ((quote - ones) & ~quote) |
                            ((backslash - ones) & ~backslash)) &
                           high;
        if (special)
            break;
        pos += 8;
    }
    while (pos < len) {
        unsigned char c = (unsigned char)s[pos];
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
            break;
        pos++;
    }
    return pos;
}

/* The length of the UTF-8 character that s[0, len) starts with; 0 when
 * it starts with no valid one. */
static size_t utf8_length(const char *s, size_t len)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp);
    return n < 1 ? 0 : (size_t)n;
}

static int parse_string(parser *p)
{
    p->pos++; /* opening quote */
    while (p->pos < p->len) {
        p->pos = skip_plain(p->s, p->pos, p->len);
        if (p->pos >= p->len)
            break;
        unsigned char c = (unsigned char)p->s[p->pos];
        if (c == '"') {
            p->pos++;
            return 0;
        }
        if (c < 0x20)
            return fail(p, "control character in a string");
        if (c == '\\') {
            if (++p->pos >= p->len)
                break;
            char e = p->s[p->pos++];
            int32_t cp;
            if (e == 'u') {
                if (parse_unicode_escape(p, &cp) != 0)
                    return -1;
            } else if (!strchr("\"\\/bfnrt", e) || e == '\0') {
                return fail_escape(p, p->pos - 2, "invalid escape");
            }
            continue;
        }
        if (c < 0x80) {
            p->pos++;
            continue;
        }
        size_t n = utf8_length(p->s + p->pos, p->len - p->pos);
        if (n == 0 && !(p->flags & JSONL_INVALID_UTF8))
            return fail(p, "invalid UTF-8 in a string");
        p->invalid_utf8 |= n == 0;
        p->pos += n ? n : 1;
    }
    return fail(p, "unterminated string");
}

static int parse_digits(parser *p)
{
    size_t start = p->pos;
    while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
        p->pos++;
    return p->pos > start ? 0 : fail(p, "invalid number");
}

static int parse_number(parser *p)
{
    if (p->s[p->pos] == '-')
        p->pos++;
    if (p->pos < p->len && p->s[p->pos] == '0')
        p->pos++;
    else if (parse_digits(p) != 0)
        return -1;
    if (p->pos < p->len && p->s[p->pos] == '.') {
        p->pos++;
        if (parse_digits(p) != 0)
            return -1;
    }
    if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
        p->pos++;
        if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
            p->pos++;
        if (parse_digits(p) != 0)
            return -1;
    }
    return 0;
}

static int parse_literal(parser *p, const char *word)
{
    size_t n = strlen(word);
    if (p->pos + n > p->len || memcmp(p->s + p->pos, word, n) != 0)
        return fail(p, "invalid token");
    p->pos += n;
    return 0;
}

static int parse_value(parser *p, int depth);

/* The members of an object or the elements of an array, after the opening
 * bracket; `obj` (when not NULL) records the top level's members. */
static int parse_container(parser *p, int depth, char close, jsonl_object *obj)
{
    p->pos++;
    skip_space(p);
    if (p->pos < p->len && p->s[p->pos] == close) {
        p->pos++;
        return 0;
    }
    for (;;) {
        skip_space(p);
        const char *key = NULL;
        size_t key_len = 0;
        if (obj)
            p->invalid_utf8 = 0; /* a top-level member's own, nested values' too */
        if (close == '}') {
            if (p->pos >= p->len || p->s[p->pos] != '"')
                return fail(p, "string or '}' expected");
            size_t start = p->pos;
            if (parse_string(p) != 0)
                return -1;
            key = p->s + start + 1;
            key_len = p->pos - start - 2;
            skip_space(p);
            if (p->pos >= p->len || p->s[p->pos] != ':')
                return fail(p, "':' expected");
            p->pos++;
            skip_space(p);
        }
        size_t vstart = p->pos;
        if (parse_value(p, depth + 1) != 0)
            return -1;
        if (obj) {
            if (obj->count == obj->cap) {
                size_t cap = obj->cap ? obj->cap * 2 : 16;
                jsonl_member *m = realloc(obj->members, cap * sizeof *m);
                if (!m)
                    return -2;
                obj->members = m;
                obj->cap = cap;
            }
            obj->members[obj->count++] =
                (jsonl_member){key, key_len, p->s + vstart, p->pos - vstart, p->invalid_utf8};
        }
        skip_space(p);
        if (p->pos < p->len && p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->pos < p->len && p->s[p->pos] == close) {
            p->pos++;
            return 0;
        }
        return fail(p, close == '}' ? "',' or '}' expected" : "',' or ']' expected");
    }
}

static int parse_value(parser *p, int depth)
{
    if (depth > MAX_DEPTH)
        return fail(p, "nesting too deep");
    if (p->pos >= p->len)
        return fail(p, "premature end of input");
    char c = p->s[p->pos];
    switch (c) {
    case '{':
        return parse_container(p, depth, '}', NULL);
    case '[':
        return parse_container(p, depth, ']', NULL);
    case '"':
        return parse_string(p);
    case 't':
        return parse_literal(p, "true");
    case 'f':
        return parse_literal(p, "false");
    case 'n':
        return parse_literal(p, "null");
    default:
        if (c == '-' || (c >= '0' && c <= '9'))
            return parse_number(p);
        return fail(p, "invalid token");
    }
}

size_t jsonl_column(const char *s, size_t pos)
{
    size_t col = 1;
    for (size_t i = 0; i < pos; i++)
        col += ((unsigned char)s[i] & 0xC0) != 0x80;
    return col;
}

int jsonl_parse_object(const char *line, size_t len, jsonl_object *obj, size_t *column,
                       const char **message)
{
    return jsonl_parse_object_flags(line, len, 0, obj, column, message);
}

int jsonl_parse_object_flags(const char *line, size_t len, unsigned flags, jsonl_object *obj,
                             size_t *column, const char **message)
{
    parser p = {line, len, 0, NULL, flags, 0};
    obj->count = 0;
    skip_space(&p);
    int rc;
    if (p.pos >= len || line[p.pos] != '{') {
        rc = fail(&p, "a JSON object expected");
    } else {
        rc = parse_container(&p, 1, '}', obj);
        /* Only after the object: a failure's position stays where it is. */
        if (rc == 0)
            skip_space(&p);
        if (rc == 0 && p.pos < len)
            rc = fail(&p, "end of line expected after the object");
    }
    if (rc == -1) {
        *column = jsonl_column(line, p.pos < len ? p.pos : len);
        *message = p.error;
    }
    return rc;
}

int jsonl_array_items(const jsonl_member *m, jsonl_object *items)
{
    items->count = 0;
    if (m->value_len == 0 || m->value[0] != '[')
        return 1;
    /* Any bytes in its strings: the line's own parse judged them. */
    parser p = {m->value, m->value_len, 0, NULL, JSONL_INVALID_UTF8, 0};
    int rc = parse_container(&p, 1, ']', items);
    return rc == -2 ? -2 : rc != 0;
}

/* ====== Decoding ====== */

static int put_code_point(jsonl_buf *b, int32_t cp)
{
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, enc);
    return jsonl_put(b, (const char *)enc, (size_t)n);
}

static int decode_raw(const char *s, size_t len, jsonl_buf *out)
{
    out->len = 0;
    if (jsonl_reserve(out, len) != 0)
        return -2;
    size_t i = 0;
    while (i < len) {
        const char *bs = memchr(s + i, '\\', len - i);
        size_t run = bs ? (size_t)(bs - s) : len;
        if (jsonl_put(out, s + i, run - i) != 0)
            return -2;
        if (run >= len)
            break;
        char e = s[run + 1];
        i = run + 2;
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *k = strchr(from, e);
        if (e != 'u' && k) {
            if (jsonl_put(out, &to[k - from], 1) != 0)
                return -2;
            continue;
        }
        parser p = {s, len, i, NULL, 0, 0};
        int32_t cp;
        if (parse_unicode_escape(&p, &cp) != 0 || put_code_point(out, cp) != 0)
            return -2;
        i = p.pos;
    }
    if (!out->data && jsonl_reserve(out, 0) != 0)
        return -2;
    out->data[out->len] = '\0';
    return 0;
}

int jsonl_decode_string(const jsonl_member *m, jsonl_buf *out)
{
    if (m->value_len < 2 || m->value[0] != '"')
        return 1;
    return decode_raw(m->value + 1, m->value_len - 2, out);
}

int jsonl_key_is(const jsonl_member *m, const char *name)
{
    size_t n = strlen(name);
    /* An escape is longer than the character it stands for: a raw key of
     * the name's length matches only byte for byte, and a shorter one not
     * at all. */
    if (m->key_len <= n)
        return m->key_len == n && memcmp(m->key, name, n) == 0;
    if (!memchr(m->key, '\\', m->key_len))
        return 0;
    jsonl_buf key = {0};
    int same = decode_raw(m->key, m->key_len, &key) == 0 && key.len == n &&
               memcmp(key.data, name, n) == 0;
    jsonl_buf_free(&key);
    return same;
}

/* ====== Writing ====== */

int jsonl_put_string(jsonl_buf *b, const char *s, size_t len)
{
    if (jsonl_reserve(b, len + 2) != 0 || jsonl_put(b, "\"", 1) != 0)
        return -1;
    size_t i = 0;
    while (i < len) {
        size_t run = i;
#if defined(__SSE2__)
        for (unsigned at = 16; at == 16 && run + 16 <= len; run += at)
            at = first_special16(s + run, 0);
#endif
        /* Bytes from 0x80 are copied as they are (valid UTF-8 by then). */
        while (run < len && (unsigned char)s[run] >= 0x20 && s[run] != '"' && s[run] != '\\')
            run++;
        if (jsonl_put(b, s + i, run - i) != 0)
            return -1;
        if (run >= len)
            break;
        unsigned char c = (unsigned char)s[run];
        char esc[8];
        switch (c) {
        case '"':
            strcpy(esc, "\\\"");
            break;
        case '\\':
            strcpy(esc, "\\\\");
            break;
        case '\b':
            strcpy(esc, "\\b");
            break;
        case '\f':
            strcpy(esc, "\\f");
            break;
        case '\n':
            strcpy(esc, "\\n");
            break;
        case '\r':
            strcpy(esc, "\\r");
            break;
        case '\t':
            strcpy(esc, "\\t");
            break;
        default:
            snprintf(esc, sizeof esc, "\\u%04X", c);
            break;
        }
        if (jsonl_put(b, esc, strlen(esc)) != 0)
            return -1;
        i = run + 1;
    }
    return jsonl_put(b, "\"", 1);
}

size_t jsonl_valid_utf8(const char *s, size_t len)
{
    size_t i = 0;
    for (size_t n; i < len && (n = utf8_length(s + i, len - i)) > 0;)
        i += n;
    return i;
}

int jsonl_put_replacing_invalid(jsonl_buf *b, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t run = i + jsonl_valid_utf8(s + i, len - i);
        if (jsonl_put(b, s + i, run - i) != 0)
            return -1;
        if (run >= len)
            break;
        if (jsonl_put(b, "\xEF\xBF\xBD", 3) != 0)
            return -1;
        i = run + 1;
    }
    return 0;
}

/* "%.9g" of `v` into `num`. glibc's strfromd formats as printf does
 * without going through vfprintf, which takes its slow positional path in
 * every process that loads libquadmath (the system's OpenBLAS brings it,
 * through libgfortran; lede-openblas.so does not): it was half the cost of
 * a sentence's output line. */
static int format_real(char *num, size_t size, double v)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 25))
    return strfromd(num, size, "%.9g", v);
#else
    return snprintf(num, size, "%.9g", v);
#endif
}

/* A real as jansson writes it with JSON_REAL_PRECISION(9): %.9g, with ".0"
 * added when that looks like an integer. */
static int put_real(jsonl_buf *b, double v)
{
    char num[40];
    int n = format_real(num, sizeof num - 2, v);
    if (n < 0)
        return -1;
    if (!strpbrk(num, ".eEni")) {
        strcat(num, ".0");
        n += 2;
    }
    /* jansson drops the '+' and leading zeros of an exponent: 2.5e20. */
    char *e = strchr(num, 'e');
    if (e) {
        char *digits = e + 1 + (e[1] == '-' || e[1] == '+');
        char *first = digits;
        while (*first == '0' && first[1])
            first++;
        if (e[1] == '+')
            digits--;
        memmove(digits, first, strlen(first) + 1);
        n = (int)strlen(num);
    }
    return jsonl_put(b, num, (size_t)n);
}

/* Appends a key and an unsigned integer: snprintf costs more than the
 * rest of a sentence object together. */
static int put_field(jsonl_buf *b, const char *key, size_t v)
{
    char digits[24];
    size_t n = sizeof digits;
    do {
        digits[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    if (jsonl_put(b, key, strlen(key)) != 0)
        return -1;
    return jsonl_put(b, digits + n, sizeof digits - n);
}

/* A sentence object's members, without the closing brace. */
static int put_sentence_fields(jsonl_buf *b, const lede_sentence *s)
{
    if (put_field(b, "{\"index\":", s->index) != 0 ||
        put_field(b, ",\"paragraph\":", s->paragraph) != 0 ||
        put_field(b, ",\"start\":", s->start) != 0 || put_field(b, ",\"end\":", s->end) != 0 ||
        jsonl_put(b, ",\"score\":", 9) != 0 || put_real(b, s->score) != 0 ||
        put_field(b, ",\"rank\":", s->rank) != 0 || jsonl_put(b, ",\"text\":", 8) != 0 ||
        jsonl_put_string(b, s->text, s->text_len) != 0)
        return -1;
    return 0;
}

int jsonl_put_sentence(jsonl_buf *b, const lede_sentence *s)
{
    if (put_sentence_fields(b, s) != 0)
        return -1;
    return jsonl_put(b, "}", 1);
}

int jsonl_put_sentence_at(jsonl_buf *b, const lede_sentence *s, size_t source_line)
{
    if (put_sentence_fields(b, s) != 0 || put_field(b, ",\"source_line\":", source_line) != 0)
        return -1;
    return jsonl_put(b, "}", 1);
}
