// Builtin functions.
#include <string.h>

#include "builtins.h"
#include "exc.h"
#include "gc.h"
#include "marshal.h"
#include "opcodes.h"
#include "seq.h"
#include "out.h"
#include "num.h"
#include "ops.h"
#include "port.h"
#include "str.h"

typedef struct {
    mc_builtin_fn_t fn;
    const char *name;       // the Python name
    uint8_t id;
    int8_t min_args;
    int8_t max_args;
} mc_builtin_row_t;

// Rows named HOST are served wholly by the host function of the same id (no C function).
#define mc_builtin_HOST NULL

static const mc_builtin_row_t builtins[] = {
#define MC_BUILTIN(name, py_name, id, min_args, max_args) \
    {mc_builtin_##name, py_name, id, min_args, max_args},
#include "mc_builtins.h"
#undef MC_BUILTIN
};

// The row of builtin `id`, or NULL.
static const mc_builtin_row_t *row(uint32_t id) {
    for (const mc_builtin_row_t *b = builtins; b < builtins + MC_ARRAY_SIZE(builtins); b++) {
        if (b->id == id) {
            return b;
        }
    }
    return NULL;
}

bool mc_builtin_info(uint32_t id, int32_t *min_args, int32_t *max_args) {
    const mc_builtin_row_t *b = row(id);
    if (!b) {
        return false;
    }
    *min_args = b->min_args;
    *max_args = b->max_args;
    return true;
}

const char *mc_builtin_name(uint32_t id) {
    return row(id)->name;
}

mc_value_t mc_builtin_call(uint32_t id, mc_value_t *args, uint32_t n, bool checked) {
    const mc_builtin_row_t *b = row(id);
    if (!checked) {
        int32_t lo = b->min_args, hi = b->max_args;
        if (n < (uint32_t)lo || (hi >= 0 && n > (uint32_t)hi)) {
            const char *name = b->name;
            if (lo == hi && lo <= 1) {
                return mc_exc_raise(MC_EXC_TypeError,
                    lo ? "%s() takes exactly one argument (%u given)"
                       : "%s() takes no arguments (%u given)",
                    name, n);
            }
            bool few = n < (uint32_t)lo;
            int32_t limit = few ? lo : hi;
            return mc_exc_raise(MC_EXC_TypeError, "%s expected at %s %d argument%s, got %u", name,
                few ? "least" : "most", limit, limit == 1 ? "" : "s", n);
        }
    }
    return b->fn ? b->fn(args, n) : mc_host_call(id, args, n);
}

// -- The builtins ---------------------------------------------------------------------------------

mc_value_t mc_builtin_PRINT(mc_value_t *args, uint32_t n) {
    mc_str_builder_t b;
    mc_str_builder_init(&b);
    bool ok = true;
    for (uint32_t i = 0; ok && i < n; i++) {
        ok = (i == 0 || mc_out_put(&b.out, " ", 1)) && mc_out_value(&b.out, args[i], false);
    }
    ok = ok && mc_out_put(&b.out, "\n", 1);
    if (ok) {
        mc_port_write(mc_str_builder_data(&b), b.len);
    }
    mc_str_builder_drop(&b);
    return ok ? mc_none() : mc_error();
}

// A new string of str(v) or repr(v).
static mc_value_t text_of(mc_value_t v, bool repr) {
    mc_str_builder_t b;
    mc_str_builder_init(&b);
    if (!mc_out_value(&b.out, v, repr)) {
        mc_str_builder_drop(&b);
        return mc_error();
    }
    return mc_str_builder_finish(&b);
}

mc_value_t mc_builtin_STR(mc_value_t *args, uint32_t n) {
    if (n == 0) {
        return mc_str_new(NULL, 0);
    }
    if (args[0].tag == MC_T_STR) {
        return args[0];
    }
    return text_of(args[0], false);
}

mc_value_t mc_builtin_REPR(mc_value_t *args, uint32_t n) {
    (void)n;
    return text_of(args[0], true);
}

static bool is_space(uint8_t c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

// int(s) in base 10: optional whitespace and sign, digits with single underscores between them.
static mc_value_t parse_int(mc_value_t s) {
    const mc_str_t *str = mc_str(s);
    const uint8_t *p = (const uint8_t *)str->data, *end = p + mc_str_bytes(str);
    while (p < end && is_space(*p)) {
        p++;
    }
    while (end > p && is_space(end[-1])) {
        end--;
    }
    bool negative = p < end && *p == '-';
    p += p < end && (*p == '-' || *p == '+');
    bool ok = p < end && *p != '_';
    int32_t value = 0;
    bool overflow = false;
    for (; ok && p < end; p++) {
        if (*p == '_' && p + 1 < end && p[1] != '_') {
            continue;
        }
        if (*p < '0' || *p > '9') {
            ok = false;
            break;
        }
        // Accumulate negatively so that the most negative int parses.
        overflow |= __builtin_mul_overflow(value, 10, &value) ||
                    __builtin_sub_overflow(value, *p - '0', &value);
    }
    if (!ok) {
        return mc_exc_raise(MC_EXC_ValueError, "invalid literal for int() with base 10: %r", s);
    }
    if (overflow || (!negative && value == INT32_MIN)) {
        return mc_exc_raise_overflow();
    }
    return mc_int(negative ? value : -value);
}

mc_value_t mc_builtin_INT(mc_value_t *args, uint32_t n) {
    if (n == 0) {
        return mc_int(0);
    }
    mc_value_t v = args[0];
    switch (v.tag) {
        case MC_T_INT:
        case MC_T_BOOL:
            return mc_int(v.i);
        case MC_T_FLOAT:
            return mc_num_float_to_int(v.f);
        case MC_T_STR:
            return parse_int(v);
        default:
            return mc_exc_raise(MC_EXC_TypeError,
                "int() argument must be a string, a bytes-like object or a real number, not '%t'",
                v);
    }
}

mc_value_t mc_builtin_LEN(mc_value_t *args, uint32_t n) {
    (void)n;
    return mc_ops_len(args[0]);
}

mc_value_t mc_builtin_ABS(mc_value_t *args, uint32_t n) {
    (void)n;
    if (!mc_is_number(args[0])) {
        return mc_exc_raise(MC_EXC_TypeError, "bad operand type for abs(): '%t'", args[0]);
    }
    return mc_num_abs(args[0]);
}

// -- Floats and math ------------------------------------------------------------------------------

mc_value_t mc_builtin_FLOAT(mc_value_t *args, uint32_t n) {
    if (n == 0) {
        return mc_float(0.0f);
    }
    mc_value_t v = args[0];
    if (v.tag == MC_T_STR) {
        return mc_host_call(MC_HOSTCALL_FLOAT_PARSE_ID, args, 1);
    }
    if (!mc_is_number(v)) {
        return mc_exc_raise(MC_EXC_TypeError,
            "float() argument must be a string or a real number, not '%t'", v);
    }
    return v.tag == MC_T_FLOAT ? v : mc_float((float)v.i);
}

mc_value_t mc_builtin_ROUND(mc_value_t *args, uint32_t n) {
    mc_value_t v = args[0];
    if ((n == 2 && args[1].tag != MC_T_NONE) || !mc_is_number(v)) {
        mc_value_t pair[2] = {v, n == 2 ? args[1] : mc_none()};
        return mc_host_call(MC_HOSTCALL_ROUND_N_ID, pair, 2);
    }
    return v.tag == MC_T_FLOAT ? mc_num_round(v.f) : mc_int(v.i);
}

mc_value_t mc_builtin_INPUT(mc_value_t *args, uint32_t n) {
    mc_str_builder_t b;
    mc_str_builder_init(&b);
    mc_value_t r = mc_error();
    if (n == 0 || mc_out_value(&b.out, args[0], false)) {
        r = mc_host_request(MC_SVC_INPUT, mc_str_builder_data(&b), b.len);
    }
    mc_str_builder_drop(&b);
    return r;
}

// The argument of a math function as a float; TypeError if it is not a number.
static bool real(mc_value_t v, float *f) {
    if (!mc_is_number(v)) {
        mc_exc_raise(MC_EXC_TypeError, "must be real number, not %t", v);
        return false;
    }
    *f = v.tag == MC_T_FLOAT ? v.f : (float)v.i;
    return true;
}

mc_value_t mc_builtin_MATH_SQRT(mc_value_t *args, uint32_t n) {
    float f;
    (void)n;
    return real(args[0], &f) ? mc_num_sqrt(f) : mc_error();
}

mc_value_t mc_builtin_MATH_FABS(mc_value_t *args, uint32_t n) {
    float f;
    (void)n;
    return real(args[0], &f) ? mc_num_abs(mc_float(f)) : mc_error();
}

static mc_value_t floor_ceil(mc_value_t v, bool ceil) {
    float f;
    if (mc_is_intlike(v)) {
        return mc_int(v.i);
    }
    return real(v, &f) ? mc_num_floor(f, ceil) : mc_error();
}

mc_value_t mc_builtin_MATH_FLOOR(mc_value_t *args, uint32_t n) {
    (void)n;
    return floor_ceil(args[0], false);
}

mc_value_t mc_builtin_MATH_CEIL(mc_value_t *args, uint32_t n) {
    (void)n;
    return floor_ceil(args[0], true);
}

mc_value_t mc_builtin_PARALLEL_COREID(mc_value_t *args, uint32_t n) {
    (void)args, (void)n;
    return mc_int((int32_t)mc_port_core_id());
}

mc_value_t mc_builtin_PARALLEL_NUMCORES(mc_value_t *args, uint32_t n) {
    (void)args, (void)n;
    return mc_int((int32_t)mc_port_num_cores());
}

mc_value_t mc_builtin_PARALLEL_ISHOST(mc_value_t *args, uint32_t n) {
    (void)args, (void)n;
    return mc_bool(mc_port_is_host());
}

mc_value_t mc_builtin_PARALLEL_ISDEVICE(mc_value_t *args, uint32_t n) {
    (void)args, (void)n;
    return mc_bool(!mc_port_is_host());
}

// -- Sequences ------------------------------------------------------------------------------------

mc_value_t mc_builtin_RANGE(mc_value_t *args, uint32_t n) {
    return mc_range_new(args, n);
}

// A new list or tuple (tag) of the items of iterable *slot (a GC root).
static mc_value_t collect(uint32_t tag, mc_value_t *slot) {
    mc_value_t *items;
    uint32_t n;
    if (!mc_seq_materialize(slot, &items, &n)) {
        return mc_error();
    }
    return mc_seq_new(tag, items, n);
}

mc_value_t mc_builtin_LIST(mc_value_t *args, uint32_t n) {
    return n ? collect(MC_T_LIST, args) : mc_seq_alloc(MC_T_LIST, 0);
}

mc_value_t mc_builtin_TUPLE(mc_value_t *args, uint32_t n) {
    if (n && args[0].tag == MC_T_TUPLE) {
        return args[0];
    }
    return n ? collect(MC_T_TUPLE, args) : mc_seq_alloc(MC_T_TUPLE, 0);
}

mc_value_t mc_builtin_SORTED(mc_value_t *args, uint32_t n) {
    (void)n;
    mc_value_t l = collect(MC_T_LIST, args);
    return mc_is_error(l) || mc_list_sort(l) ? l : mc_error();
}

// -- Methods (args[0] is the receiver) ------------------------------------------------------------

// Whether the receiver's type is in `types` (a mask of 1 << tag); AttributeError if not.
static bool receiver(const mc_value_t *args, uint32_t types, const char *name) {
    if (args[0].tag < 32 && (types >> args[0].tag & 1)) {
        return true;
    }
    mc_exc_raise(MC_EXC_AttributeError, "'%t' object has no attribute '%s'", args[0], name);
    return false;
}

#define LIST (1u << MC_T_LIST)
#define SEQS (1u << MC_T_LIST | 1u << MC_T_TUPLE)

static uint32_t list_len(mc_value_t l) {
    return ((const mc_list_t *)mc_ptr(l.r))->len;
}

static mc_value_t done(bool ok) {
    return ok ? mc_none() : mc_error();
}

mc_value_t mc_builtin_METHOD_APPEND(mc_value_t *args, uint32_t n) {
    (void)n;
    return !receiver(args, LIST, "append") ? mc_error()
                                            : done(mc_list_replace(args[0], list_len(args[0]), 0,
                                                  &args[1], 1));
}

mc_value_t mc_builtin_METHOD_EXTEND(mc_value_t *args, uint32_t n) {
    (void)n;
    mc_value_t *items;
    uint32_t m;
    return !receiver(args, LIST, "extend") || !mc_seq_materialize(&args[1], &items, &m)
               ? mc_error()
               : done(mc_list_replace(args[0], list_len(args[0]), 0, items, m));
}

mc_value_t mc_builtin_METHOD_POP(mc_value_t *args, uint32_t n) {
    if (!receiver(args, LIST, "pop")) {
        return mc_error();
    }
    if (n == 2 && !mc_is_intlike(args[1])) {
        return mc_exc_raise(MC_EXC_TypeError, "'%t' object cannot be interpreted as an integer",
            args[1]);
    }
    uint32_t len, k;
    mc_value_t *items = mc_seq_items(args[0], &len);
    if (len == 0) {
        return mc_exc_raise(MC_EXC_IndexError, "pop from empty list");
    }
    if (!mc_seq_offset(n == 2 ? args[1].i : -1, len, &k)) {
        return mc_exc_raise(MC_EXC_IndexError, "pop index out of range");
    }
    mc_value_t v = items[k];
    mc_list_replace(args[0], k, 1, NULL, 0);    // shrinking never allocates
    return v;
}

mc_value_t mc_builtin_METHOD_INSERT(mc_value_t *args, uint32_t n) {
    (void)n;
    if (!receiver(args, LIST, "insert")) {
        return mc_error();
    }
    if (!mc_is_intlike(args[1])) {
        return mc_exc_raise(MC_EXC_TypeError, "'%t' object cannot be interpreted as an integer",
            args[1]);
    }
    int32_t len = (int32_t)list_len(args[0]), i = args[1].i;
    i = i < 0 ? (i + len < 0 ? 0 : i + len) : (i > len ? len : i);
    return done(mc_list_replace(args[0], (uint32_t)i, 0, &args[2], 1));
}

mc_value_t mc_builtin_METHOD_INDEX(mc_value_t *args, uint32_t n) {
    (void)n;
    if (!receiver(args, SEQS, "index")) {
        return mc_error();
    }
    uint32_t len;
    const mc_value_t *items = mc_seq_items(args[0], &len);
    for (uint32_t i = 0; i < len; i++) {
        int r = mc_ops_equal(items[i], args[1]);
        if (r) {
            return r < 0 ? mc_error() : mc_int((int32_t)i);
        }
    }
    return args[0].tag == MC_T_LIST
               ? mc_exc_raise(MC_EXC_ValueError, "%r is not in list", args[1])
               : mc_exc_raise(MC_EXC_ValueError, "tuple.index(x): x not in tuple");
}

mc_value_t mc_builtin_METHOD_SORT(mc_value_t *args, uint32_t n) {
    (void)n;
    return receiver(args, LIST, "sort") ? done(mc_list_sort(args[0])) : mc_error();
}
