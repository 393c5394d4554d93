// The heap: a mark-sweep collector over the RAM between the program's tables and the VM stack.
//
// Memory is handed out in 8-byte granules. Every chunk starts with a head word:
//
//     31                8 7          1 0
//     +-----------------+------------+-+
//     | size (granules) |    kind    |M|     kind 0: free; M: marked
//     +-----------------+------------+-+
//
// followed by the object. Free chunks keep the reference of the next free chunk in their second
// word. Allocation is first fit; when nothing fits the collector marks from the roots (the VM's
// value stack, globals and constants, plus values pinned by C code) and sweeps the whole heap,
// merging neighbouring free chunks. If the request still does not fit, it raises MemoryError.
#ifndef MC_GC_H
#define MC_GC_H

#include "value.h"

// Chunk kinds besides the object tags MC_T_STR, MC_T_LIST and MC_T_TUPLE.
#define MC_GC_FREE 0u
#define MC_GC_ITEMS 1u   // a list's item array; scanned through its list

void mc_gc_init(void *lo, void *hi);

// `bytes` of zeroed memory for an object of `kind`; NULL with MemoryError pending if exhausted.
void *mc_gc_alloc(uint32_t bytes, uint32_t kind);
// Give back the tail of an object so it keeps only `bytes`.
void mc_gc_shrink(void *p, uint32_t bytes);
void mc_gc_collect(void);

// Marking, for the root scanner (mc_vm_mark_roots).
void mc_gc_mark(mc_value_t v);
void mc_gc_mark_values(const mc_value_t *v, uint32_t n);
// Mark a heap chunk that holds no references (e.g. the random module's state).
void mc_gc_mark_chunk(void *p);

// Pin `v` while C code allocates; returns its slot (which may be updated). Unpinning a slot
// releases it and every slot pinned after it.
mc_value_t *mc_gc_pin(mc_value_t v);
void mc_gc_unpin(mc_value_t *slot);

#endif // MC_GC_H
