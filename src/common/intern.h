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
    /* The first eight bytes (zero after the end): most words are no longer,
     * and are then compared without reading `str`, a cache miss of its own. */
    uint64_t head;
} lede_intern_entry;

typedef struct lede_intern {
    uint32_t *slots;          /* 0 = empty, else entry index + 1 */
    size_t nslots;            /* power of two */
    lede_intern_entry *entries;
    size_t count;
    size_t cap;
    lede_arena strings;
} lede_intern;

/* Id of `s`, or -1 when it is not in the table. */
int64_t lede_intern_find(const lede_intern *t, const char *s, size_t len);

/* Id of `s`, inserting it when new (`*is_new` set accordingly when not
 * NULL). Returns -1 when out of memory or when the table is full (2^32 - 1
 * entries) or the string is longer than UINT32_MAX bytes. */
int64_t lede_intern_add(lede_intern *t, const char *s, size_t len, int *is_new);

/* lede_intern_add with the hash already computed by lede_hash_bytes. */
int64_t lede_intern_add_hashed(lede_intern *t, const char *s, size_t len, uint64_t hash,
                               int *is_new);

/* Adds `s`, which lede_intern_lookup has just not found, with nothing added
 * since: `empty` is the slot that lookup gave, where the insertion goes
 * without a second probe (a word new to a summarizer was looked for twice,
 * a tenth of what its first sight cost). When the slots must grow first
 * (and for an empty table, whose lookup gives 0, no slot), `empty` is not
 * used and the string is added as lede_intern_add_hashed adds it. Returns
 * its id, or -1 as lede_intern_add does. */
int64_t lede_intern_add_missed(lede_intern *t, size_t empty, const char *s, size_t len,
                               uint64_t hash);

/* ---- inline: the lookup on the tokenizer's hot path ---- */

#include <string.h>

/* The first eight bytes of `len` bytes (fewer when the string is
 * shorter, zero after its end) as one word, the way a memcpy of eight
 * bytes reads them; without a call (a memcpy of a variable length is one)
 * and without reading past the end. */
static inline uint64_t lede_intern_head(const char *s, size_t len)
{
    uint64_t w = 0;
    if (len >= 8) {
        memcpy(&w, s, 8);
        return w;
    }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (len >= 4) {
        /* Two loads that overlap: the bytes they share are the same. */
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + len - 4, 4);
        return lo | (uint64_t)hi << (8 * (len - 4));
    }
    if (len > 0) {
        w = (unsigned char)s[0];
        if (len > 1)
            w |= (uint64_t)(unsigned char)s[1] << 8;
        if (len > 2)
            w |= (uint64_t)(unsigned char)s[2] << 16;
    }
#else
    unsigned char bytes[8] = {0};
    for (size_t i = 0; i < len; i++)
        bytes[i] = (unsigned char)s[i];
    memcpy(&w, bytes, 8);
#endif
    return w;
}

/* The head of a string of 1 to 8 bytes that may be read past: one load
 * and a mask, no branch on the length (which a branch would mispredict
 * word after word). Requires eight readable bytes at `s`. */
static inline uint64_t lede_intern_head_padded(const char *s, size_t len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t w;
    memcpy(&w, s, 8);
    return w & (~0ull >> (64 - 8 * len));
#else
    return lede_intern_head(s, len);
#endif
}

/* The final avalanche of the hash, so that the low bits used for the slot
 * index depend on every byte. */
static inline uint64_t lede_hash_finish(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    return h;
}

/* The hash of a string of at most eight bytes from its length and head. */
static inline uint64_t lede_hash_head(size_t len, uint64_t head)
{
    uint64_t h = (uint64_t)len * 0x9E3779B97F4A7C15ull;
    return lede_hash_finish((h ^ head) * 0x94D049BB133111EBull);
}

/* Hash of `len` bytes; the function the table uses. Eight bytes per step
 * (words are short, so one or two multiplications), the last one to eight
 * as a head; a string of up to eight bytes hashes as lede_hash_head. */
static inline uint64_t lede_hash_bytes(const char *s, size_t len)
{
    if (len <= 8)
        return lede_hash_head(len, lede_intern_head(s, len));
    uint64_t h = (uint64_t)len * 0x9E3779B97F4A7C15ull;
    while (len > 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
        s += 8;
        len -= 8;
    }
    return lede_hash_finish((h ^ lede_intern_head(s, len)) * 0x94D049BB133111EBull);
}

/* Id of `s` given its hash and head (lede_intern_head), or -1 when it is
 * not in the table; then *empty is the empty slot where the probe ended,
 * for lede_intern_add_missed. Strings are compared inline: a call to
 * memcmp costs more than the compare for a five-letter word, and those up
 * to eight bytes are compared whole. */
static inline int64_t lede_intern_lookup(const lede_intern *t, const char *s, size_t len,
                                         uint64_t hash, uint64_t head, size_t *empty)
{
    *empty = 0;
    if (t->nslots == 0)
        return -1;
    size_t mask = t->nslots - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        uint32_t slot = t->slots[i];
        if (slot == 0) {
            *empty = i;
            return -1;
        }
        const lede_intern_entry *e = &t->entries[slot - 1];
        if (e->hash != hash || e->len != len || e->head != head)
            continue;
        size_t k = 8;
        while (k < len && e->str[k] == s[k])
            k++;
        if (k >= len)
            return (int64_t)slot - 1;
    }
}

/* Hints for a batch of insertions or lookups whose hashes are known: call
 * lede_intern_prefetch_slot for each, then lede_intern_prefetch_entry for
 * each, then lede_intern_prefetch_string for each, then insert or look
 * them up: the slot, entry and string reads of the whole batch are then in
 * flight together instead of one after the other. Each step reads what the
 * one before started loading. They change no result. */
void lede_intern_prefetch_slot(const lede_intern *t, uint64_t hash);
void lede_intern_prefetch_entry(const lede_intern *t, uint64_t hash);
void lede_intern_prefetch_string(const lede_intern *t, uint64_t hash);

/* Removes every entry, keeping memory for reuse. */
void lede_intern_clear(lede_intern *t);

void lede_intern_free(lede_intern *t);

#endif
