/* lines.h - reads a stream line by line in large blocks.
 *
 * getline reads through stdio's buffer of one page, a read system call per
 * 4 KB, and copies every line out of it; on a short batch of news articles
 * both showed in the profile. This reader reads 64 KB or more at a time
 * with read(2), which returns what a pipe has without waiting for a full
 * block, and hands back each line in place; before a read that would wait
 * for the writer it can tell its caller (cli_lines_on_wait), which then
 * writes what it holds back: a program that sends a line and waits for the
 * answer before sending the next gets it. */
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
    int may_wait;  /* fd is a pipe, socket or terminal: a read may wait */
    void (*on_wait)(void *arg);
    void *on_wait_arg;
    int cancel_fd; /* readable: a wait ends with ECANCELED; -1 = none */
    size_t max_line; /* longer lines are skipped (CLI_LINE_TOO_LONG); 0 = none */
} cli_lines;

/* cli_lines_next's result for a line longer than the limit. */
enum { CLI_LINE_TOO_LONG = 2 };

/* Starts reading file descriptor `fd`, which stays the caller's. */
void cli_lines_init(cli_lines *r, int fd);

/* Has on_wait(arg) called before each read that would wait for the
 * writer: when no complete line is buffered and the descriptor (not a
 * regular file) has nothing to read yet. It is called inside
 * cli_lines_next, in its thread and under whatever locks its caller holds
 * (lede batch's read lock: on_wait may take the write lock, never the
 * reverse). While such a read waits, `cancel_fd` (>= 0; -1 for none), once
 * readable, ends it: cli_lines_next returns -1 with errno ECANCELED
 * (another thread can stop a reader waiting for input that may never
 * come). `cancel_fd` stays the caller's, open while the reader is used. */
void cli_lines_on_wait(cli_lines *r, void (*on_wait)(void *arg), void *arg, int cancel_fd);

/* Lines longer than `max` bytes (not counting '\n' nor a '\r' before it)
 * are read past, never held whole: an endless line takes a bounded amount
 * of memory (about `max` bytes, twice that while the buffer grows). 0 (the
 * default) sets no limit. */
void cli_lines_limit(cli_lines *r, size_t max);

/* The next line, without its '\n', in *line and *len; the line is followed
 * by a NUL the reader writes and stays valid until the next call. A last
 * line without '\n' is returned too. Returns 1 for a line, 0 at the end of
 * the input, CLI_LINE_TOO_LONG for a line over the limit (cli_lines_limit:
 * *line is NULL and *len its length, the line is read past), -1 on a read
 * error (errno set; ENOMEM when a line does not fit in memory; ECANCELED,
 * see cli_lines_on_wait). */
int cli_lines_next(cli_lines *r, char **line, size_t *len);

void cli_lines_free(cli_lines *r);

#endif
