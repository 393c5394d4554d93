// Definitions every VM source file uses: configuration, generated contract headers, helpers.
#ifndef MC_COMMON_H
#define MC_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mc_config.h"
#include "mc_abi.h"
#include "mc_bytecode.h"

#define MC_LIKELY(x) __builtin_expect(!!(x), 1)
#define MC_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define MC_NOINLINE __attribute__((noinline))
#define MC_NORETURN __attribute__((noreturn))
// Optimized for size (and calls to it predicted not taken), whatever the file's level.
#define MC_COLD __attribute__((cold))
// Optimized for size in a file compiled for speed; unlike MC_COLD, its callees are unaffected
// (a cold caller would make the dispatch loop it calls cold too).
#define MC_OPT_SIZE __attribute__((optimize("Os")))
#define MC_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MC_ALIGN_UP(x, a) (((x) + ((a) - 1)) & ~(uintptr_t)((a) - 1))

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the bytecode image and mailbox layouts are little-endian"
#endif

#endif // MC_COMMON_H
