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

/* The next slot value (offset or id, without the + 1) from slot *i on
 * whose tag is the hash's (the probe sequence of linear probing), leaving
 * *i at the slot after it; -1 at the first empty slot, which ends the
 * probe. */
static int64_t next_candidate(const uint32_t *slots, uint32_t mask, uint64_t hash, size_t *i)
{
    const uint32_t value_mask = (1u << LEDE_STEM_SLOT_VALUE_BITS) - 1;
    for (;; *i = (*i + 1) & mask) {
        uint32_t slot = slots[*i];
        if (slot == 0)
            return -1;
        if (slot >> LEDE_STEM_SLOT_VALUE_BITS == tag_of(hash)) {
            *i = (*i + 1) & mask;
            return (int64_t)(slot & value_mask) - 1;
        }
    }
}

int64_t lede_stem_table_word(const lede_stem_table *table, const char *word, size_t len,
                             uint64_t hash)
{
    size_t i = (size_t)hash & table->word_mask;
    int64_t offset;
    while ((offset = next_candidate(table->word_slots, table->word_mask, hash, &i)) >= 0) {
        const char *entry = table->words + offset;
        if (!is_entry_of(entry, word, len))
            continue;
        const unsigned char *id = (const unsigned char *)entry + len + 1;
        return (int64_t)id[0] | (int64_t)id[1] << 8 | (int64_t)id[2] << 16;
    }
    return -1;
}

int64_t lede_stem_table_stem_id(const lede_stem_table *table, const char *stem, size_t len,
                                uint64_t hash)
{
    size_t i = (size_t)hash & table->stem_mask;
    int64_t id;
    while ((id = next_candidate(table->stem_slots, table->stem_mask, hash, &i)) >= 0)
        if (is_entry_of(table->stems + table->stem_offsets[id], stem, len))
            return id;
    return -1;
}

const char *lede_stem_table_stem(const lede_stem_table *table, uint32_t id, size_t *len)
{
    *len = table->stem_offsets[id + 1] - table->stem_offsets[id] - 1;
    return table->stems + table->stem_offsets[id];
}

void lede_stem_table_prefetch_slot(const lede_stem_table *table, uint64_t hash)
{
    lede_prefetch(&table->word_slots[(size_t)hash & table->word_mask]);
}

void lede_stem_table_prefetch_stem_slot(const lede_stem_table *table, uint64_t hash)
{
    lede_prefetch(&table->stem_slots[(size_t)hash & table->stem_mask]);
}

void lede_stem_table_prefetch_entry(const lede_stem_table *table, uint64_t hash)
{
    size_t i = (size_t)hash & table->word_mask;
    int64_t offset = next_candidate(table->word_slots, table->word_mask, hash, &i);
    if (offset >= 0)
        lede_prefetch(table->words + offset);
}
