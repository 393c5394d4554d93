// Builtin functions, one per row of the generated table mc_builtins.h
// (microcore/bytecode/builtins.py). Each row NAME needs a function mc_builtin_NAME, or the build
// fails.
#ifndef MC_BUILTINS_H
#define MC_BUILTINS_H

#include "value.h"

typedef mc_value_t (*mc_builtin_fn_t)(mc_value_t *args, uint32_t n);

#define MC_BUILTIN(name, py_name, id, min_args, max_args) \
    mc_value_t mc_builtin_##name(mc_value_t *args, uint32_t n);
#include "mc_builtins.h"
#undef MC_BUILTIN

// True if `id` is a builtin; its argument count limits (max -1: any).
bool mc_builtin_info(uint32_t id, int32_t *min_args, int32_t *max_args);

// Call builtin `id` (valid) with n arguments; checks the count unless `checked`.
mc_value_t mc_builtin_call(uint32_t id, mc_value_t *args, uint32_t n, bool checked);

// The Python name of builtin `id` (valid).
const char *mc_builtin_name(uint32_t id);

#endif // MC_BUILTINS_H
