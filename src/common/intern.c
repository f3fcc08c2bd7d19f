#include "intern.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "prefetch.h"

static size_t slot_of(const lede_intern *t, uint64_t hash, const char *s, size_t len,
                      int *found)
{
    size_t mask = t->nslots - 1;
    size_t i = (size_t)hash & mask;
    for (;;) {
        uint32_t slot = t->slots[i];
        if (slot == 0) {
            *found = 0;
            return i;
        }
        const lede_intern_entry *e = &t->entries[slot - 1];
        if (e->hash == hash && e->len == len && memcmp(e->str, s, len) == 0) {
            *found = 1;
            return i;
        }
        i = (i + 1) & mask;
    }
}

int64_t lede_intern_find(const lede_intern *t, const char *s, size_t len)
{
    if (t->nslots == 0)
        return -1;
    int found;
    size_t i = slot_of(t, lede_hash_bytes(s, len), s, len, &found);
    return found ? (int64_t)t->slots[i] - 1 : -1;
}

void lede_intern_prefetch_slot(const lede_intern *t, uint64_t hash)
{
    if (t->nslots > 0)
        lede_prefetch(&t->slots[(size_t)hash & (t->nslots - 1)]);
}

/* The entry of the word's first slot, where the probe of a word already
 * in the table most often ends; NULL when the slot is empty. */
static const lede_intern_entry *first_entry(const lede_intern *t, uint64_t hash)
{
    if (t->nslots == 0)
        return NULL;
    uint32_t slot = t->slots[(size_t)hash & (t->nslots - 1)];
    return slot ? &t->entries[slot - 1] : NULL;
}

void lede_intern_prefetch_entry(const lede_intern *t, uint64_t hash)
{
    const lede_intern_entry *e = first_entry(t, hash);
    if (e)
        lede_prefetch(e);
}

void lede_intern_prefetch_string(const lede_intern *t, uint64_t hash)
{
    const lede_intern_entry *e = first_entry(t, hash);
    if (e)
        lede_prefetch(e->str);
}

/* Grows the slots to `nslots` and places every entry again (the entries
 * keep their hashes). The array is grown in place, not allocated afresh:
 * the kernel then maps only the new half (a fresh array would cost a page
 * fault per page of all of it, at every doubling). */
static int rehash(lede_intern *t, size_t nslots)
{
    uint32_t *slots = lede_realloc_array(t->slots, nslots, sizeof *slots);
    if (!slots)
        return -1;
    memset(slots, 0, nslots * sizeof *slots);
    size_t mask = nslots - 1;
    for (size_t e = 0; e < t->count; e++) {
        size_t i = (size_t)t->entries[e].hash & mask;
        while (slots[i])
            i = (i + 1) & mask;
        slots[i] = (uint32_t)(e + 1);
    }
    t->slots = slots;
    t->nslots = nslots;
    return 0;
}

/* Adds `s` as a new entry in the empty slot `i` of its probe sequence. */
static int64_t insert_at(lede_intern *t, size_t i, const char *s, size_t len, uint64_t hash)
{
    if (lede_grow((void **)&t->entries, &t->cap, t->count + 1, sizeof *t->entries) != 0)
        return -1;
    char *copy = lede_arena_strndup(&t->strings, s, len);
    if (!copy)
        return -1;
    lede_intern_entry *e = &t->entries[t->count];
    e->str = copy;
    e->len = (uint32_t)len;
    e->value = 0;
    e->hash = hash;
    e->head = lede_intern_head(s, len);
    t->slots[i] = (uint32_t)(t->count + 1);
    t->count++;
    return (int64_t)t->count - 1;
}

/* Whether one more entry would take the load factor to 1/2 or more (probes
 * stay short under it): the slots must grow first, and a slot found
 * before is no longer where the entry goes. */
static int full_for_one_more(const lede_intern *t)
{
    return (t->count + 1) * 2 > t->nslots;
}

/* The string cannot be an entry: longer than an entry's length holds, or
 * the ids are used up. */
static int beyond_limits(const lede_intern *t, size_t len)
{
    return len > UINT32_MAX || t->count >= UINT32_MAX - 1;
}

int64_t lede_intern_add(lede_intern *t, const char *s, size_t len, int *is_new)
{
    return lede_intern_add_hashed(t, s, len, lede_hash_bytes(s, len), is_new);
}

int64_t lede_intern_add_hashed(lede_intern *t, const char *s, size_t len, uint64_t hash,
                               int *is_new)
{
    if (is_new)
        *is_new = 0;
    if (beyond_limits(t, len))
        return -1;
    if (full_for_one_more(t)) {
        if (t->nslots > SIZE_MAX / 2)
            return -1;
        if (rehash(t, t->nslots ? t->nslots * 2 : 64) != 0)
            return -1;
    }
    int found;
    size_t i = slot_of(t, hash, s, len, &found);
    if (found)
        return (int64_t)t->slots[i] - 1;
    int64_t id = insert_at(t, i, s, len, hash);
    if (is_new && id >= 0)
        *is_new = 1;
    return id;
}

int64_t lede_intern_add_missed(lede_intern *t, size_t empty, const char *s, size_t len,
                               uint64_t hash)
{
    /* The refusal and the growing are lede_intern_add_hashed's. */
    if (beyond_limits(t, len) || full_for_one_more(t))
        return lede_intern_add_hashed(t, s, len, hash, NULL);
    return insert_at(t, empty, s, len, hash);
}

void lede_intern_clear(lede_intern *t)
{
    if (t->slots)
        memset(t->slots, 0, t->nslots * sizeof *t->slots);
    t->count = 0;
    lede_arena_reset(&t->strings);
}

void lede_intern_free(lede_intern *t)
{
    free(t->slots);
    free(t->entries);
    lede_arena_free(&t->strings);
    memset(t, 0, sizeof *t);
}
