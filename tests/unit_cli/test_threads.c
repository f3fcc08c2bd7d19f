/* test_threads.c - the batch's thread starter (src/cli/threads.h): a thread
 * runs its function with its argument; with several CPUs allowed it starts
 * on one other than its creator's and then widens its affinity back to the
 * process's; with one CPU allowed it starts the usual way. */
#define _GNU_SOURCE
#include <sched.h>
#include <string.h>

#include "cli/threads.h"
#include "harness.h"

typedef struct probe {
    const cli_threads *threads;
    int ran;
    cpu_set_t before; /* the thread's affinity when it starts */
    cpu_set_t after;  /* and after cli_thread_unpin */
} probe;

static void *run_probe(void *arg)
{
    probe *p = arg;
    sched_getaffinity(0, sizeof p->before, &p->before);
    cli_thread_unpin(p->threads);
    sched_getaffinity(0, sizeof p->after, &p->after);
    p->ran = 1;
    return p;
}

/* Starts thread number `index` and returns what it saw. */
static probe start_one(const cli_threads *threads, size_t index)
{
    probe p = {threads, 0, {{0}}, {{0}}};
    pthread_t thread;
    void *result = NULL;
    if (CHECK_EQ(cli_thread_start(threads, index, &thread, run_probe, &p), 0)) {
        pthread_join(thread, &result);
        CHECK(result == &p);
        CHECK(p.ran);
    }
    return p;
}

static void check_spread(const cpu_set_t *process)
{
    cli_threads threads;
    cli_threads_init(&threads);
    CHECK(cli_threads_spread(&threads));
    for (size_t index = 1; index <= 3; index++) {
        int here = sched_getcpu();
        probe p = start_one(&threads, index);
        /* One CPU, allowed, and (the creator staying put) not the creator's. */
        cpu_set_t allowed;
        CPU_AND(&allowed, &p.before, process);
        CHECK_EQ(CPU_COUNT(&p.before), 1);
        CHECK_MSG(CPU_EQUAL(&allowed, &p.before), "thread %zu started on a CPU not allowed",
                  index);
        if (here == sched_getcpu())
            CHECK_MSG(!CPU_ISSET(here, &p.before), "thread %zu started on its creator's CPU %d",
                      index, here);
        CHECK_MSG(CPU_EQUAL(&p.after, process), "thread %zu kept a narrow affinity", index);
    }
}

static void check_one_cpu(const cpu_set_t *process)
{
    int cpu = 0;
    while (!CPU_ISSET(cpu, process))
        cpu++;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    if (!CHECK_EQ(sched_setaffinity(0, sizeof one, &one), 0))
        return;
    cli_threads threads;
    cli_threads_init(&threads);
    CHECK(!cli_threads_spread(&threads));
    probe p = start_one(&threads, 1);
    CHECK(CPU_EQUAL(&p.before, &one));
    CHECK(CPU_EQUAL(&p.after, &one));
    sched_setaffinity(0, sizeof *process, process);
}

int main(void)
{
    cpu_set_t process;
    if (!CHECK_EQ(sched_getaffinity(0, sizeof process, &process), 0))
        return harness_finish();
    /* The spreading needs two CPUs; CI's machine has them, and a machine
     * without must say so rather than pass quietly. */
    CHECK_MSG(CPU_COUNT(&process) >= 2, "this test needs two CPUs, the process may use %d",
              CPU_COUNT(&process));
    if (CPU_COUNT(&process) >= 2)
        check_spread(&process);
    check_one_cpu(&process);
    return harness_finish();
}
