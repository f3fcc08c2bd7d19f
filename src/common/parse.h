/* parse.h - numbers from option text, strict: the whole string or nothing;
 * and numbers to text. Always in the C locale: a program embedding lede may
 * have set a locale whose decimal point is ',', and option text, ROUGE's
 * flags and the settings lede records must read and print the same in
 * every program. */
#ifndef LEDE_COMMON_PARSE_H
#define LEDE_COMMON_PARSE_H

#include <stddef.h>
#include <stdint.h>

/* A finite decimal number; 0 on success, -1 otherwise. */
int lede_parse_double(const char *s, double *out);

/* A non-negative decimal integer (digits only); 0 on success, -1 otherwise. */
int lede_parse_u64(const char *s, uint64_t *out);

/* strtod, in the C locale. */
double lede_strtod_c(const char *s, char **end);

/* snprintf, in the C locale. */
int lede_snprintf_c(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
