/* run_timed.c - runs one program, or several copies of it at once, and
 * prints the wall time and peak RSS.
 *
 * The peak RSS must come from a small parent: on Linux a child started with
 * vfork (as posix_spawn does) or fork keeps its parent's high-water mark of
 * resident memory across exec, so a program started from a large process
 * (python, a benchmark holding its corpus) would be charged for its parent's
 * memory. This launcher is a few hundred KiB. */
#define _DEFAULT_SOURCE /* wait4 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const char usage[] =
    "Usage: run_timed [--timeout SECONDS] [--out FILE] [--copies N] -- PROGRAM [ARG...]\n"
    "Runs PROGRAM (found on PATH) with standard output to FILE (default\n"
    "/dev/null), kills it after SECONDS (default: never), and prints one line:\n"
    "  seconds=S cpu_seconds=C rss_kib=K waits=W preempted=P status=N timed_out=0|1\n"
    "S: wall seconds from the spawn to the exit; C: user and system CPU\n"
    "seconds; K: peak resident set size; W, P: voluntary context switches\n"
    "(waits) and involuntary ones (preemptions); all of PROGRAM and of the\n"
    "children it waited for. N: its exit status, or 128 plus the signal that\n"
    "ended it. --copies N (default 1) starts N copies of PROGRAM at once, the\n"
    "copy i > 1 writing to FILE.i (to /dev/null when FILE is), and {copy} in\n"
    "an argument replaced by the copy's number i (from 1): S runs from the\n"
    "first spawn to the last exit, C, W and P are the sums, K the largest, N\n"
    "the first copy's status that is not 0. Exit status: 0 when PROGRAM ran\n"
    "(whatever its status), 2 on a usage error, 1 when it could not be run.\n";

/* More copies would measure the machine's scheduler rather than anything
 * a benchmark of two cores asks. */
#define MAX_COPIES 16

typedef struct launch {
    double timeout;   /* seconds; 0 = none */
    const char *out;
    int copies;
    char **argv;      /* the program and its arguments */
} launch;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int parse_args(int argc, char **argv, launch *l)
{
    l->timeout = 0;
    l->out = "/dev/null";
    l->copies = 1;
    l->argv = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0 && i + 1 < argc) {
            l->argv = &argv[i + 1];
            return 0;
        }
        if (i + 1 >= argc)
            break;
        if (strcmp(argv[i], "--out") == 0) {
            l->out = argv[++i];
        } else if (strcmp(argv[i], "--copies") == 0) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end != '\0' || n < 1 || n > MAX_COPIES)
                break;
            l->copies = (int)n;
        } else if (strcmp(argv[i], "--timeout") == 0) {
            char *end;
            l->timeout = strtod(argv[++i], &end);
            if (*end != '\0' || !(l->timeout > 0))
                break;
        } else {
            break;
        }
    }
    fputs(usage, stderr);
    return -1;
}

/* Waits for SIGCHLD (blocked by the caller) until `deadline`; returns 0 when
 * one came, -1 at the deadline. */
static int wait_for_child(const sigset_t *chld, double deadline)
{
    for (;;) {
        double left = deadline - now();
        if (left <= 0)
            return -1;
        struct timespec ts = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
        if (sigtimedwait(chld, NULL, &ts) == SIGCHLD)
            return 0;
        if (errno != EINTR && errno != EAGAIN)
            return -1;
    }
}

/* `arg` with every "{copy}" replaced by `number`, in a new string; NULL
 * when out of memory. */
static char *copy_argument(const char *arg, int number)
{
    static const char mark[] = "{copy}";
    size_t marks = 0;
    for (const char *p = strstr(arg, mark); p; p = strstr(p + 1, mark))
        marks++;
    char *out = malloc(strlen(arg) + marks * 16 + 1);
    if (!out)
        return NULL;
    char *o = out;
    for (const char *p = arg;;) {
        const char *next = strstr(p, mark);
        size_t n = next ? (size_t)(next - p) : strlen(p);
        memcpy(o, p, n);
        o += n;
        if (!next)
            break;
        o += sprintf(o, "%d", number);
        p = next + sizeof mark - 1;
    }
    *o = '\0';
    return out;
}

/* The arguments of copy `number`, NULL-terminated, freed by free_argv;
 * NULL when out of memory. */
static char **copy_argv(char **argv, int number)
{
    size_t n = 0;
    while (argv[n])
        n++;
    char **out = calloc(n + 1, sizeof *out);
    for (size_t i = 0; out && i < n; i++)
        if (!(out[i] = copy_argument(argv[i], number))) {
            while (i > 0)
                free(out[--i]);
            free(out);
            out = NULL;
        }
    return out;
}

static void free_argv(char **argv)
{
    for (size_t i = 0; argv[i]; i++)
        free(argv[i]);
    free(argv);
}

/* Starts copy `index` (0 first) of the program, its standard output to
 * l->out, or to l->out.N for copy N = index + 1 > 1. Returns posix_spawnp's
 * error number. */
static int spawn_copy(const launch *l, int index, pid_t *pid)
{
    char path[4096];
    const char *out = l->out;
    if (index > 0 && strcmp(out, "/dev/null") != 0) {
        int n = snprintf(path, sizeof path, "%s.%d", out, index + 1);
        if (n < 0 || (size_t)n >= sizeof path)
            return ENAMETOOLONG;
        out = path;
    }
    sigset_t empty;
    sigemptyset(&empty);
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawnattr_init(&attr);
    posix_spawnattr_setsigmask(&attr, &empty);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
    char **argv = copy_argv(l->argv, index + 1);
    int err = argv ? posix_spawnp(pid, argv[0], &fa, &attr, argv, environ) : ENOMEM;
    if (argv)
        free_argv(argv);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    return err;
}

/* What the copies used, added up as they end. */
typedef struct usage_sum {
    double cpu;
    long rss_kib, waits, preempted;
    int status; /* the first that is not 0 */
} usage_sum;

static void add_usage(usage_sum *sum, int status, const struct rusage *ru)
{
    sum->cpu += (double)(ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) +
                (double)(ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) * 1e-6;
    if (ru->ru_maxrss > sum->rss_kib)
        sum->rss_kib = ru->ru_maxrss;
    sum->waits += ru->ru_nvcsw;
    sum->preempted += ru->ru_nivcsw;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (sum->status == 0)
        sum->status = code;
}

/* Reaps every copy still running (pid > 0), killing those still alive at
 * the deadline when `timeout` > 0: one that has just exited is reaped, not
 * taken for killed. Returns 1 when some were killed, 0 when they all
 * ended, -1 when wait4 failed. */
static int reap_copies(pid_t *pids, int count, const sigset_t *chld, double deadline,
                       double timeout, usage_sum *sum)
{
    int left = count, late = 0, killed = 0;
    while (left > 0) {
        int status;
        struct rusage ru;
        pid_t got = wait4(-1, &status, killed || timeout <= 0 ? 0 : WNOHANG, &ru);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            perror("run_timed: wait4");
            return -1;
        }
        if (got == 0) {
            /* None has ended since the last look: past the deadline, every
             * copy not reaped is alive. */
            if (late) {
                killed = 1;
                for (int i = 0; i < count; i++)
                    if (pids[i] > 0)
                        kill(pids[i], SIGKILL);
            } else if (wait_for_child(chld, deadline) != 0) {
                late = 1;
            }
            continue;
        }
        for (int i = 0; i < count; i++)
            if (pids[i] == got) {
                pids[i] = 0;
                add_usage(sum, status, &ru);
                left--;
            }
    }
    return killed;
}

int main(int argc, char **argv)
{
    launch l;
    if (parse_args(argc, argv, &l) != 0)
        return 2;
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);

    pid_t pids[MAX_COPIES] = {0};
    double start = now();
    for (int i = 0; i < l.copies; i++) {
        int err = spawn_copy(&l, i, &pids[i]);
        if (err != 0) {
            fprintf(stderr, "run_timed: cannot run %s: %s\n", l.argv[0], strerror(err));
            for (int k = 0; k < i; k++)
                kill(pids[k], SIGKILL);
            return 1;
        }
    }
    usage_sum sum = {0};
    int timed_out = reap_copies(pids, l.copies, &chld, start + l.timeout, l.timeout, &sum);
    if (timed_out < 0)
        return 1;
    double seconds = now() - start;
    printf("seconds=%.6f cpu_seconds=%.6f rss_kib=%ld waits=%ld preempted=%ld status=%d "
           "timed_out=%d\n",
           seconds, sum.cpu, sum.rss_kib, sum.waits, sum.preempted, sum.status, timed_out);
    return 0;
}
