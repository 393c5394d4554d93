// Text output: sinks, the formatter, and str()/repr() of every value type.
#include <string.h>

#include "builtins.h"
#include "dict.h"
#include "func.h"
#include "exc.h"
#include "gc.h"
#include "marshal.h"
#include "out.h"
#include "seq.h"
#include "port.h"
#include "str.h"
#include "vm.h"

static bool fixed_put(mc_out_t *out, const char *s, uint32_t n) {
    mc_out_fixed_t *o = (mc_out_fixed_t *)out;
    uint32_t room = o->cap - 1 - o->len;
    if (n > room) {
        n = room;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    return true;
}

void mc_out_fixed_init(mc_out_fixed_t *o, char *buf, uint32_t cap) {
    o->out.put = fixed_put;
    o->buf = buf;
    o->len = 0;
    o->cap = cap;
}

uint32_t mc_out_fixed_finish(mc_out_fixed_t *o) {
    uint32_t n = o->len;
    if (n == o->cap - 1) {
        // Possibly cut: drop a trailing lead byte whose continuation bytes are missing.
        uint32_t k = n;
        while (k > 0 && ((uint8_t)o->buf[k - 1] & 0xC0) == 0x80) {
            k--;
        }
        if (k > 0) {
            uint8_t lead = (uint8_t)o->buf[k - 1];
            uint32_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            if (n - (k - 1) < need) {
                n = k - 1;
            }
        }
    }
    o->buf[n] = 0;
    o->len = n;
    return n;
}

bool mc_out_cstr(mc_out_t *out, const char *s) {
    return mc_out_put(out, s, (uint32_t)strlen(s));
}

static bool put_decimal(mc_out_t *out, uint32_t u, bool negative) {
    char buf[11];
    char *p = buf + sizeof buf;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (negative) {
        *--p = '-';
    }
    return mc_out_put(out, p, (uint32_t)(buf + sizeof buf - p));
}

bool mc_out_int(mc_out_t *out, int32_t i) {
    return put_decimal(out, i < 0 ? 0u - (uint32_t)i : (uint32_t)i, i < 0);
}

static bool put_hex(mc_out_t *out, uint32_t u, uint32_t digits) {
    char buf[10];
    char *p = buf + sizeof buf;
    uint32_t n = 0;
    do {
        *--p = "0123456789abcdef"[u & 15];
        u >>= 4;
        n++;
    } while (u || n < digits);
    *--p = 'x';
    *--p = '0';
    return mc_out_put(out, p, (uint32_t)(buf + sizeof buf - p));
}

bool mc_out_vformat(mc_out_t *out, const char *fmt, va_list ap) {
    const char *lit = fmt;
    const char *p = fmt;
    while (*p) {
        if (*p != '%') {
            p++;
            continue;
        }
        if (!mc_out_put(out, lit, (uint32_t)(p - lit))) {
            return false;
        }
        p++;
        uint32_t width = 0;
        while (*p >= '0' && *p <= '9') {
            width = width * 10 + (uint32_t)(*p++ - '0');
        }
        bool ok;
        switch (*p) {
            case 's':
                ok = mc_out_cstr(out, va_arg(ap, const char *));
                break;
            case 'd':
                ok = mc_out_int(out, va_arg(ap, int));
                break;
            case 'u':
                ok = put_decimal(out, va_arg(ap, unsigned), false);
                break;
            case 'x':
                ok = put_hex(out, va_arg(ap, unsigned), width);
                break;
            case 'c': {
                char c = (char)va_arg(ap, int);
                ok = mc_out_put(out, &c, 1);
                break;
            }
            case 't':
                ok = mc_out_cstr(out, mc_out_type_name(va_arg(ap, mc_value_t)));
                break;
            case 'r':
                ok = mc_out_value(out, va_arg(ap, mc_value_t), true);
                break;
            case '%':
                ok = mc_out_put(out, "%", 1);
                break;
            default:
                mc_port_panic("bad format directive");
        }
        if (!ok) {
            return false;
        }
        lit = ++p;
    }
    return mc_out_put(out, lit, (uint32_t)(p - lit));
}

bool mc_out_format(mc_out_t *out, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    bool ok = mc_out_vformat(out, fmt, ap);
    va_end(ap);
    return ok;
}

const char *mc_out_type_name(mc_value_t v) {
    static const char *const names[] = {
        [MC_T_INT] = "int",
        [MC_T_BOOL] = "bool",
        [MC_T_FLOAT] = "float",
        [MC_T_NONE] = "NoneType",
        [MC_T_FUNC] = "function",
        [MC_T_BUILTIN] = "builtin_function_or_method",
        [MC_T_UNBOUND] = "unbound",
        [MC_T_ERROR] = "error",
        [MC_T_STR] = "str",
        [MC_T_LIST] = "list",
        [MC_T_TUPLE] = "tuple",
        [MC_T_RANGE] = "range",
        [MC_T_EXC_CLASS] = "type",
        [MC_T_DICT] = "dict",
        [MC_T_KEYS] = "dict_keys",
        [MC_T_VALUES] = "dict_values",
        [MC_T_ITEMS] = "dict_items",
        [MC_T_FUNCX] = "function",
        [MC_T_REQUEST] = "Request",
    };
    if (v.tag == MC_T_EXC) {
        return mc_exc_name(mc_exc_obj(v)->id);
    }
    if (v.tag == MC_T_ITER) {
        return mc_iter_name(v);
    }
    return v.tag < MC_ARRAY_SIZE(names) ? names[v.tag] : "?";
}

// CPython quotes with ' unless the text has a ' and no ", and escapes what is not printable.
// (Non-ASCII characters are kept except the C1 controls and U+00A0/U+00AD, which CPython also
// escapes; other non-printable code points outside Latin-1 are not recognised.)
static bool put_str_repr(mc_out_t *out, const mc_str_t *s) {
    const uint8_t *p = (const uint8_t *)s->data;
    uint32_t n = mc_str_bytes(s);
    bool single = false, dbl = false;
    for (uint32_t i = 0; i < n; i++) {
        single |= p[i] == '\'';
        dbl |= p[i] == '"';
    }
    char quote = single && !dbl ? '"' : '\'';
    if (!mc_out_put(out, &quote, 1)) {
        return false;
    }
    uint32_t run = 0;   // start of the pending run of plain bytes
    for (uint32_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        char esc[4] = {'\\', 0, 0, 0};
        uint32_t len = 2;
        uint32_t skip = 1;
        if (c == (uint8_t)quote || c == '\\') {
            esc[1] = (char)c;
        } else if (c == '\n') {
            esc[1] = 'n';
        } else if (c == '\r') {
            esc[1] = 'r';
        } else if (c == '\t') {
            esc[1] = 't';
        } else if (c < 0x20 || c == 0x7F ||
                   (c == 0xC2 && i + 1 < n && (p[i + 1] <= 0xA0 || p[i + 1] == 0xAD))) {
            uint8_t code = c == 0xC2 ? p[i + 1] : c;
            skip = c == 0xC2 ? 2 : 1;
            esc[1] = 'x';
            esc[2] = "0123456789abcdef"[code >> 4];
            esc[3] = "0123456789abcdef"[code & 15];
            len = 4;
        } else {
            continue;
        }
        if (!mc_out_put(out, (const char *)p + run, i - run) || !mc_out_put(out, esc, len)) {
            return false;
        }
        i += skip - 1;
        run = i + 1;
    }
    return mc_out_put(out, (const char *)p + run, n - run) && mc_out_put(out, &quote, 1);
}

// Containers being converted, innermost last: a list met again prints as [...].
static MC_THREAD_LOCAL uint32_t repr_depth;
static MC_THREAD_LOCAL mc_ref_t repr_active[MC_C_RECURSION_LIMIT];

void mc_out_reset(void) {
    repr_depth = 0;
}

// A list, tuple or dict: [...], (...), {...}; a dict view as dict_keys([...]).
static bool put_container(mc_out_t *out, mc_value_t v) {
    uint32_t tag = v.tag, n;
    if (tag > MC_T_DICT) {
        mc_value_t *slot = mc_gc_pin(v), *items;
        bool ok = mc_seq_materialize(slot, &items, &n) &&
                  mc_out_format(out, "%s(%r)", mc_out_type_name(v), *slot);
        mc_gc_unpin(slot);
        return ok;
    }
    const char *open = tag == MC_T_LIST ? "[" : tag == MC_T_TUPLE ? "(" : "{";
    const char *close = tag == MC_T_LIST ? "]" : tag == MC_T_TUPLE ? ")" : "}";
    for (uint32_t i = 0; i < repr_depth; i++) {
        if (repr_active[i] == v.r) {
            return mc_out_format(out, "%s...%s", open, close);
        }
    }
    if (repr_depth == MC_C_RECURSION_LIMIT) {
        mc_exc_raise(MC_EXC_RecursionError,
            "maximum recursion depth exceeded while getting the repr of an object");
        return false;
    }
    repr_active[repr_depth++] = v.r;
    const mc_value_t *items = NULL;
    const mc_entry_t *e = NULL;
    uint32_t fill = 0;
    if (tag == MC_T_DICT) {
        e = mc_dict_entries(v, &fill);
        n = mc_dict_len(v);
    } else {
        items = mc_seq_items(v, &n);
    }
    bool ok = mc_out_cstr(out, open);
    for (uint32_t i = 0, k = 0; ok && k < n; i++) {
        if (e && e[i].key.tag == MC_T_UNBOUND) {
            continue;
        }
        ok = (k++ == 0 || mc_out_put(out, ", ", 2)) &&
             (e ? mc_out_format(out, "%r: %r", e[i].key, e[i].value)
                : mc_out_value(out, items[i], true));
    }
    ok = ok && (tag != MC_T_TUPLE || n != 1 || mc_out_put(out, ",", 1)) && mc_out_cstr(out, close);
    repr_depth--;
    return ok;
}

bool mc_out_value(mc_out_t *out, mc_value_t v, bool repr) {
    switch (v.tag) {
        case MC_T_INT:
            return mc_out_int(out, v.i);
        case MC_T_BOOL:
            return mc_out_cstr(out, v.i ? "True" : "False");
        case MC_T_NONE:
            return mc_out_cstr(out, "None");
        case MC_T_FLOAT: {
            // The shortest text that reads back as the same binary32: computed by the host.
            mc_value_t s = mc_host_call(MC_HOSTCALL_FLOAT_REPR_ID, &v, 1);
            if (!mc_is_error(s) && s.tag != MC_T_STR) {
                s = mc_exc_raise(MC_EXC_TypeError, "the host sent a '%t' for a float's text", s);
            }
            if (mc_is_error(s)) {
                return false;
            }
            mc_value_t *pin = mc_gc_pin(s);     // out may allocate as it grows
            bool ok = mc_out_put(out, mc_str(s)->data, mc_str_bytes(mc_str(s)));
            mc_gc_unpin(pin);
            return ok;
        }
        case MC_T_FUNC:
        case MC_T_FUNCX: {
            const mc_code_t *code = (const mc_code_t *)mc_ptr(
                v.tag == MC_T_FUNC ? v.r : ((const mc_func_t *)mc_ptr(v.r))->code);
            return mc_out_format(out, "<function %s>", mc_str(mc_vm_const(code->name))->data);
        }
        case MC_T_BUILTIN: {
            return mc_out_format(out, "<built-in function %s>", mc_builtin_name(v.u));
        }
        case MC_T_STR:
            if (repr) {
                return put_str_repr(out, mc_str(v));
            }
            return mc_out_put(out, mc_str(v)->data, mc_str_bytes(mc_str(v)));
        case MC_T_LIST:
        case MC_T_TUPLE:
        case MC_T_DICT:
        case MC_T_KEYS:
        case MC_T_VALUES:
        case MC_T_ITEMS:
            return put_container(out, v);
        case MC_T_ITER:
            // CPython adds the object's address, which no two runs share.
            return mc_out_format(out, "<%s object>", mc_iter_name(v));
        case MC_T_RANGE: {
            const mc_range_t *r = mc_ptr(v.r);
            return mc_out_format(out, "range(%d, %d", r->start, r->stop) &&
                   (r->step == 1 || mc_out_format(out, ", %d", r->step)) && mc_out_cstr(out, ")");
        }
        case MC_T_EXC_CLASS:
            return mc_out_format(out, "<class '%s'>", mc_exc_name(v.u));
        case MC_T_REQUEST:
            return mc_out_cstr(out, "<parallel.Request object>");
        case MC_T_EXC: {
            // str: the argument's str ('' without one; its repr for KeyError); repr: Name()
            // or Name(repr(arg)).
            mc_value_t arg = mc_exc_obj(v)->arg;
            uint32_t id = mc_exc_obj(v)->id;
            if (!repr) {
                return arg.tag == MC_T_UNBOUND || mc_out_value(out, arg, id == MC_EXC_KeyError);
            }
            return mc_out_format(out, "%s(", mc_exc_name(id)) &&
                   (arg.tag == MC_T_UNBOUND || mc_out_value(out, arg, true)) &&
                   mc_out_put(out, ")", 1);
        }
    }
    mc_port_panic("no text form for this value");
}
