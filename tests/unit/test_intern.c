/* test_intern.c - the interning table behind the tokenizer's caches, and
 * the arena that holds its strings: ids in order of first insertion, every
 * string found again and no other, whatever its length and wherever two
 * strings differ (the inline compare reads the first eight bytes as one
 * word, and the rest byte by byte); strings packed, other allocations
 * aligned. */
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/arena.h"
#include "common/intern.h"
#include "harness.h"

/* The head of `len` bytes the slow way. */
static uint64_t reference_head(const char *s, size_t len)
{
    unsigned char bytes[8] = {0};
    memcpy(bytes, s, len < 8 ? len : 8);
    uint64_t w = 0;
    for (int i = 7; i >= 0; i--)
        w = w << 8 | bytes[i];
    return w;
}

/* The head, read safely or past the end, and the hash of a short string
 * from its head: all three ways agree with the definitions. */
static void test_head(void)
{
    char s[16];
    unsigned seed = 99;
    for (int round = 0; round < 2000; round++) {
        for (size_t i = 0; i < sizeof s; i++) {
            seed = seed * 1103515245u + 12345u;
            s[i] = (char)(seed >> 16);
        }
        for (size_t len = 0; len <= sizeof s; len++) {
            uint64_t head = lede_intern_head(s, len);
            if (!CHECK_MSG(head == reference_head(s, len), "head of %zu bytes", len))
                return;
            if (len < 1 || len > 8)
                continue;
            if (!CHECK_MSG(lede_intern_head_padded(s, len) == head, "padded head of %zu", len) ||
                !CHECK_MSG(lede_hash_head(len, head) == lede_hash_bytes(s, len),
                           "hash of %zu bytes from the head", len))
                return;
        }
    }
    CHECK(lede_hash_bytes("", 0) == lede_hash_head(0, 0));
}

enum { MAX_LEN = 20 };

/* For every length, a base string and, for every position, the base with
 * that byte changed (to a NUL too): all distinct, many sharing a head. */
static void test_strings_that_differ_anywhere(void)
{
    lede_intern t = {0};
    char keys[MAX_LEN + 1][MAX_LEN + 1][MAX_LEN]; /* [len][changed position or len][bytes] */
    int64_t want = 0;
    for (size_t len = 0; len <= MAX_LEN; len++) {
        for (size_t at = 0; at <= len; at++) {
            char *k = keys[len][at];
            for (size_t i = 0; i < len; i++)
                k[i] = (char)('a' + i % 26);
            if (at < len)
                k[at] = at % 2 ? '\0' : 'Z';
            int is_new = 0;
            int64_t id = lede_intern_add(&t, k, len, &is_new);
            if (!CHECK_MSG(id == want && is_new, "len %zu, change at %zu: id %lld, want %lld",
                           len, at, (long long)id, (long long)want))
                goto done;
            want++;
        }
    }
    CHECK_EQ(t.count, (size_t)want);
    want = 0;
    for (size_t len = 0; len <= MAX_LEN; len++) {
        for (size_t at = 0; at <= len; at++, want++) {
            const char *k = keys[len][at];
            size_t empty;
            int64_t found = lede_intern_lookup(&t, k, len, lede_hash_bytes(k, len),
                                               lede_intern_head(k, len), &empty);
            if (!CHECK_MSG(found == want && lede_intern_find(&t, k, len) == want,
                           "len %zu, change at %zu: found %lld, want %lld", len, at,
                           (long long)found, (long long)want))
                goto done;
            CHECK(memcmp(t.entries[found].str, k, len) == 0 && t.entries[found].str[len] == '\0');
            int is_new = 1;
            CHECK_EQ(lede_intern_add(&t, k, len, &is_new), want);
            CHECK_EQ(is_new, 0);
        }
    }
    /* A string one byte longer or shorter than one in the table is not it. */
    CHECK_EQ(lede_intern_find(&t, "abcdefghij", 9), 9 * 10 / 2 + 9);
    CHECK_EQ(lede_intern_find(&t, "abcdefghijk", 10) >= 0, 1);
    CHECK_EQ(lede_intern_find(&t, "abcdefghiX", 10), -1);
    CHECK_EQ(lede_intern_find(&t, "abcdefgh\0", 9) >= 0, 0);
done:
    lede_intern_free(&t);
}

/* Growth past many rehashes, then clearing and reuse. */
static void test_growth_and_clear(void)
{
    lede_intern t = {0};
    char key[32];
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 20000; i++) {
            size_t len = (size_t)snprintf(key, sizeof key, "w%d-%d", i, i * 7);
            if (!CHECK_EQ(lede_intern_add(&t, key, len, NULL), i))
                break;
        }
        int ok = 1;
        for (int i = 0; i < 20000 && ok; i++) {
            size_t len = (size_t)snprintf(key, sizeof key, "w%d-%d", i, i * 7);
            ok = CHECK_EQ(lede_intern_find(&t, key, len), i);
        }
        CHECK_EQ(lede_intern_find(&t, "w20000-140000", 13), -1);
        lede_intern_clear(&t);
        CHECK_EQ(t.count, 0);
        CHECK_EQ(lede_intern_find(&t, "w1-7", 4), -1);
    }
    lede_intern_free(&t);
}

/* Words added where the lookup that missed them ended, as the tokenizer
 * adds them, get the ids and slots lede_intern_add would give, through
 * the rehashes (the first add of an empty table, each doubling) where the
 * slot a lookup gave no longer holds. */
static void test_add_where_lookup_missed(void)
{
    lede_intern by_lookup = {0}, by_add = {0};
    char key[32];
    for (int i = 0; i < 5000; i++) {
        size_t len = (size_t)snprintf(key, sizeof key, "w%d", i * 7919 % 5000);
        uint64_t hash = lede_hash_bytes(key, len);
        size_t empty;
        int64_t missing = lede_intern_lookup(&by_lookup, key, len, hash,
                                             lede_intern_head(key, len), &empty);
        if (!CHECK_EQ(missing, -1))
            break;
        int64_t id = lede_intern_add_missed(&by_lookup, empty, key, len, hash);
        if (!CHECK_EQ(id, i) || !CHECK_EQ(lede_intern_add(&by_add, key, len, NULL), i))
            break;
        if (!CHECK_EQ(lede_intern_lookup(&by_lookup, key, len, hash,
                                         lede_intern_head(key, len), &empty), id))
            break;
    }
    CHECK_EQ(by_lookup.nslots, by_add.nslots);
    CHECK(memcmp(by_lookup.slots, by_add.slots, by_add.nslots * sizeof *by_add.slots) == 0);
    CHECK_EQ(lede_intern_find(&by_lookup, "w4999", 5) >= 0, 1);
    lede_intern_free(&by_lookup);
    lede_intern_free(&by_add);
}

/* Strings are packed in the arena, across chunks. */
static void test_arena_packing(void)
{
    lede_arena a = {0};
    char *prev = NULL;
    int ok = 1;
    for (int i = 0; i < 200000 && ok; i++) {
        char *s = lede_arena_strndup(&a, "abcdefghij", (size_t)(i % 11));
        ok = CHECK(s != NULL) && CHECK((size_t)strlen(s) == (size_t)(i % 11));
        if (ok && prev && s > prev && s - prev < 64)
            ok = CHECK_MSG(s - prev == (i - 1) % 11 + 1, "string %d not packed", i);
        prev = s;
    }
    lede_arena_free(&a);
}

int main(void)
{
    test_arena_packing();
    test_head();
    test_strings_that_differ_anywhere();
    test_growth_and_clear();
    test_add_where_lookup_missed();
    return harness_finish();
}
