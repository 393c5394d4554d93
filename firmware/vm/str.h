// Strings: immutable UTF-8 byte strings.
//
// A string has the layout of a STR constant record of the image (a head word `MC_CONST_STR |
// bytes << 8`, the bytes, a NUL), so image constants are used in place and heap strings look
// the same. Lengths and indices count code points, as in Python.
#ifndef MC_STR_H
#define MC_STR_H

#include "out.h"

typedef struct {
    uint32_t head;
    char data[];
} mc_str_t;

#define MC_STR_LEN_SHIFT 8
#define MC_STR_MAX_BYTES (UINT32_MAX >> MC_STR_LEN_SHIFT)

static inline const mc_str_t *mc_str(mc_value_t v) {
    return (const mc_str_t *)mc_ptr(v.r);
}
static inline uint32_t mc_str_bytes(const mc_str_t *s) {
    return s->head >> MC_STR_LEN_SHIFT;
}

// A new string of n bytes copied from s (s may be NULL: bytes left zero).
mc_value_t mc_str_new(const char *s, uint32_t n);
// Number of code points.
uint32_t mc_str_length(const mc_str_t *s);
mc_value_t mc_str_concat(mc_value_t a, mc_value_t b);
// The concatenation of the n strings at items (BUILD_STRING); TypeError for another value.
mc_value_t mc_str_join(const mc_value_t *items, uint32_t n);
mc_value_t mc_str_repeat(mc_value_t s, int32_t n);
// <0, 0, >0 as a sorts before, equal to or after b (code point order).
int mc_str_compare(const mc_str_t *a, const mc_str_t *b);
bool mc_str_equal(const mc_str_t *a, const mc_str_t *b);
bool mc_str_contains(const mc_str_t *haystack, const mc_str_t *needle);
// s[i] with Python's negative indices; IndexError when out of range.
mc_value_t mc_str_index(mc_value_t s, int32_t i);

// A sink that collects text in a heap string (pinned as a GC root until finished or dropped).
typedef struct {
    mc_out_t out;
    mc_value_t *root;   // the buffer: a heap string of `cap` bytes
    uint32_t len;
    uint32_t cap;
} mc_str_builder_t;

void mc_str_builder_init(mc_str_builder_t *b);
const char *mc_str_builder_data(const mc_str_builder_t *b);
// The text as a string; the builder is finished.
mc_value_t mc_str_builder_finish(mc_str_builder_t *b);
void mc_str_builder_drop(mc_str_builder_t *b);

#endif // MC_STR_H
