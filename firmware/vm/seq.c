// Lists and tuples.
#include <string.h>

#include "dict.h"
#include "exc.h"
#include "gc.h"
#include "opcodes.h"
#include "ops.h"
#include "seq.h"
#include "str.h"

#define MAX_ITEMS ((UINT32_MAX - (uint32_t)sizeof(mc_tuple_t)) / (uint32_t)sizeof(mc_value_t))

mc_value_t mc_seq_alloc(uint32_t tag, uint32_t n) {
    if (n > MAX_ITEMS) {
        return mc_exc_raise(MC_MSG_SEQ_TOO_LONG);
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
    mc_value_t v = mc_seq_alloc(tag, n);
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
        return mc_exc_raise(MC_MSG_SEQ_TOO_LONG);
    }
    mc_value_t r = mc_seq_alloc(a.tag, na + nb);
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
        return mc_seq_alloc(s.tag, 0);
    }
    if ((uint32_t)n > MAX_ITEMS / len) {
        return mc_exc_raise(MC_MSG_SEQ_TOO_LONG);
    }
    uint32_t total = len * (uint32_t)n, k;
    mc_value_t r = mc_seq_alloc(s.tag, total);
    if (!mc_is_error(r)) {
        mc_value_t *d = mc_seq_items(r, &k);
        for (uint32_t i = 0; i < total; i += len) {
            memcpy(d + i, mc_seq_items(s, &k), len * sizeof(mc_value_t));
        }
    }
    return r;
}

// -- range ----------------------------------------------------------------------------------------

static mc_value_t not_an_int(mc_value_t v) {
    return mc_exc_raise(MC_MSG_NOT_INTEGER, mc_type(v));
}

// Items of start, start + step, ... before stop: computed in unsigned 32-bit arithmetic.
uint32_t mc_range_len(int32_t start, int32_t stop, int32_t step) {
    if (step > 0 ? start >= stop : start <= stop) {
        return 0;
    }
    uint32_t span = step > 0 ? (uint32_t)stop - (uint32_t)start : (uint32_t)start - (uint32_t)stop;
    uint32_t magnitude = step > 0 ? (uint32_t)step : 0u - (uint32_t)step;
    return (span - 1) / magnitude + 1;
}

static mc_value_t range_make(int32_t start, int32_t stop, int32_t step, uint32_t len) {
    mc_range_t *r = mc_gc_alloc((uint32_t)sizeof(mc_range_t), MC_T_RANGE);
    if (!r) {
        return mc_error();
    }
    *r = (mc_range_t){start, stop, step, len};
    return mc_obj(MC_T_RANGE, r);
}

mc_value_t mc_range_new(const mc_value_t *args, uint32_t n) {
    int32_t v[3] = {0, 0, 1};
    for (uint32_t i = 0; i < n; i++) {
        if (!mc_is_intlike(args[i])) {
            return not_an_int(args[i]);
        }
        v[n == 1 ? 1 : i] = args[i].i;
    }
    if (v[2] == 0) {
        return mc_exc_raise(MC_MSG_RANGE_STEP_ZERO);
    }
    return range_make(v[0], v[1], v[2], mc_range_len(v[0], v[1], v[2]));
}

// -- Iteration ------------------------------------------------------------------------------------

bool mc_seq_is_iterable(mc_value_t v) {
    return (v.tag >= MC_T_STR && v.tag <= MC_T_RANGE) || (v.tag >= MC_T_DICT && v.tag <= MC_T_ITER);
}

bool mc_seq_check_iterable(mc_value_t v) {
    if (mc_seq_is_iterable(v)) {
        return true;
    }
    mc_exc_raise(MC_MSG_NOT_ITERABLE, mc_type(v));
    return false;
}

static uint32_t utf8_end(const mc_str_t *s, uint32_t i) {
    uint32_t n = mc_str_bytes(s);
    while (++i < n && ((uint8_t)s->data[i] & 0xC0) == 0x80) {
    }
    return i;
}

#ifdef MC_VM_STEP_HOOK
void MC_VM_STEP_HOOK(void);
#endif

int mc_seq_next(mc_value_t v, uint32_t *k, mc_value_t *item) {
#ifdef MC_VM_STEP_HOOK
    // Bounded runs (the fuzzer) also count each item a scan inside one instruction visits.
    MC_VM_STEP_HOOK();
#endif
    uint32_t i = *k, n;
    if (v.tag >= MC_T_DICT) {
        return v.tag == MC_T_ITER ? mc_iter_next(v, item) : mc_dict_next(v, k, item);
    }
    if (v.tag == MC_T_STR) {
        const mc_str_t *s = mc_str(v);
        if (i >= mc_str_bytes(s)) {
            return 0;
        }
        uint32_t end = utf8_end(s, i);
        *item = mc_str_new(s->data + i, end - i);
        *k = end;
        return mc_is_error(*item) ? -1 : 1;
    }
    if (v.tag == MC_T_RANGE) {
        const mc_range_t *r = mc_ptr(v.r);
        if (i >= r->len) {
            return 0;
        }
        *item = mc_int((int32_t)((uint32_t)r->start + i * (uint32_t)r->step));
    } else {
        // Only GET_ITER makes an iteration, but a valid image may jump into FOR_ITER without it.
        if (!mc_seq_check_iterable(v)) {
            return -1;
        }
        const mc_value_t *items = mc_seq_items(v, &n);
        if (i >= n) {
            return 0;
        }
        *item = items[i];
    }
    *k = i + 1;
    return 1;
}

bool mc_seq_materialize(mc_value_t *slot, mc_value_t **items, uint32_t *n) {
    mc_value_t v = *slot;
    if (v.tag == MC_T_LIST || v.tag == MC_T_TUPLE) {
        *items = mc_seq_items(v, n);
        return true;
    }
    if (!mc_seq_check_iterable(v)) {
        return false;
    }
    // Any other iterable: append its items to a new list.
    mc_value_t l = mc_seq_alloc(MC_T_LIST, 0);
    if (mc_is_error(l)) {
        return false;
    }
    mc_value_t *pin = mc_gc_pin(l), *item = mc_gc_pin(mc_none());
    uint32_t k = 0;
    int r;
    while ((r = mc_seq_next(v, &k, item)) > 0) {
        uint32_t len;
        mc_seq_items(l, &len);
        if (!mc_list_replace(l, len, 0, item, 1)) {
            r = -1;
            break;
        }
    }
    mc_gc_unpin(pin);
    if (r < 0) {
        return false;
    }
    *slot = l;
    *items = mc_seq_items(l, n);
    return true;
}

bool mc_seq_unpack(mc_value_t *top, uint32_t want) {
    mc_value_t *items;
    uint32_t n;
    if (!mc_seq_is_iterable(*top)) {
        mc_exc_raise(MC_MSG_UNPACK_NON_ITERABLE, mc_type(*top));
        return false;
    }
    if (!mc_seq_materialize(top, &items, &n)) {
        return false;
    }
    if (n != want) {
        mc_exc_raise(n < want ? MC_MSG_UNPACK_FEW : MC_MSG_UNPACK_MANY, mc_int((int32_t)want),
            mc_int((int32_t)n));
        return false;
    }
    // A copy, so that storing into the targets cannot change the items still to be stored.
    *top = mc_seq_new(MC_T_TUPLE, items, n);
    return !mc_is_error(*top);
}

// -- Slices ---------------------------------------------------------------------------------------

typedef struct {
    int32_t start;
    int32_t stop;       // as slice.indices() gives it (a range slice keeps it, as in CPython)
    int32_t step;
    uint32_t count;
} slice_t;

// CPython's slice adjustment of bounds[0..2] (ints or None) to a sequence of len items.
static bool slice_indices(const mc_value_t *bounds, uint32_t len, slice_t *sl) {
    for (int i = 0; i < 3; i++) {
        if (bounds[i].tag != MC_T_NONE && !mc_is_intlike(bounds[i])) {
            mc_exc_raise(MC_MSG_SLICE_INDEX_TYPE);
            return false;
        }
    }
    int32_t step = bounds[2].tag == MC_T_NONE ? 1 : bounds[2].i;
    if (step == 0) {
        mc_exc_raise(MC_MSG_SLICE_STEP_ZERO);
        return false;
    }
    int64_t at[2];
    for (int i = 0; i < 2; i++) {
        // An omitted bound is "beyond the end" in the direction it stands for.
        int64_t x = bounds[i].tag == MC_T_NONE ? ((i == 0) == (step < 0) ? 1LL << 40 : -(1LL << 40))
                                               : bounds[i].i;
        if (x < 0) {
            x += len;
            if (x < 0) {
                x = step < 0 ? -1 : 0;
            }
        } else if (x >= len) {
            x = step < 0 ? (int64_t)len - 1 : len;
        }
        at[i] = x;
    }
    sl->start = (int32_t)at[0];
    sl->stop = (int32_t)at[1];
    sl->step = step;
    sl->count = mc_range_len((int32_t)at[0], (int32_t)at[1], step);
    return true;
}

// Byte offset of code point i of s.
static uint32_t cp_offset(const mc_str_t *s, uint32_t i) {
    uint32_t off = 0;
    while (i--) {
        off = utf8_end(s, off);
    }
    return off;
}

mc_value_t mc_seq_slice(mc_value_t v, const mc_value_t *bounds) {
    uint32_t len, n;
    mc_value_t *items = NULL;
    if (v.tag == MC_T_STR) {
        len = mc_str_length(mc_str(v));
    } else if (v.tag == MC_T_RANGE) {
        len = ((const mc_range_t *)mc_ptr(v.r))->len;
    } else if (v.tag == MC_T_LIST || v.tag == MC_T_TUPLE) {
        items = mc_seq_items(v, &len);
    } else {
        return mc_exc_raise(MC_MSG_NOT_SUBSCRIPTABLE, mc_type(v));
    }
    slice_t sl;
    if (!slice_indices(bounds, len, &sl)) {
        return mc_error();
    }
    uint32_t start = (uint32_t)sl.start, step = (uint32_t)sl.step;
    if (v.tag == MC_T_RANGE) {
        const mc_range_t *r = mc_ptr(v.r);
        uint32_t rs = (uint32_t)r->start, rstep = (uint32_t)r->step;
        uint32_t stop = (uint32_t)sl.stop;
        return range_make((int32_t)(rs + start * rstep), (int32_t)(rs + stop * rstep),
            (int32_t)(step * rstep), sl.count);
    }
    if (v.tag == MC_T_STR) {
        const mc_str_t *s = mc_str(v);
        mc_str_builder_t b;
        mc_str_builder_init(&b);
        for (uint32_t k = 0; k < sl.count; k++) {
            uint32_t off = cp_offset(s, start + k * step);
            if (!mc_out_put(&b.out, s->data + off, utf8_end(s, off) - off)) {
                mc_str_builder_drop(&b);
                return mc_error();
            }
        }
        return mc_str_builder_finish(&b);
    }
    mc_value_t r = mc_seq_alloc(v.tag, sl.count);
    if (!mc_is_error(r)) {
        mc_value_t *d = mc_seq_items(r, &n);
        items = mc_seq_items(v, &n);
        for (uint32_t k = 0; k < sl.count; k++) {
            d[k] = items[start + k * step];
        }
    }
    return r;
}

mc_value_t mc_seq_store_slice(mc_value_t v, const mc_value_t *bounds, mc_value_t *value) {
    if (v.tag != MC_T_LIST) {
        return mc_exc_raise(MC_MSG_NO_ITEM_ASSIGN, mc_type(v));
    }
    uint32_t len, m;
    mc_value_t *items = mc_seq_items(v, &len), *src;
    slice_t sl;
    if (!slice_indices(bounds, len, &sl)) {
        return mc_error();
    }
    if (!mc_seq_is_iterable(*value)) {
        return mc_exc_raise(sl.step == 1 ? MC_MSG_ASSIGN_ITERABLE : MC_MSG_ASSIGN_EXTENDED_ITERABLE);
    }
    if (value->r == v.r && value->tag == v.tag) {
        // a[::-1] = a: copy the items first.
        *value = mc_seq_new(MC_T_TUPLE, items, len);
        if (mc_is_error(*value)) {
            return mc_error();
        }
    }
    if (!mc_seq_materialize(value, &src, &m)) {
        return mc_error();
    }
    if (sl.step == 1) {
        return mc_list_replace(v, (uint32_t)sl.start, sl.count, src, m) ? mc_none() : mc_error();
    }
    if (m != sl.count) {
        return mc_exc_raise(MC_MSG_EXTENDED_SLICE_SIZE, mc_int((int32_t)m),
            mc_int((int32_t)sl.count));
    }
    items = mc_seq_items(v, &len);
    for (uint32_t k = 0; k < m; k++) {
        items[(uint32_t)sl.start + k * (uint32_t)sl.step] = src[k];
    }
    return mc_none();
}

mc_value_t mc_seq_delete_slice(mc_value_t v, const mc_value_t *bounds) {
    if (v.tag != MC_T_LIST) {
        return mc_exc_raise(MC_MSG_NO_ITEM_DELETE, mc_type(v));
    }
    uint32_t len;
    mc_value_t *items = mc_seq_items(v, &len);
    slice_t sl;
    if (!slice_indices(bounds, len, &sl)) {
        return mc_error();
    }
    if (sl.step < 0 && sl.count) {
        // The same items, visited upwards.
        sl.start += (int32_t)(sl.count - 1) * sl.step;
        sl.step = -sl.step;
    }
    // Keep the items not in the slice, in order.
    uint32_t out = 0, next = (uint32_t)sl.start, left = sl.count;
    for (uint32_t i = 0; i < len; i++) {
        if (left && i == next) {
            left--;
            next += (uint32_t)sl.step;
        } else {
            items[out++] = items[i];
        }
    }
    mc_list_replace(v, out, len - out, NULL, 0);    // shrinking never allocates
    return mc_none();
}

// -- Lists ----------------------------------------------------------------------------------------

bool mc_list_replace(mc_value_t lv, uint32_t start, uint32_t count, const mc_value_t *src,
    uint32_t m) {
    mc_list_t *l = mc_ptr(lv.r);
    uint32_t n = l->len, tail = n - start - count;
    if (m > MAX_ITEMS - (n - count)) {
        mc_exc_raise(MC_MSG_SEQ_TOO_LONG);
        return false;
    }
    uint32_t new_len = n - count + m;
    mc_value_t *items = l->items ? mc_ptr(l->items) : NULL;
    bool aliased = items && src >= items && src < items + l->cap;
    const size_t v = sizeof(mc_value_t);
    if (new_len <= l->cap && !aliased) {
        if (tail) {
            memmove(items + start + m, items + start + count, tail * v);
        }
    } else {
        uint32_t cap = new_len + (new_len >> 1) + 2;
        cap = cap > MAX_ITEMS || cap < new_len ? new_len : cap;
        mc_value_t *d = mc_gc_alloc(cap * (uint32_t)v, MC_GC_ITEMS);
        if (!d) {
            return false;
        }
        if (start) {
            memcpy(d, items, start * v);
        }
        if (tail) {
            memcpy(d + start + m, items + start + count, tail * v);
        }
        // An aliased source (a.extend(a), a[i:j] = a) lies in the old array, still intact.
        l->items = mc_ref(d);
        l->cap = cap;
        items = d;
    }
    if (m) {
        memmove(items + start, src, m * v);
    }
    l->len = new_len;
    return true;
}

bool mc_list_sort(mc_value_t lv, bool reverse) {
    uint32_t n;
    mc_value_t *a = mc_seq_items(lv, &n);
    // Binary insertion sort: stable, O(n log n) comparisons.
    for (uint32_t i = 1; i < n; i++) {
        mc_value_t x = a[i];
        uint32_t lo = 0, hi = i;
        while (lo < hi) {
            uint32_t mid = (lo + hi) / 2;
            // Reversed, equal items keep their order too (as CPython's reverse=True).
            mc_value_t r = reverse ? mc_ops_compare(MC_OPCODE_COMPARE_LT, a[mid], x)
                                   : mc_ops_compare(MC_OPCODE_COMPARE_LT, x, a[mid]);
            if (mc_is_error(r)) {
                return false;
            }
            if (r.i) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        memmove(a + lo + 1, a + lo, (i - lo) * sizeof(mc_value_t));
        a[lo] = x;
    }
    return true;
}
