#define _GNU_SOURCE /* sched_getcpu, pthread_attr_setaffinity_np */
#include "threads.h"

#include <sched.h>
#include <string.h>

void cli_threads_init(cli_threads *t)
{
    memset(t, 0, sizeof *t);
#if defined(__linux__)
    cpu_set_t allowed;
    if (sizeof allowed > sizeof t->mask || sched_getaffinity(0, sizeof allowed, &allowed) != 0)
        return;
    t->cpus = CPU_COUNT(&allowed);
    if (t->cpus < 2)
        return;
    memcpy(t->mask, &allowed, sizeof allowed);
#endif
}

#if defined(__linux__)
/* The index-th allowed CPU after `from`, cyclically, skipping `from`. */
static int other_cpu(const cpu_set_t *allowed, int from, size_t index)
{
    int count = CPU_COUNT(allowed);
    size_t step = (index - 1) % (size_t)(count - 1) + 1;
    int cpu = from;
    for (size_t seen = 0; seen < step;) {
        cpu = (cpu + 1) % CPU_SETSIZE;
        if (CPU_ISSET(cpu, allowed))
            seen++;
    }
    return cpu;
}
#endif

int cli_thread_start(const cli_threads *t, size_t index, pthread_t *thread,
                     void *(*fn)(void *), void *arg)
{
#if defined(__linux__)
    int here = cli_threads_spread(t) ? sched_getcpu() : -1;
    pthread_attr_t attr;
    if (here >= 0 && index > 0 && pthread_attr_init(&attr) == 0) {
        cpu_set_t allowed, there;
        memcpy(&allowed, t->mask, sizeof allowed);
        CPU_ZERO(&there);
        /* `here` may be outside the mask when the caller moved since. */
        CPU_SET(other_cpu(&allowed, CPU_ISSET(here, &allowed) ? here : -1, index), &there);
        int rc = pthread_attr_setaffinity_np(&attr, sizeof there, &there) == 0
                     ? pthread_create(thread, &attr, fn, arg)
                     : pthread_create(thread, NULL, fn, arg);
        pthread_attr_destroy(&attr);
        return rc;
    }
#endif
    return pthread_create(thread, NULL, fn, arg);
}

void cli_thread_unpin(const cli_threads *t)
{
#if defined(__linux__)
    if (!cli_threads_spread(t))
        return;
    cpu_set_t allowed;
    memcpy(&allowed, t->mask, sizeof allowed);
    sched_setaffinity(0, sizeof allowed, &allowed);
#else
    (void)t;
#endif
}
