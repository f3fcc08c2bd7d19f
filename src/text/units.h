/* units.h - paragraphs and sentences: the text stage that turns a validated
 * UTF-8 buffer into units with byte spans. */
#ifndef LEDE_TEXT_UNITS_H
#define LEDE_TEXT_UNITS_H

#include <stddef.h>

#include "../model/model.h"
#include "lede.h"

typedef struct lede_unit {
    size_t start;     /* span [start, end) in the caller's buffer, trimmed */
    size_t end;
    size_t paragraph; /* 0-based */
    unsigned kind;    /* LEDE_KIND_* */
    int quoted;       /* in a block quote: '>' after a line break inside the
                         span is a marker, not text (lede_collapse_text) */
    int literal;      /* code, a table row, front matter or a link
                         definition: no part of a title */
} lede_unit;

typedef struct lede_line lede_line;

typedef struct lede_units {
    lede_unit *items;
    size_t count;
    size_t cap;
    size_t paragraphs;
    lede_line *lines; /* scratch, kept for reuse */
    size_t lines_cap;
} lede_units;

/* Splits text[begin, len) into units, replacing the previous contents of
 * `u`. Blank lines end paragraphs; Markdown headings, list items, the
 * lines of fenced code and front matter, the rows of tables, link
 * definitions and short lines without terminal punctuation are units of
 * their own; block quote markers and footnote labels are left out of the
 * spans they start; running text is cut into sentences. Returns LEDE_OK or
 * LEDE_ERR_NOMEM. */
lede_status lede_units_split(lede_units *u, const char *text, size_t begin, size_t len,
                             const lede_model *model);

void lede_units_free(lede_units *u);

#endif
