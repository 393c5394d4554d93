// Operators on values of any type.
#include "dict.h"
#include "exc.h"
#include "marshal.h"
#include "out.h"
#include "seq.h"
#include "num.h"
#include "opcodes.h"
#include "ops.h"
#include "str.h"

static bool is_seq(mc_value_t v) {
    return v.tag == MC_T_LIST || v.tag == MC_T_TUPLE;
}

mc_value_t mc_ops_unsupported(uint32_t op, mc_value_t a, mc_value_t b) {
    return mc_exc_raise(MC_MSG_BINARY_TYPES, mc_int((int32_t)op), mc_type(a), mc_type(b));
}

mc_value_t mc_ops_binary(uint32_t op, mc_value_t a, mc_value_t b) {
    uint32_t sym = op;
    op = op == MC_OPCODE_INPLACE_ADD ? MC_OPCODE_BINARY_ADD :
         op == MC_OPCODE_INPLACE_MUL ? MC_OPCODE_BINARY_MUL : op;
    if (mc_is_number(a) && mc_is_number(b)) {
        return mc_num_binary(op, a, b);
    }
    if (op == MC_OPCODE_BINARY_ADD && (a.tag == MC_T_STR || is_seq(a))) {
        if (b.tag != a.tag) {
            return mc_exc_raise(MC_MSG_CONCAT, mc_type(a), mc_type(b));
        }
        return a.tag == MC_T_STR ? mc_str_concat(a, b) : mc_seq_concat(a, b);
    }
    if (op == MC_OPCODE_BINARY_MUL) {
        if (mc_is_intlike(a) && (b.tag == MC_T_STR || is_seq(b))) {
            mc_value_t t = a;
            a = b;
            b = t;
        }
        if (a.tag == MC_T_STR || is_seq(a)) {
            if (!mc_is_intlike(b)) {
                return mc_exc_raise(MC_MSG_MUL_SEQ, mc_type(b));
            }
            return a.tag == MC_T_STR ? mc_str_repeat(a, b.i) : mc_seq_repeat(a, b.i);
        }
        if (b.tag == MC_T_STR || is_seq(b)) {
            return mc_exc_raise(MC_MSG_MUL_SEQ, mc_type(a));
        }
    }
    if (op == MC_OPCODE_BINARY_MOD && a.tag == MC_T_STR) {
        mc_value_t args[2] = {a, b};
        return mc_host_call(MC_HOSTCALL_STR_MOD_ID, args, 2);     // CPython's % formatting
    }
    return mc_ops_unsupported(sym, a, b);
}

mc_value_t mc_ops_inplace(uint32_t op, mc_value_t *ab) {
    mc_value_t *items;
    uint32_t n, m, start, count;
    mc_seq_items(ab[0], &n);
    if (op == MC_OPCODE_INPLACE_ADD) {
        // list += iterable extends the list.
        if (!mc_seq_materialize(&ab[1], &items, &m)) {
            return mc_error();
        }
        start = n;
        count = 0;
    } else {
        if (!mc_is_intlike(ab[1])) {
            return mc_exc_raise(MC_MSG_MUL_SEQ, mc_type(ab[1]));
        }
        ab[1] = mc_seq_repeat(ab[0], ab[1].i);     // kept in ab[1] as a GC root
        if (mc_is_error(ab[1])) {
            return mc_error();
        }
        items = mc_seq_items(ab[1], &m);
        start = 0;
        count = n;
    }
    return mc_list_replace(ab[0], start, count, items, m) ? ab[0] : mc_error();
}

// -- Comparison -----------------------------------------------------------------------------------

static MC_THREAD_LOCAL uint32_t compare_depth;

void mc_ops_reset(void) {
    compare_depth = 0;
}

static bool enter_compare(void) {
    if (compare_depth == MC_C_RECURSION_LIMIT) {
        mc_exc_raise(MC_MSG_RECURSION_COMPARE);
        return false;
    }
    compare_depth++;
    return true;
}

static bool identical(mc_value_t a, mc_value_t b) {
    return a.tag == b.tag && a.u == b.u;
}

// Item equality inside containers: identity first, as CPython does.
static int item_equal(mc_value_t a, mc_value_t b) {
    return identical(a, b) ? 1 : mc_ops_equal(a, b);
}

static int seq_equal(mc_value_t a, mc_value_t b) {
    uint32_t na, nb;
    const mc_value_t *x = mc_seq_items(a, &na), *y = mc_seq_items(b, &nb);
    if (na != nb) {
        return 0;
    }
    if (!enter_compare()) {
        return -1;
    }
    int r = 1;
    for (uint32_t i = 0; r == 1 && i < na; i++) {
        r = item_equal(x[i], y[i]);
    }
    compare_depth--;
    return r;
}

int mc_ops_equal(mc_value_t a, mc_value_t b) {
    if (mc_is_number(a) && mc_is_number(b)) {
        return mc_num_compare(a, b) == 0;
    }
    if (a.tag != b.tag) {
        return 0;
    }
    switch (a.tag) {
        case MC_T_STR:
            return mc_str_equal(mc_str(a), mc_str(b));
        case MC_T_LIST:
        case MC_T_TUPLE:
            return seq_equal(a, b);
        case MC_T_DICT: {
            if (!enter_compare()) {
                return -1;
            }
            int r = mc_dict_equal(a, b);
            compare_depth--;
            return r;
        }
        case MC_T_RANGE: {
            // Equal as sequences: same length, first item and (with 2+ items) step.
            const mc_range_t *x = mc_ptr(a.r), *y = mc_ptr(b.r);
            return x->len == y->len &&
                   (x->len == 0 || (x->start == y->start && (x->len == 1 || x->step == y->step)));
        }
        default:
            return a.u == b.u;
    }
}

static bool order_holds(uint32_t op, int c) {
    switch (op) {
        case MC_OPCODE_COMPARE_LT:
            return c < 0;
        case MC_OPCODE_COMPARE_LE:
            return c <= 0;
        case MC_OPCODE_COMPARE_GT:
            return c > 0;
        default:
            return c >= 0;
    }
}

// a < b and friends: 1 or 0, or -1 with an exception pending.
static int order(uint32_t op, mc_value_t a, mc_value_t b) {
    if (mc_is_number(a) && mc_is_number(b)) {
        int c = mc_num_compare(a, b);
        return c != 2 && order_holds(op, c);
    }
    if (a.tag == b.tag && a.tag == MC_T_STR) {
        return order_holds(op, mc_str_compare(mc_str(a), mc_str(b)));
    }
    if (a.tag == b.tag && is_seq(a)) {
        // Lexicographic: the first differing items decide, else the lengths.
        uint32_t na, nb, i;
        const mc_value_t *x = mc_seq_items(a, &na), *y = mc_seq_items(b, &nb);
        if (!enter_compare()) {
            return -1;
        }
        int r = 1;
        for (i = 0; i < na && i < nb; i++) {
            r = item_equal(x[i], y[i]);
            if (r != 1) {
                break;
            }
        }
        if (r == 0) {
            r = order(op, x[i], y[i]);
        } else if (r == 1) {
            r = order_holds(op, (na > nb) - (na < nb));
        }
        compare_depth--;
        return r;
    }
    mc_exc_raise(MC_MSG_ORDER_TYPES, mc_int((int32_t)op), mc_type(a), mc_type(b));
    return -1;
}

// item in container: 1 or 0, or -1 with an exception pending.
static int contains(mc_value_t container, mc_value_t item) {
    if (container.tag == MC_T_STR) {
        if (item.tag != MC_T_STR) {
            mc_exc_raise(MC_MSG_IN_STRING, mc_type(item));
            return -1;
        }
        return mc_str_contains(mc_str(container), mc_str(item));
    }
    if (is_seq(container)) {
        uint32_t n;
        const mc_value_t *items = mc_seq_items(container, &n);
        for (uint32_t i = 0; i < n; i++) {
            int r = item_equal(items[i], item);
            if (r != 0) {
                return r;
            }
        }
        return 0;
    }
    if (container.tag == MC_T_RANGE) {
        // The items are ints: only an int, a bool or a whole float can equal one. Constant time
        // for every item (a scan of a long range would take minutes).
        const mc_range_t *r = mc_ptr(container.r);
        if (item.tag == MC_T_FLOAT) {
            float f = item.f;
            if (!(f >= -2147483648.0f && f < 2147483648.0f) || (float)(int32_t)f != f) {
                return 0;
            }
            item = mc_int((int32_t)f);
        } else if (!mc_is_intlike(item)) {
            return 0;
        }
        // In range: an index below len that lands exactly on the item.
        bool up = r->step > 0;
        if (up ? item.i < r->start : item.i > r->start) {
            return 0;
        }
        uint32_t d = up ? (uint32_t)item.i - (uint32_t)r->start
                        : (uint32_t)r->start - (uint32_t)item.i;
        uint32_t step = up ? (uint32_t)r->step : 0u - (uint32_t)r->step;
        return d % step == 0 && d / step < r->len;
    }
    if (container.tag == MC_T_DICT || container.tag == MC_T_KEYS) {
        mc_value_t v;
        return mc_dict_get(container, item, &v);
    }
    if (container.tag >= MC_T_VALUES && container.tag <= MC_T_ITER) {
        // By iteration (which consumes an iterator up to the item, as CPython; values and items
        // views are searched in order).
        mc_value_t x;
        uint32_t k = 0;
        int r;
        while ((r = mc_seq_next(container, &k, &x)) > 0) {
            r = item_equal(x, item);
            if (r) {
                return r;
            }
        }
        return r;
    }
    mc_exc_raise(MC_MSG_NOT_CONTAINER, mc_type(container));
    return -1;
}

mc_value_t mc_ops_compare(uint32_t op, mc_value_t a, mc_value_t b) {
    int r;
    switch (op) {
        case MC_OPCODE_COMPARE_IS:
            return mc_bool(identical(a, b));
        case MC_OPCODE_COMPARE_IS_NOT:
            return mc_bool(!identical(a, b));
        case MC_OPCODE_COMPARE_EQ:
        case MC_OPCODE_COMPARE_NE:
            r = mc_ops_equal(a, b);
            break;
        case MC_OPCODE_COMPARE_IN:
        case MC_OPCODE_COMPARE_NOT_IN:
            r = contains(b, a);
            break;
        default:
            r = order(op, a, b);
            if (r < 0) {
                return mc_error();
            }
            return mc_bool(r);
    }
    if (r < 0) {
        return mc_error();
    }
    return mc_bool(r ^ (op == MC_OPCODE_COMPARE_NE || op == MC_OPCODE_COMPARE_NOT_IN));
}

// -- Unary operators, truth, len ------------------------------------------------------------------

mc_value_t mc_ops_unary(uint32_t op, mc_value_t v) {
    if (op == MC_OPCODE_UNARY_NOT) {
        return mc_bool(!mc_ops_truthy(v));
    }
    if (mc_is_number(v)) {
        return mc_num_unary(op, v);
    }
    return mc_exc_raise(MC_MSG_UNARY_TYPE, mc_int((int32_t)op), mc_type(v));
}

bool mc_ops_truthy(mc_value_t v) {
    uint32_t n;
    switch (v.tag) {
        case MC_T_INT:
        case MC_T_BOOL:
            return v.i != 0;
        case MC_T_FLOAT:
            return v.f != 0;
        case MC_T_NONE:
            return false;
        case MC_T_STR:
            return mc_str_bytes(mc_str(v)) != 0;
        case MC_T_LIST:
        case MC_T_TUPLE:
            mc_seq_items(v, &n);
            return n != 0;
        case MC_T_RANGE:
            return ((const mc_range_t *)mc_ptr(v.r))->len != 0;
        case MC_T_DICT:
        case MC_T_KEYS:
        case MC_T_VALUES:
        case MC_T_ITEMS:
            return mc_dict_len(v) != 0;
        default:
            return true;
    }
}

mc_value_t mc_ops_len(mc_value_t v) {
    uint32_t n;
    if (v.tag == MC_T_STR) {
        return mc_int((int32_t)mc_str_length(mc_str(v)));
    }
    if (is_seq(v)) {
        mc_seq_items(v, &n);
        return mc_int((int32_t)n);
    }
    if (v.tag == MC_T_RANGE) {
        // CPython raises OverflowError for a len past sys.maxsize; here past the int range.
        n = ((const mc_range_t *)mc_ptr(v.r))->len;
        return n > INT32_MAX ? mc_exc_raise_overflow() : mc_int((int32_t)n);
    }
    if (v.tag >= MC_T_DICT && v.tag <= MC_T_ITEMS) {
        return mc_int((int32_t)mc_dict_len(v));
    }
    return mc_exc_raise(MC_MSG_NO_LEN, mc_type(v));
}

// -- Subscripts -----------------------------------------------------------------------------------

mc_value_t mc_ops_subscr(mc_value_t container, mc_value_t index) {
    if (container.tag == MC_T_DICT) {
        return mc_dict_subscr(container, index);
    }
    if (container.tag == MC_T_RANGE && mc_is_intlike(index)) {
        const mc_range_t *r = mc_ptr(container.r);
        uint32_t k;
        if (!mc_seq_offset(index.i, r->len, &k)) {
            return mc_exc_raise(MC_MSG_RANGE_INDEX);
        }
        return mc_int((int32_t)((uint32_t)r->start + k * (uint32_t)r->step));
    }
    if (container.tag != MC_T_STR && !is_seq(container) && container.tag != MC_T_RANGE) {
        return mc_exc_raise(MC_MSG_NOT_SUBSCRIPTABLE, mc_type(container));
    }
    if (!mc_is_intlike(index)) {
        if (container.tag == MC_T_STR) {
            return mc_exc_raise(MC_MSG_STR_INDEX_TYPE, mc_type(index));
        }
        return mc_exc_raise(MC_MSG_INDEX_TYPE, mc_type(container), mc_type(index));
    }
    if (container.tag == MC_T_STR) {
        return mc_str_index(container, index.i);
    }
    uint32_t n, k;
    mc_value_t *items = mc_seq_items(container, &n);
    if (!mc_seq_offset(index.i, n, &k)) {
        return mc_exc_raise(MC_MSG_INDEX_RANGE, mc_type(container));
    }
    return items[k];
}

mc_value_t mc_ops_store_subscr(mc_value_t container, mc_value_t index, mc_value_t v) {
    if (container.tag == MC_T_DICT) {
        return mc_dict_set(container, index, v) ? mc_none() : mc_error();
    }
    if (container.tag != MC_T_LIST) {
        return mc_exc_raise(MC_MSG_NO_ITEM_ASSIGN, mc_type(container));
    }
    if (!mc_is_intlike(index)) {
        return mc_exc_raise(MC_MSG_INDEX_TYPE, mc_type(container), mc_type(index));
    }
    uint32_t n, k;
    mc_value_t *items = mc_seq_items(container, &n);
    if (!mc_seq_offset(index.i, n, &k)) {
        return mc_exc_raise(MC_MSG_ASSIGN_INDEX_RANGE);
    }
    items[k] = v;
    return mc_none();
}

mc_value_t mc_ops_delete_subscr(mc_value_t container, mc_value_t index) {
    if (container.tag == MC_T_DICT) {
        mc_value_t v;
        int r = mc_dict_pop(container, index, &v);
        return r > 0 ? mc_none() : r == 0 ? mc_exc_raise(MC_MSG_KEY, index) : mc_error();
    }
    if (container.tag != MC_T_LIST) {
        return mc_exc_raise(MC_MSG_NO_ITEM_DELETE, mc_type(container));
    }
    if (!mc_is_intlike(index)) {
        return mc_exc_raise(MC_MSG_INDEX_TYPE, mc_type(container), mc_type(index));
    }
    uint32_t n, k;
    mc_seq_items(container, &n);
    if (!mc_seq_offset(index.i, n, &k)) {
        return mc_exc_raise(MC_MSG_ASSIGN_INDEX_RANGE);
    }
    mc_list_replace(container, k, 1, NULL, 0);      // shrinking never allocates
    return mc_none();
}
