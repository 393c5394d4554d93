// The value marshal format (microcore/bytecode/marshal.py) and host calls over it
// (microcore/bytecode/hostcalls.py).
#ifndef MC_MARSHAL_H
#define MC_MARSHAL_H

#include "out.h"

// Host function ids, as MC_HOSTCALL_FLOAT_REPR_ID; and MC_HOSTCALL_STATUS_*.
enum {
#define MC_HOSTCALL(name, id) MC_HOSTCALL_##name##_ID = id,
#include "mc_hostcalls.h"
#undef MC_HOSTCALL
};

// Append the marshalled bytes of v; false with an exception pending (TypeError for a value that
// cannot travel, RecursionError past MC_MARSHAL_MAX_DEPTH levels, MemoryError).
bool mc_marshal_encode(mc_out_t *out, mc_value_t v);

// The same, for another core: only None, bools, ints, floats, strs, lists, tuples and dicts, and
// no container inside itself (TypeError or RecursionError pending otherwise).
bool mc_marshal_encode_portable(mc_out_t *out, mc_value_t v);
// Append a tuple of the n values at items.
bool mc_marshal_encode_items(mc_out_t *out, const mc_value_t *items, uint32_t n);
// Append an exception of class `id` raised with message `msg` and its arguments at args.
bool mc_marshal_encode_exc(mc_out_t *out, uint32_t id, uint32_t msg, const mc_value_t *args);

// Decode the value marshalled at *p (before end) into a new value, advancing *p; MC_T_ERROR
// with an exception pending (ValueError for malformed bytes, MemoryError) on failure.
mc_value_t mc_marshal_decode(const uint8_t **p, const uint8_t *end);

// Call host function `id` (MC_HOSTCALL rows) with the n values at args; the result, or
// MC_T_ERROR with the host's exception (or the transport's) pending.
mc_value_t mc_host_call(uint32_t id, const mc_value_t *args, uint32_t n);

// Send `service` with the `n` bytes of `request` and turn its reply into a value, as above.
mc_value_t mc_host_request(uint32_t service, const char *request, uint32_t n);

#endif // MC_MARSHAL_H
