/* alloc.h - checked allocation helpers shared by every stage. */
#ifndef LEDE_COMMON_ALLOC_H
#define LEDE_COMMON_ALLOC_H

#include <stddef.h>

/* malloc(n * size) that fails (returns NULL) on overflow instead of
 * allocating a short block. */
void *lede_alloc_array(size_t n, size_t size);

/* realloc(p, n * size) with the same overflow check; on failure `p` is left
 * untouched and NULL is returned. */
void *lede_realloc_array(void *p, size_t n, size_t size);

/* lede_alloc_array's array with every byte zero, written now: not calloc,
 * whose fresh pages the kernel maps to its zero page until they are
 * written. A page of those that is read before it is written faults twice,
 * and in a process with threads on other CPUs the second fault interrupts
 * each of them to flush the zero page from its TLB (lede batch -j 2 spent
 * 1.8 ms of CPU time of its 24 in those with the tokenizer's stem-to-term
 * map and tf-idf's term map from calloc). For arrays read before they are
 * written. */
void *lede_alloc_zeroed(size_t n, size_t size);

/* lede_grow when the array must grow: out of line. */
int lede_grow_slow(void **items, size_t *cap, size_t need, size_t size);

/* Grows the array `*items` (of `*cap` elements of `size` bytes) so that it
 * holds at least `need` elements, doubling to amortize. Returns 0 on success,
 * -1 when out of memory (the array is unchanged). Inline, so that the
 * common case, room already, costs a compare and no call on the paths that
 * add a token or a word. */
static inline int lede_grow(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    return lede_grow_slow(items, cap, need, size);
}

/* A copy of `len` bytes of `s` with a NUL appended; NULL when out of memory. */
char *lede_strndup(const char *s, size_t len);

#endif
