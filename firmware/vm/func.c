// Argument binding with CPython's rules and messages (see func.h).
#include <string.h>

#include "exc.h"
#include "func.h"
#include "gc.h"
#include "out.h"
#include "seq.h"
#include "str.h"
#include "vm.h"

mc_value_t mc_func_new(const mc_code_t *code, const mc_value_t *defaults, const mc_value_t *names) {
    mc_func_t *fn = mc_gc_alloc((uint32_t)sizeof(mc_func_t), MC_T_FUNCX);
    if (!fn) {
        return mc_error();
    }
    *fn = (mc_func_t){2, *names, *defaults, mc_ref(code)};
    return mc_obj(MC_T_FUNCX, fn);
}

// The length of the name starting at p in a space-separated list.
static uint32_t word_len(const char *p) {
    uint32_t n = 0;
    while (p[n] && p[n] != ' ') {
        n++;
    }
    return n;
}

// Parameter number of the `len` bytes at `name` in the space-separated `names`, or -1.
static int32_t param_index(mc_value_t names, const char *name, uint32_t len) {
    if (names.tag != MC_T_STR) {
        return -1;
    }
    const char *p = mc_str(names)->data;
    for (int32_t i = 0; *p; i++) {
        uint32_t n = word_len(p);
        if (n == len && !memcmp(p, name, len)) {
            return i;
        }
        p += n + (p[n] != 0);
    }
    return -1;
}

// Append parameter i of `names` to out, quoted.
static void put_param(mc_out_t *out, mc_value_t names, uint32_t i) {
    const char *p = mc_str(names)->data;
    while (i--) {
        p += word_len(p) + 1;
    }
    mc_out_put(out, "'", 1);
    mc_out_put(out, p, word_len(p));
    mc_out_put(out, "'", 1);
}

const mc_code_t *mc_func_bind(mc_value_t *f, uint32_t npos, uint32_t nkw, const mc_value_t *limit) {
    const mc_code_t *code;
    mc_value_t names = mc_none(), defaults = mc_none();
    if (f->tag == MC_T_FUNCX) {
        const mc_func_t *fn = mc_ptr(f->r);
        code = mc_ptr(fn->code);
        names = fn->names;
        defaults = fn->defaults;
    } else {
        code = mc_ptr(f->r);
    }
    const char *fname = mc_str(mc_vm_const(code->name))->data;
    uint32_t want = code->n_args, nd = 0;
    if (defaults.tag == MC_T_TUPLE) {
        mc_seq_items(defaults, &nd);
    }
    if (npos > want) {
        if (nd) {
            mc_exc_raise(MC_EXC_TypeError,
                "%s() takes from %u to %u positional arguments but %u were given", fname,
                want - nd, want, npos);
        } else {
            mc_exc_raise(MC_EXC_TypeError, "%s() takes %u positional argument%s but %u %s given",
                fname, want, want == 1 ? "" : "s", npos, npos == 1 ? "was" : "were");
        }
        return NULL;
    }
    mc_value_t *args = f + 1, *kw = args + npos;
    if (nkw) {
        // Move the pairs above the parameter slots.
        mc_value_t *dst = args + (want > npos + 2 * nkw ? want : npos + 2 * nkw);
        if (dst + 2 * nkw > limit) {
            mc_exc_raise(MC_EXC_RecursionError, "maximum recursion depth exceeded");
            return NULL;
        }
        memmove(dst, kw, 2 * nkw * sizeof(mc_value_t));
        kw = dst;
    }
    for (uint32_t i = npos; i < want; i++) {
        args[i] = mc_unbound();
    }
    for (uint32_t j = 0; j < nkw; j++) {
        const mc_str_t *key = mc_str(kw[2 * j]);
        int32_t p = param_index(names, key->data, mc_str_bytes(key));
        if (p < 0 || (uint32_t)p >= want) {
            mc_exc_raise(MC_EXC_TypeError, "%s() got an unexpected keyword argument '%s'", fname,
                key->data);
            return NULL;
        }
        if (args[p].tag != MC_T_UNBOUND) {
            mc_exc_raise(MC_EXC_TypeError, "%s() got multiple values for argument '%s'", fname,
                key->data);
            return NULL;
        }
        args[p] = kw[2 * j + 1];
    }
    uint32_t missing = 0;
    for (uint32_t i = npos; i < want; i++) {
        if (args[i].tag == MC_T_UNBOUND) {
            if (i >= want - nd) {
                args[i] = mc_seq_items(defaults, &nd)[i - (want - nd)];
            } else {
                missing++;
            }
        }
    }
    if (missing) {
        char buf[MC_EXC_MESSAGE_BYTES];
        mc_out_fixed_t o;
        mc_out_fixed_init(&o, buf, sizeof buf);
        mc_out_format(&o.out, "%s() missing %u required positional argument%s", fname, missing,
            missing == 1 ? "" : "s");
        if (names.tag == MC_T_STR) {
            // CPython: 'a'; 'a' and 'b'; 'a', 'b', and 'c'.
            uint32_t k = 0;
            for (uint32_t i = npos; i < want; i++) {
                if (args[i].tag == MC_T_UNBOUND) {
                    k++;
                    mc_out_cstr(&o.out, k == 1 ? ": " : k < missing ? ", " :
                                        missing == 2 ? " and " : ", and ");
                    put_param(&o.out, names, i);
                }
            }
        }
        mc_out_fixed_finish(&o);
        mc_exc_raise(MC_EXC_TypeError, "%s", buf);
        return NULL;
    }
    return code;
}
