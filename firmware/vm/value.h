// Values: 8-byte tagged words, a 32-bit tag and a 32-bit payload.
//
// Ints (int32) and floats (binary32) are unboxed; None, bools, functions and builtins are
// immediate. Strings, lists and tuples live in memory and the payload is a reference: the core's
// own address on the device, an offset from a per-VM base address on the host (see
// MC_RAM_BASE_VARIABLE), so the layout is the same everywhere.
#ifndef MC_VALUE_H
#define MC_VALUE_H

#include "common.h"

typedef uint32_t mc_ref_t;

// Tags. INT is 0 so that "both operands are ints" is one OR and one test. Tags from MC_T_OBJ up
// are references to objects; the collector only follows those.
typedef enum {
    MC_T_INT = 0,       // i: the value
    MC_T_BOOL,          // i: 0 or 1; a subclass of int for arithmetic
    MC_T_FLOAT,         // f: the value
    MC_T_NONE,
    MC_T_FUNC,          // r: the function's code record in the image
    MC_T_BUILTIN,       // u: builtin id
    MC_T_UNBOUND,       // a local or global never assigned (never visible to programs)
    MC_T_ERROR,         // returned by C helpers when an exception is pending (never stored)
    MC_T_EXC_CLASS,     // u: exception id (a builtin exception class)
    MC_T_OBJ,
    MC_T_STR = MC_T_OBJ,  // r: mc_str_t
    MC_T_LIST,          // r: mc_list_t
    MC_T_TUPLE,         // r: mc_tuple_t
    MC_T_RANGE,         // r: mc_range_t
    MC_T_DICT,          // r: mc_dict_t
    MC_T_KEYS,          // r: the mc_dict_t whose keys view this is (no object of its own)
    MC_T_VALUES,        // r: the mc_dict_t (values view)
    MC_T_ITEMS,         // r: the mc_dict_t (items view)
    MC_T_ITER,          // r: mc_iter_t (enumerate, zip, reversed)
    MC_T_FUNCX,         // r: mc_func_t, a function with defaults or parameter names
    MC_T_EXC,           // r: mc_exc_obj_t, an exception instance
    MC_T_REQUEST,       // r: a 4-item tuple, a pending parallel.isend (par.c)
} mc_tag_t;

typedef struct {
    uint32_t tag;
    union {
        int32_t i;
        float f;
        mc_ref_t r;
        uint32_t u;
    };
} mc_value_t;

_Static_assert(sizeof(mc_value_t) == 8, "values are 8 bytes");

#if MC_RAM_BASE_VARIABLE
extern MC_THREAD_LOCAL uint8_t *mc_vm_ram_base;
static inline void *mc_ptr(mc_ref_t r) {
    return mc_vm_ram_base + r;
}
static inline mc_ref_t mc_ref(const void *p) {
    return (mc_ref_t)((const uint8_t *)p - mc_vm_ram_base);
}
#else
_Static_assert(sizeof(void *) == sizeof(mc_ref_t), "device references are addresses");
static inline void *mc_ptr(mc_ref_t r) {
    return (void *)(uintptr_t)r;
}
static inline mc_ref_t mc_ref(const void *p) {
    return (mc_ref_t)(uintptr_t)p;
}
#endif

static inline mc_value_t mc_int(int32_t i) {
    return (mc_value_t){.tag = MC_T_INT, .i = i};
}
static inline mc_value_t mc_bool(bool b) {
    return (mc_value_t){.tag = MC_T_BOOL, .i = b};
}
static inline mc_value_t mc_float(float f) {
    return (mc_value_t){.tag = MC_T_FLOAT, .f = f};
}
static inline mc_value_t mc_none(void) {
    return (mc_value_t){.tag = MC_T_NONE, .u = 0};
}
static inline mc_value_t mc_unbound(void) {
    return (mc_value_t){.tag = MC_T_UNBOUND, .u = 0};
}
static inline mc_value_t mc_error(void) {
    return (mc_value_t){.tag = MC_T_ERROR, .u = 0};
}
static inline mc_value_t mc_obj(mc_tag_t tag, const void *p) {
    return (mc_value_t){.tag = tag, .r = mc_ref(p)};
}
// Whether v references an object (one the collector may have to follow).
static inline bool mc_is_obj(mc_value_t v) {
    return v.tag >= MC_T_OBJ;
}
static inline bool mc_is_error(mc_value_t v) {
    return MC_UNLIKELY(v.tag == MC_T_ERROR);
}
// int or bool: usable as an int32.
static inline bool mc_is_intlike(mc_value_t v) {
    return v.tag <= MC_T_BOOL;
}
static inline bool mc_is_number(mc_value_t v) {
    return v.tag <= MC_T_FLOAT;
}

#endif // MC_VALUE_H
