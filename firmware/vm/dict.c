// Dicts and the lazy iterators (see dict.h).
#include <string.h>

#include "dict.h"
#include "exc.h"
#include "gc.h"
#include "ops.h"
#include "seq.h"
#include "str.h"

#define MIN_CAP 4u

static mc_dict_t *dict_of(mc_value_t v) {
    return mc_ptr(v.r);
}

static mc_entry_t *entries_of(const mc_dict_t *d) {
    return mc_ptr(d->mem);
}

static uint16_t *index_of(const mc_dict_t *d) {
    return (uint16_t *)(entries_of(d) + d->cap);
}

mc_value_t mc_dict_new(void) {
    mc_dict_t *d = mc_gc_alloc((uint32_t)sizeof(mc_dict_t), MC_T_DICT);
    return d ? mc_obj(MC_T_DICT, d) : mc_error();
}

mc_entry_t *mc_dict_entries(mc_value_t v, uint32_t *fill) {
    mc_dict_t *d = dict_of(v);
    *fill = d->fill;
    return d->cap ? entries_of(d) : NULL;
}

uint32_t mc_dict_len(mc_value_t v) {
    return dict_of(v)->used;
}

// -- Hashing --------------------------------------------------------------------------------------

// Keys that compare equal hash alike: 1, True and 1.0 are one key, as in CPython.
static bool hash(mc_value_t k, uint32_t *h) {
    uint32_t x;
    switch (k.tag) {
        case MC_T_INT:
        case MC_T_BOOL:
            x = k.u;
            break;
        case MC_T_FLOAT:
            if (k.f >= -2147483648.0f && k.f < 2147483648.0f && (float)(int32_t)k.f == k.f) {
                x = (uint32_t)(int32_t)k.f;
            } else {
                x = k.u;
            }
            break;
        case MC_T_STR: {
            const mc_str_t *s = mc_str(k);
            x = 2166136261u;
            for (uint32_t i = 0, n = mc_str_bytes(s); i < n; i++) {
                x = (x ^ (uint8_t)s->data[i]) * 16777619u;
            }
            break;
        }
        case MC_T_TUPLE: {
            uint32_t n;
            const mc_value_t *items = mc_seq_items(k, &n);
            x = 0x345678u;
            for (uint32_t i = 0; i < n; i++) {
                uint32_t y;
                if (!hash(items[i], &y)) {
                    return false;
                }
                x = (x ^ y) * 1000003u + n;
            }
            break;
        }
        case MC_T_RANGE: {
            const mc_range_t *r = mc_ptr(k.r);
            x = r->len ^ (uint32_t)r->start * 31u ^ (r->len > 1 ? (uint32_t)r->step * 1009u : 0);
            break;
        }
        case MC_T_LIST:
        case MC_T_DICT:
        case MC_T_KEYS:
        case MC_T_VALUES:
        case MC_T_ITEMS:
            mc_exc_raise(MC_MSG_UNHASHABLE, mc_type(k));
            return false;
        default:        // None, functions, builtins, iterators: by identity
            x = k.u ^ k.tag * 0x9E3779B1u;
            break;
    }
    *h = x;
    return true;
}

// The entry holding key (hash h), or -1 with *slot the empty index slot ending its probe
// sequence; -2 with an exception pending.
static int32_t find(const mc_dict_t *d, mc_value_t key, uint32_t h, uint32_t *slot) {
    if (!d->cap) {
        return -1;
    }
    const mc_entry_t *e = entries_of(d);
    const uint16_t *index = index_of(d);
    uint32_t mask = 2 * d->cap - 1, i = h & mask, perturb = h;
    for (;;) {
        uint32_t x = index[i];
        if (!x) {
            *slot = i;
            return -1;
        }
        mc_value_t k = e[x - 1].key;
        if (k.tag != MC_T_UNBOUND) {
            int r = (k.tag == key.tag && k.u == key.u) ? 1 : mc_ops_equal(k, key);
            if (r) {
                return r < 0 ? -2 : (int32_t)(x - 1);
            }
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
}

// Move the live entries into a new chunk of `cap` entries and rebuild the index.
static bool rebuild(mc_dict_t *d, uint32_t cap) {
    mc_entry_t *ne = mc_gc_alloc(cap * (uint32_t)(sizeof(mc_entry_t) + 2 * sizeof(uint16_t)),
        MC_GC_ITEMS);
    if (!ne) {
        return false;
    }
    const mc_entry_t *old = d->cap ? entries_of(d) : NULL;
    uint32_t n = 0;
    for (uint32_t i = 0; i < d->fill; i++) {
        if (old[i].key.tag != MC_T_UNBOUND) {
            ne[n++] = old[i];
        }
    }
    d->mem = mc_ref(ne);
    d->cap = cap;
    d->fill = d->used = n;
    uint16_t *index = index_of(d);
    for (uint32_t k = 0; k < n; k++) {
        uint32_t h, slot = 0;
        hash(ne[k].key, &h);        // hashed before, cannot fail
        find(d, ne[k].key, h, &slot);
        index[slot] = (uint16_t)(k + 1);
    }
    return true;
}

// Look key up in d: 1 with *e its entry, 0 if missing (with *h its hash and *slot the free index
// slot), -1 with an exception pending (unhashable).
static int lookup(const mc_dict_t *d, mc_value_t key, uint32_t *h, uint32_t *slot, mc_entry_t **e) {
    if (!hash(key, h)) {
        return -1;
    }
    int32_t at = find(d, key, *h, slot);
    *e = entries_of(d) + at;
    return at >= 0 ? 1 : at + 1;
}

int mc_dict_get(mc_value_t dv, mc_value_t key, mc_value_t *value) {
    uint32_t h, slot;
    mc_entry_t *e;
    int r = lookup(dict_of(dv), key, &h, &slot, &e);
    if (r > 0) {
        *value = e->value;
    }
    return r;
}

mc_value_t mc_dict_subscr(mc_value_t d, mc_value_t key) {
    mc_value_t v;
    int r = mc_dict_get(d, key, &v);
    return r > 0 ? v : r == 0 ? mc_exc_raise(MC_MSG_KEY, key) : mc_error();
}

bool mc_dict_set(mc_value_t dv, mc_value_t key, mc_value_t value) {
    uint32_t h, slot = 0;
    mc_dict_t *d = dict_of(dv);
    mc_entry_t *e;
    int r = lookup(d, key, &h, &slot, &e);
    if (r < 0) {
        return false;
    }
    if (r) {
        e->value = value;
        return true;
    }
    if (d->fill == d->cap) {
        uint32_t cap = MIN_CAP;
        while (cap < d->used + d->used / 2 + 1) {
            cap *= 2;
        }
        if (cap > MC_DICT_MAX_CAP) {
            mc_exc_raise(MC_MSG_DICT_TOO_LARGE);
            return false;
        }
        if (!rebuild(d, cap)) {
            return false;
        }
        find(d, key, h, &slot);
    }
    entries_of(d)[d->fill] = (mc_entry_t){key, value};
    index_of(d)[slot] = (uint16_t)++d->fill;
    d->used++;
    return true;
}

int mc_dict_pop(mc_value_t dv, mc_value_t key, mc_value_t *value) {
    uint32_t h, slot;
    mc_dict_t *d = dict_of(dv);
    mc_entry_t *e;
    int r = lookup(d, key, &h, &slot, &e);
    if (r > 0) {
        *value = e->value;
        *e = (mc_entry_t){mc_unbound(), mc_none()};
        d->used--;
    }
    return r;
}

int mc_dict_equal(mc_value_t a, mc_value_t b) {
    if (mc_dict_len(a) != mc_dict_len(b)) {
        return 0;
    }
    uint32_t fill;
    const mc_entry_t *e = mc_dict_entries(a, &fill);
    for (uint32_t i = 0; i < fill; i++) {
        mc_value_t v;
        if (e[i].key.tag == MC_T_UNBOUND) {
            continue;
        }
        int r = mc_dict_get(b, e[i].key, &v);
        if (r == 1) {
            r = (v.tag == e[i].value.tag && v.u == e[i].value.u) ? 1 : mc_ops_equal(v, e[i].value);
        }
        if (r != 1) {
            return r;
        }
    }
    return 1;
}

bool mc_dict_update(mc_value_t d, mc_value_t *src) {
    if (src->tag == MC_T_DICT) {
        src->tag = MC_T_ITEMS;      // a dict updates with its pairs
    }
    mc_value_t *items;
    uint32_t n;
    if (!mc_seq_materialize(src, &items, &n)) {
        return false;
    }
    // Each item must unpack to a pair (CPython's TypeError or ValueError otherwise).
    mc_value_t *pair = mc_gc_pin(mc_none());
    bool ok = true;
    for (uint32_t i = 0; ok && i < n; i++) {
        *pair = mc_seq_items(*src, &n)[i];
        ok = mc_seq_unpack(pair, 2);
        if (ok) {
            const mc_value_t *kv = mc_seq_items(*pair, &n);
            ok = mc_dict_set(d, kv[0], kv[1]);
            mc_seq_items(*src, &n);
        }
    }
    mc_gc_unpin(pair);
    return ok;
}

// State: the next entry in the low 16 bits, the size when iteration began plus one above.
int mc_dict_next(mc_value_t v, uint32_t *k, mc_value_t *item) {
    const mc_dict_t *d = dict_of(v);
    uint32_t size = *k >> 16, pos = *k & 0xFFFFu;
    if (!size) {
        size = d->used + 1;
    } else if (size != d->used + 1) {
        mc_exc_raise(MC_MSG_DICT_CHANGED);
        return -1;
    }
    const mc_entry_t *e = d->cap ? entries_of(d) : NULL;
    while (pos < d->fill && e[pos].key.tag == MC_T_UNBOUND) {
        pos++;
    }
    if (pos >= d->fill) {
        return 0;
    }
    *k = (pos + 1) | size << 16;
    if (v.tag == MC_T_ITEMS) {
        *item = mc_seq_new(MC_T_TUPLE, &e[pos].key, 2);
        return mc_is_error(*item) ? -1 : 1;
    }
    *item = v.tag == MC_T_VALUES ? e[pos].value : e[pos].key;
    return 1;
}

// -- Iterators ------------------------------------------------------------------------------------

mc_value_t mc_iter_new(uint32_t kind, mc_value_t *args, uint32_t n, int32_t count) {
    for (uint32_t i = 0; i < n; i++) {
        if (kind == MC_ITER_REVERSED) {
            // Sequences: str, list, tuple, range.
            mc_value_t len = mc_ops_len(args[0]);
            if (args[0].tag < MC_T_STR || args[0].tag > MC_T_RANGE || mc_is_error(len)) {
                return mc_exc_raise(MC_MSG_NOT_REVERSIBLE, mc_type(args[0]));
            }
            count = len.i;
        } else if (!mc_seq_check_iterable(args[i])) {
            return mc_error();
        }
    }
    mc_iter_t *it = mc_gc_alloc((uint32_t)sizeof(mc_iter_t) + 2 * n * (uint32_t)sizeof(mc_value_t),
        MC_T_ITER);
    if (!it) {
        return mc_error();
    }
    it->kind = kind;
    it->count = count;
    it->n = n;
    for (uint32_t i = 0; i < n; i++) {
        it->src[2 * i] = args[i];
        it->src[2 * i + 1] = mc_int(0);
    }
    return mc_obj(MC_T_ITER, it);
}

int mc_iter_next(mc_value_t v, mc_value_t *item) {
    mc_iter_t *it = mc_ptr(v.r);
    if (it->kind == MC_ITER_REVERSED) {
        // A list may have shrunk: stop at its end, as CPython.
        mc_value_t len = mc_ops_len(it->src[0]);
        if (it->count <= 0 || mc_is_error(len) || --it->count >= len.i) {
            it->count = 0;
            return 0;
        }
        *item = mc_ops_subscr(it->src[0], mc_int(it->count));
        return mc_is_error(*item) ? -1 : 1;
    }
    uint32_t n = it->kind == MC_ITER_ZIP ? it->n : 2;
    if (it->n == 0) {
        return 0;
    }
    mc_value_t t = mc_seq_alloc(MC_T_TUPLE, n);
    if (mc_is_error(t)) {
        return -1;
    }
    mc_value_t *pin = mc_gc_pin(t);
    mc_value_t *d = mc_seq_items(t, &n);
    uint32_t first = it->kind == MC_ITER_ENUMERATE;
    int r = 1;
    for (uint32_t i = 0; r == 1 && i < it->n; i++) {
        r = mc_seq_next(it->src[2 * i], &it->src[2 * i + 1].u, &d[first + i]);
    }
    mc_gc_unpin(pin);
    if (r == 1 && first) {
        d[0] = mc_int(it->count);
        if (__builtin_add_overflow(it->count, 1, &it->count)) {
            mc_exc_raise_overflow();
            return -1;
        }
    }
    *item = t;
    return r;
}
