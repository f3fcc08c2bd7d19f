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

/* Grows the array `*items` (of `*cap` elements of `size` bytes) so that it
 * holds at least `need` elements, doubling to amortize. Returns 0 on success,
 * -1 when out of memory (the array is unchanged). */
int lede_grow(void **items, size_t *cap, size_t need, size_t size);

/* A copy of `len` bytes of `s` with a NUL appended; NULL when out of memory. */
char *lede_strndup(const char *s, size_t len);

#endif
