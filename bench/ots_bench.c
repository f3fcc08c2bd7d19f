/* ots_bench.c - the same batch as summarize_bench, done by the Open Text
 * Summarizer: in process with libots (what the `ots` program does per
 * file: new article, load the "en" dictionary, parse, grade, highlight,
 * get the text; libots keeps the dictionary in the article, so it is loaded
 * for every document), or with --cli, the `ots` program run once per
 * document on a file, as people use it. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ots/libots.h>

#include "bench_common.h"

extern char **environ;

enum { SUMMARY_LINES = 3 };

static const char usage[] =
    "Usage: ots_bench DATA.jsonl [--runs N] [--warmup N] [--cli OTS_PROGRAM]\n"
    "Times the Open Text Summarizer on the \"text\" of every line: libots in\n"
    "process (3 sentences), or with --cli the program run once per document\n"
    "(`OTS_PROGRAM --ratio=20 FILE`; the program has no sentence count).\n";

/* ====== libots in process ====== */

/* Lines of the article that hold words, and how many are selected. */
static void count_lines(const OtsArticle *art, size_t *with_words, size_t *selected)
{
    *with_words = *selected = 0;
    for (const GList *l = art->lines; l; l = l->next) {
        const OtsSentence *line = l->data;
        *with_words += line->wc > 0;
        *selected += ots_is_line_selected(line) != 0;
    }
}

static int summarize_lib(void *state, const bench_doc *doc)
{
    (void)state;
    OtsArticle *art = ots_new_article();
    if (!ots_load_xml_dictionary(art, (const unsigned char *)"en")) {
        fprintf(stderr, "libots: cannot load the \"en\" dictionary\n");
        ots_free_article(art);
        return -1;
    }
    ots_parse_stream((const unsigned char *)doc->text, doc->len, art);
    ots_grade_doc(art);
    ots_highlight_doc_lines(art, SUMMARY_LINES);
    size_t len = 0;
    unsigned char *text = ots_get_doc_text(art, &len);
    size_t lines, selected;
    count_lines(art, &lines, &selected);
    size_t want = lines < SUMMARY_LINES ? lines : SUMMARY_LINES;
    int ok = text && len > 0 && selected == want;
    if (!ok)
        fprintf(stderr, "%s: libots selected %zu lines, want %zu (%zu bytes of text)\n", doc->id,
                selected, want, len);
    g_free(text);
    ots_free_article(art);
    return ok ? 0 : -1;
}

/* ====== the ots program, once per document ====== */

typedef struct cli_state {
    const char *program;
    char dir[64];    /* temporary folder with one file per document */
    char **paths;    /* paths[i]: the text of document i */
    const bench_corpus *corpus;
    char *out;       /* the program's output, reused */
    size_t out_cap;
} cli_state;

static int write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "w");
    if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        return -1;
    }
    return 0;
}

/* Writes every document to a file of its own, before anything is timed. */
static int cli_prepare(cli_state *st, const bench_corpus *c)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(st->dir, sizeof st->dir, "%s/ots_bench.XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    if (!mkdtemp(st->dir)) {
        perror("mkdtemp");
        return -1;
    }
    st->paths = calloc(c->count, sizeof *st->paths);
    if (!st->paths)
        return -1;
    for (size_t i = 0; i < c->count; i++) {
        st->paths[i] = malloc(strlen(st->dir) + 32);
        if (!st->paths[i])
            return -1;
        sprintf(st->paths[i], "%s/%zu.txt", st->dir, i);
        if (write_file(st->paths[i], c->docs[i].text, c->docs[i].len) != 0)
            return -1;
    }
    return 0;
}

static void cli_cleanup(cli_state *st, const bench_corpus *c)
{
    for (size_t i = 0; st->paths && i < c->count; i++) {
        if (st->paths[i])
            unlink(st->paths[i]);
        free(st->paths[i]);
    }
    free(st->paths);
    if (st->dir[0])
        rmdir(st->dir);
    free(st->out);
}

/* Reads the child's whole output into st->out; returns its length or -1. */
static long read_all(cli_state *st, int fd)
{
    size_t len = 0;
    for (;;) {
        if (len + 4096 > st->out_cap) {
            size_t cap = st->out_cap ? st->out_cap * 2 : 65536;
            char *p = realloc(st->out, cap);
            if (!p)
                return -1;
            st->out = p;
            st->out_cap = cap;
        }
        ssize_t n = read(fd, st->out + len, st->out_cap - len);
        if (n == 0)
            return (long)len;
        if (n < 0 && errno != EINTR)
            return -1;
        if (n > 0)
            len += (size_t)n;
    }
}

static int summarize_cli(void *state, const bench_doc *doc)
{
    cli_state *st = state;
    size_t index = (size_t)(doc - st->corpus->docs);
    int pipefd[2];
    if (pipe(pipefd) != 0) {
        perror("pipe");
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, pipefd[0]);
    posix_spawn_file_actions_addclose(&fa, pipefd[1]);
    char *argv[] = {(char *)st->program, "--ratio=20", st->paths[index], NULL};
    pid_t pid;
    int err = posix_spawnp(&pid, st->program, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(pipefd[1]);
    if (err != 0) {
        close(pipefd[0]);
        fprintf(stderr, "cannot run %s: %s\n", st->program, strerror(err));
        return -1;
    }
    long len = read_all(st, pipefd[0]);
    close(pipefd[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    int ok = len > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!ok)
        fprintf(stderr, "%s: %s failed (status %d, %ld bytes of output)\n", doc->id, st->program,
                status, len);
    return ok ? 0 : -1;
}

/* Takes "--cli PROGRAM" out of argv; returns the new argc. */
static int take_cli_option(int argc, char **argv, const char **program)
{
    int out = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--cli") == 0 && i + 1 < argc)
            *program = argv[++i];
        else
            argv[out++] = argv[i];
    }
    return out;
}

int main(int argc, char **argv)
{
    const char *program = NULL;
    argc = take_cli_option(argc, argv, &program);
    bench_options o;
    bench_corpus corpus;
    int status = bench_setup(argc, argv, usage, &o, &corpus);
    if (status != 0)
        return status;
    int rc;
    if (!program) {
        rc = bench_run("ots-lib", &o, &corpus, summarize_lib, NULL) == 0 ? 0 : 1;
    } else {
        cli_state st = {program, "", NULL, &corpus, NULL, 0};
        rc = cli_prepare(&st, &corpus) == 0 && bench_run("ots-cli", &o, &corpus, summarize_cli, &st) == 0
                 ? 0
                 : 1;
        cli_cleanup(&st, &corpus);
    }
    bench_free(&corpus);
    return rc;
}
