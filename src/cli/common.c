#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <sys/stat.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void vwarn(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static void vwarn(const char *fmt, va_list ap)
{
    fputs("lede: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwarn(fmt, ap);
    va_end(ap);
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwarn(fmt, ap);
    va_end(ap);
    if (command)
        fprintf(stderr, "Try 'lede %s --help' for more information.\n", command);
    else
        fputs("Try 'lede --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

const char *const cli_tokenize_choices[] = {"rouge", "unicode", NULL};
const char *const cli_empty_reference_choices[] = {"error", "zero", NULL};

int cli_parse_choice(const char *command, const char *option, const char *arg,
                     const char *const *choices)
{
    size_t n = 0;
    for (; choices[n]; n++)
        if (strcmp(arg, choices[n]) == 0)
            return (int)n;
    char list[256] = "";
    for (size_t i = 0; i < n; i++) {
        const char *sep = i == 0 ? "" : i + 1 == n ? " or " : ", ";
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", sep, choices[i]);
    }
    cli_usage_error(command, "%s: '%s' is not %s", option, arg, list);
    return -1;
}

/* Reads all of `f`, up to CLI_MAX_INPUT_BYTES: more fails with EFBIG, so
 * that an endless stream (`yes | lede summarize`) ends in an error, not in
 * all the machine's memory. A regular file's size is known: the buffer
 * starts at that size (plus one byte, to see the end), so a 100 MB file
 * costs 100 MB and not the 128 MB of doubling. */
static int read_stream(FILE *f, cli_input *in)
{
    size_t cap = 1 << 16, len = 0;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        if ((unsigned long long)st.st_size > CLI_MAX_INPUT_BYTES) {
            errno = EFBIG;
            return -1;
        }
        cap = (size_t)st.st_size + 1;
    }
    char *data = malloc(cap);
    if (!data)
        return -1;
    for (;;) {
        if (len == cap) {
            if (len > CLI_MAX_INPUT_BYTES) {
                free(data);
                errno = EFBIG;
                return -1;
            }
            size_t grown = cap * 2 > CLI_MAX_INPUT_BYTES + 1 ? CLI_MAX_INPUT_BYTES + 1 : cap * 2;
            char *bigger = realloc(data, grown);
            if (!bigger) {
                free(data);
                errno = ENOMEM;
                return -1;
            }
            data = bigger;
            cap = grown;
        }
        size_t n = fread(data + len, 1, cap - len, f);
        len += n;
        if (n == 0) {
            if (ferror(f)) {
                int saved = errno;
                free(data);
                errno = saved ? saved : EIO;
                return -1;
            }
            break;
        }
    }
    in->data = data;
    in->len = len;
    return 0;
}

int cli_read_input(const char *name, cli_input *in)
{
    memset(in, 0, sizeof *in);
    in->name = name;
    int is_stdin = strcmp(name, "-") == 0;
    in->display = is_stdin ? "<stdin>" : name;
    FILE *f = is_stdin ? stdin : fopen(name, "rb");
    if (!f) {
        cli_warn("%s: %s", name, strerror(errno));
        return -1;
    }
    int rc = read_stream(f, in);
    int saved = errno;
    if (!is_stdin)
        fclose(f);
    if (rc != 0 && saved == EFBIG)
        cli_warn("%s: larger than 1 GiB, the most lede reads", in->display);
    else if (rc != 0)
        cli_warn("%s: cannot read: %s", in->display, strerror(saved));
    if (rc != 0)
        return -1;
    return 0;
}

void cli_input_free(cli_input *in)
{
    free(in->data);
    in->data = NULL;
    in->len = 0;
}

/* Not strchr: it finds a NUL byte too, and a line of NULs is not blank. */
static int is_line_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

int cli_line_content(size_t lineno, const char **line, size_t *len)
{
    const char *start = *line;
    size_t n = *len;
    if (lineno == 1 && n >= 3 && memcmp(start, "\xEF\xBB\xBF", 3) == 0) {
        start += 3;
        n -= 3;
    }
    while (n > 0 && start[n - 1] == '\r')
        n--;
    *line = start;
    *len = n;
    for (size_t k = 0; k < n; k++)
        if (!is_line_space(start[k]))
            return 1;
    return 0;
}

int cli_input_next_line(const cli_input *in, size_t *pos, size_t *lineno, const char **line,
                        size_t *len)
{
    while (*pos < in->len) {
        const char *start = in->data + *pos;
        const char *nl = memchr(start, '\n', in->len - *pos);
        size_t n = nl ? (size_t)(nl - start) : in->len - *pos;
        *pos += n + (nl ? 1 : 0);
        (*lineno)++;
        if (cli_line_content(*lineno, &start, &n)) {
            *line = start;
            *len = n;
            return 1;
        }
    }
    return 0;
}

void cli_report_error(const char *file, const lede_error *err, lede_status st)
{
    const char *msg = err ? lede_error_message(err) : lede_strerror(st);
    if (err && lede_error_has_position(err))
        fprintf(stderr, "lede: %s:%zu:%zu: %s (byte %zu)\n", file, lede_error_line(err),
                lede_error_column(err), msg, lede_error_offset(err));
    else
        fprintf(stderr, "lede: %s: %s\n", file, msg);
}

int cli_finish_output(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_warn("cannot write the output: %s", strerror(errno));
        return EXIT_OUTPUT;
    }
    return status;
}

int cli_set_sentences(lede_options *opts, const char *cmd, const char *arg)
{
    size_t n;
    if (cli_parse_size(arg, &n) != 0 || lede_options_set_sentences(opts, n) != LEDE_OK)
        return cli_usage_error(cmd, "--sentences: '%s' is not a positive integer", arg);
    return 0;
}

int cli_parse_size(const char *s, size_t *out)
{
    /* Digits first: strtoull would skip blanks and take a sign (" -1"
     * wraps to the largest size). */
    if (!s || *s < '0' || *s > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v == 0 || v > (size_t)-1)
        return -1;
    *out = (size_t)v;
    return 0;
}

int cli_parse_double(const char *s, double *out)
{
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

void cli_set_blas_threads(int threads)
{
    /* liblede loads OpenBLAS at its first similarity graph, and OpenBLAS
     * takes its thread count from the environment then. One article makes
     * small matrices, where OpenBLAS's threads cost more than they give;
     * an explicit setting is respected unless a count is asked for. */
    char count[24];
    snprintf(count, sizeof count, "%d", threads > 0 ? threads : 1);
    if (threads > 0 || (!getenv("OPENBLAS_NUM_THREADS") && !getenv("OMP_NUM_THREADS")))
        setenv("OPENBLAS_NUM_THREADS", count, 1);
}

int cli_out_of_memory(void)
{
    cli_warn("out of memory");
    return EXIT_INPUT;
}

struct option *cli_long_options(const struct option *fixed)
{
    size_t nfixed = 0, named = 0;
    while (fixed[nfixed].name)
        nfixed++;
    while (lede_option_name(named))
        named++;
    struct option *all = calloc(nfixed + named + 1, sizeof *all);
    if (!all)
        return NULL;
    memcpy(all, fixed, nfixed * sizeof *all);
    size_t n = nfixed;
    for (size_t i = 0; i < named; i++) {
        const char *name = lede_option_name(i);
        int present = 0;
        for (size_t k = 0; k < nfixed && !present; k++)
            present = strcmp(fixed[k].name, name) == 0;
        if (!present)
            all[n++] = (struct option){name, required_argument, NULL, CLI_NAMED_OPTION + (int)i};
    }
    return all;
}

int cli_apply_named_option(lede_options *opts, const char *command, int c, const char *arg)
{
    const char *name = lede_option_name((size_t)(c - CLI_NAMED_OPTION));
    if (!name)
        return cli_usage_error(command, "invalid option");
    if (lede_options_set(opts, name, arg) != LEDE_OK)
        return cli_usage_error(command, "--%s: invalid value '%s'", name, arg);
    return 0;
}

char *cli_describe_options(const lede_options *opts)
{
    size_t need = lede_options_describe(opts, NULL, 0); /* 0: out of memory */
    char *s = need ? malloc(need + 1) : NULL;
    if (s && lede_options_describe(opts, s, need + 1) != need) {
        free(s);
        s = NULL;
    }
    return s;
}

const char *cli_find_option(const char *desc, const char *name)
{
    size_t name_len = strlen(name);
    for (const char *p = desc; *p; p += strcspn(p, " "), p += strspn(p, " "))
        if (strncmp(p, name, name_len) == 0 && p[name_len] == '=')
            return p;
    return NULL;
}

int cli_option_value(const lede_options *opts, const char *name, char *buf, size_t size)
{
    char *desc = cli_describe_options(opts);
    if (!desc)
        return -1;
    const char *p = cli_find_option(desc, name);
    if (p) {
        const char *v = p + strlen(name) + 1;
        snprintf(buf, size, "%.*s", (int)strcspn(v, " "), v);
    }
    free(desc);
    return p ? 0 : -1;
}

int cli_replace_invalid(const lede_options *opts)
{
    char value[8];
    if (cli_option_value(opts, "replace-invalid", value, sizeof value) != 0)
        return -1;
    return strcmp(value, "yes") == 0;
}
