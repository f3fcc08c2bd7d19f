/* json_safe.h - jansson's writing and reading, with every failure of
 * memory seen (output.c has them). */
#ifndef LEDE_CLI_JSON_SAFE_H
#define LEDE_CLI_JSON_SAFE_H

#include <jansson.h>

/* `value` as json_dumps writes it with `flags`, for the caller to free; NULL
 * when out of memory. Not json_dumps itself: when memory runs out while it
 * writes an object's key, jansson leaves the key out and carries on, and the
 * text it returns is not JSON. */
char *cli_json_text(const json_t *value, size_t flags);

/* Whether a failed json_loadb ran out of memory. jansson says so for only
 * some of its allocations (one for a string reads as an "invalid token",
 * one before parsing leaves no message), so for a text known to be JSON
 * (`valid`) any failure but a number out of range or invalid UTF-8 is
 * taken as memory. */
int cli_json_out_of_memory(const json_error_t *err, int valid);

#endif
