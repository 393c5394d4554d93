// The mark-sweep collector (see gc.h for the chunk layout).
#include <string.h>

#include "dict.h"
#include "exc.h"
#include "gc.h"
#include "seq.h"
#include "port.h"
#include "vm.h"

#define GRANULE 8u
#define WORDS_PER_GRANULE (GRANULE / sizeof(uint32_t))
#define HEAD_BYTES ((uint32_t)sizeof(uint32_t))
#define MARK 1u
#define KIND_SHIFT 1
#define KIND_MASK 0x7Fu
#define SIZE_SHIFT 8
#define MAX_CHUNK_GRANULES (UINT32_MAX >> SIZE_SHIFT)

typedef struct {
    uint8_t *lo;                // heap bounds, granule aligned
    uint8_t *hi;
    mc_ref_t free;              // first free chunk, 0: none
    uint32_t n_pinned;
    bool mark_overflow;         // the mark stack overflowed: rescan marked objects
    uint32_t mark_top;
    mc_ref_t mark_stack[MC_GC_MARK_STACK];
    mc_value_t pinned[MC_GC_TEMP_ROOTS];
} mc_gc_t;

static MC_THREAD_LOCAL mc_gc_t gc;

static uint32_t *chunk_of(mc_ref_t object) {
    return (uint32_t *)mc_ptr(object) - 1;
}

static uint32_t chunk_kind(uint32_t head) {
    return (head >> KIND_SHIFT) & KIND_MASK;
}

static uint32_t chunk_granules(uint32_t head) {
    return head >> SIZE_SHIFT;
}

static uint32_t granules_for(uint32_t bytes) {
    return (bytes + HEAD_BYTES + GRANULE - 1) / GRANULE;
}

// Put the free chunk c of n granules at the head of the free list.
static void release(uint32_t *c, uint32_t n) {
    c[0] = n << SIZE_SHIFT | MC_GC_FREE << KIND_SHIFT;
    c[1] = gc.free;
    gc.free = mc_ref(c);
}

void mc_gc_init(void *lo, void *hi) {
    memset(&gc, 0, sizeof gc);
    gc.lo = (uint8_t *)MC_ALIGN_UP((uintptr_t)lo, GRANULE);
    gc.hi = (uint8_t *)((uintptr_t)hi & ~(uintptr_t)(GRANULE - 1));
    if (gc.hi < gc.lo) {
        gc.hi = gc.lo;
    }
    // Free chunks from the top down, so the list ends up in address order.
    uint32_t total = (uint32_t)(gc.hi - gc.lo) / GRANULE;
    while (total) {
        uint32_t n = total < MAX_CHUNK_GRANULES ? total : MAX_CHUNK_GRANULES;
        total -= n;
        release((uint32_t *)(gc.lo + total * GRANULE), n);
    }
}

void *mc_gc_alloc(uint32_t bytes, uint32_t kind) {
    if (bytes <= (uint32_t)(gc.hi - gc.lo)) {
        uint32_t need = granules_for(bytes);
        for (int attempt = 0; attempt < 2; attempt++) {
            for (mc_ref_t *link = &gc.free; *link; ) {
                uint32_t *c = mc_ptr(*link);
                uint32_t have = chunk_granules(c[0]);
                if (have < need) {
                    link = &c[1];
                    continue;
                }
                if (have > need) {
                    uint32_t *rest = c + need * WORDS_PER_GRANULE;
                    rest[0] = (have - need) << SIZE_SHIFT | MC_GC_FREE << KIND_SHIFT;
                    rest[1] = c[1];
                    *link = mc_ref(rest);
                } else {
                    *link = c[1];
                }
                c[0] = need << SIZE_SHIFT | kind << KIND_SHIFT;
                memset(c + 1, 0, need * GRANULE - HEAD_BYTES);
                return c + 1;
            }
            if (attempt == 0) {
                mc_gc_collect();
            }
        }
    }
    mc_exc_raise(MC_MSG_MEMORY);
    return NULL;
}

void mc_gc_shrink(void *p, uint32_t bytes) {
    uint32_t *c = (uint32_t *)p - 1;
    uint32_t have = chunk_granules(c[0]), need = granules_for(bytes);
    if (need < have) {
        c[0] = need << SIZE_SHIFT | (c[0] & ((1u << SIZE_SHIFT) - 1));
        release(c + need * WORDS_PER_GRANULE, have - need);
    }
}

// -- Marking --------------------------------------------------------------------------------------

// Kinds of objects that hold references.
static bool is_container(uint32_t kind) {
    return kind == MC_T_LIST || kind == MC_T_TUPLE || kind == MC_T_DICT || kind == MC_T_ITER ||
           kind == MC_T_FUNCX || kind == MC_T_EXC;
}

static void mark_object(mc_ref_t object) {
    uint32_t *c = chunk_of(object);
    if (c[0] & MARK) {
        return;
    }
    c[0] |= MARK;
    uint32_t kind = chunk_kind(c[0]);
    if (is_container(kind)) {
        if (gc.mark_top < MC_GC_MARK_STACK) {
            gc.mark_stack[gc.mark_top++] = object;
        } else {
            gc.mark_overflow = true;
        }
    }
}

void mc_gc_mark(mc_value_t v) {
    if (mc_is_obj(v)) {
        uint8_t *p = mc_ptr(v.r);
        // Objects outside the heap (image constants) are never collected.
        if (p > gc.lo && p < gc.hi) {
            mark_object(v.r);
        }
    }
}

void mc_gc_mark_chunk(void *p) {
    chunk_of(mc_ref(p))[0] |= MARK;
}

void mc_gc_mark_values(const mc_value_t *v, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        mc_gc_mark(v[i]);
    }
}

static void scan_children(mc_ref_t object) {
    uint32_t kind = chunk_kind(chunk_of(object)[0]);
    if (kind == MC_T_LIST) {
        mc_list_t *l = mc_ptr(object);
        if (l->items) {
            chunk_of(l->items)[0] |= MARK;
            mc_gc_mark_values(mc_ptr(l->items), l->len);
        }
    } else if (kind == MC_T_EXC) {
        mc_gc_mark(((mc_exc_obj_t *)mc_ptr(object))->arg);
    } else if (kind == MC_T_DICT) {
        mc_dict_t *d = mc_ptr(object);
        if (d->mem) {
            chunk_of(d->mem)[0] |= MARK;
            mc_gc_mark_values(mc_ptr(d->mem), 2 * d->fill);
        }
    } else if (kind == MC_T_ITER) {
        mc_iter_t *it = mc_ptr(object);
        mc_gc_mark_values(it->src, 2 * it->n);
    } else {
        // A tuple, or a function: both start with a count of the values that follow.
        mc_tuple_t *t = mc_ptr(object);
        mc_gc_mark_values(t->items, t->len);
    }
}

static void drain(void) {
    while (gc.mark_top) {
        scan_children(gc.mark_stack[--gc.mark_top]);
    }
}

// After an overflow: scan the children of every marked container again.
static void rescan(void) {
    for (uint8_t *p = gc.lo; p < gc.hi; ) {
        uint32_t head = *(uint32_t *)p;
        uint32_t kind = chunk_kind(head);
        if ((head & MARK) && is_container(kind)) {
            scan_children(mc_ref(p + HEAD_BYTES));
            drain();
        }
        p += chunk_granules(head) * GRANULE;
    }
}

// Free every unmarked chunk, merge free neighbours and rebuild the free list in address order.
static void sweep(void) {
    mc_ref_t *link = &gc.free;
    uint32_t *run = NULL;
    for (uint8_t *p = gc.lo; p < gc.hi; ) {
        uint32_t *c = (uint32_t *)p;
        uint32_t head = c[0], n = chunk_granules(head);
        p += n * GRANULE;
        if (head & MARK) {
            c[0] = head & ~MARK;
            run = NULL;
        } else if (run && chunk_granules(run[0]) + n <= MAX_CHUNK_GRANULES) {
            run[0] += n << SIZE_SHIFT;
        } else {
            run = c;
            c[0] = n << SIZE_SHIFT | MC_GC_FREE << KIND_SHIFT;
            *link = mc_ref(c);
            link = &c[1];
        }
    }
    *link = 0;
}

void mc_gc_collect(void) {
    gc.mark_top = 0;
    gc.mark_overflow = false;
    mc_gc_mark_values(gc.pinned, gc.n_pinned);
    mc_vm_mark_roots();
    drain();
    while (gc.mark_overflow) {
        gc.mark_overflow = false;
        rescan();
    }
    sweep();
}

// -- Pinning --------------------------------------------------------------------------------------

mc_value_t *mc_gc_pin(mc_value_t v) {
    if (gc.n_pinned == MC_GC_TEMP_ROOTS) {
        mc_port_panic("too many pinned values");
    }
    mc_value_t *slot = &gc.pinned[gc.n_pinned++];
    *slot = v;
    return slot;
}

void mc_gc_unpin(mc_value_t *slot) {
    gc.n_pinned = (uint32_t)(slot - gc.pinned);
}
