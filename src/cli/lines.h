/* lines.h - reads a stream line by line in large blocks.
 *
 * getline reads through stdio's buffer of one page, a read system call per
 * 4 KB, and copies every line out of it; on a short batch of news articles
 * both showed in the profile. This reader reads 64 KB or more at a time
 * with read(2), which returns what a pipe has without waiting for a full
 * block, and hands back each line in place. */
#ifndef LEDE_CLI_LINES_H
#define LEDE_CLI_LINES_H

#include <stddef.h>

typedef struct cli_lines {
    int fd;
    char *buf;
    size_t cap;
    size_t start; /* buf[start, end) is read but not yet returned */
    size_t end;
    size_t scanned; /* buf[start, scanned) holds no newline */
    int eof;
} cli_lines;

/* Starts reading file descriptor `fd`, which stays the caller's. */
void cli_lines_init(cli_lines *r, int fd);

/* The next line, without its '\n', in *line and *len; the line is followed
 * by a NUL the reader writes and stays valid until the next call. A last
 * line without '\n' is returned too. Returns 1 for a line, 0 at the end of
 * the input, -1 on a read error (errno set; ENOMEM when a line does not
 * fit in memory). */
int cli_lines_next(cli_lines *r, char **line, size_t *len);

void cli_lines_free(cli_lines *r);

#endif
