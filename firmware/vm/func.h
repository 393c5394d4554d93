// Functions with default parameter values or keyword calls, and argument binding.
//
// A plain function (MC_T_FUNC) is its code record. A function defined with defaults, or in a
// program that calls functions with keyword arguments, is an mc_func_t (MC_T_FUNCX), which
// also holds the defaults and the parameter names.
#ifndef MC_FUNC_H
#define MC_FUNC_H

#include "image.h"
#include "value.h"

typedef struct {
    uint32_t n_values;      // 2: names and defaults are traced as a tuple's items are
    mc_value_t names;       // str constant, the parameter names separated by spaces; or None
    mc_value_t defaults;    // tuple of the last parameters' defaults, or None
    mc_ref_t code;          // the code record
} mc_func_t;

// A new function for `code` with *defaults and *names (both GC roots).
mc_value_t mc_func_new(const mc_code_t *code, const mc_value_t *defaults, const mc_value_t *names);

// Bind a call in place: f is the callee, followed by npos positional values and nkw (name
// constant, value) pairs, where arg is npos | nkw << 8 (CALL_FUNCTION_KW's operand); nothing at
// or above `limit` may be written. On success f[1..n_args] hold the arguments and the callee's
// code is returned; NULL with TypeError (f is no function, or the arguments do not match) or
// RecursionError (the stack is too small) pending.
const mc_code_t *mc_func_bind(mc_value_t *f, uint32_t arg, const mc_value_t *limit);

#endif // MC_FUNC_H
