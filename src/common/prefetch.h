/* prefetch.h - a hint to start reading memory that will be needed soon. */
#ifndef LEDE_COMMON_PREFETCH_H
#define LEDE_COMMON_PREFETCH_H

/* Starts loading the cache line of `p` without waiting for it; never
 * faults, even on an address that is not mapped. Compilers without the
 * builtin get a no-op: only speed depends on it. */
static inline void lede_prefetch(const void *p)
{
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(p);
#else
    (void)p;
#endif
}

#endif
