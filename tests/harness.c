#include "harness.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

test_state harness;

int harness_check(int ok, const char *file, int line, const char *fmt, ...)
{
    if (ok) {
        harness.passed++;
        return 1;
    }
    harness.failed++;
    fprintf(stderr, "FAIL %s:%d: ", file, line);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 0;
}

int harness_check_eq(long long got, long long want, const char *file, int line, const char *a,
                     const char *b)
{
    return harness_check(got == want, file, line, "%s == %s (%lld != %lld)", a, b, got, want);
}

int harness_check_near(double got, double want, double tol, const char *file, int line,
                       const char *a, const char *b)
{
    return harness_check(fabs(got - want) <= tol, file, line, "%s ~ %s (%.9g vs %.9g)", a, b, got,
                         want);
}

int harness_check_str(const char *got, const char *want, const char *file, int line,
                      const char *expr)
{
    int ok = got && want && strcmp(got, want) == 0;
    return harness_check(ok, file, line, "%s:\n  got:  \"%s\"\n  want: \"%s\"", expr,
                         got ? got : "(null)", want ? want : "(null)");
}

int harness_finish(void)
{
    printf("%d passed, %d failed\n", harness.passed, harness.failed);
    return harness.failed == 0 && harness.passed > 0 ? 0 : 1;
}

char *harness_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!harness_check(f != NULL, __FILE__, __LINE__, "cannot open %s", path))
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *bigger = realloc(buf, cap * 2 + 1);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}
