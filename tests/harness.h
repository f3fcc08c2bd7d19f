/* harness.h - a tiny test harness: checks count, failures print where and
 * what, and the summary line "N passed, N failed" ends each test program. */
#ifndef LEDE_TEST_HARNESS_H
#define LEDE_TEST_HARNESS_H

#include <stddef.h>

typedef struct test_state {
    int passed;
    int failed;
} test_state;

extern test_state harness;

/* Records one check; prints the location and message when it fails.
 * Returns `ok` so callers can stop early on a failed precondition. */
int harness_check(int ok, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Prints the summary line and returns the process exit status. */
int harness_finish(void);

/* Reads a whole file; NULL on failure (the check fails). Caller frees. */
char *harness_read_file(const char *path, size_t *len);

#define CHECK(cond) harness_check(!!(cond), __FILE__, __LINE__, "%s", #cond)
#define CHECK_MSG(cond, ...) harness_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
/* The operands are evaluated once: they are often calls with effects. */
#define CHECK_EQ(a, b) harness_check_eq((long long)(a), (long long)(b), __FILE__, __LINE__, #a, #b)
#define CHECK_NEAR(a, b, tol) \
    harness_check_near((double)(a), (double)(b), (tol), __FILE__, __LINE__, #a, #b)
#define CHECK_STR(a, b) harness_check_str((a), (b), __FILE__, __LINE__, #a)

int harness_check_eq(long long got, long long want, const char *file, int line, const char *a,
                     const char *b);
int harness_check_near(double got, double want, double tol, const char *file, int line,
                       const char *a, const char *b);
int harness_check_str(const char *got, const char *want, const char *file, int line,
                      const char *expr);

#endif
