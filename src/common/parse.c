#define _POSIX_C_SOURCE 200809L
#include "parse.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* The calling thread's locale switched to C for a call, and back after:
 * uselocale changes this thread's alone, so other threads (and the
 * program's own setlocale) are untouched. glibc's newlocale of "C" from
 * nothing returns its static C locale without allocating. When no C
 * locale can be had, the call runs in the thread's locale as it is. */
typedef struct c_numeric {
    locale_t c, saved;
} c_numeric;

static void enter_c_numeric(c_numeric *n)
{
    n->c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    n->saved = n->c ? uselocale(n->c) : (locale_t)0;
}

static void leave_c_numeric(c_numeric *n)
{
    if (!n->c)
        return;
    uselocale(n->saved);
    freelocale(n->c);
}

double lede_strtod_c(const char *s, char **end)
{
    c_numeric n;
    enter_c_numeric(&n);
    int saved_errno = errno;
    errno = 0;
    double v = strtod(s, end);
    int strtod_errno = errno;
    leave_c_numeric(&n);
    errno = strtod_errno ? strtod_errno : saved_errno;
    return v;
}

int lede_snprintf_c(char *buf, size_t size, const char *fmt, ...)
{
    c_numeric n;
    enter_c_numeric(&n);
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    leave_c_numeric(&n);
    return len;
}

int lede_parse_double(const char *s, double *out)
{
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    double v = lede_strtod_c(s, &end);
    if (errno || *end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int lede_parse_u64(const char *s, uint64_t *out)
{
    /* strtoull would skip leading blanks and then take a sign: " -1" would
     * wrap to 2^64 - 1. */
    if (!s || *s < '0' || *s > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

static int ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int lede_ascii_ncasecmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int ca = ascii_lower((unsigned char)a[i]), cb = ascii_lower((unsigned char)b[i]);
        if (ca != cb || ca == 0)
            return ca - cb;
    }
    return 0;
}

int lede_ascii_casecmp(const char *a, const char *b)
{
    return lede_ascii_ncasecmp(a, b, SIZE_MAX);
}
