/* batch.c - `lede batch`: JSONL in, JSONL out, streaming, in input order,
 * with a pool of worker threads that each own a summarizer. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "cli.h"
#include "input.h"
#include "jsonl.h"
#include "lines.h"
#include "threads.h"

static const char batch_help[] =
    "Usage: lede batch [OPTIONS] [FILE...]\n"
    "Summarize every line of JSON Lines input (standard input when no FILE or\n"
    "'-'). Each line is an object with \"text\" (a string) or \"html\" (a web\n"
    "page, whose article is summarized) and any other fields, such as \"id\";\n"
    "each output line has the other fields, in their order, and \"sentences\":\n"
    "the picked sentences with index, paragraph, start, end (byte offsets into\n"
    "\"text\" as UTF-8, or into the article's text, \"text\" of `lede extract -f json`),\n"
    "score, rank and text; for a page also each sentence's source_line and the\n"
    "page's title, author, date, language and encoding, when it gives them and\n"
    "the line has no such field. A page in another language is read in its\n"
    "language unless --lang is given. Output keeps input order. Blank lines are\n"
    "skipped. A bad line is reported on standard error (FILE:LINE: reason) and\n"
    "skipped, unless --strict.\n"
    "\n"
    "  -j, --threads N       worker threads, each with its own summarizer (default 1;\n"
    "                        0: one per CPU the process may run on)\n"
    "      --strict          stop at the first bad line, or FILE that cannot be read\n"
    "  -n, --sentences N     at most N sentences (or --ratio, --words, --chars)\n"
    "  -l, --lang CODE       language of the texts (default en), and of every page\n"
    "      --NAME VALUE      any summarizer option: method, damping, redundancy,\n"
    "                        background-idf, seed, replace-invalid (yes/no), ...\n"
    "      --replace-invalid yes\n"
    "                        read bytes that are not UTF-8 inside a line's strings,\n"
    "                        and NUL (\\u0000) in \"text\", as U+FFFD\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0 success, 1 some line could not be summarized, 2 usage error,\n"
    "3 output error.\n";

/* Lines taken before the threads meet again: bounds the results held for
 * writing in order behind a slow line (CHUNK_BYTES counts the input lines'
 * bytes, a proxy for their results'). */
enum { CHUNK_LINES = 1024, CHUNK_BYTES = 64 << 20, MAX_THREADS = 256 };

/* Output is written in blocks of about this size. */
enum { OUTPUT_BLOCK_BYTES = 1 << 16 };

/* A worker's buffer of done lines is kept between chunks up to this size. */
enum { DONE_KEEP_BYTES = 4 << 20 };

struct worker;

typedef struct job {
    char *line;  /* the line, while a worker works on it (not owned) */
    size_t len;
    size_t lineno;
    /* The output line: out_len bytes at out_offset in the `done` buffer of
     * the worker `owner`; no owner when there is none (the line failed, or
     * memory ran out keeping it). */
    struct worker *owner;
    size_t out_offset;
    size_t out_len;
    char *error; /* the reason the line failed, or NULL */
    char *warning; /* said before the output line, or NULL */
    int column;  /* where in the line, for JSON errors; 0 = nowhere */
    int too_long; /* longer than CLI_MAX_INPUT_BYTES: read past, not kept */
    int done;    /* the fields above are final; set and read under write_lock */
} job;

typedef struct batch {
    const lede_options *opts;
    int lang_given;        /* --lang given: a page's own language is not used */
    unsigned json_flags;   /* how lines are parsed (jsonl_parse_object_flags) */
    const char *file;      /* for messages */
    jsonl_buf output;      /* output lines not yet written */
    int interactive;       /* output to a terminal: written line by line */
    job *jobs;
    /* Each thread reads the next line of the chunk itself when it is ready
     * for one, under read_lock, into its own buffer: no thread reads ahead
     * into memory of its own that the others would then have to wait for,
     * and the lines land in memory already touched. */
    pthread_mutex_t read_lock;
    cli_lines *in;         /* the stream being read */
    size_t lineno;         /* its lines read so far */
    size_t chunk_bytes;    /* the bytes of the chunk's lines */
    int reading;           /* the chunk may have more lines */
    int read_errno;        /* a read failed (its errno, never 0), which ends the stream */
    int stream_ended;      /* the stream has no more lines */
    int last_stream;       /* no stream follows this one */
    /* jobs[0, njobs) are the chunk's lines taken so far; a job's results
     * are published to the thread writing them under write_lock. */
    atomic_size_t njobs;
    /* Workers wait for a new generation (a chunk to work on) or quit; the
     * main thread waits until none is running. Changed under the mutex,
     * atomic so that a waiting thread may poll them first (wait_briefly). */
    pthread_mutex_t mutex;
    pthread_cond_t go, finished;
    atomic_ulong generation;
    atomic_size_t running;
    size_t started;        /* worker threads besides the main thread */
    cli_threads threads;   /* where they start */
    int poll;              /* waits poll first (see POLL_NS) */
    atomic_int quit;
    /* Whichever thread finishes a job writes the chunk's results that are
     * done, in order, under write_lock (with b->output, failed, stop and
     * write_errno):
     * jobs[0, written) are written, their messages freed (their output
     * lines stay in their worker's done buffer). A thread that waits for
     * input holds none back (wait_for_input). Lock order: read_lock, then
     * write_lock (wait_for_input runs under read_lock), never the reverse. */
    pthread_mutex_t write_lock;
    size_t written;
    /* A thread is about to wait for input, or waits: what is written is
     * flushed to stdout at once, so that a program feeding the input line
     * by line and waiting for each answer gets it. */
    atomic_int input_waiting;
    int strict;            /* --strict */
    int failed;            /* a line of the current stream failed */
    int write_errno;       /* the output could not be written (its errno, never 0) */
    /* --strict and a line failed, or the output could not be written:
     * nothing more is written, and no more lines are taken; a byte written
     * to stop_pipe[1] ends a wait for input (cli_lines_on_wait), which
     * may never come, in whichever thread waits. */
    atomic_int stop;
    int stop_pipe[2];
} batch;

/* ====== One line ====== */

/* A newly allocated message (NULL when out of memory). */
static char *error_text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *error_text(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return s;
}

/* The reason a line's "text" or "html" (`member`) failed; for text, with
 * the byte of it where the error lies. */
static char *input_error(const char *member, const lede_error *err, lede_status st)
{
    const char *msg = err ? lede_error_message(err) : lede_strerror(st);
    if (strcmp(member, "text") == 0 && err && lede_error_has_position(err))
        return error_text("\"%s\": %s (byte %zu)", member, msg, lede_error_offset(err));
    return error_text("\"%s\": %s", member, msg);
}

/* A worker's buffers, reused from line to line. */
typedef struct line_scratch {
    jsonl_object obj;
    jsonl_buf text;      /* the decoded "text", or "html" */
    const char *member;  /* which of the two the line has */
    jsonl_buf out;
} line_scratch;

/* The metadata of a page that a line's output gives, after "sentences". */
static const char *const page_fields[] = {"title", "author", "date", "language", "encoding"};

static const char *page_field(const lede_document *doc, size_t i)
{
    switch (i) {
    case 0:
        return lede_document_title(doc);
    case 1:
        return lede_document_author(doc);
    case 2:
        return lede_document_date(doc);
    case 3:
        return lede_document_language(doc);
    default:
        return lede_document_encoding(doc);
    }
}

/* Whether the line has a member named `name` (then passed through). */
static int line_has(const line_scratch *ls, const char *name)
{
    for (size_t i = 0; i < ls->obj.count; i++)
        if (jsonl_key_is(&ls->obj.members[i], name))
            return 1;
    return 0;
}

/* Appends raw bytes of the line; those that are not UTF-8 (let through
 * by --replace-invalid) as U+FFFD, so that the output line is JSON. */
static int put_raw(jsonl_buf *b, const char *s, size_t len, int invalid_utf8)
{
    return invalid_utf8 ? jsonl_put_replacing_invalid(b, s, len) : jsonl_put(b, s, len);
}

/* The output line: the input's members but the "text" or "html" read,
 * verbatim (but bytes that are not UTF-8) and in order, then "sentences"; for a page (`doc`), each
 * sentence with its line in the page, then the page's metadata that the
 * input does not already have. Returns 0 or -1 when out of memory. */
static int write_output(line_scratch *ls, const lede_summary *sum, const lede_document *doc)
{
    jsonl_buf *b = &ls->out;
    b->len = 0;
    int rc = jsonl_put(b, "{", 1);
    for (size_t i = 0; rc == 0 && i < ls->obj.count; i++) {
        const jsonl_member *m = &ls->obj.members[i];
        if (jsonl_key_is(m, ls->member))
            continue;
        rc |= jsonl_put(b, "\"", 1);
        rc |= put_raw(b, m->key, m->key_len, m->invalid_utf8);
        rc |= jsonl_put(b, "\":", 2);
        rc |= put_raw(b, m->value, m->value_len, m->invalid_utf8);
        rc |= jsonl_put(b, ",", 1);
    }
    rc |= jsonl_put(b, "\"sentences\":[", 13);
    for (size_t i = 0; rc == 0 && i < lede_summary_count(sum); i++) {
        const lede_sentence *s = lede_summary_sentence(sum, i);
        if (i > 0)
            rc |= jsonl_put(b, ",", 1);
        rc |= doc ? jsonl_put_sentence_at(b, s, lede_document_source_line(doc, s->start))
                  : jsonl_put_sentence(b, s);
    }
    rc |= jsonl_put(b, "]", 1);
    for (size_t i = 0; doc && rc == 0 && i < sizeof page_fields / sizeof page_fields[0]; i++) {
        const char *value = page_field(doc, i);
        if (!value || line_has(ls, page_fields[i]))
            continue;
        rc |= jsonl_put(b, ",\"", 2);
        rc |= jsonl_put(b, page_fields[i], strlen(page_fields[i]));
        rc |= jsonl_put(b, "\":", 2);
        rc |= jsonl_put_string(b, value, strlen(value));
    }
    rc |= jsonl_put(b, "}", 1);
    return rc ? -1 : 0;
}

/* Decodes the line's "text" or "html" member into ls->text and names it
 * in ls->member. Returns 0, or -1 with the reason in *why (neither, both,
 * one twice, not a string; NULL when out of memory). */
static int find_input(line_scratch *ls, char **why)
{
    const jsonl_member *found = NULL;
    *why = NULL;
    for (size_t i = 0; i < ls->obj.count; i++) {
        const jsonl_member *m = &ls->obj.members[i];
        const char *name = jsonl_key_is(m, "text") ? "text" : jsonl_key_is(m, "html") ? "html" : NULL;
        if (!name) {
            if (jsonl_key_is(m, "sentences")) {
                /* The output's own member: a second one would hide one of the two. */
                *why = error_text("the line has a \"sentences\" field, which the output adds");
                return -1;
            }
            continue;
        }
        if (found) {
            *why = strcmp(name, ls->member) == 0
                       ? error_text("\"%s\" given twice", name)
                       : error_text("\"text\" and \"html\" both given: a line has one of them");
            return -1;
        }
        found = m;
        ls->member = name;
    }
    if (!found) {
        *why = error_text("no \"text\" or \"html\" string in the object");
        return -1;
    }
    int rc = jsonl_decode_string(found, &ls->text);
    if (rc == 1)
        *why = error_text("\"%s\" is not a string", ls->member);
    return rc == 0 ? 0 : -1;
}

/* A worker: a thread (or the main one) with its own summarizer. */
typedef struct worker {
    batch *b;
    lede_summarizer *s;
    cli_page_summarizer page; /* for pages in another language */
    line_scratch scratch;
    jsonl_buf line;    /* the line being worked on, copied out of the reader */
    /* The output lines of its jobs that are done, back to back, until they
     * are written; appended to and read under write_lock only, emptied when
     * none is left to write. Its memory stays this thread's: a line
     * malloc'd here and freed by the thread writing it took this thread's
     * malloc arena lock, and a thread sleeping on it wakes late (POLL_NS).
     * Freed by stop_workers, once everything is written. */
    jsonl_buf done;
    size_t unwritten;
    pthread_t thread;
} worker;

/* The summarizer for a page, in *out (cli_page_summarizer_get), with what
 * is said of it in j->warning. Returns LEDE_OK or LEDE_ERR_NOMEM. */
static lede_status page_summarizer(worker *w, const lede_document *doc, job *j,
                                   lede_summarizer **out)
{
    char warning[256];
    lede_status st = cli_page_summarizer_get(&w->page, doc, w->b->opts, w->b->lang_given, w->s,
                                             out, warning, sizeof warning);
    if (st == LEDE_OK && warning[0] && !(j->warning = strdup(warning)))
        return LEDE_ERR_NOMEM;
    return st;
}

/* Summarizes the job's line. Returns 1 with its output line in ls->out,
 * or 0 with the reason in j->error (NULL when even that could not be
 * allocated: out of memory). */
static int run_job(worker *w, job *j)
{
    line_scratch *ls = &w->scratch;
    lede_summarizer *s = w->s;
    size_t column;
    const char *message;
    int rc =
        jsonl_parse_object_flags(j->line, j->len, w->b->json_flags, &ls->obj, &column, &message);
    if (rc != 0) {
        j->error = rc == -1 ? error_text("invalid JSON: %s", message) : NULL;
        j->column = rc == -1 ? (int)column : 0;
        return 0;
    }
    if (find_input(ls, &j->error) != 0)
        return 0;
    const char *text = ls->text.data;
    size_t len = ls->text.len;
    lede_document *doc = NULL;
    lede_error *err = NULL;
    lede_status st = LEDE_OK;
    if (strcmp(ls->member, "html") == 0) {
        /* A page: its article, as `lede extract` finds it. */
        st = lede_extract_html(text, len, NULL, &doc, &err);
        if (st == LEDE_OK)
            text = lede_document_text(doc, &len);
        if (st == LEDE_OK)
            st = page_summarizer(w, doc, j, &s);
    }
    lede_summary *sum = NULL;
    if (st == LEDE_OK)
        st = lede_summarizer_run(s, text, len, w->b->opts, &sum, &err);
    int written = 0;
    if (st != LEDE_OK)
        j->error = input_error(ls->member, err, st);
    else
        written = write_output(ls, sum, doc) == 0;
    lede_error_free(err);
    lede_summary_free(sum);
    lede_document_free(doc);
    return written;
}

/* ====== Workers ====== */

/* How long a thread polls before it sleeps on a condition variable. A
 * sleeping thread leaves its virtual CPU idle, and on the machine lede is
 * measured on waking an idle one took up to 4 ms: the helper thread of
 * `lede batch -j 2`, asleep until its chunk started, took its first line
 * 3.5 ms late in a third of the runs. Only with a CPU for every thread: with
 * fewer, polling would hold a CPU the awaited thread needs. */
enum { POLL_NS = 1000000, POLLS_PER_CLOCK = 64 };

static void cpu_relax(void)
{
#if defined(__SSE2__)
    _mm_pause();
#endif
}

/* Polls done(b, arg) for up to POLL_NS, or once unless b->poll; returns
 * whether it came true. */
static int wait_briefly(const batch *b, int (*done)(const batch *b, void *arg), void *arg)
{
    if (done(b, arg))
        return 1;
    if (!b->poll)
        return 0;
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (unsigned n = 1;; n++) {
        cpu_relax();
        if (done(b, arg))
            return 1;
        if (n % POLLS_PER_CLOCK != 0)
            continue;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long long ns = (now.tv_sec - start.tv_sec) * 1000000000LL + (now.tv_nsec - start.tv_nsec);
        if (ns > POLL_NS)
            return 0;
    }
}

/* The conditions the threads wait for. */
static int workers_done(const batch *b, void *unused)
{
    (void)unused;
    return atomic_load(&b->running) == 0;
}

/* `seen`: the generation the thread last worked on. */
static int chunk_started(const batch *b, void *seen)
{
    return atomic_load(&b->generation) != *(unsigned long *)seen || atomic_load(&b->quit);
}

/* Takes the mutex when it is free. */
static int lock_taken(const batch *b, void *mutex)
{
    (void)b;
    return pthread_mutex_trylock(mutex) == 0;
}

/* Locks `m`, trying for up to POLL_NS first when b->poll: a thread that
 * sleeps on a held lock leaves its virtual CPU idle, and waking it takes
 * far longer than the reads and writes the locks guard. */
static void lock_briefly(const batch *b, pthread_mutex_t *m)
{
    if (!wait_briefly(b, lock_taken, m))
        pthread_mutex_lock(m);
}

static int next_line(cli_lines *in, char **line, size_t *len, size_t *lineno);
static void finish_job(worker *w, job *j, int ok);
static int flush_output(batch *b);

/* Ends the chunk's reading at the end of the stream (rc 0) or on a read
 * error (rc -1, errno set). Under read_lock. */
static void end_reading(batch *b, int rc)
{
    b->reading = 0;
    b->stream_ended = rc == 0;
    if (rc < 0)
        b->read_errno = errno ? errno : EIO;
}

/* Whether the chunk is the run's last: the last stream's reading ended,
 * at its end or on an error (the next stream, if any, is read after a
 * stream that could not be). Worker threads end after it instead of
 * waiting for the next, so that they are gone by the time the main thread
 * has written what is left of it (it then frees them, stop_workers). */
static int last_chunk(batch *b)
{
    lock_briefly(b, &b->read_lock);
    int last = b->last_stream && (b->read_errno != 0 || b->stream_ended);
    pthread_mutex_unlock(&b->read_lock);
    return last;
}

/* Reads the chunk's next line into the worker's buffer and sets up its
 * job, *index. Returns 0 when the chunk has no more lines: it is full, or
 * the stream ended, or could not be read (b->read_errno), or the run stops
 * (b->stop). */
static int take_line(worker *w, size_t *index)
{
    batch *b = w->b;
    int taken = 0;
    lock_briefly(b, &b->read_lock);
    while (b->reading && !taken && !atomic_load(&b->stop)) {
        char *text;
        size_t len;
        int rc = next_line(b->in, &text, &len, &b->lineno);
        if (atomic_load_explicit(&b->input_waiting, memory_order_relaxed))
            atomic_store(&b->input_waiting, 0);
        if ((rc < 0 && errno == ECANCELED) || atomic_load(&b->stop)) {
            b->reading = 0; /* the run stops: nothing more is written */
            break;
        }
        if (rc == 1) {
            w->line.len = 0;
            if (jsonl_put(&w->line, text, len) != 0) {
                errno = ENOMEM;
                rc = -1;
            }
        }
        if (rc <= 0) {
            end_reading(b, rc);
            break;
        }
        *index = atomic_load_explicit(&b->njobs, memory_order_relaxed);
        job *j = &b->jobs[*index];
        *j = (job){.len = len, .lineno = b->lineno, .too_long = rc == CLI_LINE_TOO_LONG};
        atomic_store_explicit(&b->njobs, *index + 1, memory_order_release);
        b->chunk_bytes += j->too_long ? 0 : len;
        if (*index + 1 == CHUNK_LINES || b->chunk_bytes >= CHUNK_BYTES)
            b->reading = 0;
        taken = 1;
    }
    pthread_mutex_unlock(&b->read_lock);
    return taken;
}

/* Takes the chunk's lines one by one until none is left, writing the
 * results that are done, in order, after each. A worker without a
 * summarizer (it could not make one) takes none. */
static void work_on_chunk(worker *w)
{
    batch *b = w->b;
    size_t i;
    if (!w->s)
        return;
    while (take_line(w, &i)) {
        job *j = &b->jobs[i];
        j->line = w->line.data;
        finish_job(w, j, !j->too_long && run_job(w, j));
    }
}

/* What a worker owns but its done lines: its summarizers and scratch
 * buffers. */
static void free_worker(worker *w)
{
    lede_summarizer_free(w->s);
    cli_page_summarizer_free(&w->page);
    jsonl_object_free(&w->scratch.obj);
    jsonl_buf_free(&w->scratch.text);
    jsonl_buf_free(&w->scratch.out);
    jsonl_buf_free(&w->line);
    w->s = NULL;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    batch *b = w->b;
    unsigned long seen = 0;
    cli_thread_unpin(&b->threads);
    /* Made here, so that what it allocates comes from this thread's malloc
     * arena: made by the main thread, every buffer it grows while working
     * would take the main thread's arena lock, and a thread that sleeps on
     * it waits long for its CPU to wake (POLL_NS). */
    lede_error *err = NULL;
    if (lede_summarizer_new(b->opts, &w->s, &err) != LEDE_OK) {
        /* Under write_lock, as every message: after the lines before it,
         * never in the middle of another. */
        lock_briefly(b, &b->write_lock);
        flush_output(b);
        cli_warn("a worker thread takes no lines: %s",
                 err ? lede_error_message(err) : "out of memory");
        pthread_mutex_unlock(&b->write_lock);
        lede_error_free(err);
    }
    for (;;) {
        wait_briefly(b, chunk_started, &seen);
        pthread_mutex_lock(&b->mutex);
        while (atomic_load(&b->generation) == seen && !atomic_load(&b->quit))
            pthread_cond_wait(&b->go, &b->mutex);
        if (atomic_load(&b->quit))
            break;
        seen = atomic_load(&b->generation);
        pthread_mutex_unlock(&b->mutex);
        work_on_chunk(w);
        int last = last_chunk(b);
        pthread_mutex_lock(&b->mutex);
        if (atomic_fetch_sub(&b->running, 1) == 1)
            pthread_cond_signal(&b->finished);
        if (last)
            break;
        pthread_mutex_unlock(&b->mutex);
    }
    pthread_mutex_unlock(&b->mutex);
    /* The worker is freed by the main thread once every thread has ended
     * (stop_workers). */
    return NULL;
}

/* ====== Reading and writing ====== */

/* Ends the run: no more lines are taken, nothing more is written, and a
 * thread waiting for input stops waiting. */
static void stop_run(batch *b)
{
    if (b->stop)
        return;
    b->stop = 1;
    if (b->stop_pipe[1] >= 0)
        (void)!write(b->stop_pipe[1], "", 1);
}

/* Writes all of data[0, n) to standard output: a short write goes on
 * where it stopped, as does one that a signal interrupted or that would
 * block (standard output shared with a non-blocking descriptor). Returns 0,
 * or -1 with errno set. The output bypasses stdio, whose fwrite leaves the
 * bytes it took from a block that failed part way unknown. */
static int write_all(const char *data, size_t n)
{
    while (n > 0) {
        ssize_t k = write(STDOUT_FILENO, data, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd out = {.fd = STDOUT_FILENO, .events = POLLOUT};
            if (poll(&out, 1, -1) < 0 && errno != EINTR)
                return -1;
            continue;
        }
        if (k <= 0) {
            errno = k == 0 ? EIO : errno;
            return -1;
        }
        data += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Writes data[0, n), unless the output failed before. The first failure
 * is reported, and stops the run: the lines after it would leave a hole
 * in the output, and an endless input would be read for nothing. Returns
 * 0 or -1. */
static int write_stdout(batch *b, const char *data, size_t n)
{
    if (b->write_errno)
        return -1;
    if (write_all(data, n) == 0)
        return 0;
    b->write_errno = errno ? errno : EIO;
    cli_warn("cannot write the output: %s", strerror(b->write_errno));
    stop_run(b);
    return -1;
}

/* Writes the output lines queued so far: before a message on stderr,
 * which then follows the lines before it, and when the queue has a block.
 * Returns 0, or -1 when the output failed. */
static int flush_output(batch *b)
{
    size_t n = b->output.len;
    b->output.len = 0;
    return n > 0 ? write_stdout(b, b->output.data, n) : 0;
}

/* Queues an output line, writing the queue when it has a block. A line
 * of a block or more is written as it is, after the queue: copied into it,
 * a huge line would take its size once more. */
static void put_output(batch *b, const char *line, size_t len)
{
    /* Also when out of memory for the queue. */
    if (len >= OUTPUT_BLOCK_BYTES || jsonl_put(&b->output, line, len) != 0 ||
        jsonl_put(&b->output, "\n", 1) != 0) {
        if (flush_output(b) == 0 && write_stdout(b, line, len) == 0)
            write_stdout(b, "\n", 1);
        return;
    }
    if (b->output.len >= OUTPUT_BLOCK_BYTES || b->interactive)
        flush_output(b);
}

/* Reports a failed read (errno `error`), after the output lines before it. */
static void report_read_error(batch *b, int error)
{
    flush_output(b);
    cli_warn("%s: cannot read: %s", b->file, strerror(error));
}

/* Writes one job's output line `out` (NULL when it failed), or reports why
 * it failed and sets b->failed, and b->stop under --strict: nothing is
 * written after that. */
static void write_job(batch *b, const job *j, const char *out, size_t out_len)
{
    if (b->stop)
        return;
    if (j->warning) {
        flush_output(b);
        fprintf(stderr, "lede: %s:%zu: warning: %s\n", b->file, j->lineno, j->warning);
    }
    if (out) {
        put_output(b, out, out_len);
        return;
    }
    flush_output(b);
    const char *why = j->error      ? j->error
                      : j->too_long ? "longer than 1 GiB, the most lede reads of a line"
                                    : "out of memory";
    if (j->column > 0)
        fprintf(stderr, "lede: %s:%zu:%d: %s\n", b->file, j->lineno, j->column, why);
    else
        fprintf(stderr, "lede: %s:%zu: %s\n", b->file, j->lineno, why);
    b->failed = 1;
    if (b->strict)
        stop_run(b);
}

/* Writes a job (write_job) and frees its messages. */
static void write_and_free_job(batch *b, job *j, const char *out, size_t out_len)
{
    write_job(b, j, out, out_len);
    free(j->error);
    free(j->warning);
}

/* The job next in order of the chunk. */
static void write_next_job(batch *b, job *j, const char *out, size_t out_len)
{
    write_and_free_job(b, j, out, out_len);
    b->written++;
}

/* Writes the results of the chunk that are done, in order, up to the first
 * that is not; a failed line is reported and sets b->failed. Any thread,
 * under write_lock; flushed while input is awaited. */
static void write_done_jobs(batch *b)
{
    size_t taken = atomic_load_explicit(&b->njobs, memory_order_acquire);
    while (b->written < taken && b->jobs[b->written].done) {
        job *j = &b->jobs[b->written];
        worker *owner = j->owner;
        write_next_job(b, j, owner ? owner->done.data + j->out_offset : NULL, j->out_len);
        if (owner)
            owner->unwritten--;
    }
    if (atomic_load(&b->input_waiting))
        flush_output(b);
}

/* Hands the job's output line (in the worker's scratch, when `ok`) over
 * for writing, then writes the results that are done. The job next in
 * order is written from the scratch buffer: copied to the done buffer
 * first, a huge line would take its size once more. */
static void finish_job(worker *w, job *j, int ok)
{
    batch *b = w->b;
    lock_briefly(b, &b->write_lock);
    if (ok && j == &b->jobs[b->written]) {
        write_next_job(b, j, w->scratch.out.data, w->scratch.out.len);
    } else if (ok) {
        /* Empty: a buffer grown past DONE_KEEP_BYTES (one huge result, or
         * a chunk's behind a slow line) is given back rather than kept for
         * the rest of the run; freed here, in the thread that made it. */
        if (w->unwritten == 0) {
            if (w->done.cap > DONE_KEEP_BYTES)
                jsonl_buf_free(&w->done);
            w->done.len = 0;
        }
        j->out_offset = w->done.len;
        j->out_len = w->scratch.out.len;
        /* Else no owner: reported as out of memory. */
        if (jsonl_put(&w->done, w->scratch.out.data, j->out_len) == 0) {
            j->owner = w;
            w->unwritten++;
        }
    }
    j->done = 1;
    write_done_jobs(b);
    pthread_mutex_unlock(&b->write_lock);
}

/* The reader's on_wait: input is about to be awaited, so every result
 * that is written goes out now (a thread finishing one while the wait
 * lasts flushes it too), instead of waiting for a full block or the end.
 * Results that are done are written already: each thread writes them as
 * it finishes its job (finish_job). */
static void wait_for_input(void *arg)
{
    batch *b = arg;
    atomic_store(&b->input_waiting, 1);
    lock_briefly(b, &b->write_lock);
    flush_output(b);
    pthread_mutex_unlock(&b->write_lock);
}

/* Empties a finished chunk. Its results are all written: the thread that
 * finished its last job wrote what was left (finish_job). */
static void empty_chunk(batch *b)
{
    b->written = 0;
    atomic_store(&b->njobs, 0);
}

/* The next non-blank line of the input, its line ending cut off, in
 * *line and *len (valid until the next call); *lineno counts every line.
 * A byte order mark that starts the stream is not part of its first line
 * (columns count from after it, as lede summarize counts them). Returns 1,
 * 0 at the end of the input, -1 on a read error. */
static int next_line(cli_lines *in, char **line, size_t *len, size_t *lineno)
{
    for (;;) {
        int rc = cli_lines_next(in, line, len);
        if (rc <= 0)
            return rc;
        (*lineno)++;
        if (rc == CLI_LINE_TOO_LONG)
            return rc;
        const char *content = *line;
        if (cli_line_content(*lineno, &content, len)) {
            *line += content - *line;
            return 1;
        }
    }
}

/* Wakes the workers on a new chunk of the stream. */
static void start_chunk(batch *b)
{
    lock_briefly(b, &b->read_lock);
    b->chunk_bytes = 0;
    b->reading = 1;
    pthread_mutex_unlock(&b->read_lock);
    pthread_mutex_lock(&b->mutex);
    atomic_store(&b->running, b->started);
    atomic_fetch_add(&b->generation, 1);
    pthread_cond_broadcast(&b->go);
    pthread_mutex_unlock(&b->mutex);
}

/* The main thread's share of the chunk, then the wait for the workers. */
static void finish_chunk(batch *b, worker *workers)
{
    work_on_chunk(&workers[0]);
    wait_briefly(b, workers_done, NULL);
    pthread_mutex_lock(&b->mutex);
    while (atomic_load(&b->running) > 0)
        pthread_cond_wait(&b->finished, &b->mutex);
    pthread_mutex_unlock(&b->mutex);
}

/* How summarizing a stream ended: a read error is not a stop, as the
 * next FILE is still read (unless --strict). */
enum { STREAM_STOP = -1, STREAM_OK = 0, STREAM_FAILED = 1, STREAM_UNREADABLE = 2 };

/* Summarizes one input stream with the workers; returns a STREAM_ value
 * (STREAM_FAILED: a line failed). `last_stream`: no input follows this
 * one. */
static int run_chunks(batch *b, cli_lines *in, worker *workers, int last_stream)
{
    /* The workers are waiting (or gone): the reader's state is the main
     * thread's between chunks, and start_chunk hands it over. */
    b->in = in;
    b->last_stream = last_stream;
    b->lineno = 0;
    b->stream_ended = 0;
    b->read_errno = 0;
    for (;;) {
        start_chunk(b);
        finish_chunk(b, workers);
        empty_chunk(b);
        if (b->stop)
            return STREAM_STOP;
        if (b->read_errno) {
            report_read_error(b, b->read_errno);
            return STREAM_UNREADABLE;
        }
        if (b->stream_ended)
            return b->failed ? STREAM_FAILED : STREAM_OK;
    }
}

/* One thread: each line is read, summarized and written before the next,
 * in place in the reader's buffer, so that the memory the run touches stays
 * small and warm. Returns as run_chunks. */
static int run_serial(batch *b, cli_lines *in, worker *w)
{
    size_t lineno = 0;
    int rc = 0;
    char *line;
    size_t len;
    while (!b->stop && (rc = next_line(in, &line, &len, &lineno)) > 0) {
        job j = {.line = line, .len = len, .lineno = lineno, .too_long = rc == CLI_LINE_TOO_LONG};
        int done = !j.too_long && run_job(w, &j);
        const jsonl_buf *out = &w->scratch.out;
        write_and_free_job(b, &j, done ? out->data : NULL, out->len);
    }
    if (b->stop)
        return STREAM_STOP;
    if (rc < 0) {
        report_read_error(b, errno);
        return STREAM_UNREADABLE;
    }
    return b->failed ? STREAM_FAILED : STREAM_OK;
}

/* Summarizes one input stream; returns a STREAM_ value. */
static int run_stream(batch *b, int fd, worker *workers, int last_stream)
{
    cli_lines in;
    cli_lines_init(&in, fd);
    cli_lines_limit(&in, CLI_MAX_INPUT_BYTES);
    cli_lines_on_wait(&in, wait_for_input, b, b->stop_pipe[0]);
    b->failed = 0;
    int rc = b->started == 0 ? run_serial(b, &in, &workers[0])
                             : run_chunks(b, &in, workers, last_stream);
    cli_lines_free(&in);
    return rc;
}

/* ====== Command ====== */

typedef struct batch_config {
    size_t threads;
    int strict;
    int lang_given;
    lede_options *opts;
} batch_config;

enum { OPT_STRICT = 256 };

static const struct option batch_options[] = {
    {"threads", required_argument, NULL, 'j'},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"lang", required_argument, NULL, 'l'},
    {"language", required_argument, NULL, 'l'}, /* the option's name in lede.h */
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int parse_args(int argc, char **argv, batch_config *cfg, const struct option *longopts)
{
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":j:n:l:h", longopts, NULL)) != -1) {
        int status = 0;
        if (c == 'h') {
            fputs(batch_help, stdout);
            return -1;
        } else if (c == 'j') {
            if (optarg[0] && strspn(optarg, "0") == strlen(optarg))
                cfg->threads = 0; /* one per CPU, counted in cli_batch */
            else if (cli_parse_size(optarg, &cfg->threads) != 0 || cfg->threads > MAX_THREADS)
                return cli_usage_error("batch", "--threads: '%s' is not a number from 0 to %d",
                                       optarg, MAX_THREADS);
        } else if (c == OPT_STRICT) {
            cfg->strict = 1;
        } else if (c == 'n') {
            status = cli_set_sentences(cfg->opts, "batch", optarg);
        } else if (c == 'l') {
            if (lede_options_set(cfg->opts, "language", optarg) != LEDE_OK)
                status = cli_usage_error("batch", "--language: invalid value '%s'", optarg);
            cfg->lang_given = 1;
        } else if (c >= CLI_NAMED_OPTION) {
            status = cli_apply_named_option(cfg->opts, "batch", c, optarg);
        } else if (c == ':') {
            status = cli_usage_error("batch", "option '%s' needs a value", argv[optind - 1]);
        } else {
            status = cli_usage_error("batch", "unknown option '%s'", argv[optind - 1]);
        }
        if (status != 0)
            return status;
    }
    return 0;
}

/* The JSON reader's flags for the options: under replace-invalid, strings
 * may hold bytes that are not UTF-8, which the library then reads as
 * U+FFFD. lede.h has no getter for the flag; lede_options_describe gives
 * every option's value. Returns 0, or -1 when out of memory. */
static int json_flags_for(const lede_options *opts, unsigned *flags)
{
    int replace = cli_replace_invalid(opts);
    *flags = replace > 0 ? JSONL_INVALID_UTF8 : 0;
    return replace < 0 ? -1 : 0;
}

/* --threads 0: one thread per CPU the process may run on (its affinity,
 * as taskset or a container's CPU set gives it). */
static size_t threads_per_cpu(void)
{
    cli_threads t;
    cli_threads_init(&t);
    if (t.cpus < 1)
        return 1;
    return t.cpus > MAX_THREADS ? MAX_THREADS : (size_t)t.cpus;
}

/* Creates the main thread's summarizer (which checks the options: the
 * language above all) and starts the threads beyond the main one, each
 * making its own; fewer threads than asked is not an error, only slower. */
static int start_workers(batch *b, worker *workers, size_t nthreads)
{
    for (size_t t = 0; t < nthreads; t++)
        workers[t].b = b;
    lede_error *err = NULL;
    if (lede_summarizer_new(b->opts, &workers[0].s, &err) != LEDE_OK) {
        int usage = lede_error_code(err) == LEDE_ERR_UNKNOWN_LANGUAGE;
        if (usage)
            cli_usage_error("batch", "%s", lede_error_message(err));
        else
            cli_warn("%s", err ? lede_error_message(err) : "out of memory");
        lede_error_free(err);
        return usage ? EXIT_USAGE : EXIT_INPUT;
    }
    cli_threads_init(&b->threads);
    b->poll = cli_threads_spread(&b->threads) && nthreads <= (size_t)b->threads.cpus;
    /* The output queue is grown by whichever thread writes, under the main
     * thread's malloc arena lock: at full size from the start, the threads
     * never wait on it (a failure here is handled when writing). Before the
     * threads start: a worker may write a message at once. */
    if (nthreads > 1)
        (void)jsonl_reserve(&b->output, 2 * OUTPUT_BLOCK_BYTES);
    for (size_t t = 1; t < nthreads; t++) {
        if (cli_thread_start(&b->threads, t, &workers[t].thread, worker_main, &workers[t]) != 0) {
            cli_warn("could start only %zu of %zu threads", t, nthreads);
            break;
        }
        b->started++;
    }
    return 0;
}

static void stop_workers(batch *b, worker *workers, size_t nthreads)
{
    pthread_mutex_lock(&b->mutex);
    atomic_store(&b->quit, 1);
    pthread_cond_broadcast(&b->go);
    pthread_mutex_unlock(&b->mutex);
    /* The workers are freed after the joins, by this thread alone: freed
     * while another thread runs, each large block's munmap waited for the
     * other thread's page faults (the process's memory map lock) and
     * interrupted its CPU to flush its TLB. */
    for (size_t t = 1; t <= b->started; t++)
        pthread_join(workers[t].thread, NULL);
    for (size_t t = 0; t < nthreads; t++) {
        free_worker(&workers[t]);
        jsonl_buf_free(&workers[t].done);
    }
}

static int run_inputs(batch *b, worker *workers, char **files, size_t nfiles)
{
    int status = EXIT_OK;
    for (size_t i = 0; i < nfiles; i++) {
        int is_stdin = strcmp(files[i], "-") == 0;
        int fd = is_stdin ? STDIN_FILENO : open(files[i], O_RDONLY | O_CLOEXEC);
        b->file = is_stdin ? "<stdin>" : files[i];
        int rc = STREAM_UNREADABLE;
        if (fd < 0) {
            int error = errno;
            flush_output(b); /* the lines of the FILEs before it come first */
            cli_warn("%s: %s", files[i], strerror(error));
        } else
            rc = run_stream(b, fd, workers, i + 1 == nfiles);
        if (fd >= 0 && !is_stdin)
            close(fd);
        if (rc != STREAM_OK)
            status = EXIT_INPUT;
        /* A FILE that cannot be read is skipped as a bad line is. */
        if (rc == STREAM_STOP || (rc == STREAM_UNREADABLE && b->strict))
            break;
    }
    return status;
}

/* The pipe that wakes a reader waiting for input when the run stops
 * (stop_run); closed on exec, as every descriptor the CLI opens. */
static int open_stop_pipe(batch *b)
{
    if (pipe(b->stop_pipe) != 0)
        return -1;
    for (int i = 0; i < 2; i++)
        fcntl(b->stop_pipe[i], F_SETFD, FD_CLOEXEC);
    return 0;
}

int cli_batch(int argc, char **argv)
{
    batch_config cfg = {1, 0, 0, lede_options_new()};
    struct option *longopts = cli_long_options(batch_options);
    if (!cfg.opts || !longopts) {
        return cli_out_of_memory();
    }
    int status = parse_args(argc, argv, &cfg, longopts);
    free(longopts);
    if (status != 0) {
        lede_options_free(cfg.opts);
        return status < 0 ? cli_finish_output(EXIT_OK) : status;
    }
    unsigned json_flags;
    if (json_flags_for(cfg.opts, &json_flags) != 0) {
        lede_options_free(cfg.opts);
        return cli_out_of_memory();
    }
    if (cfg.threads == 0)
        cfg.threads = threads_per_cpu();
    /* Parallelism comes from the workers; OpenBLAS stays single-threaded. */
    cli_set_blas_threads(1);
    batch b = {.opts = cfg.opts,
               .lang_given = cfg.lang_given,
               .json_flags = json_flags,
               .strict = cfg.strict,
               .interactive = isatty(STDOUT_FILENO),
               .jobs = calloc(CHUNK_LINES, sizeof(job)),
               .mutex = PTHREAD_MUTEX_INITIALIZER,
               .go = PTHREAD_COND_INITIALIZER,
               .finished = PTHREAD_COND_INITIALIZER,
               .read_lock = PTHREAD_MUTEX_INITIALIZER,
               .write_lock = PTHREAD_MUTEX_INITIALIZER,
               .stop_pipe = {-1, -1}};
    worker *workers = calloc(cfg.threads, sizeof *workers);
    if (!b.jobs || !workers) {
        status = cli_out_of_memory();
    } else {
        status = start_workers(&b, workers, cfg.threads);
        /* Without the pipe, a reader waiting in a worker would not see the
         * run stop until more input or its end came: said, not fatal. With
         * no worker, the main thread alone stops the run, and reads none
         * after it (run_serial): no pipe. */
        if (status == 0 && b.started > 0 && open_stop_pipe(&b) != 0) {
            cli_warn("cannot make a pipe: %s; a stop (--strict, or the output failing) waits "
                     "for more input",
                     strerror(errno));
            b.stop_pipe[0] = b.stop_pipe[1] = -1;
        }
        if (status == 0) {
            char *stdin_only[] = {"-"};
            char **files = optind < argc ? argv + optind : stdin_only;
            size_t nfiles = optind < argc ? (size_t)(argc - optind) : 1;
            status = run_inputs(&b, workers, files, nfiles);
        }
        stop_workers(&b, workers, cfg.threads);
    }
    flush_output(&b);
    for (int i = 0; i < 2; i++)
        if (b.stop_pipe[i] >= 0)
            close(b.stop_pipe[i]);
    jsonl_buf_free(&b.output);
    free(workers);
    free(b.jobs);
    lede_options_free(cfg.opts);
    /* A failed write was reported when it happened. */
    return b.write_errno ? EXIT_OUTPUT : cli_finish_output(status);
}
