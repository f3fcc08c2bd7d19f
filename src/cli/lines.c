#define _POSIX_C_SOURCE 200809L
#include "lines.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { READ_BYTES = 1 << 16 };

void cli_lines_init(cli_lines *r, int fd)
{
    memset(r, 0, sizeof *r);
    r->fd = fd;
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

int cli_lines_next(cli_lines *r, char **line, size_t *len)
{
    if (r->scanned < r->start)
        r->scanned = r->start;
    for (;;) {
        char *nl = r->buf ? memchr(r->buf + r->scanned, '\n', r->end - r->scanned) : NULL;
        if (nl)
            return take(r, (size_t)(nl - r->buf), 1, line, len);
        r->scanned = r->end;
        if (r->eof)
            return r->start < r->end ? take(r, r->end, 0, line, len) : 0;
        if (fill(r) != 0)
            return -1;
    }
}

void cli_lines_free(cli_lines *r)
{
    free(r->buf);
    memset(r, 0, sizeof *r);
}
