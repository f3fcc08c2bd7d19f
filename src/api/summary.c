#include "summary.h"

#include <stdlib.h>
#include <string.h>

#include "../common/alloc.h"
#include "../text/chars.h"

size_t lede_collapse_text(const char *text, size_t start, size_t end, lede_strbuf *out)
{
    size_t chars = 0;
    int pending_space = 0;
    for (size_t i = start; i < end;) {
        int32_t c;
        size_t n = lede_text_next(text, end, i, &c);
        if (lede_is_space(c)) {
            pending_space = 1;
            i += n;
            continue;
        }
        if (pending_space && chars > 0) {
            if (lede_strbuf_putc(out, ' ') != 0)
                return (size_t)-1;
            chars++;
        }
        pending_space = 0;
        /* Valid bytes are copied as they are; U+FFFD replaces bad ones. */
        int bad = c == 0xFFFD && !(n == 3 && memcmp(text + i, "\xEF\xBF\xBD", 3) == 0);
        int rc = bad ? lede_strbuf_put_utf8(out, 0xFFFD) : lede_strbuf_append(out, text + i, n);
        if (rc != 0)
            return (size_t)-1;
        chars++;
        i += n;
    }
    return chars;
}

size_t lede_count_words(const char *text, size_t start, size_t end)
{
    size_t words = 0;
    int in_word = 0;
    for (size_t i = start; i < end;) {
        int32_t c;
        i += lede_text_next(text, end, i, &c);
        int space = lede_is_space(c);
        if (!space && !in_word)
            words++;
        in_word = !space;
    }
    return words;
}

lede_summary *lede_summary_from_units(const char *text, const lede_units *units)
{
    lede_summary *sum = calloc(1, sizeof *sum);
    if (!sum)
        return NULL;
    size_t n = units->count;
    sum->units = lede_alloc_array(n, sizeof *sum->units);
    sum->picked = lede_alloc_array(n, sizeof *sum->picked);
    lede_strbuf texts = {0};
    size_t *offsets = lede_alloc_array(n, sizeof *offsets);
    if (!sum->units || !sum->picked || !offsets)
        goto fail;
    size_t paragraph = 0, last_paragraph = 0;
    for (size_t i = 0; i < n; i++) {
        const lede_unit *u = &units->items[i];
        offsets[i] = texts.len;
        if (lede_collapse_text(text, u->start, u->end, &texts) == (size_t)-1 ||
            lede_strbuf_putc(&texts, '\0') != 0)
            goto fail;
        /* Number paragraphs densely, in case a block produced no unit. */
        if (i > 0 && u->paragraph != last_paragraph)
            paragraph++;
        last_paragraph = u->paragraph;
        sum->units[i] = (lede_sentence){
            .start = u->start,
            .end = u->end,
            .index = i,
            .paragraph = paragraph,
            .score = 0,
            .rank = 0,
            .text = NULL,
            .text_len = 0,
            .kind = u->kind,
            .picked = 0,
        };
    }
    sum->total = n;
    sum->paragraphs = n ? paragraph + 1 : 0;
    sum->texts = texts.data;
    for (size_t i = 0; i < n; i++) {
        sum->units[i].text = sum->texts + offsets[i];
        sum->units[i].text_len = strlen(sum->units[i].text);
    }
    free(offsets);
    return sum;
fail:
    free(offsets);
    lede_strbuf_free(&texts);
    lede_summary_free(sum);
    return NULL;
}

void lede_summary_free(lede_summary *sum)
{
    if (!sum)
        return;
    free(sum->units);
    free(sum->picked);
    free(sum->texts);
    free(sum);
}

size_t lede_summary_count(const lede_summary *sum)
{
    return sum ? sum->count : 0;
}

const lede_sentence *lede_summary_sentence(const lede_summary *sum, size_t i)
{
    if (!sum || i >= sum->count)
        return NULL;
    return &sum->units[sum->picked[i]];
}

size_t lede_summary_total(const lede_summary *sum)
{
    return sum ? sum->total : 0;
}

const lede_sentence *lede_summary_unit(const lede_summary *sum, size_t i)
{
    if (!sum || i >= sum->total)
        return NULL;
    return &sum->units[i];
}

size_t lede_summary_paragraphs(const lede_summary *sum)
{
    return sum ? sum->paragraphs : 0;
}
