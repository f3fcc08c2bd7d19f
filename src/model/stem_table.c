#include "stem_table.h"

#include <string.h>

#include "../common/prefetch.h"

const lede_stem_table *lede_stem_table_for(const char *code)
{
    for (size_t i = 0; i < lede_builtin_stem_table_count; i++)
        if (strcmp(lede_builtin_stem_tables[i].code, code) == 0)
            return &lede_builtin_stem_tables[i];
    return NULL;
}

static uint32_t tag_of(uint64_t hash)
{
    return (uint32_t)(hash >> 56);
}

/* Whether the NUL-terminated `entry` is `word`. Words are a few bytes: a
 * loop beats a call to strncmp, and stops at the entry's NUL, so a longer
 * word never reads past the entry. */
static int is_entry_of(const char *entry, const char *word, size_t len)
{
    size_t i = 0;
    while (i < len && entry[i] == word[i])
        i++;
    return i == len && entry[len] == '\0';
}

/* The next entry from slot *i on whose tag is the hash's (the probe
 * sequence of linear probing), leaving *i at the slot after it; NULL at the
 * first empty slot, which ends the probe. */
static const char *next_candidate(const lede_stem_table *table, uint64_t hash, size_t *i)
{
    const uint32_t offset_mask = (1u << LEDE_STEM_SLOT_OFFSET_BITS) - 1;
    for (;; *i = (*i + 1) & table->mask) {
        uint32_t slot = table->slots[*i];
        if (slot == 0)
            return NULL;
        if (slot >> LEDE_STEM_SLOT_OFFSET_BITS == tag_of(hash)) {
            *i = (*i + 1) & table->mask;
            return table->strings + (slot & offset_mask) - 1;
        }
    }
}

/* The stored entry of `word`, or NULL. */
static const char *find_entry(const lede_stem_table *table, const char *word, size_t len,
                              uint64_t hash)
{
    size_t i = (size_t)hash & table->mask;
    const char *entry;
    while ((entry = next_candidate(table, hash, &i)) != NULL)
        if (is_entry_of(entry, word, len))
            return entry;
    return NULL;
}

size_t lede_stem_table_find(const lede_stem_table *table, const char *word, size_t len,
                            char *out, size_t cap)
{
    return lede_stem_table_find_hashed(table, word, len, lede_stem_table_hash(word, len), out,
                                       cap);
}

void lede_stem_table_prefetch_slot(const lede_stem_table *table, uint64_t hash)
{
    lede_prefetch(&table->slots[(size_t)hash & table->mask]);
}

void lede_stem_table_prefetch_entry(const lede_stem_table *table, uint64_t hash)
{
    size_t i = (size_t)hash & table->mask;
    const char *entry = next_candidate(table, hash, &i);
    if (entry)
        lede_prefetch(entry);
}

size_t lede_stem_table_find_hashed(const lede_stem_table *table, const char *word, size_t len,
                                   uint64_t hash, char *out, size_t cap)
{
    const char *entry = find_entry(table, word, len, hash);
    if (!entry)
        return 0;
    size_t prefix = (unsigned char)entry[len + 1];
    const char *tail = entry + len + 2;
    size_t tail_len = strlen(tail);
    if (prefix + tail_len > cap)
        return 0;
    memcpy(out, word, prefix);
    memcpy(out + prefix, tail, tail_len);
    return prefix + tail_len;
}
