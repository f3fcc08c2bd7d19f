/* threads.h - starting worker threads that run at once.
 *
 * Linux places a new thread on its creator's CPU when that CPU does not
 * look busy yet, and moves it to an idle one only at a later scheduler
 * tick: on this project's two-CPU machine half of the threads `lede batch
 * -j 2` started ran 2 to 4 ms after pthread_create (a fifth of the whole
 * run), the other half within 0.1 ms. A thread created with its affinity
 * set to another CPU starts there at once; it then widens its affinity back
 * to the process's own, so that the scheduler may move it as it likes. */
#ifndef LEDE_CLI_THREADS_H
#define LEDE_CLI_THREADS_H

#include <pthread.h>
#include <stddef.h>

/* The CPUs the process may run on, as the threads started here widen
 * their affinity back to. Filled by cli_threads_init; threads are placed
 * on other CPUs only with two or more (cli_threads_spread). */
typedef struct cli_threads {
    int cpus;                   /* how many CPUs the process may use (0: unknown) */
    unsigned char mask[1024 / 8]; /* with two or more, the process's cpu_set_t, copied */
} cli_threads;

/* Whether threads are started on other CPUs than their creator's. */
static inline int cli_threads_spread(const cli_threads *t)
{
    return t->cpus >= 2;
}

/* Reads the process's CPU affinity. Never fails: without it, threads are
 * started the usual way. */
void cli_threads_init(cli_threads *t);

/* pthread_create(thread, NULL, fn, arg), except that thread number `index`
 * (from 1; the main thread is 0) starts on another allowed CPU than the
 * caller's when there is one. Returns pthread_create's result. */
int cli_thread_start(const cli_threads *t, size_t index, pthread_t *thread,
                     void *(*fn)(void *), void *arg);

/* Called first thing by a thread started with cli_thread_start: widens its
 * affinity back to the process's. */
void cli_thread_unpin(const cli_threads *t);

#endif
