/* report.h - `lede summarize --format html`: one self-contained page (inline
 * CSS, no script, no external resource) that shows each input's whole text
 * with every sentence shaded by its score and the picked ones highlighted,
 * and the summary as a list of links to them at the top.
 *
 * Several inputs make one page with a section per input, in the order
 * given; an input that fails gets no section (its error goes to stderr). */
#ifndef LEDE_CLI_REPORT_H
#define LEDE_CLI_REPORT_H

#include <stdio.h>

#include "cli.h"

/* A page being written to `out`. The page starts with the first section
 * and ends with cli_report_finish; nothing is written when no section is. */
typedef struct cli_report {
    FILE *out;
    size_t nfiles;   /* inputs on the command line: the page's title says so */
    size_t sections; /* sections written so far; section k's anchors are dK-... */
} cli_report;

void cli_report_init(cli_report *r, FILE *out, size_t nfiles);

/* Writes the section of one input: `in` as read and, for a web page or an
 * XML document, the document extracted from it (the summary's spans index
 * its text; its title and metadata head the section). */
void cli_report_section(cli_report *r, const cli_input *in, const lede_summary *sum,
                        const lede_document *doc);

/* Ends the page when a section was written. */
void cli_report_finish(cli_report *r);

#endif
