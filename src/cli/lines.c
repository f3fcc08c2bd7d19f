#define _POSIX_C_SOURCE 200809L
#include "lines.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { READ_BYTES = 1 << 16 };

void cli_lines_init(cli_lines *r, int fd)
{
    memset(r, 0, sizeof *r);
    r->fd = fd;
    r->cancel_fd = -1;
}

void cli_lines_limit(cli_lines *r, size_t max)
{
    r->max_line = max;
}

void cli_lines_on_wait(cli_lines *r, void (*on_wait)(void *arg), void *arg, int cancel_fd)
{
    struct stat st;
    /* A regular file (or a disk) always has its bytes: no poll per read. */
    r->may_wait = fstat(r->fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode));
    r->on_wait = on_wait;
    r->on_wait_arg = arg;
    r->cancel_fd = cancel_fd;
}

static int poll_retrying(struct pollfd *fds, nfds_t n, int timeout)
{
    int ready;
    do
        ready = poll(fds, n, timeout);
    while (ready < 0 && errno == EINTR);
    return ready;
}

/* When a read would wait (nothing to read yet), calls on_wait, then waits
 * for input or for cancel_fd. Returns 0 (read now), or -1 with errno
 * ECANCELED. A failing poll is left to the read to report. */
static int before_read(cli_lines *r)
{
    if (!r->on_wait || !r->may_wait)
        return 0;
    struct pollfd fds[2] = {{.fd = r->fd, .events = POLLIN},
                            {.fd = r->cancel_fd, .events = POLLIN}};
    if (poll_retrying(fds, 1, 0) != 0)
        return 0;
    r->on_wait(r->on_wait_arg);
    if (r->cancel_fd < 0)
        return 0;
    if (poll_retrying(fds, 2, -1) > 0 && fds[1].revents != 0 && fds[0].revents == 0) {
        errno = ECANCELED;
        return -1;
    }
    return 0;
}

/* Room for READ_BYTES more after the unread bytes, moved to the front
 * (plus one byte for the NUL after a last line). Returns 0 or -1. */
static int make_room(cli_lines *r)
{
    if (r->start > 0) {
        size_t unread = r->end - r->start;
        memmove(r->buf, r->buf + r->start, unread);
        r->scanned -= r->start;
        r->end = unread;
        r->start = 0;
    }
    if (r->cap - r->end > READ_BYTES)
        return 0;
    size_t cap = r->cap ? r->cap : READ_BYTES + 1;
    while (cap - r->end <= READ_BYTES) {
        if (cap > SIZE_MAX / 2) {
            errno = ENOMEM;
            return -1;
        }
        cap *= 2;
    }
    char *buf = realloc(r->buf, cap);
    if (!buf) {
        errno = ENOMEM;
        return -1;
    }
    r->buf = buf;
    r->cap = cap;
    return 0;
}

/* Reads what the descriptor has, up to the free room. Returns 0 or -1. */
static int fill(cli_lines *r)
{
    if (make_room(r) != 0)
        return -1;
    if (before_read(r) != 0)
        return -1;
    for (;;) {
        ssize_t n = read(r->fd, r->buf + r->end, r->cap - r->end - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            r->eof = 1;
        r->end += (size_t)n;
        return 0;
    }
}

/* Hands back buf[start, stop) as a line and moves past `skip` more bytes. */
static int take(cli_lines *r, size_t stop, size_t skip, char **line, size_t *len)
{
    *line = r->buf + r->start;
    *len = stop - r->start;
    r->buf[stop] = '\0';
    r->start = stop + skip;
    r->scanned = r->start;
    return 1;
}

/* Reads past the rest of a line over the limit, up to and with its '\n'
 * (or the end of the input), dropping what is buffered of it as it goes.
 * Returns CLI_LINE_TOO_LONG with *len the line's length, or -1. */
static int skip_long_line(cli_lines *r, char **line, size_t *len)
{
    size_t skipped = 0;
    for (;;) {
        char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
        size_t stop = nl ? (size_t)(nl - r->buf) : r->end;
        skipped += stop - r->start;
        r->start = r->scanned = nl ? stop + 1 : stop;
        if (nl || r->eof)
            break;
        if (fill(r) != 0)
            return -1;
    }
    *line = NULL;
    *len = skipped;
    return CLI_LINE_TOO_LONG;
}

/* Whether the line buf[start, stop) is within the limit, a '\r' before
 * its '\n' not counted. */
static int within_limit(const cli_lines *r, size_t stop)
{
    size_t n = stop - r->start;
    if (n > 0 && r->buf[stop - 1] == '\r')
        n--;
    return !r->max_line || n <= r->max_line;
}

int cli_lines_next(cli_lines *r, char **line, size_t *len)
{
    if (r->scanned < r->start)
        r->scanned = r->start;
    for (;;) {
        char *nl = r->buf ? memchr(r->buf + r->scanned, '\n', r->end - r->scanned) : NULL;
        if (nl && within_limit(r, (size_t)(nl - r->buf)))
            return take(r, (size_t)(nl - r->buf), 1, line, len);
        /* Without its '\n' yet, a line may still end in "\r\n". */
        if (nl || (r->max_line && r->end - r->start > r->max_line + 1))
            return skip_long_line(r, line, len);
        r->scanned = r->end;
        if (r->eof && r->start == r->end)
            return 0;
        if (r->eof)
            return within_limit(r, r->end) ? take(r, r->end, 0, line, len)
                                           : skip_long_line(r, line, len);
        if (fill(r) != 0)
            return -1;
    }
}

void cli_lines_free(cli_lines *r)
{
    free(r->buf);
    memset(r, 0, sizeof *r);
}
