/* run_timed.c - runs one program and prints its wall time and peak RSS.
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
    "Usage: run_timed [--timeout SECONDS] [--out FILE] -- PROGRAM [ARG...]\n"
    "Runs PROGRAM (found on PATH) with standard output to FILE (default\n"
    "/dev/null), kills it after SECONDS (default: never), and prints one line:\n"
    "  seconds=S cpu_seconds=C rss_kib=K waits=W preempted=P status=N timed_out=0|1\n"
    "S: wall seconds from the spawn to the exit; C: user and system CPU\n"
    "seconds; K: peak resident set size; W, P: voluntary context switches\n"
    "(waits) and involuntary ones (preemptions); all of PROGRAM and of the\n"
    "children it waited for. N: its exit status, or 128 plus the signal that\n"
    "ended it. Exit status: 0 when PROGRAM ran (whatever its status), 2 on a\n"
    "usage error, 1 when it could not be run.\n";

typedef struct launch {
    double timeout;   /* seconds; 0 = none */
    const char *out;
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

int main(int argc, char **argv)
{
    launch l;
    if (parse_args(argc, argv, &l) != 0)
        return 2;
    sigset_t chld, empty;
    sigemptyset(&chld);
    sigemptyset(&empty);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);

    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, l.out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawnattr_init(&attr);
    posix_spawnattr_setsigmask(&attr, &empty);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
    double start = now();
    pid_t pid;
    int err = posix_spawnp(&pid, l.argv[0], &fa, &attr, l.argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (err != 0) {
        fprintf(stderr, "run_timed: cannot run %s: %s\n", l.argv[0], strerror(err));
        return 1;
    }
    int timed_out = 0, status = 0;
    struct rusage ru;
    pid_t got = 0;
    if (l.timeout > 0 && wait_for_child(&chld, start + l.timeout) != 0) {
        /* It may have exited just now: only a live child is killed. */
        got = wait4(pid, &status, WNOHANG, &ru);
        if (got == 0) {
            timed_out = 1;
            kill(pid, SIGKILL);
        }
    }
    while (got != pid) {
        got = wait4(pid, &status, 0, &ru);
        if (got < 0 && errno != EINTR) {
            perror("run_timed: wait4");
            return 1;
        }
    }
    double seconds = now() - start;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    double cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                 (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
    printf("seconds=%.6f cpu_seconds=%.6f rss_kib=%ld waits=%ld preempted=%ld status=%d "
           "timed_out=%d\n",
           seconds, cpu, ru.ru_maxrss, ru.ru_nvcsw, ru.ru_nivcsw, code, timed_out);
    return 0;
}
