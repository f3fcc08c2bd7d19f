/* output.h - writing summaries and splits in the CLI's formats. */
#ifndef LEDE_CLI_OUTPUT_H
#define LEDE_CLI_OUTPUT_H

#include <jansson.h>

#include "lede.h"
#include "json_safe.h"

enum cli_format { FORMAT_BULLETS, FORMAT_TEXT, FORMAT_JSON, FORMAT_JSONL, FORMAT_HTML };

/* Parses a --format value among those allowed (a bit per enum value);
 * returns -1 for an unknown one. */
int cli_parse_format(const char *s, unsigned allowed);

/* One sentence as a JSON object: index, paragraph, start, end, then score
 * and rank (with_scores) or kind, then text. NULL when out of memory. */
json_t *cli_sentence_json(const lede_sentence *s, int with_scores);

/* The JSON object of one input: {"lede_version", "input", "sentences": [...]}.
 * With `all_units`, every unit (split); otherwise the picked sentences. */
json_t *cli_summary_json(const char *input, const lede_summary *sum, int all_units);

/* For --format json over several files: in *out, the array that gathers
 * their objects, printed once at the end as one document (each printed on
 * its own would be several documents, which no JSON reader takes); NULL for
 * another format or one file. Returns 0, or -1 when out of memory. */
int cli_json_files_array(enum cli_format format, size_t nfiles, json_t **out);

/* Writes a JSON value to stdout: pretty for json, one compact line for
 * jsonl. Returns 0, or -1 when out of memory (nothing is written then). */
int cli_print_json(json_t *value, int compact);

#endif
