/* fuzz_jsonl.c - libFuzzer target for lede batch's JSON Lines reader. The
 * first byte chooses the parse flags (each flag a bit of it, so that every
 * combination is fuzzed: JSONL_INVALID_UTF8 is `lede batch
 * --replace-invalid yes`), the rest is the line. Any line is accepted or
 * refused with a column inside it. An accepted object's members and decoded
 * strings lie inside the line; a member says that it has bytes that are not
 * UTF-8 exactly when it has them (never without the flag); jsonl_key_is
 * agrees with the decoded key; and the members written back as the batch
 * writes them (those bytes as U+FFFD) are UTF-8 and parse again, without
 * the flag, into as many members. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int has_invalid_utf8(const char *s, size_t len)
{
    return jsonl_valid_utf8(s, len) < len;
}

/* Whether the member's key, decoded, is `name`: the key with the quotes
 * around it in the line is a string value. */
static int key_decodes_to(const jsonl_member *m, const char *name, jsonl_buf *key)
{
    jsonl_member quoted = {.value = m->key - 1, .value_len = m->key_len + 2};
    if (jsonl_decode_string(&quoted, key) != 0)
        abort();
    return key->len == strlen(name) && memcmp(key->data, name, key->len) == 0;
}

/* Without JSONL_INVALID_UTF8 (whose U+FFFD takes three bytes for one), no
 * string is longer decoded, with a NUL, than written with its quotes: a
 * line's strings decoded fit in the line's length (jsonl.h's decoder
 * never expands an escape). */
static void check_decoded_length(const jsonl_member *m, unsigned flags, const jsonl_buf *text)
{
    if (!(flags & JSONL_INVALID_UTF8) && text->len + 1 > m->value_len)
        abort();
}

/* The decoded text written as a JSON string, as lede batch writes each
 * sentence, decodes back to the same bytes. */
static void check_written_string(const jsonl_buf *text, jsonl_buf *out)
{
    out->len = 0;
    if (jsonl_put_string(out, text->data, text->len) != 0)
        return; /* out of memory: nothing to check */
    jsonl_member quoted = {.value = out->data, .value_len = out->len};
    jsonl_buf back = {0};
    int rc = jsonl_decode_string(&quoted, &back);
    if (rc == 1 ||
        (rc == 0 && (back.len != text->len || memcmp(back.data, text->data, text->len) != 0)))
        abort();
    jsonl_buf_free(&back);
}

/* The items of an array value, and theirs (rouge's references are lists of
 * lists, bench's summaries lists of strings): each inside the value, its
 * strings decoded within their length. */
static void check_items(const jsonl_member *m, unsigned flags, int depth, jsonl_buf *text)
{
    jsonl_object items = {0};
    int rc = jsonl_array_items(m, &items);
    if (rc == 1 && m->value[0] == '[')
        abort();
    for (size_t i = 0; rc == 0 && i < items.count; i++) {
        const jsonl_member *item = &items.members[i];
        if (item->value < m->value || item->value + item->value_len > m->value + m->value_len)
            abort();
        if (jsonl_decode_string(item, text) == 0)
            check_decoded_length(item, flags, text);
        if (depth < 2)
            check_items(item, flags, depth + 1, text);
    }
    jsonl_object_free(&items);
}

static void check_member(const jsonl_member *m, const char *line, size_t size, unsigned flags,
                         jsonl_buf *text, jsonl_buf *out)
{
    if (m->key < line || m->key + m->key_len > line + size || m->value < line ||
        m->value + m->value_len > line + size)
        abort();
    int invalid = has_invalid_utf8(m->key, m->key_len) || has_invalid_utf8(m->value, m->value_len);
    if (m->invalid_utf8 != invalid || (invalid && !(flags & JSONL_INVALID_UTF8)))
        abort();
    if (jsonl_key_is(m, "text") != key_decodes_to(m, "text", text))
        abort();
    if (jsonl_decode_string(m, text) == 0) {
        if (strlen(text->data) > text->len)
            abort();
        check_decoded_length(m, flags, text);
        check_written_string(text, out);
    }
    check_items(m, flags, 1, text);
}

/* The object as lede batch writes its members back (write_output). */
static int write_back(const jsonl_object *obj, jsonl_buf *b)
{
    int rc = jsonl_put(b, "{", 1);
    for (size_t i = 0; i < obj->count; i++) {
        const jsonl_member *m = &obj->members[i];
        rc |= jsonl_put(b, i ? ",\"" : "\"", i ? 2 : 1);
        rc |= jsonl_put_replacing_invalid(b, m->key, m->key_len);
        rc |= jsonl_put(b, "\":", 2);
        rc |= jsonl_put_replacing_invalid(b, m->value, m->value_len);
    }
    return rc | jsonl_put(b, "}", 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned flags = data[0] & JSONL_INVALID_UTF8;
    const char *line = (const char *)data + 1;
    size--;
    jsonl_object obj = {0}, again = {0};
    jsonl_buf text = {0}, out = {0}, written = {0};
    size_t column = 0;
    const char *message = NULL;
    int rc = jsonl_parse_object_flags(line, size, flags, &obj, &column, &message);
    if (rc == -1 && (!message || column < 1 || column > size + 1))
        abort();
    for (size_t i = 0; rc == 0 && i < obj.count; i++)
        check_member(&obj.members[i], line, size, flags, &text, &out);
    if (rc == 0 && write_back(&obj, &written) == 0 &&
        (has_invalid_utf8(written.data, written.len) ||
         jsonl_parse_object_flags(written.data, written.len, 0, &again, &column, &message) != 0 ||
         again.count != obj.count))
        abort();
    jsonl_object_free(&obj);
    jsonl_object_free(&again);
    jsonl_buf_free(&text);
    jsonl_buf_free(&out);
    jsonl_buf_free(&written);
    return 0;
}
