/* fuzz_jsonl.c - libFuzzer target for lede batch's JSON Lines reader: any
 * line is accepted or refused with a column inside it, and an accepted
 * object's members and decoded strings lie inside the line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *line = (const char *)data;
    jsonl_object obj = {0};
    jsonl_buf text = {0}, out = {0};
    size_t column = 0;
    const char *message = NULL;
    int rc = jsonl_parse_object(line, size, &obj, &column, &message);
    if (rc == -1 && (!message || column < 1 || column > size + 1))
        abort();
    for (size_t i = 0; rc == 0 && i < obj.count; i++) {
        const jsonl_member *m = &obj.members[i];
        if (m->key < line || m->key + m->key_len > line + size || m->value < line ||
            m->value + m->value_len > line + size)
            abort();
        if (jsonl_decode_string(m, &text) == 0) {
            if (strlen(text.data) > text.len)
                abort();
            jsonl_put_string(&out, text.data, text.len);
        }
    }
    jsonl_object_free(&obj);
    jsonl_buf_free(&text);
    jsonl_buf_free(&out);
    return 0;
}
