// The C library functions the compiler may call. Built with -fno-tree-loop-distribute-patterns,
// so these loops are not turned back into calls to themselves.
#define MC_LIBC_IMPL
#include <stdint.h>
#include <string.h>

typedef uint32_t __attribute__((may_alias)) word_t;

#define WORD ((size_t)sizeof(word_t))

static int aligned(const void *a, const void *b) {
    return (((uintptr_t)a | (uintptr_t)b) & (WORD - 1)) == 0;
}

// Ascending copy; also right for overlapping areas when dst is below src (every word is read
// before the bytes over it are written). Words whenever dst can be aligned: a source at another
// offset is read as aligned words and shifted into place (little-endian), never past the last
// word holding a byte to copy.
static void copy_up(uint8_t *d, const uint8_t *s, size_t n) {
    for (; n && ((uintptr_t)d & (WORD - 1)); n--) {
        *d++ = *s++;
    }
    uint32_t off = (uintptr_t)s & (WORD - 1);
    if (!off) {
        for (; n >= WORD; n -= WORD, d += WORD, s += WORD) {
            *(word_t *)d = *(const word_t *)s;
        }
    } else if (n >= WORD) {
        const word_t *w = (const word_t *)(s - off);
        word_t cur = *w;
        for (; n >= WORD; n -= WORD, d += WORD, s += WORD) {
            word_t next = *++w;
            *(word_t *)d = cur >> (8 * off) | next << (32 - 8 * off);
            cur = next;
        }
    }
    while (n--) {
        *d++ = *s++;
    }
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
    copy_up(dst, src, n);
    return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
    uint8_t *d = dst;
    const uint8_t *s = src;
    if (d <= s || d >= s + n) {
        copy_up(d, s, n);
    } else {
        while (n--) {
            d[n] = s[n];
        }
    }
    return dst;
}

void *memset(void *dst, int c, size_t n) {
    uint8_t *d = dst;
    if (aligned(d, d)) {
        word_t w = (uint8_t)c * 0x01010101u;
        for (; n >= WORD; n -= WORD, d += WORD) {
            *(word_t *)d = w;
        }
    }
    while (n--) {
        *d++ = (uint8_t)c;
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
    const uint8_t *x = a, *y = b;
    for (; n; n--, x++, y++) {
        if (*x != *y) {
            return *x - *y;
        }
    }
    return 0;
}

size_t strlen(const char *s) {
    const char *p = s;
    while (*p) {
        p++;
    }
    return (size_t)(p - s);
}
