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

#endif // MC_SEQ_H
