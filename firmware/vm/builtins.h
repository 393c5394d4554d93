// Builtin functions, one per row of the generated table mc_builtins.h
// (microcore/bytecode/builtins.py). Each row NAME needs a function mc_builtin_NAME, or the build
// fails.
#ifndef MC_BUILTINS_H
#define MC_BUILTINS_H

#include "value.h"

typedef mc_value_t (*mc_builtin_fn_t)(mc_value_t *args, uint32_t n);

#define MC_BUILTIN(name, py_name, id, min_args, max_args, n_kw) \
    mc_value_t mc_builtin_##name(mc_value_t *args, uint32_t n);
#include "mc_builtins.h"
#undef MC_BUILTIN

// True if `id` is a builtin; its argument count limits (max -1: any) and keyword slots.
bool mc_builtin_info(uint32_t id, int32_t *min_args, int32_t *max_args, uint32_t *n_kw);

// How mc_builtin_call is called.
#define MC_CALL_CHECKED 1u  // the argument count was validated (CALL_BUILTIN, CALL_METHOD)
#define MC_CALL_KW 2u       // the last n_kw values are the keyword slots (CALL_BUILTIN_KW)

// The id of the builtin being called, as an int value (for a {i:b} message argument).
mc_value_t mc_builtin_current(void);

// Call builtin `id` (valid) with n arguments; checks the count unless MC_CALL_CHECKED.
mc_value_t mc_builtin_call(uint32_t id, mc_value_t *args, uint32_t n, uint32_t flags);

#endif // MC_BUILTINS_H
