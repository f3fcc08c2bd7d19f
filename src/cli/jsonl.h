/* jsonl.h - the JSON Lines reader and writer behind `lede batch`.
 *
 * jansson builds a full tree for every line (about 140 instructions a byte
 * here), which was most of the batch's time, and it cannot hand back the
 * original bytes of the fields that are only passed through. This reader
 * validates one object per RFC 8259 and records where each member's key
 * and value lie in the line, so pass-through fields are copied verbatim and
 * only "text" is decoded. See docs/design.md. */
#ifndef LEDE_CLI_JSONL_H
#define LEDE_CLI_JSONL_H

#include <stddef.h>

#include "lede.h"

typedef struct jsonl_member {
    const char *key;   /* raw bytes between the quotes */
    size_t key_len;
    const char *value; /* raw bytes of the value */
    size_t value_len;
    int invalid_utf8; /* the key or a string in the value has bytes that are
                         not UTF-8 (JSONL_INVALID_UTF8 only) */
} jsonl_member;

typedef struct jsonl_object {
    jsonl_member *members;
    size_t count;
    size_t cap;
} jsonl_object;

/* A growable output or decoding buffer. */
typedef struct jsonl_buf {
    char *data;
    size_t len;
    size_t cap;
} jsonl_buf;

/* Parses `line` as exactly one JSON object (white space around allowed)
 * into `obj` (reusing its memory). Returns 0; or -1 with `*column` (1-based,
 * in characters) and a static `*message`; or -2 when out of memory. */
int jsonl_parse_object(const char *line, size_t len, jsonl_object *obj, size_t *column,
                       const char **message);

/* jsonl_parse_object_flags's flags. JSONL_INVALID_UTF8: a string may hold
 * bytes that are not UTF-8 (lede batch --replace-invalid), kept as they
 * are; each member says whether it has any. Outside strings they are
 * still an error, as are control characters (a raw NUL among them). */
enum { JSONL_INVALID_UTF8 = 1 };

/* jsonl_parse_object with flags. */
int jsonl_parse_object_flags(const char *line, size_t len, unsigned flags, jsonl_object *obj,
                             size_t *column, const char **message);

/* The elements of the raw array value of `m` (validated by
 * jsonl_parse_object) into `items` (reusing its memory), as members without
 * keys. Returns 0, 1 when the value is not an array, -2 when out of memory. */
int jsonl_array_items(const jsonl_member *m, jsonl_object *items);

/* The 1-based column, in characters, of byte `pos` of a line. */
size_t jsonl_column(const char *line, size_t pos);

/* Whether a member's key is `name` (escapes in the key decoded; `name` has
 * no backslash). */
int jsonl_key_is(const jsonl_member *m, const char *name);

/* Decodes the raw string value of `m` (with its quotes) into `out` as
 * UTF-8. Returns 0, 1 when the value is not a string, -2 when out of
 * memory. The value was validated by jsonl_parse_object. */
int jsonl_decode_string(const jsonl_member *m, jsonl_buf *out);

/* Makes room for `extra` more bytes (and the NUL after them) in `b`, so
 * that appending them allocates nothing. Returns 0 or -1 when out of
 * memory. */
int jsonl_reserve(jsonl_buf *b, size_t extra);

/* Appends to `b`; each returns 0 or -1 when out of memory. */
int jsonl_put(jsonl_buf *b, const char *s, size_t len);
/* A JSON string with the escapes jansson writes (\" \\ \b \f \n \r \t,
 * \u00XX for other control characters, everything else as it is). */
int jsonl_put_string(jsonl_buf *b, const char *s, size_t len);
/* `s` with each byte that is not part of a UTF-8 character replaced by
 * U+FFFD, as LEDE_INPUT_REPLACE_INVALID reads it (a truncated sequence of
 * two bytes gives two). */
int jsonl_put_replacing_invalid(jsonl_buf *b, const char *s, size_t len);
/* A sentence object as cli_sentence_json writes it, compact. */
int jsonl_put_sentence(jsonl_buf *b, const lede_sentence *s);
/* The same with "source_line" last, as cli_document_json adds it for a
 * sentence of a web page. */
int jsonl_put_sentence_at(jsonl_buf *b, const lede_sentence *s, size_t source_line);

void jsonl_buf_free(jsonl_buf *b);

/* How many bytes at the start of s[0, len) are valid UTF-8 (len when all
 * are): where the first invalid byte is. */
size_t jsonl_valid_utf8(const char *s, size_t len);
void jsonl_object_free(jsonl_object *obj);

#endif
