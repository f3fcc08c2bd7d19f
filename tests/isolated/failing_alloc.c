/* failing_alloc.c - an LD_PRELOAD library that makes one allocation fail,
 * for tests of what lede does when memory runs out.
 *
 * It counts the malloc, calloc, realloc, strdup and strndup calls made from the `lede`
 * program, from liblede and from jansson (not from the other libraries they
 * use, whose own failures are theirs), and makes one of them return NULL,
 * chosen in one of two ways (tests/cli/out_of_memory.py):
 *
 * - LEDE_FAIL_ALLOC=K: the K-th (from 1). At exit, the count is written to
 *   the file named by LEDE_ALLOC_COUNT, when set, so that a driver knows
 *   how many to try.
 * - LEDE_FAIL_SITE=NAME@K: the K-th from the site NAME. A site is the chain
 *   of calls in lede and liblede that allocates: a loop allocating again
 *   from the same place is one site, a function called from two places is
 *   two. Most allocations repeat a site, once per sentence, line or
 *   document, so a run for each site is a small part of a run for each
 *   allocation. At exit, the file named by LEDE_ALLOC_SITES, when set, gets
 *   the name of each site the run reached and how many allocations it
 *   made there ("NAME COUNT" a line). When the allocation is made
 *   to fail, the file named by LEDE_FAILED, when set, is created: the driver
 *   knows that the failure happened.
 *
 * A site's name is the same in every run of the same program (its frames
 * are offsets into the code, not addresses), and so is the set of sites a
 * run reaches, but in a run whose threads take work in an order of their
 * own: there, the K-th allocation is the one to fail. */
#define _GNU_SOURCE
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);

/* Deeper chains are told apart by their innermost frames only; sites beyond
 * the table's room are not listed (lede's commands reach a few hundred). */
enum { MAX_RANGES = 16, MAX_FRAMES = 64, MAX_SITES = 1 << 14 };

/* A site's name: where its innermost frame returns to (compared first, and
 * cheaply: most allocations are not the one to fail), then a hash of the
 * whole chain. Both are 0 for none. */
typedef struct site {
    uint64_t caller, chain;
    unsigned long hits; /* allocations from it, when listing */
} site;

/* Set once by the constructor, before the program runs; read-only after. */
static struct {
    uintptr_t start, end;
} ranges[MAX_RANGES];
static int nranges;
static long fail_at;
static site fail_site;
static unsigned long fail_nth;
static atomic_ulong fail_site_hits;
static const char *failed_file;
static int listing;

/* What the process has counted, seen and done, shared by its threads. */
static atomic_long counted;
static atomic_int failed;
static pthread_mutex_t sites_lock = PTHREAD_MUTEX_INITIALIZER;
static site seen[MAX_SITES]; /* open addressing on the chain */
static size_t order[MAX_SITES]; /* slots of `seen`, in order of first sight */
static size_t nsites;

static int add_ranges(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    const char *name = info->dlpi_name;
    /* jansson's too: lede reads and writes JSON through it, and a failure
     * inside it must not read as bad input or write a partial document. */
    int ours = name[0] == '\0' || strstr(name, "liblede.so") != NULL ||
               strstr(name, "libjansson.so") != NULL;
    for (int i = 0; ours && i < info->dlpi_phnum && nranges < MAX_RANGES; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
            continue;
        ranges[nranges].start = info->dlpi_addr + ph->p_vaddr;
        ranges[nranges].end = ranges[nranges].start + ph->p_memsz;
        nranges++;
    }
    return 0;
}

/* `pc` as its range and offset in it (never 0); 0 when it is not in lede's,
 * liblede's or jansson's code. */
static uint64_t code_offset(uintptr_t pc)
{
    for (int i = 0; i < nranges; i++)
        if (pc >= ranges[i].start && pc < ranges[i].end)
            return ((uint64_t)(i + 1) << 48) | (pc - ranges[i].start);
    return 0;
}

__attribute__((constructor)) static void init(void)
{
    const char *at = getenv("LEDE_FAIL_ALLOC");
    fail_at = at ? atol(at) : 0;
    const char *name = getenv("LEDE_FAIL_SITE");
    unsigned long long caller, chain;
    unsigned long nth;
    if (name && sscanf(name, "%llx-%llx@%lu", &caller, &chain, &nth) == 3 && nth > 0) {
        fail_site = (site){caller, chain, 0};
        fail_nth = nth;
    }
    failed_file = getenv("LEDE_FAILED");
    listing = getenv("LEDE_ALLOC_SITES") != NULL;
    dl_iterate_phdr(add_ranges, NULL);
    /* The first backtrace loads the unwinder, which allocates: here, before
     * any thread, rather than inside one of the program's allocations. */
    void *frame;
    backtrace(&frame, 1);
}

__attribute__((destructor)) static void report(void)
{
    const char *file = getenv("LEDE_ALLOC_COUNT");
    FILE *f = file ? fopen(file, "w") : NULL;
    if (f) {
        fprintf(f, "%ld\n", (long)atomic_load(&counted));
        fclose(f);
    }
    file = getenv("LEDE_ALLOC_SITES");
    f = file ? fopen(file, "w") : NULL;
    if (!f)
        return;
    pthread_mutex_lock(&sites_lock);
    for (size_t i = 0; i < nsites; i++)
        fprintf(f, "%llx-%llx %lu\n", (unsigned long long)seen[order[i]].caller,
                (unsigned long long)seen[order[i]].chain, seen[order[i]].hits);
    pthread_mutex_unlock(&sites_lock);
    fclose(f);
}

/* The chain of calls in our code that leads to the allocation: FNV-1a over
 * the frames' offsets (never 0). */
static uint64_t chain_hash(void)
{
    void *frames[MAX_FRAMES];
    int n = backtrace(frames, MAX_FRAMES);
    uint64_t h = 0xcbf29ce484222325ull;
    for (int i = 0; i < n; i++) {
        uint64_t v = code_offset((uintptr_t)frames[i]);
        for (int b = 0; v && b < 8; b++) {
            h ^= (v >> (8 * b)) & 0xff;
            h *= 0x100000001b3ull;
        }
    }
    return h ? h : 1;
}

static void record(site s)
{
    pthread_mutex_lock(&sites_lock);
    size_t i = s.chain & (MAX_SITES - 1);
    while (seen[i].chain && seen[i].chain != s.chain)
        i = (i + 1) & (MAX_SITES - 1);
    if (!seen[i].chain && nsites < MAX_SITES / 2) {
        seen[i] = s;
        order[nsites++] = i;
    }
    if (seen[i].chain == s.chain)
        seen[i].hits++;
    pthread_mutex_unlock(&sites_lock);
}

/* Whether the allocation called from `caller` is the one to fail; then
 * errno is ENOMEM, as after a real failure. */
static int should_fail(void *caller)
{
    uint64_t at = code_offset((uintptr_t)caller);
    if (!at)
        return 0;
    int chosen = atomic_fetch_add(&counted, 1) + 1 == fail_at;
    if (listing || (at == fail_site.caller && !atomic_load(&failed))) {
        site s = {at, chain_hash(), 0};
        if (listing)
            record(s);
        if (at == fail_site.caller && s.chain == fail_site.chain)
            chosen |= atomic_fetch_add(&fail_site_hits, 1) + 1 == fail_nth;
    }
    if (!chosen || atomic_exchange(&failed, 1))
        return 0;
    /* With system calls only: stdio would allocate. */
    int fd = failed_file ? open(failed_file, O_WRONLY | O_CREAT | O_TRUNC, 0644) : -1;
    if (fd >= 0)
        close(fd);
    errno = ENOMEM;
    return 1;
}

void *malloc(size_t size)
{
    if (should_fail(__builtin_return_address(0)))
        return NULL;
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    if (should_fail(__builtin_return_address(0)))
        return NULL;
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    if (should_fail(__builtin_return_address(0)))
        return NULL;
    return __libc_realloc(p, size);
}

/* glibc's strdup and strndup call its malloc from inside libc, which the
 * one above never sees: these take their place, so that a copy lede makes
 * with them is counted and may fail like any other allocation. */
char *strdup(const char *s)
{
    if (should_fail(__builtin_return_address(0)))
        return NULL;
    size_t n = strlen(s) + 1;
    char *copy = __libc_malloc(n);
    if (copy)
        memcpy(copy, s, n);
    return copy;
}

char *strndup(const char *s, size_t max)
{
    if (should_fail(__builtin_return_address(0)))
        return NULL;
    size_t n = strnlen(s, max);
    char *copy = __libc_malloc(n + 1);
    if (copy) {
        memcpy(copy, s, n);
        copy[n] = '\0';
    }
    return copy;
}
