#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void *lede_alloc_array(size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    size_t bytes = n * size;
    return malloc(bytes > 0 ? bytes : 1);
}

void *lede_realloc_array(void *p, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    size_t bytes = n * size;
    return realloc(p, bytes > 0 ? bytes : 1);
}

int lede_grow_slow(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t next = *cap ? *cap : 16;
    while (next < need) {
        if (next > SIZE_MAX / 2)
            return -1;
        next *= 2;
    }
    void *p = lede_realloc_array(*items, next, size);
    if (!p)
        return -1;
    *items = p;
    *cap = next;
    return 0;
}

void *lede_alloc_zeroed(size_t n, size_t size)
{
    void *p = lede_alloc_array(n, size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

char *lede_strndup(const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *copy = malloc(len + 1);
    if (!copy)
        return NULL;
    if (len)
        memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}
