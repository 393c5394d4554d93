// Operators on values of any type, with CPython's semantics and messages. The VM inlines the
// int fast paths and calls these for everything else.
#ifndef MC_OPS_H
#define MC_OPS_H

#include "value.h"

// `op` is the opcode (BINARY_*, COMPARE_*, UNARY_*); results are mc_error() with an exception
// pending on failure.
mc_value_t mc_ops_binary(uint32_t op, mc_value_t a, mc_value_t b);
mc_value_t mc_ops_compare(uint32_t op, mc_value_t a, mc_value_t b);
mc_value_t mc_ops_unary(uint32_t op, mc_value_t v);
mc_value_t mc_ops_subscr(mc_value_t container, mc_value_t index);
// container[index] = v; returns None or mc_error().
mc_value_t mc_ops_store_subscr(mc_value_t container, mc_value_t index, mc_value_t v);

// del container[index]; returns None or mc_error().
mc_value_t mc_ops_delete_subscr(mc_value_t container, mc_value_t index);

// INPLACE_ADD or INPLACE_MUL on the list ab[0] with ab[1] (both GC roots; ab[1] may be
// replaced): returns the list, or mc_error().
mc_value_t mc_ops_inplace(uint32_t op, mc_value_t *ab);

// TypeError "unsupported operand type(s)" for binary opcode `op`.
mc_value_t mc_ops_unsupported(uint32_t op, mc_value_t a, mc_value_t b);

bool mc_ops_truthy(mc_value_t v);

// Forget comparisons in progress (a run that panicked may have left some).
void mc_ops_reset(void);

// a == b: 1 or 0, or -1 with an exception pending (only containers nested too deeply fail).
int mc_ops_equal(mc_value_t a, mc_value_t b);

// len(v) as a Python int, or mc_error().
mc_value_t mc_ops_len(mc_value_t v);

#endif // MC_OPS_H
