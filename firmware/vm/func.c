// Argument binding with CPython's rules and messages (see func.h).
#include <string.h>

#include "builtins.h"
#include "dict.h"
#include "exc.h"
#include "func.h"
#include "gc.h"
#include "opcodes.h"
#include "ops.h"
#include "port.h"
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

// The parameter names of a function: a space-separated str constant, or None.
// Parameter i of `names` (as a pointer to it, its length in *len), or NULL past the last.
static const char *param(mc_value_t names, uint32_t i, uint32_t *len) {
    const char *p = names.tag == MC_T_STR ? mc_str(names)->data : "";
    for (;; i--) {
        uint32_t n = 0;
        while (p[n] && p[n] != ' ') {
            n++;
        }
        if (!n) {
            return NULL;
        }
        if (!i) {
            *len = n;
            return p;
        }
        p += n + (p[n] != 0);
    }
}

const mc_code_t *mc_func_bind(mc_value_t *f, uint32_t arg, const mc_value_t *limit) {
    uint32_t npos = arg & 0xFF, nkw = arg >> 8;
    if (f->tag != MC_T_FUNC && f->tag != MC_T_FUNCX) {
        // (A builtin gets here only when called with keywords.)
        if (f->tag == MC_T_BUILTIN) {
            mc_exc_raise(MC_MSG_NO_KEYWORDS, mc_int((int32_t)f->u));
        } else {
            mc_exc_raise(MC_MSG_NOT_CALLABLE, mc_type(*f));
        }
        return NULL;
    }
    const mc_func_t *fn = f->tag == MC_T_FUNCX ? mc_ptr(f->r) : NULL;
    const mc_code_t *code = mc_ptr(fn ? fn->code : f->r);
    mc_value_t names = fn ? fn->names : mc_none();
    uint32_t want = code->n_args, nd = 0, len, missing = 0;
    const mc_value_t *defaults = fn && fn->defaults.tag == MC_T_TUPLE
                                     ? mc_seq_items(fn->defaults, &nd) : NULL;
    mc_value_t fname = mc_vm_const(code->name);
    mc_value_t *args = f + 1, *kw = args + npos;
    if (npos > want) {
        if (nd) {
            mc_exc_raise(MC_MSG_POSITIONAL_RANGE, fname, mc_int((int32_t)(want - nd)),
                mc_int((int32_t)want), mc_int((int32_t)npos));
        } else {
            mc_exc_raise(MC_MSG_POSITIONAL, fname, mc_int((int32_t)want), mc_int((int32_t)npos));
        }
        return NULL;
    }
    if (nkw) {
        // Move the pairs above the parameter slots.
        mc_value_t *dst = args + (want > npos + 2 * nkw ? want : npos + 2 * nkw);
        if (dst + 2 * nkw > limit) {
            mc_exc_raise(MC_MSG_RECURSION);
            return NULL;
        }
        memmove(dst, kw, 2 * nkw * sizeof(mc_value_t));
        kw = dst;
    }
    for (uint32_t i = npos; i < want; i++) {
        args[i] = mc_unbound();
    }
    for (uint32_t j = 0; j < 2 * nkw; j += 2) {
        if (kw[j].tag != MC_T_STR) {
            // Only a corrupt image puts anything else there.
            mc_exc_raise(MC_MSG_KEYWORD_NOT_STR);
            return NULL;
        }
        const mc_str_t *key = mc_str(kw[j]);
        uint32_t i = 0;
        const char *p;
        while ((p = param(names, i, &len)) && (len != mc_str_bytes(key) || memcmp(p, key->data, len))) {
            i++;
        }
        if (!p || i >= want || args[i].tag != MC_T_UNBOUND) {
            mc_exc_raise(p && i < want ? MC_MSG_MULTIPLE_VALUES : MC_MSG_UNEXPECTED_KEYWORD, fname,
                kw[j]);
            return NULL;
        }
        args[i] = kw[j + 1];
    }
    for (uint32_t i = npos; i < want; i++) {
        if (args[i].tag == MC_T_UNBOUND) {
            if (i >= want - nd) {
                args[i] = defaults[i - (want - nd)];
            } else {
                missing++;
            }
        }
    }
    if (missing) {
        // (CPython also lists the missing names; that text is left to the host.)
        mc_exc_raise(MC_MSG_MISSING, fname, mc_int((int32_t)missing));
        return NULL;
    }
    return code;
}

// -- Rare instructions ----------------------------------------------------------------------------

mc_value_t *mc_vm_rare(uint32_t op, uint32_t arg, mc_value_t *sp) {
    mc_value_t r;
    uint32_t len;
    switch (op) {
        case MC_OPCODE_BUILD_MAP:
            r = mc_dict_new();
            sp++;
            break;
        case MC_OPCODE_MAKE_FUNCTION_EX:
            r = mc_func_new(mc_vm_code(arg), sp - 1, sp);
            sp--;
            break;
        case MC_OPCODE_LIST_APPEND: {
            // (The validator checks depths, not types: a bad image may name another value.)
            mc_value_t l = sp[-(int32_t)arg - 1];
            if (l.tag != MC_T_LIST) {
                mc_port_panic("bad image");
            }
            mc_seq_items(l, &len);
            return mc_list_replace(l, len, 0, sp, 1) ? sp - 1 : NULL;
        }
        case MC_OPCODE_MAP_ADD: {
            mc_value_t d = sp[-(int32_t)arg - 2];
            if (d.tag != MC_T_DICT) {
                mc_port_panic("bad image");
            }
            return mc_dict_set(d, sp[-1], sp[0]) ? sp - 2 : NULL;
        }
        case MC_OPCODE_BUILD_STRING:
            r = mc_str_join(sp + 1 - arg, arg);
            sp += 1 - (int32_t)arg;
            break;
        case MC_OPCODE_BINARY_SLICE:
            r = mc_seq_slice(sp[-3], sp - 2);
            sp -= 3;
            break;
        case MC_OPCODE_STORE_SLICE:
            r = mc_seq_store_slice(sp[-3], sp - 2, sp - 4);
            sp -= 5;
            return mc_is_error(r) ? NULL : sp;
        case MC_OPCODE_UNPACK_SEQUENCE:
            return mc_seq_unpack(sp, arg) ? sp : NULL;
        case MC_OPCODE_CHECK_EXC_MATCH: {
            int m = mc_exc_match(sp[-1], sp[0]);
            if (m < 0) {
                return NULL;
            }
            *sp = mc_bool(m);
            return sp;
        }
        case MC_OPCODE_DUP_TOP_TWO:
            sp[1] = sp[-1];
            sp[2] = sp[0];
            return sp + 2;
        case MC_OPCODE_ROT_THREE:
            r = sp[0];
            sp[0] = sp[-1];
            sp[-1] = sp[-2];
            sp[-2] = r;
            return sp;
        case MC_OPCODE_DELETE_SUBSCR:
            r = mc_ops_delete_subscr(sp[-1], sp[0]);
            sp -= 2;
            return mc_is_error(r) ? NULL : sp;
        default:    // DELETE_SLICE
            r = mc_seq_delete_slice(sp[-3], sp - 2);
            sp -= 4;
            return mc_is_error(r) ? NULL : sp;
    }
    if (mc_is_error(r)) {
        return NULL;
    }
    *sp = r;
    return sp;
}
