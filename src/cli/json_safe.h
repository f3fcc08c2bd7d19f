/* json_safe.h - jansson's writing, with every failure of memory seen
 * (output.c has it). */
#ifndef LEDE_CLI_JSON_SAFE_H
#define LEDE_CLI_JSON_SAFE_H

#include <jansson.h>
#include <stdio.h>

/* `value` as json_dumps writes it with `flags`, for the caller to free; NULL
 * when out of memory. Not json_dumps itself: when memory runs out while it
 * writes an object's key, jansson leaves the key out and carries on, and the
 * text it returns is not JSON. */
char *cli_json_text(const json_t *value, size_t flags);

/* Writes `value` (cli_json_text with `flags`) and a newline to `f`.
 * Returns 0, -1 when out of memory (nothing written), -2 when the write
 * failed. */
int cli_write_json(FILE *f, const json_t *value, size_t flags);

/* `value`, or NULL (and `value` freed) when `rc`, the results of the
 * jansson calls that built it ORed together, says that a part of it could
 * not be added: a document is never written with a part missing. */
json_t *cli_json_built(json_t *value, int rc);

#endif
