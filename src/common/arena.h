/* arena.h - a bump allocator for strings that live as long as one document
 * or one object: many small copies, one reset or free. */
#ifndef LEDE_COMMON_ARENA_H
#define LEDE_COMMON_ARENA_H

#include <stddef.h>

typedef struct lede_arena_chunk lede_arena_chunk;

typedef struct lede_arena {
    lede_arena_chunk *head; /* chunk being filled; older chunks follow */
    size_t chunk_size;      /* size of the next regular chunk */
} lede_arena;

/* A NUL-terminated copy of `len` bytes of `s` in the arena, packed after
 * the one before (not aligned); NULL when out of memory. */
char *lede_arena_strndup(lede_arena *a, const char *s, size_t len);

/* Forgets every allocation but keeps the largest chunk for reuse. */
void lede_arena_reset(lede_arena *a);

/* Releases all memory; the arena may be used again afterwards. */
void lede_arena_free(lede_arena *a);

#endif
