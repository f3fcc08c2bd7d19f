/* summary.h - building the lede_summary handed to the caller. */
#ifndef LEDE_API_SUMMARY_H
#define LEDE_API_SUMMARY_H

#include <stddef.h>

#include "../common/strbuf.h"
#include "../text/units.h"
#include "lede.h"

struct lede_summary {
    lede_sentence *units;
    size_t total;
    size_t *picked; /* indices into units, increasing */
    size_t count;
    size_t paragraphs;
    char *texts;    /* every unit's text, NUL-separated */
    size_t *words;  /* per unit: white-space separated words */
    size_t *chars;  /* per unit: code points of the reported text */
};

/* Appends the text of text[start, end) to `out` with each run of white
 * space collapsed to one space and, since the input was checked, every
 * invalid byte or NUL read as U+FFFD. With `quoted` (a unit of a block
 * quote), the '>' markers that start a line inside the span count as white
 * space. Stores the code points appended and the number of words. Returns
 * 0, or -1 when out of memory. */
int lede_collapse_text(const char *text, size_t start, size_t end, int quoted, lede_strbuf *out,
                       size_t *chars, size_t *words);

/* A summary of every unit of `units`, nothing picked, scores 0. Texts are
 * collapsed into one allocation. NULL when out of memory. */
lede_summary *lede_summary_from_units(const char *text, const lede_units *units);

#endif
