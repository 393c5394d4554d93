// Arithmetic on ints (int32, every overflow raises OverflowError) and floats (binary32), with
// Python's rules: floor division and modulo round toward minus infinity, bools count as ints,
// an int op float is a float op.
#ifndef MC_NUM_H
#define MC_NUM_H

#include "value.h"

// `op` is a BINARY_* opcode; both operands are numbers (mc_is_number).
mc_value_t mc_num_binary(uint32_t op, mc_value_t a, mc_value_t b);
// `op` is UNARY_NEG, UNARY_POS or UNARY_INVERT; v is a number.
mc_value_t mc_num_unary(uint32_t op, mc_value_t v);
// Compare two numbers exactly: -1, 0 or 1, or 2 if unordered (a NaN is involved).
int mc_num_compare(mc_value_t a, mc_value_t b);
// abs(v) of a number.
mc_value_t mc_num_abs(mc_value_t v);
// int(f), truncating; ValueError for NaN, OverflowError out of range.
mc_value_t mc_num_float_to_int(float f);
// round(f) as an int, halves to even.
mc_value_t mc_num_round(float f);
// math.floor(f), or math.ceil(f), as an int.
mc_value_t mc_num_floor(float f, bool ceil);
// math.sqrt(f), correctly rounded; ValueError "math domain error" below zero.
mc_value_t mc_num_sqrt(float f);

#endif // MC_NUM_H
