#include "summary.h"

#include <stdlib.h>
#include <string.h>

#include "../common/alloc.h"
#include "../text/chars.h"
#include "../text/scan.h"

/* Appends one non-space code point of `n` bytes at text[i]. Valid bytes are
 * copied as they are; an invalid byte or NUL (accepted under
 * LEDE_INPUT_REPLACE_INVALID) becomes U+FFFD. */
static int put_code_point(lede_strbuf *out, const char *text, size_t i, size_t n, int32_t c)
{
    int bad = c == 0xFFFD && !(n == 3 && memcmp(text + i, "\xEF\xBF\xBD", 3) == 0);
    if (bad)
        return lede_strbuf_put_utf8(out, 0xFFFD);
    return lede_strbuf_append(out, text + i, n);
}

/* The common case: copies the run of printable ASCII at text[i] to `dst`,
 * with the single spaces between its words (which collapsing keeps as they
 * are), finding its end first and copying it at once. Counts the words the
 * run starts after those spaces; returns the end of the run. */
static size_t copy_ascii_run(const char *text, size_t i, size_t end, char *dst, size_t *words)
{
    size_t j = lede_printable_run(text, i, end, words);
    memcpy(dst, text + i, j - i);
    return j;
}

int lede_collapse_text(const char *text, size_t start, size_t end, int quoted, lede_strbuf *out,
                       size_t *chars, size_t *words)
{
    size_t nchars = 0, nwords = 0;
    int pending_space = 0, line_start = 0;
    /* Output never outgrows this reservation: a space stands for at least
     * one white-space byte, and U+FFFD re-reserves below. */
    if (lede_strbuf_reserve(out, end - start) != 0)
        return -1;
    for (size_t i = start; i < end;) {
        int32_t c;
        size_t n = lede_text_next(text, end, i, &c);
        if (lede_is_space(c)) {
            pending_space = 1;
            line_start |= quoted && (c == '\n' || c == '\r');
            i += n;
            continue;
        }
        if (line_start && c == '>') {
            i += n;
            continue;
        }
        line_start = 0;
        if (pending_space && nchars > 0) {
            out->data[out->len++] = ' ';
            nchars++;
        }
        if (pending_space || nchars == 0)
            nwords++;
        pending_space = 0;
        if (c < 0x80 && lede_printable_byte((unsigned char)c)) {
            size_t j = copy_ascii_run(text, i, end, out->data + out->len, &nwords);
            out->len += j - i;
            nchars += j - i;
            i = j;
            continue;
        }
        if (c < 0x80 && c != 0) {
            out->data[out->len++] = (char)c;
        } else if (put_code_point(out, text, i, n, c) != 0 ||
                   lede_strbuf_reserve(out, end - i - n) != 0) {
            /* U+FFFD may be longer than the byte it replaces: keep room for
             * the rest of the span. */
            return -1;
        }
        nchars++;
        i += n;
    }
    if (out->data)
        out->data[out->len] = '\0';
    *chars = nchars;
    *words = nwords;
    return 0;
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
    /* Where each unit's text starts; one more for the end of the last:
     * a text's length is the distance to the next, less its NUL. */
    size_t *offsets = lede_alloc_array(n + 1, sizeof *offsets);
    sum->words = lede_alloc_array(n, sizeof *sum->words);
    sum->chars = lede_alloc_array(n, sizeof *sum->chars);
    if (!sum->units || !sum->picked || !offsets || !sum->words || !sum->chars)
        goto fail;
    /* The texts take at most their spans plus a NUL each (more only where
     * U+FFFD replaces bad bytes, which the buffer then grows for): reserve
     * that once rather than doubling up to twice a long document's size. */
    size_t spans = 0;
    for (size_t i = 0; i < n; i++)
        spans += units->items[i].end - units->items[i].start + 1;
    if (lede_strbuf_reserve(&texts, spans) != 0)
        goto fail;
    size_t paragraph = 0, last_paragraph = 0;
    for (size_t i = 0; i < n; i++) {
        const lede_unit *u = &units->items[i];
        offsets[i] = texts.len;
        if (lede_collapse_text(text, u->start, u->end, u->quoted, &texts, &sum->chars[i],
                               &sum->words[i]) != 0 ||
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
    offsets[n] = texts.len;
    for (size_t i = 0; i < n; i++) {
        sum->units[i].text = sum->texts + offsets[i];
        sum->units[i].text_len = offsets[i + 1] - offsets[i] - 1;
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
    free(sum->words);
    free(sum->chars);
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
