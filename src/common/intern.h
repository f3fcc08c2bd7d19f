/* intern.h - a hash table that gives each distinct byte string a small
 * integer id (0, 1, 2, ... in order of first insertion) and a value slot. */
#ifndef LEDE_COMMON_INTERN_H
#define LEDE_COMMON_INTERN_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct lede_intern_entry {
    const char *str; /* NUL-terminated copy, owned by the table */
    uint32_t len;
    uint32_t value;  /* free for the user; 0 on insertion */
    uint64_t hash;
} lede_intern_entry;

typedef struct lede_intern {
    uint32_t *slots;          /* 0 = empty, else entry index + 1 */
    size_t nslots;            /* power of two */
    lede_intern_entry *entries;
    size_t count;
    size_t cap;
    lede_arena strings;
} lede_intern;

/* Hash of `len` bytes; the same function the table uses. */
uint64_t lede_hash_bytes(const char *s, size_t len);

/* Id of `s`, or -1 when it is not in the table. */
int64_t lede_intern_find(const lede_intern *t, const char *s, size_t len);

/* Id of `s`, inserting it when new (`*is_new` set accordingly when not
 * NULL). Returns -1 when out of memory or when the table is full (2^32 - 1
 * entries) or the string is longer than UINT32_MAX bytes. */
int64_t lede_intern_add(lede_intern *t, const char *s, size_t len, int *is_new);

/* Removes every entry, keeping memory for reuse. */
void lede_intern_clear(lede_intern *t);

void lede_intern_free(lede_intern *t);

#endif
