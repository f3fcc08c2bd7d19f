/* cli.h - what the subcommands of the lede program share. The CLI uses only
 * the public lede.h (it links the shared library, where nothing else is
 * visible). */
#ifndef LEDE_CLI_H
#define LEDE_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "lede.h"

/* Exit statuses, documented in --help and lede(1). */
enum {
    EXIT_OK = 0,
    EXIT_INPUT = 1,  /* input or data error */
    EXIT_USAGE = 2,  /* bad command line */
    EXIT_OUTPUT = 3  /* cannot write the output */
};

/* A whole input file (or standard input) in memory. */
typedef struct cli_input {
    const char *name; /* as given; "-" is standard input */
    const char *display; /* for messages: "<stdin>" or the name */
    char *data;
    size_t len;
} cli_input;

/* The largest input file (or standard input) the commands read whole:
 * 1 GiB of text takes about 9 GiB to summarize. */
enum { CLI_MAX_INPUT_BYTES = 1 << 30 };
_Static_assert(CLI_MAX_INPUT_BYTES == 1 << 30, "the messages say 1 GiB");

/* Reads `name` ("-" = stdin) into `in`, at most CLI_MAX_INPUT_BYTES; in->data
 * is malloc'd, the caller's, freed with cli_input_free (in->name is `name`,
 * not copied). On failure prints a message, returns -1 and leaves `in`
 * empty (cli_input_free is then harmless). */
int cli_read_input(const char *name, cli_input *in);
/* Frees in->data; in->data is NULL and in->len 0 after. */
void cli_input_free(cli_input *in);

/* What of line `lineno` (1 for the first) of JSON Lines or sentences is
 * content, for every command that reads them: a UTF-8 byte order mark
 * that starts line 1 is not (columns count from after it), nor the CRs
 * before its LF; *line and *len are moved past them. Returns 1 when what is
 * left holds more than white space (space, tab, CR, form feed, vertical
 * tab), 0 for a blank line. */
int cli_line_content(size_t lineno, const char **line, size_t *len);

/* The next line of `in` at or after *pos with content (cli_line_content),
 * in *line and *len (pointing into in->data); *pos moves past it and
 * *lineno counts every line read, blank ones too. Start with *pos and
 * *lineno 0. Returns 1, or 0 at the end. */
int cli_input_next_line(const cli_input *in, size_t *pos, size_t *lineno, const char **line,
                        size_t *len);

/* Prints "lede: FILE:LINE:COL: message (byte N)" for an error with a
 * position, "lede: FILE: message" without one. */
void cli_report_error(const char *file, const lede_error *err, lede_status st);

/* Prints "lede: " and the formatted message to stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Usage error: prints the message and a hint to stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The index of `arg` in the NULL-terminated `choices`; when it is none of
 * them, prints the usage error "OPTION: 'ARG' is not A, B or C" and returns
 * -1 (the caller then exits with EXIT_USAGE). */
int cli_parse_choice(const char *command, const char *option, const char *arg,
                     const char *const *choices);

/* The values of the ROUGE options `rouge` and `bench` share, in the order
 * of lede_rouge_tokenizer and lede_rouge_empty_reference. */
extern const char *const cli_tokenize_choices[];
extern const char *const cli_empty_reference_choices[];

/* Flushes and checks stdout; returns EXIT_OUTPUT (after a message) when
 * something could not be written, else `status`. */
int cli_finish_output(int status);

/* Sets -n/--sentences from its text, a positive integer, in `opts`;
 * returns 0, or the usage error's status after its message (`cmd` names
 * the command in it). One reading for lede summarize and lede batch. */
int cli_set_sentences(lede_options *opts, const char *cmd, const char *arg);

/* Parses a positive integer / a number in a range; returns 0 on success. */
int cli_parse_size(const char *s, size_t *out);
int cli_parse_double(const char *s, double *out);

/* Sets OpenBLAS's thread count for this process: `threads` when > 0, else 1
 * unless OPENBLAS_NUM_THREADS or OMP_NUM_THREADS is set. Through the
 * environment, which OpenBLAS reads when liblede loads it: call it before
 * the first summary and before starting threads. */
void cli_set_blas_threads(int threads);

/* Long options of a command: `fixed` (terminated by a zero entry) followed
 * by every summarizer option lede_options_set takes that `fixed` lacks, as
 * --NAME VALUE with getopt value CLI_NAMED_OPTION + index. Returns a
 * terminated array the caller frees, or NULL when out of memory. */
enum { CLI_NAMED_OPTION = 1024 };
struct option;
struct option *cli_long_options(const struct option *fixed);

/* Applies the summarizer option of getopt value `c` (from
 * cli_long_options); a usage error names the option. */
int cli_apply_named_option(lede_options *opts, const char *command, int c, const char *arg);

/* lede_options_describe's text, newly allocated (the caller frees it);
 * NULL when out of memory. lede.h has no getter per option: this text is
 * how the CLI reads one back. */
char *cli_describe_options(const lede_options *opts);

/* Where option `name` is in such a text ("name=value" between spaces), or
 * NULL; the pointer is into `desc`. */
const char *cli_find_option(const char *desc, const char *name);

/* The value of option `name` into `buf` (cut to `size` - 1 bytes); returns
 * 0, or -1 when out of memory or the option is not there. */
int cli_option_value(const lede_options *opts, const char *name, char *buf, size_t size);

/* Whether the options read invalid UTF-8 as U+FFFD (replace-invalid): 1 or
 * 0, -1 when out of memory. */
int cli_replace_invalid(const lede_options *opts);

/* Says that memory ran out (not a usage error, whatever the step) and
 * returns EXIT_INPUT. */
int cli_out_of_memory(void);

int cli_summarize(int argc, char **argv);
int cli_split(int argc, char **argv);
int cli_batch(int argc, char **argv);
int cli_rouge(int argc, char **argv);
int cli_extract(int argc, char **argv);
int cli_bench(int argc, char **argv);

#endif
