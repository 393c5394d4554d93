// Exceptions: the pending exception and its message, exception objects, matching by class.
#include <string.h>

#include "exc.h"
#include "gc.h"
#include "out.h"
#include "seq.h"
#include "str.h"

MC_THREAD_LOCAL mc_exc_t mc_exc;

static const char *const names[] = {
#define MC_EXCEPTION(name, id, base) [id] = #name,
#include "mc_exceptions.h"
#undef MC_EXCEPTION
};

static const uint8_t bases[] = {
#define MC_EXCEPTION(name, id, base) [id] = base,
#include "mc_exceptions.h"
#undef MC_EXCEPTION
};

bool mc_exc_valid(uint32_t id) {
    return id < MC_ARRAY_SIZE(names) && names[id];
}

const char *mc_exc_name(uint32_t id) {
    return names[id];
}

// Format into a local buffer, then make it the message: a %r may raise (and overwrite mc_exc)
// on the way.
static void set_message(const char *fmt, va_list ap) {
    char text[MC_EXC_MESSAGE_BYTES];
    mc_out_fixed_t out;
    mc_out_fixed_init(&out, text, sizeof text);
    mc_out_vformat(&out.out, fmt, ap);
    uint32_t len = mc_out_fixed_finish(&out);
    memcpy(mc_exc.message, text, len + 1);
    mc_exc.len = len;
}

mc_value_t mc_exc_raise(mc_exc_id_t id, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    set_message(fmt, ap);
    va_end(ap);
    mc_exc.id = id;
    mc_exc.value.tag = MC_T_NONE;
    return mc_error();
}

mc_value_t mc_exc_raise_overflow(void) {
    return mc_exc_raise(MC_EXC_OverflowError, "int result does not fit in 32 bits");
}

mc_value_t mc_exc_new(uint32_t id, const mc_value_t *args, uint32_t n) {
    if (n > 1) {
        // CPython takes any number; microcore keeps one argument.
        return mc_exc_raise(MC_EXC_TypeError, "%s expected at most 1 argument, got %u",
            names[id], n);
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
        return mc_exc_raise(MC_EXC_TypeError, "exceptions must derive from BaseException");
    }
    mc_exc.id = mc_exc_obj(v)->id;
    mc_exc.len = 0;
    mc_exc.value = v;
    return mc_error();
}

mc_value_t mc_exc_raise_key(mc_value_t key) {
    // The key itself is the argument, as CPython's (str(e) is its repr; e.args[0] the key).
    mc_value_t *k = mc_gc_pin(key);
    mc_value_t v = mc_exc_new(MC_EXC_KeyError, k, 1);
    mc_gc_unpin(k);
    return mc_is_error(v) ? v : mc_exc_raise_value(v);
}

mc_value_t mc_exc_object(mc_value_t spare) {
    mc_value_t v = mc_exc.value;
    if (v.tag != MC_T_EXC) {
        mc_value_t *msg = mc_gc_pin(mc_str_new(mc_exc.message, mc_exc.len));
        v = mc_is_error(*msg) ? *msg : mc_exc_new(mc_exc.id, msg, 1);
        mc_gc_unpin(msg);
        if (mc_is_error(v)) {
            v = spare;
            mc_exc_obj(v)->line = 0;
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

void mc_exc_describe(void) {
    if (mc_exc.value.tag != MC_T_EXC) {
        return;
    }
    uint32_t id = mc_exc.id;
    char text[MC_EXC_MESSAGE_BYTES];
    mc_out_fixed_t out;
    mc_out_fixed_init(&out, text, sizeof text);
    mc_out_value(&out.out, mc_exc.value, false);    // (what fits; a failure is not reported)
    uint32_t len = mc_out_fixed_finish(&out);
    memcpy(mc_exc.message, text, len + 1);
    mc_exc.len = len;
    mc_exc.id = id;
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
            mc_exc_raise(MC_EXC_TypeError,
                "catching classes that do not inherit from BaseException is not allowed");
            return -1;
        }
        // (only a hand-made image can match a value that is no exception: it matches nothing)
        for (uint32_t id = v.tag == MC_T_EXC ? mc_exc_obj(v)->id : 0; id; id = bases[id]) {
            r |= id == classes[i].u;
        }
    }
    return r;
}
