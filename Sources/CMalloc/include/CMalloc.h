// glibc's allocator controls, which Swift's Glibc module leaves out (<malloc.h>).
#ifndef CMALLOC_H
#define CMALLOC_H

#ifdef __linux__
#include <malloc.h>
#endif

// Caps the number of malloc arenas; returns 1 if the allocator took the setting,
// 0 where there is no such setting (musl, Darwin).
static inline int cmalloc_set_arena_max(int arenas) {
#ifdef M_ARENA_MAX
    return mallopt(M_ARENA_MAX, arenas);
#else
    (void)arenas;
    return 0;
#endif
}

// Hands free pages in every arena back to the system; returns 1 if any were.
static inline int cmalloc_trim(void) {
#ifdef M_ARENA_MAX
    return malloc_trim(0);
#else
    return 0;
#endif
}

#endif
