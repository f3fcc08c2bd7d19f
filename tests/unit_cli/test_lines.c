/* test_lines.c - the batch's line reader: every line of an input comes
 * back whole and in order, whatever its length and however the bytes
 * arrive, and a line is handed back as soon as it is complete. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/lines.h"
#include "harness.h"

/* Writes `len` bytes to a pipe from a child process, `step` bytes per
 * write, and returns the reading end. */
static int pipe_from_child(const char *data, size_t len, size_t step)
{
    int fds[2];
    if (!CHECK(pipe(fds) == 0))
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        for (size_t i = 0; i < len; i += step) {
            size_t n = len - i < step ? len - i : step;
            if (write(fds[1], data + i, n) != (ssize_t)n)
                _exit(1);
        }
        _exit(0);
    }
    close(fds[1]);
    CHECK(pid > 0);
    return fds[0];
}

/* Reads `data` through the reader in steps of `step` bytes and checks that
 * the lines are the '\n'-separated pieces of it. */
static void check_lines(const char *data, size_t len, size_t step)
{
    int fd = pipe_from_child(data, len, step);
    if (fd < 0)
        return;
    cli_lines r;
    cli_lines_init(&r, fd);
    size_t at = 0, count = 0;
    char *line;
    size_t n;
    int rc;
    while ((rc = cli_lines_next(&r, &line, &n)) == 1) {
        const char *nl = memchr(data + at, '\n', len - at);
        size_t want = nl ? (size_t)(nl - (data + at)) : len - at;
        if (!CHECK_MSG(n == want && memcmp(line, data + at, n) == 0 && line[n] == '\0',
                       "line %zu (step %zu): %zu bytes, want %zu", count, step, n, want))
            break;
        at += want + (nl ? 1 : 0);
        count++;
    }
    CHECK_MSG(rc == 0 && at == len, "step %zu: rc %d, %zu of %zu bytes", step, rc, at, len);
    CHECK_EQ(cli_lines_next(&r, &line, &n), 0); /* the end stays the end */
    cli_lines_free(&r);
    close(fd);
    while (wait(NULL) > 0) {
    }
}

static void test_shapes(void)
{
    static const char *const inputs[] = {
        "", "\n", "one", "one\n", "one\ntwo", "one\ntwo\n", "\n\n\n", "a\r\nb\r\n",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
        for (size_t step = 1; step <= 4; step++)
            check_lines(inputs[i], strlen(inputs[i]), step);
    /* NUL bytes are line content like any other byte. */
    static const char nul[] = "a\0b\n\0\nc";
    check_lines(nul, sizeof nul - 1, 1);
    check_lines(nul, sizeof nul - 1, 64);
}

/* Lines around and far past the reader's block of 64 KB, arriving in
 * writes of odd sizes, so that lines straddle every refill. */
static void test_long_lines(void)
{
    size_t sizes[] = {1, 4095, 65535, 65536, 65537, 131073, 1 << 20, 3 << 20};
    size_t len = 0;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        len += sizes[i] + 1;
    char *data = malloc(len);
    if (!CHECK(data))
        return;
    size_t at = 0;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        for (size_t k = 0; k < sizes[i]; k++)
            data[at++] = (char)('a' + (k + i) % 26);
        data[at++] = '\n';
    }
    check_lines(data, len, 7919);
    check_lines(data, len, 1 << 20);
    check_lines(data, len - 1, 65536); /* the last line without '\n' */
    free(data);
}

/* A line comes back while the writer is still there: the reader does not
 * wait for a full block (lede batch as a coprocess, or behind a pipe that
 * trickles). */
static void test_line_before_block(void)
{
    int to_reader[2];
    if (!CHECK(pipe(to_reader) == 0))
        return;
    if (!CHECK(write(to_reader[1], "first\nsec", 9) == 9))
        return;
    cli_lines r;
    cli_lines_init(&r, to_reader[0]);
    char *line;
    size_t n;
    CHECK_EQ(cli_lines_next(&r, &line, &n), 1);
    CHECK_STR(line, "first");
    CHECK(write(to_reader[1], "ond\n", 4) == 4);
    CHECK_EQ(cli_lines_next(&r, &line, &n), 1);
    CHECK_STR(line, "second");
    close(to_reader[1]);
    CHECK_EQ(cli_lines_next(&r, &line, &n), 0);
    cli_lines_free(&r);
    close(to_reader[0]);
}

typedef struct waits {
    int count;
    int fd;           /* where on_wait writes `then`, or -1 */
    const char *then;
} waits;

static void count_wait(void *arg)
{
    waits *w = arg;
    w->count++;
    if (w->fd >= 0)
        CHECK(write(w->fd, w->then, strlen(w->then)) == (ssize_t)strlen(w->then));
}

/* on_wait is called before a read that would wait, and only then: not
 * while a line is buffered, nor when the pipe has bytes or has ended, nor
 * for a file. */
static void test_on_wait(void)
{
    int fds[2];
    if (!CHECK(pipe(fds) == 0))
        return;
    waits w = {0, -1, NULL};
    cli_lines r;
    cli_lines_init(&r, fds[0]);
    cli_lines_on_wait(&r, count_wait, &w, -1);
    char *line;
    size_t n;
    CHECK(write(fds[1], "one\ntwo\nthr", 11) == 11);
    CHECK_EQ(cli_lines_next(&r, &line, &n), 1);
    CHECK_STR(line, "one");
    CHECK_EQ(w.count, 0); /* the pipe had bytes */
    CHECK_EQ(cli_lines_next(&r, &line, &n), 1);
    CHECK_STR(line, "two");
    CHECK_EQ(w.count, 0); /* buffered */
    /* "thr" is incomplete and the pipe empty: the read would wait, and
     * on_wait, told, writes the rest (as a coprocess's partner would once
     * it has its answer). */
    w.fd = fds[1];
    w.then = "ee\n";
    CHECK_EQ(cli_lines_next(&r, &line, &n), 1);
    CHECK_STR(line, "three");
    CHECK_EQ(w.count, 1);
    /* Ended: poll reports it, nothing is awaited. */
    close(fds[1]);
    w.fd = -1;
    CHECK_EQ(cli_lines_next(&r, &line, &n), 0);
    CHECK_EQ(w.count, 1);
    cli_lines_free(&r);
    close(fds[0]);

    FILE *f = tmpfile();
    if (!CHECK(f != NULL))
        return;
    fputs("a\nb", f);
    fflush(f);
    rewind(f);
    w.count = 0;
    cli_lines_init(&r, fileno(f));
    cli_lines_on_wait(&r, count_wait, &w, -1);
    CHECK_EQ(cli_lines_next(&r, &line, &n), 1);
    CHECK_EQ(cli_lines_next(&r, &line, &n), 1);
    CHECK_STR(line, "b");
    CHECK_EQ(cli_lines_next(&r, &line, &n), 0);
    CHECK_EQ(w.count, 0); /* a file never waits */
    cli_lines_free(&r);
    fclose(f);
}

/* A wait for input ends when the cancelling descriptor becomes readable
 * (here by on_wait itself, as another thread would), with ECANCELED; while
 * the input has bytes, they are read even with it readable. */
static void test_cancel(void)
{
    int input[2], cancel[2];
    if (!CHECK(pipe(input) == 0) || !CHECK(pipe(cancel) == 0))
        return;
    waits w = {0, cancel[1], "x"};
    cli_lines r;
    cli_lines_init(&r, input[0]);
    cli_lines_on_wait(&r, count_wait, &w, cancel[0]);
    char *line;
    size_t n;
    errno = 0;
    CHECK_EQ(cli_lines_next(&r, &line, &n), -1);
    CHECK_EQ(errno, ECANCELED);
    CHECK_EQ(w.count, 1);
    w.fd = -1;
    CHECK(write(input[1], "late\n", 5) == 5);
    CHECK_EQ(cli_lines_next(&r, &line, &n), 1);
    CHECK_STR(line, "late");
    CHECK_EQ(w.count, 1);
    cli_lines_free(&r);
    for (int i = 0; i < 2; i++) {
        close(input[i]);
        close(cancel[i]);
    }
}

static void test_read_error(void)
{
    cli_lines r;
    cli_lines_init(&r, -1);
    char *line;
    size_t n;
    errno = 0;
    CHECK_EQ(cli_lines_next(&r, &line, &n), -1);
    CHECK_EQ(errno, EBADF);
    cli_lines_free(&r);
}

/* Lines over the limit are read past and reported with their length;
 * the lines around them come back whole, however the bytes arrive. */
static void test_too_long_lines(void)
{
    static const char data[] = "short\n"
                               "xxxxxxxxxxxxxxxxxxxxxxxxx\n" /* 25 bytes */
                               "exactly10!\n"
                               "exactly10!\r\n"
                               "elevenbytes\r\n"
                               "\n"
                               "yyyyyyyyyyy"; /* 11 bytes, no newline */
    static const struct {
        int rc;
        const char *line;
        size_t len;
    } want[] = {{1, "short", 5},
                {CLI_LINE_TOO_LONG, NULL, 25},
                {1, "exactly10!", 10},
                {1, "exactly10!\r", 11}, /* the '\r' of "\r\n" is not counted */
                {CLI_LINE_TOO_LONG, NULL, 12},
                {1, "", 0},
                {CLI_LINE_TOO_LONG, NULL, 11},
                {0, NULL, 0}};
    static const size_t steps[] = {1, 3, 7, 4096};
    for (size_t s = 0; s < sizeof steps / sizeof steps[0]; s++) {
        int fd = pipe_from_child(data, sizeof data - 1, steps[s]);
        if (fd < 0)
            return;
        cli_lines r;
        cli_lines_init(&r, fd);
        cli_lines_limit(&r, 10);
        for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
            char *line = (char *)"unset";
            size_t n = 999;
            int rc = cli_lines_next(&r, &line, &n);
            int ok = rc == want[k].rc && (rc == 0 || n == want[k].len) &&
                     (want[k].line ? line && memcmp(line, want[k].line, n) == 0
                                   : rc == 0 || line == NULL);
            if (!CHECK_MSG(ok, "step %zu, line %zu: rc %d, %zu bytes, want rc %d, %zu bytes",
                           steps[s], k, rc, n, want[k].rc, want[k].len))
                break;
        }
        cli_lines_free(&r);
        close(fd);
        wait(NULL);
    }
}

int main(void)
{
    test_shapes();
    test_long_lines();
    test_line_before_block();
    test_on_wait();
    test_cancel();
    test_read_error();
    test_too_long_lines();
    return harness_finish();
}
