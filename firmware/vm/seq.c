// Lists and tuples.
#include <string.h>

#include "exc.h"
#include "gc.h"
#include "seq.h"

#define MAX_ITEMS ((UINT32_MAX - (uint32_t)sizeof(mc_tuple_t)) / (uint32_t)sizeof(mc_value_t))

// A sequence of n items, all int 0 (zeroed memory).
static mc_value_t seq_alloc(uint32_t tag, uint32_t n) {
    if (n > MAX_ITEMS) {
        return mc_exc_raise(MC_EXC_MemoryError, "sequence too long");
    }
    uint32_t bytes = n * (uint32_t)sizeof(mc_value_t);
    if (tag == MC_T_TUPLE) {
        mc_tuple_t *t = mc_gc_alloc((uint32_t)sizeof(mc_tuple_t) + bytes, MC_T_TUPLE);
        if (!t) {
            return mc_error();
        }
        t->len = n;
        return mc_obj(MC_T_TUPLE, t);
    }
    mc_list_t *l = mc_gc_alloc((uint32_t)sizeof(mc_list_t), MC_T_LIST);
    if (!l) {
        return mc_error();
    }
    mc_value_t v = mc_obj(MC_T_LIST, l);
    if (n) {
        mc_value_t *pin = mc_gc_pin(v);
        void *items = mc_gc_alloc(bytes, MC_GC_ITEMS);
        mc_gc_unpin(pin);
        if (!items) {
            return mc_error();
        }
        l->items = mc_ref(items);
        l->len = l->cap = n;
    }
    return v;
}

mc_value_t *mc_seq_items(mc_value_t v, uint32_t *n) {
    if (v.tag == MC_T_TUPLE) {
        mc_tuple_t *t = mc_ptr(v.r);
        *n = t->len;
        return t->items;
    }
    mc_list_t *l = mc_ptr(v.r);
    *n = l->len;
    return l->items ? mc_ptr(l->items) : NULL;
}

mc_value_t mc_seq_new(uint32_t tag, const mc_value_t *items, uint32_t n) {
    mc_value_t v = seq_alloc(tag, n);
    if (!mc_is_error(v) && n) {
        uint32_t len;
        memcpy(mc_seq_items(v, &len), items, n * sizeof(mc_value_t));
    }
    return v;
}

mc_value_t mc_seq_concat(mc_value_t a, mc_value_t b) {
    uint32_t na, nb, n;
    mc_seq_items(a, &na);
    mc_seq_items(b, &nb);
    if (nb > MAX_ITEMS - na) {
        return mc_exc_raise(MC_EXC_MemoryError, "sequence too long");
    }
    mc_value_t r = seq_alloc(a.tag, na + nb);
    if (!mc_is_error(r) && na + nb) {
        mc_value_t *d = mc_seq_items(r, &n);
        if (na) {
            memcpy(d, mc_seq_items(a, &na), na * sizeof(mc_value_t));
        }
        if (nb) {
            memcpy(d + na, mc_seq_items(b, &nb), nb * sizeof(mc_value_t));
        }
    }
    return r;
}

mc_value_t mc_seq_repeat(mc_value_t s, int32_t n) {
    uint32_t len;
    mc_seq_items(s, &len);
    if (n <= 0 || len == 0) {
        return seq_alloc(s.tag, 0);
    }
    if ((uint32_t)n > MAX_ITEMS / len) {
        return mc_exc_raise(MC_EXC_MemoryError, "sequence too long");
    }
    uint32_t total = len * (uint32_t)n, k;
    mc_value_t r = seq_alloc(s.tag, total);
    if (!mc_is_error(r)) {
        mc_value_t *d = mc_seq_items(r, &k);
        for (uint32_t i = 0; i < total; i += len) {
            memcpy(d + i, mc_seq_items(s, &k), len * sizeof(mc_value_t));
        }
    }
    return r;
}
