#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct lede_arena_chunk {
    lede_arena_chunk *next;
    size_t size; /* usable bytes after the header */
    size_t used;
    unsigned char data[];
};

enum { ARENA_FIRST_CHUNK = 64 * 1024, ARENA_MAX_CHUNK = 16 * 1024 * 1024 };

static lede_arena_chunk *chunk_new(size_t size)
{
    if (size > SIZE_MAX - sizeof(lede_arena_chunk))
        return NULL;
    lede_arena_chunk *c = malloc(sizeof(lede_arena_chunk) + size);
    if (!c)
        return NULL;
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

/* `size` bytes (already rounded as the caller wants them) from the current
 * chunk, or from a new one. */
static void *take(lede_arena *a, size_t size)
{
    lede_arena_chunk *c = a->head;
    if (c && c->size - c->used >= size) {
        void *p = c->data + c->used;
        c->used += size;
        return p;
    }
    if (a->chunk_size == 0)
        a->chunk_size = ARENA_FIRST_CHUNK;
    size_t want = size > a->chunk_size ? size : a->chunk_size;
    lede_arena_chunk *fresh = chunk_new(want);
    if (!fresh)
        return NULL;
    if (a->chunk_size < ARENA_MAX_CHUNK)
        a->chunk_size *= 2;
    fresh->next = c;
    a->head = fresh;
    fresh->used = size;
    return fresh->data;
}

char *lede_arena_strndup(lede_arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    /* Strings need no alignment: packed, a word of five letters takes six
     * bytes instead of sixteen, and the vocabulary's strings fewer pages. */
    char *copy = take(a, len + 1);
    if (!copy)
        return NULL;
    if (len)
        memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

void lede_arena_reset(lede_arena *a)
{
    lede_arena_chunk *keep = NULL;
    lede_arena_chunk *c = a->head;
    while (c) {
        lede_arena_chunk *next = c->next;
        if (!keep || c->size > keep->size) {
            free(keep);
            keep = c;
        } else {
            free(c);
        }
        c = next;
    }
    if (keep) {
        keep->next = NULL;
        keep->used = 0;
    }
    a->head = keep;
}

void lede_arena_free(lede_arena *a)
{
    lede_arena_chunk *c = a->head;
    while (c) {
        lede_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->chunk_size = 0;
}
