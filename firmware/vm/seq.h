// Lists and tuples.
//
// A list is a small fixed object pointing at a separate item array (so it can grow); a tuple
// holds its items inline.
#ifndef MC_SEQ_H
#define MC_SEQ_H

#include "value.h"

typedef struct {
    uint32_t len;
    uint32_t cap;
    mc_ref_t items;     // MC_GC_ITEMS chunk of cap values; 0 when cap is 0
} mc_list_t;

typedef struct {
    uint32_t len;
    mc_value_t items[];
} mc_tuple_t;

// range(start, stop, step): len is the number of items.
typedef struct {
    int32_t start;
    int32_t stop;
    int32_t step;
    uint32_t len;
} mc_range_t;

// A new list or tuple (tag MC_T_LIST or MC_T_TUPLE) of n int 0 values.
mc_value_t mc_seq_alloc(uint32_t tag, uint32_t n);

// A new list or tuple (tag MC_T_LIST or MC_T_TUPLE) of n values copied from `items`, which must
// stay reachable by the collector (on the VM stack or inside a live object).
mc_value_t mc_seq_new(uint32_t tag, const mc_value_t *items, uint32_t n);

// The items of a list or tuple.
mc_value_t *mc_seq_items(mc_value_t v, uint32_t *n);

// a + b for two sequences of the same type; s * n.
mc_value_t mc_seq_concat(mc_value_t a, mc_value_t b);
mc_value_t mc_seq_repeat(mc_value_t s, int32_t n);

// Turn Python index i into an offset below len; false if out of range.
// (Lengths are below 2**31, so a still-negative sum wraps to a value >= len.)
static inline bool mc_seq_offset(int32_t i, uint32_t len, uint32_t *offset) {
    uint32_t k = (uint32_t)i;
    if (i < 0) {
        k += len;
    }
    *offset = k;
    return k < len;
}

// Number of items of range(start, stop, step), step != 0.
uint32_t mc_range_len(int32_t start, int32_t stop, int32_t step);

// range(args...) with 1 to 3 int arguments.
mc_value_t mc_range_new(const mc_value_t *args, uint32_t n);

// Whether v can be iterated (str, list, tuple, range, dict, dict views, iterators); with
// TypeError if not.
bool mc_seq_check_iterable(mc_value_t v);
bool mc_seq_is_iterable(mc_value_t v);

// The next item of an iteration over v at position *k (for a str a byte offset, for a dict see
// mc_dict_next, for an iterator unused, else an index):
// 1 with *item set and *k advanced, 0 when exhausted, -1 with an exception pending.
int mc_seq_next(mc_value_t v, uint32_t *k, mc_value_t *item);

// The items of *slot as a list or tuple: lists and tuples as they are, any other iterable as a
// new list of its items (stored back into *slot, which must be a GC root). False with TypeError
// pending if *slot is not iterable (or MemoryError).
bool mc_seq_materialize(mc_value_t *slot, mc_value_t **items, uint32_t *n);

// UNPACK_SEQUENCE: replace the iterable at *top (a GC root) by a new tuple of its n items;
// false with an exception pending if it is not iterable or has another length.
bool mc_seq_unpack(mc_value_t *top, uint32_t n);

// v[start:stop:step] (bounds are ints or None).
mc_value_t mc_seq_slice(mc_value_t v, const mc_value_t *bounds);
// v[start:stop:step] = *value for a list v; *value must be a GC root. None or mc_error().
mc_value_t mc_seq_store_slice(mc_value_t v, const mc_value_t *bounds, mc_value_t *value);

// Replace the `count` items of list l from `start` with the m values at src (which may lie in
// l's own items); false with MemoryError pending.
bool mc_list_replace(mc_value_t l, uint32_t start, uint32_t count, const mc_value_t *src,
    uint32_t m);

// Sort the items of list l in place with `<` (stable), descending if `reverse`; false with an
// exception pending.
bool mc_list_sort(mc_value_t l, bool reverse);

// del v[start:stop:step] for a list v.
mc_value_t mc_seq_delete_slice(mc_value_t v, const mc_value_t *bounds);

#endif // MC_SEQ_H
