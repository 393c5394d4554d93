// Exceptions: the pending exception and its message id, exception objects, matching by class.
#include <stdarg.h>

#include "dict.h"
#include "exc.h"
#include "gc.h"
#include "marshal.h"
#include "mc_marshal.h"
#include "port.h"
#include "seq.h"
#include "str.h"

MC_THREAD_LOCAL mc_exc_t mc_exc;

// Each exception's base plus one (0: not an exception id).
static const uint8_t bases[] = {
#define MC_EXCEPTION(name, id, base) [id] = base + 1,
#include "mc_exceptions.h"
#undef MC_EXCEPTION
};

bool mc_exc_valid(uint32_t id) {
    return id < MC_ARRAY_SIZE(bases) && bases[id];
}

mc_value_t mc_exc_set(uint32_t id, uint32_t msg, const mc_value_t *args) {
    for (uint32_t i = 0; i < (msg & 7); i++) {
        mc_exc.args[i] = args[i];
    }
    mc_exc.id = id;
    mc_exc.msg = msg;
    mc_exc.value.tag = MC_T_NONE;
    return mc_error();
}

mc_value_t mc_exc_raise(mc_msg_t msg, ...) {
    mc_value_t args[MC_MESSAGE_MAX_ARGS];
    va_list ap;
    va_start(ap, msg);
    for (uint32_t i = 0; i < (msg.id & 7); i++) {
        args[i] = va_arg(ap, mc_value_t);
    }
    va_end(ap);
    return mc_exc_set(msg.id >> 3 & 0x1F, msg.id, args);
}

mc_value_t mc_exc_raise_overflow(void) {
    return mc_exc_raise(MC_MSG_OVERFLOW);
}

mc_value_t mc_type(mc_value_t v) {
    static const uint8_t codes[] = {
        [MC_T_INT] = MC_MARSHAL_INT, [MC_T_BOOL] = MC_MARSHAL_TRUE,
        [MC_T_FLOAT] = MC_MARSHAL_FLOAT, [MC_T_NONE] = MC_MARSHAL_NONE,
        [MC_T_FUNC] = MC_MARSHAL_FUNCTION, [MC_T_BUILTIN] = MC_MARSHAL_BUILTIN,
        [MC_T_EXC_CLASS] = MC_MARSHAL_EXC_CLASS, [MC_T_STR] = MC_MARSHAL_STR,
        [MC_T_LIST] = MC_MARSHAL_LIST, [MC_T_TUPLE] = MC_MARSHAL_TUPLE,
        [MC_T_RANGE] = MC_MARSHAL_RANGE, [MC_T_DICT] = MC_MARSHAL_DICT,
        [MC_T_KEYS] = MC_MARSHAL_KEYS, [MC_T_VALUES] = MC_MARSHAL_VALUES,
        [MC_T_ITEMS] = MC_MARSHAL_ITEMS, [MC_T_ITER] = MC_MARSHAL_ITER,
        [MC_T_FUNCX] = MC_MARSHAL_FUNCTION, [MC_T_EXC] = MC_MARSHAL_EXC,
        [MC_T_REQUEST] = MC_MARSHAL_ITER,
    };
    _Static_assert(MC_ARRAY_SIZE(codes) == MC_T_REQUEST + 1, "a type code for every tag");
    uint32_t sub = v.tag == MC_T_EXC       ? mc_exc_obj(v)->id
                 : v.tag == MC_T_ITER    ? ((const mc_iter_t *)mc_ptr(v.r))->kind
                 : v.tag == MC_T_REQUEST ? MC_ITER_REQUEST : 0;
    return mc_int((int32_t)(codes[v.tag] | sub << 8));
}

mc_value_t mc_exc_new(uint32_t id, const mc_value_t *args, uint32_t n) {
    if (n > 1) {
        // CPython takes any number; microcore keeps one argument.
        return mc_exc_raise(MC_MSG_EXC_ARGS, mc_int((int32_t)id), mc_int((int32_t)n));
    }
    mc_exc_obj_t *e = mc_gc_alloc(sizeof *e, MC_T_EXC);
    if (!e) {
        return mc_error();
    }
    e->arg = n ? args[0] : mc_unbound();
    e->id = (uint16_t)id;
    return mc_obj(MC_T_EXC, e);
}

mc_value_t mc_exc_raise_value(mc_value_t v) {
    if (v.tag == MC_T_EXC_CLASS) {
        v = mc_exc_new(v.u, NULL, 0);
        if (mc_is_error(v)) {
            return v;
        }
    } else if (v.tag != MC_T_EXC) {
        return mc_exc_raise(MC_MSG_NOT_EXCEPTION);
    }
    mc_exc.id = mc_exc_obj(v)->id;
    mc_exc.msg = 0;
    mc_exc.value = v;
    return mc_error();
}

mc_value_t mc_exc_object(mc_value_t spare) {
    mc_value_t v = mc_exc.value;
    if (v.tag != MC_T_EXC) {
        // The message's arguments become the object's tuple; the host makes its text on demand.
        uint32_t n = mc_exc.msg & 7, id = mc_exc.id, msg = mc_exc.msg;
        mc_value_t *t = mc_gc_pin(mc_seq_alloc(MC_T_TUPLE, n));
        if (!mc_is_error(*t)) {
            uint32_t len;
            mc_value_t *items = mc_seq_items(*t, &len);
            for (uint32_t i = 0; i < n; i++) {
                items[i] = mc_exc.args[i];
            }
            v = mc_exc_new(id, t, 1);
        }
        mc_gc_unpin(t);
        if (mc_is_error(*t) || mc_is_error(v)) {
            v = spare;
            mc_exc_obj(v)->line = 0;
        } else {
            mc_exc_obj(v)->msg = (uint16_t)msg;
        }
    }
    mc_exc_obj_t *e = mc_exc_obj(v);
    if (!e->line) {
        e->code = (uint16_t)mc_exc.code;
        e->line = mc_exc.line;
    }
    mc_exc.value.tag = MC_T_NONE;
    return v;
}

void mc_exc_report(void) {
    mc_str_builder_t b;
    mc_str_builder_init(&b);
    uint32_t id = mc_exc.id, code = mc_exc.code, line = mc_exc.line;
    mc_value_t v = mc_exc.value;
    bool ok = v.tag == MC_T_EXC ? mc_marshal_encode(&b.out, v)
                                : mc_marshal_encode_exc(&b.out, id, mc_exc.msg, mc_exc.args);
    const char *data = mc_str_builder_data(&b);
    uint32_t n = b.len;
    // (Out of memory, or nested too deeply: the class alone.)
    const char bare[] = {MC_MARSHAL_EXC, (char)id, 0, MC_MARSHAL_TUPLE, 0};
    if (!ok) {
        data = bare;
        n = sizeof bare;
    }
    mc_port_error(id, code, line, data, n);
    mc_str_builder_drop(&b);
}

int mc_exc_match(mc_value_t v, mc_value_t cls) {
    uint32_t n = 1;
    const mc_value_t *classes = &cls;
    if (cls.tag == MC_T_TUPLE) {
        classes = mc_seq_items(cls, &n);
    }
    int r = 0;
    for (uint32_t i = 0; i < n; i++) {
        // As CPython, every item is checked before the match is known.
        if (classes[i].tag != MC_T_EXC_CLASS) {
            mc_exc_raise(MC_MSG_CATCH_NOT_EXCEPTION);
            return -1;
        }
        // (only a hand-made image can match a value that is no exception: it matches nothing)
        for (uint32_t id = v.tag == MC_T_EXC ? mc_exc_obj(v)->id : 0; id; id = bases[id] - 1u) {
            r |= id == classes[i].u;
        }
    }
    return r;
}
