// Builtin functions.
#include <string.h>

#include "builtins.h"
#include "dict.h"
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
    uint8_t id;
    int8_t min_args;
    int8_t max_args;
    uint8_t n_kw;
} mc_builtin_row_t;

// Rows named HOST are served wholly by the host function of the same id (no C function).
#define mc_builtin_HOST NULL

static const mc_builtin_row_t builtins[] = {
#define MC_BUILTIN(name, py_name, id, min_args, max_args, n_kw) \
    {mc_builtin_##name, id, min_args, max_args, n_kw},
#include "mc_builtins.h"
#undef MC_BUILTIN
};

// 1 + the index in `builtins` of each builtin id (0: none), made on first use; row() runs on
// every builtin call.
static MC_THREAD_LOCAL uint8_t slot_of[256];

// The row of builtin `id`, or NULL.
static const mc_builtin_row_t *row(uint32_t id) {
    if (!slot_of[0]) {      // print (id 0) always exists
        for (uint32_t i = 0; i < MC_ARRAY_SIZE(builtins); i++) {
            slot_of[builtins[i].id] = (uint8_t)(i + 1);
        }
    }
    uint32_t slot = id < 256 ? slot_of[id] : 0;
    return slot ? &builtins[slot - 1] : NULL;
}

bool mc_builtin_info(uint32_t id, int32_t *min_args, int32_t *max_args, uint32_t *n_kw) {
    const mc_builtin_row_t *b = row(id);
    if (!b) {
        return false;
    }
    *min_args = b->min_args;
    *max_args = b->max_args;
    *n_kw = b->n_kw;
    return true;
}

// The keyword slots of the call in progress (CALL_BUILTIN_KW), or NULL: defaults apply.
static MC_THREAD_LOCAL const mc_value_t *kw_slots;

// The id of the builtin being called, as messages name it (an int for {i:b}).
static MC_THREAD_LOCAL uint32_t call_id;

mc_value_t mc_builtin_current(void) {
    return mc_int((int32_t)call_id);
}

// Keyword slot i of the call in progress, or None if the call named no keywords.
static mc_value_t kw(uint32_t i) {
    return kw_slots ? kw_slots[i] : mc_none();
}

mc_value_t mc_builtin_call(uint32_t id, mc_value_t *args, uint32_t n, uint32_t flags) {
    const mc_builtin_row_t *b = row(id);
    kw_slots = NULL;
    call_id = id;
    if (flags & MC_CALL_KW) {
        n -= b->n_kw;
        kw_slots = args + n;
    }
    if (!(flags & MC_CALL_CHECKED)) {
        int32_t lo = b->min_args, hi = b->max_args;
        if (n < (uint32_t)lo || (hi >= 0 && n > (uint32_t)hi)) {
            mc_value_t name = mc_builtin_current(), given = mc_int((int32_t)n);
            if (lo == hi && lo <= 1) {
                return mc_exc_raise(lo ? MC_MSG_ONE_ARGUMENT : MC_MSG_NO_ARGUMENTS, name, given);
            }
            bool few = n < (uint32_t)lo;
            return mc_exc_raise(few ? MC_MSG_AT_LEAST : MC_MSG_AT_MOST, name,
                mc_int(few ? lo : hi), given);
        }
    }
    return b->fn ? b->fn(args, n) : mc_host_call(id, args, n);
}

// -- The builtins ---------------------------------------------------------------------------------

// print() sends its values to the host, which writes their text (bytecode/text.py): the payload
// is sep, end (each a str, or None for the default) and the arguments, each marshalled.
static bool text_kw(mc_value_t v, mc_msg_t msg) {
    if (v.tag != MC_T_NONE && v.tag != MC_T_STR) {
        mc_exc_raise(msg, mc_type(v));
        return false;
    }
    return true;
}

mc_value_t mc_builtin_PRINT(mc_value_t *args, uint32_t n) {
    mc_value_t sep = kw(0), end = kw(1);
    if (!text_kw(sep, MC_MSG_SEP_TYPE) || !text_kw(end, MC_MSG_END_TYPE)) {
        return mc_error();
    }
    mc_str_builder_t b;
    mc_str_builder_init(&b);
    bool ok = mc_marshal_encode(&b.out, sep) && mc_marshal_encode(&b.out, end);
    for (uint32_t i = 0; ok && i < n; i++) {
        ok = mc_marshal_encode(&b.out, args[i]);
    }
    if (ok) {
        mc_port_write(mc_str_builder_data(&b), b.len);
    }
    mc_str_builder_drop(&b);
    return ok ? mc_none() : mc_error();
}

mc_value_t mc_builtin_STR(mc_value_t *args, uint32_t n) {
    return n ? mc_out_text(args[0], false) : mc_str_new(NULL, 0);
}

mc_value_t mc_builtin_REPR(mc_value_t *args, uint32_t n) {
    (void)n;
    return mc_out_text(args[0], true);
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
        return mc_exc_raise(MC_MSG_INT_LITERAL, s);
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
            return mc_exc_raise(MC_MSG_INT_ARG, mc_type(v));
    }
}

mc_value_t mc_builtin_LEN(mc_value_t *args, uint32_t n) {
    (void)n;
    return mc_ops_len(args[0]);
}

mc_value_t mc_builtin_ABS(mc_value_t *args, uint32_t n) {
    (void)n;
    if (!mc_is_number(args[0])) {
        return mc_exc_raise(MC_MSG_ABS_TYPE, mc_type(args[0]));
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
        return mc_exc_raise(MC_MSG_FLOAT_ARG, mc_type(v));
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
    mc_value_t prompt = n ? mc_out_text(args[0], false) : mc_str_new(NULL, 0);
    if (mc_is_error(prompt)) {
        return prompt;
    }
    return mc_host_request(MC_SVC_INPUT, mc_str(prompt)->data, mc_str_bytes(mc_str(prompt)));
}

// The argument of a math function as a float; TypeError if it is not a number.
static bool real(mc_value_t v, float *f) {
    if (!mc_is_number(v)) {
        mc_exc_raise(MC_MSG_REAL_NUMBER, mc_type(v));
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
    mc_value_t reverse = kw(0);
    mc_value_t l = collect(MC_T_LIST, args);
    return mc_is_error(l) || mc_list_sort(l, mc_ops_truthy(reverse)) ? l : mc_error();
}

// -- Methods (args[0] is the receiver) ------------------------------------------------------------

// Whether the receiver's type is in `types` (a mask of 1 << tag); AttributeError if not.
static bool receiver(const mc_value_t *args, uint32_t types) {
    if (args[0].tag < 32 && (types >> args[0].tag & 1)) {
        return true;
    }
    mc_exc_raise(MC_MSG_NO_ATTRIBUTE, mc_type(args[0]), mc_builtin_current());
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
    return !receiver(args, LIST) ? mc_error()
                                            : done(mc_list_replace(args[0], list_len(args[0]), 0,
                                                  &args[1], 1));
}

mc_value_t mc_builtin_METHOD_EXTEND(mc_value_t *args, uint32_t n) {
    (void)n;
    mc_value_t *items;
    uint32_t m;
    return !receiver(args, LIST) || !mc_seq_materialize(&args[1], &items, &m)
               ? mc_error()
               : done(mc_list_replace(args[0], list_len(args[0]), 0, items, m));
}

#define DICT (1u << MC_T_DICT)

mc_value_t mc_builtin_METHOD_POP(mc_value_t *args, uint32_t n) {
    if (!receiver(args, LIST | DICT)) {
        return mc_error();
    }
    if (args[0].tag == MC_T_DICT) {
        mc_value_t v;
        int r = n == 1 ? -2 : mc_dict_pop(args[0], args[1], &v);
        if (r == 0 && n == 3) {
            return args[2];
        }
        if (r != -2) {
            return r > 0 ? v : r == 0 ? mc_exc_raise(MC_MSG_KEY, args[1]) : mc_error();
        }
    }
    if (n == 3 || args[0].tag == MC_T_DICT) {
        return mc_exc_raise(n == 3 ? MC_MSG_AT_MOST : MC_MSG_AT_LEAST,
            mc_builtin_current(), mc_int(1), mc_int((int32_t)n - 1));
    }
    if (n == 2 && !mc_is_intlike(args[1])) {
        return mc_exc_raise(MC_MSG_NOT_INTEGER, mc_type(args[1]));
    }
    uint32_t len, k;
    mc_value_t *items = mc_seq_items(args[0], &len);
    if (len == 0) {
        return mc_exc_raise(MC_MSG_POP_EMPTY);
    }
    if (!mc_seq_offset(n == 2 ? args[1].i : -1, len, &k)) {
        return mc_exc_raise(MC_MSG_POP_RANGE);
    }
    mc_value_t v = items[k];
    mc_list_replace(args[0], k, 1, NULL, 0);    // shrinking never allocates
    return v;
}

mc_value_t mc_builtin_METHOD_INSERT(mc_value_t *args, uint32_t n) {
    (void)n;
    if (!receiver(args, LIST)) {
        return mc_error();
    }
    if (!mc_is_intlike(args[1])) {
        return mc_exc_raise(MC_MSG_NOT_INTEGER, mc_type(args[1]));
    }
    int32_t len = (int32_t)list_len(args[0]), i = args[1].i;
    i = i < 0 ? (i + len < 0 ? 0 : i + len) : (i > len ? len : i);
    return done(mc_list_replace(args[0], (uint32_t)i, 0, &args[2], 1));
}

mc_value_t mc_builtin_METHOD_INDEX(mc_value_t *args, uint32_t n) {
    (void)n;
    if (!receiver(args, SEQS)) {
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
               ? mc_exc_raise(MC_MSG_NOT_IN_LIST, args[1])
               : mc_exc_raise(MC_MSG_NOT_IN_TUPLE);
}

mc_value_t mc_builtin_METHOD_SORT(mc_value_t *args, uint32_t n) {
    (void)n;
    return receiver(args, LIST) ? done(mc_list_sort(args[0], mc_ops_truthy(kw(0))))
                                        : mc_error();
}

// -- Dict methods, and list.clear/copy -------------------------------------------------------------

mc_value_t mc_builtin_METHOD_GET(mc_value_t *args, uint32_t n) {
    mc_value_t v;
    if (!receiver(args, DICT)) {
        return mc_error();
    }
    int r = mc_dict_get(args[0], args[1], &v);
    return r > 0 ? v : r == 0 ? (n == 3 ? args[2] : mc_none()) : mc_error();
}

static mc_value_t view(mc_value_t *args, uint32_t tag) {
    return receiver(args, DICT) ? (mc_value_t){.tag = tag, .r = args[0].r} : mc_error();
}

mc_value_t mc_builtin_METHOD_KEYS(mc_value_t *args, uint32_t n) {
    (void)n;
    return view(args, MC_T_KEYS);
}

mc_value_t mc_builtin_METHOD_VALUES(mc_value_t *args, uint32_t n) {
    (void)n;
    return view(args, MC_T_VALUES);
}

mc_value_t mc_builtin_METHOD_ITEMS(mc_value_t *args, uint32_t n) {
    (void)n;
    return view(args, MC_T_ITEMS);
}

mc_value_t mc_builtin_METHOD_SETDEFAULT(mc_value_t *args, uint32_t n) {
    mc_value_t v;
    if (!receiver(args, DICT)) {
        return mc_error();
    }
    int r = mc_dict_get(args[0], args[1], &v);
    if (r) {
        return r > 0 ? v : mc_error();
    }
    v = n == 3 ? args[2] : mc_none();
    return mc_dict_set(args[0], args[1], v) ? v : mc_error();
}

mc_value_t mc_builtin_METHOD_UPDATE(mc_value_t *args, uint32_t n) {
    if (!receiver(args, DICT)) {
        return mc_error();
    }
    return done(n == 1 || mc_dict_update(args[0], &args[1]));
}

mc_value_t mc_builtin_METHOD_CLEAR(mc_value_t *args, uint32_t n) {
    (void)n;
    if (!receiver(args, LIST | DICT)) {
        return mc_error();
    }
    if (args[0].tag == MC_T_DICT) {
        memset(mc_ptr(args[0].r), 0, sizeof(mc_dict_t));
        return mc_none();
    }
    return done(mc_list_replace(args[0], 0, list_len(args[0]), NULL, 0));
}

mc_value_t mc_builtin_METHOD_COPY(mc_value_t *args, uint32_t n) {
    (void)n;
    if (!receiver(args, LIST | DICT)) {
        return mc_error();
    }
    if (args[0].tag == MC_T_LIST) {
        uint32_t len;
        return mc_seq_new(MC_T_LIST, mc_seq_items(args[0], &len), list_len(args[0]));
    }
    return mc_builtin_DICT(args, 1);
}

// -- More builtins --------------------------------------------------------------------------------

mc_value_t mc_builtin_DICT(mc_value_t *args, uint32_t n) {
    mc_value_t d = mc_dict_new();
    if (n && !mc_is_error(d)) {
        mc_value_t *pin = mc_gc_pin(d);
        bool ok = mc_dict_update(d, args);
        mc_gc_unpin(pin);
        return ok ? d : mc_error();
    }
    return d;
}

mc_value_t mc_builtin_BOOL(mc_value_t *args, uint32_t n) {
    return mc_bool(n && mc_ops_truthy(args[0]));
}

// min() and max(): the first extreme item, as CPython.
static mc_value_t extreme(mc_value_t *args, uint32_t n, uint32_t op) {
    mc_value_t *items = args;
    if (n == 1 && !mc_seq_materialize(args, &items, &n)) {
        return mc_error();
    }
    if (n == 0) {
        return mc_exc_raise(MC_MSG_EMPTY_SEQUENCE, mc_builtin_current());
    }
    mc_value_t best = items[0];
    for (uint32_t i = 1; i < n; i++) {
        mc_value_t r = mc_ops_compare(op, items[i], best);
        if (mc_is_error(r)) {
            return r;
        }
        if (r.i) {
            best = items[i];
        }
    }
    return best;
}

mc_value_t mc_builtin_MIN(mc_value_t *args, uint32_t n) {
    return extreme(args, n, MC_OPCODE_COMPARE_LT);
}

mc_value_t mc_builtin_MAX(mc_value_t *args, uint32_t n) {
    return extreme(args, n, MC_OPCODE_COMPARE_GT);
}

mc_value_t mc_builtin_SUM(mc_value_t *args, uint32_t n) {
    mc_value_t *items;
    uint32_t m;
    mc_value_t *acc = mc_gc_pin(n == 2 ? args[1] : mc_int(0));
    if (acc->tag == MC_T_STR) {
        mc_gc_unpin(acc);
        return mc_exc_raise(MC_MSG_SUM_STRINGS);
    }
    bool ok = mc_seq_materialize(args, &items, &m);
    for (uint32_t i = 0; ok && i < m; i++) {
        // args[0] (now a list or tuple) keeps the items; acc is pinned.
        *acc = mc_ops_binary(MC_OPCODE_BINARY_ADD, *acc, mc_seq_items(args[0], &m)[i]);
        ok = !mc_is_error(*acc);
    }
    mc_value_t r = *acc;
    mc_gc_unpin(acc);
    return ok ? r : mc_error();
}

mc_value_t mc_builtin_ENUMERATE(mc_value_t *args, uint32_t n) {
    if (n == 2 && !mc_is_intlike(args[1])) {
        return mc_exc_raise(MC_MSG_NOT_INTEGER, mc_type(args[1]));
    }
    return mc_iter_new(MC_ITER_ENUMERATE, args, 1, n == 2 ? args[1].i : 0);
}

mc_value_t mc_builtin_ZIP(mc_value_t *args, uint32_t n) {
    return mc_iter_new(MC_ITER_ZIP, args, n, 0);
}

mc_value_t mc_builtin_REVERSED(mc_value_t *args, uint32_t n) {
    (void)n;
    return mc_iter_new(MC_ITER_REVERSED, args, 1, 0);
}

mc_value_t mc_builtin_DIVMOD(mc_value_t *args, uint32_t n) {
    (void)n;
    if (!mc_is_number(args[0]) || !mc_is_number(args[1])) {
        return mc_exc_raise(MC_MSG_DIVMOD_TYPES, mc_type(args[0]), mc_type(args[1]));
    }
    mc_value_t qr[2];
    qr[0] = mc_num_binary(MC_OPCODE_BINARY_FLOORDIV, args[0], args[1]);
    if (mc_is_error(qr[0])) {
        return qr[0];
    }
    qr[1] = mc_num_binary(MC_OPCODE_BINARY_MOD, args[0], args[1]);
    return mc_is_error(qr[1]) ? qr[1] : mc_seq_new(MC_T_TUPLE, qr, 2);     // numbers: no roots
}

// isinstance(v, t): 1, 0, or -1 with TypeError if t is not a type (or a tuple of them).
static int instance_of(mc_value_t v, mc_value_t t) {
    if (t.tag == MC_T_TUPLE) {
        uint32_t n;
        const mc_value_t *items = mc_seq_items(t, &n);
        for (uint32_t i = 0; i < n; i++) {
            int r = instance_of(v, items[i]);
            if (r) {
                return r;
            }
        }
        return 0;
    }
    // The builtin types, by builtin id: the tags of their instances.
    static const struct {
        uint8_t id;
        uint8_t tag;
    } types[] = {{1, MC_T_STR}, {2, MC_T_INT}, {5, MC_T_RANGE}, {6, MC_T_LIST}, {7, MC_T_TUPLE},
                 {9, MC_T_FLOAT}, {10, MC_T_BOOL}, {20, MC_T_DICT}};
    for (uint32_t i = 0; t.tag == MC_T_BUILTIN && i < MC_ARRAY_SIZE(types); i++) {
        if (types[i].id == t.u) {
            // bool is a subclass of int.
            return v.tag == types[i].tag || (v.tag == MC_T_BOOL && types[i].tag == MC_T_INT);
        }
    }
    mc_exc_raise(MC_MSG_ISINSTANCE_TYPE);
    return -1;
}

mc_value_t mc_builtin_ISINSTANCE(mc_value_t *args, uint32_t n) {
    (void)n;
    int r = instance_of(args[0], args[1]);
    return r < 0 ? mc_error() : mc_bool(r);
}
