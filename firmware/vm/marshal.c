// The value marshal format and host calls.
#include <string.h>

#include "dict.h"
#include "exc.h"
#include "func.h"
#include "gc.h"
#include "marshal.h"
#include "mc_marshal.h"
#include "port.h"
#include "seq.h"
#include "str.h"
#include "vm.h"

// -- Encoding -------------------------------------------------------------------------------------

static bool put_byte(mc_out_t *out, uint32_t b) {
    char c = (char)b;
    return mc_out_put(out, &c, 1);
}

// A LEB128 length.
static bool put_varint(mc_out_t *out, uint32_t n) {
    char buf[5];
    uint32_t k = 0;
    for (; n >= 0x80; n >>= 7) {
        buf[k++] = (char)(n | 0x80);
    }
    buf[k++] = (char)n;
    return mc_out_put(out, buf, k);
}

// A code byte and a LEB128 length.
static bool put_head(mc_out_t *out, uint32_t code, uint32_t n) {
    return put_byte(out, code) && put_varint(out, n);
}

// The containers being encoded, innermost first (one met again is sent as a cycle).
typedef struct chain {
    const struct chain *up;
    mc_ref_t r;
} chain_t;

static bool encode(mc_out_t *out, mc_value_t v, uint32_t depth, const chain_t *up);

// Whether a container at `depth` is nested too deeply (RecursionError pending).
static bool too_deep(uint32_t depth) {
    if (depth < MC_MARSHAL_MAX_DEPTH) {
        return false;
    }
    mc_exc_raise(MC_MSG_RECURSION_MARSHAL);
    return true;
}

static bool encode_items(mc_out_t *out, uint32_t code, const mc_value_t *items, uint32_t n,
    uint32_t depth, const chain_t *up) {
    bool ok = !too_deep(depth) && put_head(out, code, n);
    for (uint32_t i = 0; ok && i < n; i++) {
        ok = encode(out, items[i], depth + 1, up);
    }
    return ok;
}

// An exception: its id, its message id and the tuple of its n arguments.
static bool encode_exc(mc_out_t *out, uint32_t id, uint32_t msg, const mc_value_t *args,
    uint32_t n, uint32_t depth, const chain_t *up) {
    return put_head(out, MC_MARSHAL_EXC, id) && put_varint(out, msg) &&
           encode_items(out, MC_MARSHAL_TUPLE, args, n, depth, up);
}

// Whether the encoding is for another core, which decodes only the values of the language.
static MC_THREAD_LOCAL bool portable;

static bool encode(mc_out_t *out, mc_value_t v, uint32_t depth, const chain_t *up) {
    uint32_t tag = v.tag, n;
    if (portable && !(tag <= MC_T_NONE || (tag >= MC_T_STR && tag <= MC_T_TUPLE) ||
                      tag == MC_T_DICT)) {
        mc_exc_raise(MC_MSG_CANNOT_SEND, mc_type(v));
        return false;
    }
    for (const chain_t *c = up; c && tag >= MC_T_OBJ; c = c->up) {
        if (c->r == v.r) {
            if (portable) {
                return !too_deep(MC_MARSHAL_MAX_DEPTH);     // RecursionError
            }
            return put_head(out, MC_MARSHAL_CYCLE, tag == MC_T_LIST    ? MC_MARSHAL_LIST
                                                   : tag == MC_T_TUPLE ? MC_MARSHAL_TUPLE
                                                                       : MC_MARSHAL_DICT);
        }
    }
    chain_t link = {up, v.r};
    switch (tag) {
        case MC_T_NONE:
            return put_byte(out, MC_MARSHAL_NONE);
        case MC_T_BOOL:
            return put_byte(out, v.i ? MC_MARSHAL_TRUE : MC_MARSHAL_FALSE);
        case MC_T_INT:
        case MC_T_FLOAT: {
            char buf[5] = {tag == MC_T_INT ? MC_MARSHAL_INT : MC_MARSHAL_FLOAT};
            memcpy(buf + 1, &v.u, 4);
            return mc_out_put(out, buf, 5);
        }
        case MC_T_STR: {
            const mc_str_t *s = mc_str(v);
            return put_head(out, MC_MARSHAL_STR, mc_str_bytes(s)) &&
                   mc_out_put(out, s->data, mc_str_bytes(s));
        }
        case MC_T_LIST:
        case MC_T_TUPLE: {
            const mc_value_t *items = mc_seq_items(v, &n);
            return encode_items(out, tag == MC_T_LIST ? MC_MARSHAL_LIST : MC_MARSHAL_TUPLE,
                items, n, depth, &link);
        }
        case MC_T_KEYS:
        case MC_T_VALUES:
        case MC_T_ITEMS:
            // A view, then its dict. CPython shows a view as a list of the dict's items, so the
            // dict is not being shown there: its items do not meet it as a cycle.
            if (!put_byte(out, MC_MARSHAL_KEYS + tag - MC_T_KEYS)) {
                return false;
            }
            link.up = up;
            link.r = 0;     // (no object lives at 0)
            __attribute__((fallthrough));
        case MC_T_DICT: {
            uint32_t fill;
            const mc_entry_t *e = mc_dict_entries(v, &fill);
            bool ok = !too_deep(depth) && put_head(out, MC_MARSHAL_DICT, mc_dict_len(v));
            for (uint32_t i = 0; ok && i < fill; i++) {
                ok = e[i].key.tag == MC_T_UNBOUND ||
                     (encode(out, e[i].key, depth + 1, &link) &&
                      encode(out, e[i].value, depth + 1, &link));
            }
            return ok;
        }
        case MC_T_RANGE:
            // start, stop and step: three little-endian i32, as mc_range_t begins.
            return put_byte(out, MC_MARSHAL_RANGE) && mc_out_put(out, mc_ptr(v.r), 12);
        case MC_T_FUNC:
        case MC_T_FUNCX: {
            const mc_code_t *code = (const mc_code_t *)mc_ptr(
                tag == MC_T_FUNC ? v.r : ((const mc_func_t *)mc_ptr(v.r))->code);
            return put_byte(out, MC_MARSHAL_FUNCTION) &&
                   encode(out, mc_vm_const(code->name), depth, up);
        }
        case MC_T_BUILTIN:
            return put_head(out, MC_MARSHAL_BUILTIN, v.u);
        case MC_T_EXC_CLASS:
            return put_head(out, MC_MARSHAL_EXC_CLASS, v.u);
        case MC_T_ITER:
            return put_head(out, MC_MARSHAL_ITER, ((const mc_iter_t *)mc_ptr(v.r))->kind);
        case MC_T_REQUEST:
            return put_head(out, MC_MARSHAL_ITER, MC_ITER_REQUEST);
        case MC_T_EXC: {
            // A message's arguments are already a tuple; a program's argument is made one.
            const mc_exc_obj_t *e = mc_exc_obj(v);
            const mc_value_t *args = &e->arg;
            n = e->arg.tag != MC_T_UNBOUND;
            if (e->msg) {
                args = mc_seq_items(e->arg, &n);
            }
            return encode_exc(out, e->id, e->msg, args, n, depth, &link);
        }
        default:
            mc_port_panic("no marshalled form for this value");
    }
}

bool mc_marshal_encode(mc_out_t *out, mc_value_t v) {
    return encode(out, v, 0, NULL);
}

bool mc_marshal_encode_portable(mc_out_t *out, mc_value_t v) {
    portable = true;
    bool ok = encode(out, v, 0, NULL);
    portable = false;
    return ok;
}

bool mc_marshal_encode_items(mc_out_t *out, const mc_value_t *items, uint32_t n) {
    return encode_items(out, MC_MARSHAL_TUPLE, items, n, 0, NULL);
}

bool mc_marshal_encode_exc(mc_out_t *out, uint32_t id, uint32_t msg, const mc_value_t *args) {
    return encode_exc(out, id, msg, args, msg & 7, 0, NULL);
}

// -- Decoding -------------------------------------------------------------------------------------

_Static_assert(MC_GC_TEMP_ROOTS >= 3 * MC_MARSHAL_MAX_DEPTH + 8,
    "decoding pins three values a level: raise MC_GC_TEMP_ROOTS (mc_config.h)");

static mc_value_t malformed(void) {
    return mc_exc_raise(MC_MSG_MALFORMED);
}

static mc_value_t decode(const uint8_t **p, const uint8_t *end, uint32_t depth) {
    const uint8_t *s = *p;
    if (s >= end) {
        return malformed();
    }
    uint32_t code = *s++;
    if (code <= MC_MARSHAL_TRUE) {
        *p = s;
        return code == MC_MARSHAL_NONE ? mc_none() : mc_bool(code == MC_MARSHAL_TRUE);
    }
    mc_value_t v;
    if (code == MC_MARSHAL_INT || code == MC_MARSHAL_FLOAT) {
        if (end - s < 4) {
            return malformed();
        }
        v.tag = code == MC_MARSHAL_INT ? MC_T_INT : MC_T_FLOAT;
        memcpy(&v.u, s, 4);
        *p = s + 4;
        return v;
    }
    uint32_t n = 0;
    for (uint32_t shift = 0;; shift += 7) {
        if (s >= end || shift > 28) {
            return malformed();
        }
        n |= (uint32_t)(*s & 0x7F) << shift;
        if (!(*s++ & 0x80)) {
            break;
        }
    }
    if (code == MC_MARSHAL_STR) {
        if ((uint32_t)(end - s) < n) {
            return malformed();
        }
        *p = s + n;
        return mc_str_new((const char *)s, n);
    }
    bool dict = code == MC_MARSHAL_DICT;
    if ((code != MC_MARSHAL_LIST && code != MC_MARSHAL_TUPLE && !dict) ||
        depth == MC_MARSHAL_MAX_DEPTH || (uint32_t)(end - s) < n) {
        return malformed();
    }
    v = dict ? mc_dict_new() : mc_seq_alloc(code == MC_MARSHAL_LIST ? MC_T_LIST : MC_T_TUPLE, n);
    if (mc_is_error(v)) {
        return v;
    }
    mc_value_t *slot = mc_gc_pin(v);
    *p = s;
    for (uint32_t i = 0; i < n; i++) {
        mc_value_t item = decode(p, end, depth + 1);
        if (mc_is_error(item)) {
            v = item;
            break;
        }
        if (dict) {
            mc_value_t *key = mc_gc_pin(item);
            item = decode(p, end, depth + 1);
            bool ok = !mc_is_error(item) && mc_dict_set(*slot, *key, *mc_gc_pin(item));
            mc_gc_unpin(key);
            if (!ok) {
                v = mc_error();
                break;
            }
            continue;
        }
        uint32_t len;
        mc_seq_items(*slot, &len)[i] = item;
    }
    mc_gc_unpin(slot);
    return v;
}

mc_value_t mc_marshal_decode(const uint8_t **p, const uint8_t *end) {
    return decode(p, end, 0);
}

// -- Host calls -----------------------------------------------------------------------------------

static int put_reply(void *out, const char *s, uint32_t n) {
    return mc_out_put(out, s, n);
}

mc_value_t mc_host_request(uint32_t service, const char *request, uint32_t n) {
    mc_str_builder_t reply;
    mc_str_builder_init(&reply);
    mc_value_t r = mc_error();
    if (mc_port_request(service, request, n, put_reply, &reply.out) &&
        mc_out_put(&reply.out, "", 1)) {
        const uint8_t *p = (const uint8_t *)mc_str_builder_data(&reply);
        const uint8_t *end = p + reply.len - 1;     // the NUL put last
        if (end - p >= 3 && *p == MC_HOSTCALL_STATUS_EXCEPTION) {
            uint32_t id = p[1] | p[2] << 8;
            mc_value_t text = mc_str_new((const char *)p + 3, (uint32_t)(end - p - 3));
            if (!mc_is_error(text)) {
                mc_exc_set(mc_exc_valid(id) ? id : MC_EXC_Exception, MC_MSG_TEXT.id, &text);
            }
        } else if (p < end && *p == MC_HOSTCALL_STATUS_OK) {
            p++;
            r = mc_marshal_decode(&p, end);
        } else {
            malformed();
        }
    }
    mc_str_builder_drop(&reply);
    return r;
}

mc_value_t mc_host_call(uint32_t id, const mc_value_t *args, uint32_t n) {
    mc_str_builder_t b;
    mc_str_builder_init(&b);
    mc_value_t r = mc_error();
    if (put_byte(&b.out, id) && mc_marshal_encode_items(&b.out, args, n)) {
        r = mc_host_request(MC_SVC_CALL, mc_str_builder_data(&b), b.len);
    }
    mc_str_builder_drop(&b);
    return r;
}
