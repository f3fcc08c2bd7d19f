/* failing_alloc.c - an LD_PRELOAD library that makes one allocation fail,
 * for tests of what lede does when memory runs out.
 *
 * It counts the malloc, calloc and realloc calls made from the `lede`
 * program and from liblede (not from the libraries they use, whose own
 * failures are theirs), and makes the one numbered LEDE_FAIL_ALLOC (from 1)
 * return NULL; 0 or unset fails none. At exit it writes the count to the
 * file named by LEDE_ALLOC_COUNT, when set, so that a driver knows how many
 * to try (tests/cli/out_of_memory.py). */
#define _GNU_SOURCE
#include <errno.h>
#include <link.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);

enum { MAX_RANGES = 16 };

/* Set once by the constructor, before the program runs; read-only after. */
static struct {
    uintptr_t start, end;
} ranges[MAX_RANGES];
static int nranges;
static long fail_at;
static atomic_long counted;

static int add_ranges(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    const char *name = info->dlpi_name;
    int ours = name[0] == '\0' || strstr(name, "liblede.so") != NULL;
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

__attribute__((constructor)) static void init(void)
{
    const char *at = getenv("LEDE_FAIL_ALLOC");
    fail_at = at ? atol(at) : 0;
    dl_iterate_phdr(add_ranges, NULL);
}

__attribute__((destructor)) static void report(void)
{
    const char *file = getenv("LEDE_ALLOC_COUNT");
    FILE *f = file ? fopen(file, "w") : NULL;
    if (f) {
        fprintf(f, "%ld\n", (long)atomic_load(&counted));
        fclose(f);
    }
}

/* Whether the allocation called from `caller` is the one to fail; then
 * errno is ENOMEM, as after a real failure. */
static int should_fail(void *caller)
{
    uintptr_t pc = (uintptr_t)caller;
    for (int i = 0; i < nranges; i++) {
        if (pc < ranges[i].start || pc >= ranges[i].end)
            continue;
        if (atomic_fetch_add(&counted, 1) + 1 != fail_at)
            return 0;
        errno = ENOMEM;
        return 1;
    }
    return 0;
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
