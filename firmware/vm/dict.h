// Dicts, their views, and the lazy iterators (enumerate, zip, reversed).
//
// A dict is compact, as CPython's: the entries (key, value) sit in insertion order in one array,
// and a separate index of u16 slots, a power of two at least twice the entry capacity, maps a
// hash to an entry (slot value = entry number + 1, 0 = empty; probing as CPython's perturbation
// scheme). Iteration, repr and == walk the entry array, so order costs nothing; the index keeps
// lookups O(1) at 4 bytes per entry. A deleted entry keeps its index slot with its key set to
// UNBOUND (probes step over it) until the next rebuild compacts the entries. Entries and index
// share one MC_GC_ITEMS chunk: 20 bytes per entry of capacity, and no per-entry allocation.
//
// Views (d.keys(), ...) are not objects: the value's tag says which view, its payload is the
// dict's reference.
#ifndef MC_DICT_H
#define MC_DICT_H

#include "mc_marshal.h"
#include "value.h"

typedef struct {
    uint32_t used;      // live entries
    uint32_t fill;      // entries appended, live or deleted
    uint32_t cap;       // entry capacity (a power of two, or 0); the index has 2 * cap slots
    mc_ref_t mem;       // MC_GC_ITEMS chunk: cap entries, then the index; 0 when cap is 0
} mc_dict_t;

typedef struct {
    mc_value_t key;     // MC_T_UNBOUND: deleted
    mc_value_t value;
} mc_entry_t;

// The most entries a dict holds (u16 index slots).
#define MC_DICT_MAX_CAP 16384u

mc_value_t mc_dict_new(void);

// d[key]: 1 with *value set, 0 if missing, -1 with an exception pending (unhashable key).
int mc_dict_get(mc_value_t d, mc_value_t key, mc_value_t *value);
// d[key] = value; key and value must be GC roots. False with an exception pending.
bool mc_dict_set(mc_value_t d, mc_value_t key, mc_value_t value);
// Remove key: 1 with *value set to its value, 0 if missing, -1 with an exception pending.
int mc_dict_pop(mc_value_t d, mc_value_t key, mc_value_t *value);
// d[key], or KeyError.
mc_value_t mc_dict_subscr(mc_value_t d, mc_value_t key);
// a == b for two dicts: 1, 0, or -1 with an exception pending.
int mc_dict_equal(mc_value_t a, mc_value_t b);
// The entries of d (or of the dict a view belongs to); *fill entries, deleted ones included.
mc_entry_t *mc_dict_entries(mc_value_t d, uint32_t *fill);
uint32_t mc_dict_len(mc_value_t d);
// Update d from *src (a GC root): a dict, or an iterable of pairs. False with an exception.
bool mc_dict_update(mc_value_t d, mc_value_t *src);

// The next item of a dict or view iterated at state *k (see mc_seq_next).
int mc_dict_next(mc_value_t v, uint32_t *k, mc_value_t *item);

// Lazy iterators; their kinds are MC_ITER_* (mc_marshal.h, from marshal.ITERATORS).

typedef struct {
    uint32_t kind;
    int32_t count;      // enumerate: the next number; reversed: items left
    uint32_t n;         // sources: src holds n (iterable, int state) pairs
    uint32_t pad;
    mc_value_t src[];
} mc_iter_t;

// A new iterator of `kind` over the n iterables at args (GC roots).
mc_value_t mc_iter_new(uint32_t kind, mc_value_t *args, uint32_t n, int32_t count);
int mc_iter_next(mc_value_t it, mc_value_t *item);

#endif // MC_DICT_H
