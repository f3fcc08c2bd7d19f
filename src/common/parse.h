/* parse.h - numbers from option text, strict: the whole string or nothing. */
#ifndef LEDE_COMMON_PARSE_H
#define LEDE_COMMON_PARSE_H

#include <stdint.h>

/* A finite decimal number; 0 on success, -1 otherwise. */
int lede_parse_double(const char *s, double *out);

/* A non-negative decimal integer (no sign); 0 on success, -1 otherwise. */
int lede_parse_u64(const char *s, uint64_t *out);

#endif
