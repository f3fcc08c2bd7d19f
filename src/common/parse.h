/* parse.h - numbers from option text, strict: the whole string or nothing;
 * numbers to text; names compared without case. Always in the C locale: a
 * program embedding lede may have set a locale whose decimal point is ','
 * or whose 'I' folds to a dotless 'ı' (Turkish), and option text, ROUGE's
 * flags, charset and language names and the settings lede records must
 * read, compare and print the same in every program. */
#ifndef LEDE_COMMON_PARSE_H
#define LEDE_COMMON_PARSE_H

#include <stddef.h>
#include <stdint.h>

/* strcasecmp and strncasecmp folding ASCII letters only, whatever the
 * locale (under tr_TR, strcasecmp("IT", "it") is not 0). */
int lede_ascii_casecmp(const char *a, const char *b);
int lede_ascii_ncasecmp(const char *a, const char *b, size_t n);

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
