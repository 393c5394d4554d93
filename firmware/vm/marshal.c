// The value marshal format and host calls.
#include <string.h>

#include "dict.h"
#include "exc.h"
#include "gc.h"
#include "marshal.h"
#include "mc_marshal.h"
#include "port.h"
#include "seq.h"
#include "str.h"

// -- Encoding -------------------------------------------------------------------------------------

static bool put_byte(mc_out_t *out, uint32_t b) {
    char c = (char)b;
    return mc_out_put(out, &c, 1);
}

// A code byte and a LEB128 length.
static bool put_head(mc_out_t *out, uint32_t code, uint32_t n) {
    char buf[6];
    uint32_t k = 0;
    buf[k++] = (char)code;
    for (; n >= 0x80; n >>= 7) {
        buf[k++] = (char)(n | 0x80);
    }
    buf[k++] = (char)n;
    return mc_out_put(out, buf, k);
}

static bool encode(mc_out_t *out, mc_value_t v, uint32_t depth);

static bool encode_items(mc_out_t *out, uint32_t code, const mc_value_t *items, uint32_t n,
    uint32_t depth) {
    if (depth == MC_MARSHAL_MAX_DEPTH) {
        mc_exc_raise(MC_EXC_RecursionError,
            "maximum recursion depth exceeded while marshalling a value");
        return false;
    }
    bool ok = put_head(out, code, n);
    for (uint32_t i = 0; ok && items && i < n; i++) {
        ok = encode(out, items[i], depth + 1);
    }
    return ok;
}

static bool encode(mc_out_t *out, mc_value_t v, uint32_t depth) {
    switch (v.tag) {
        case MC_T_NONE:
            return put_byte(out, MC_MARSHAL_NONE);
        case MC_T_BOOL:
            return put_byte(out, v.i ? MC_MARSHAL_TRUE : MC_MARSHAL_FALSE);
        case MC_T_INT:
        case MC_T_FLOAT: {
            char buf[5] = {v.tag == MC_T_INT ? MC_MARSHAL_INT : MC_MARSHAL_FLOAT};
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
            uint32_t n;
            const mc_value_t *items = mc_seq_items(v, &n);
            return encode_items(out, v.tag == MC_T_LIST ? MC_MARSHAL_LIST : MC_MARSHAL_TUPLE,
                items, n, depth);
        }
        case MC_T_DICT: {
            // Its n (key, value) pairs, in insertion order.
            uint32_t fill;
            const mc_entry_t *e = mc_dict_entries(v, &fill);
            bool ok = encode_items(out, MC_MARSHAL_DICT, NULL, mc_dict_len(v), depth);
            for (uint32_t i = 0; ok && i < fill; i++) {
                ok = e[i].key.tag == MC_T_UNBOUND ||
                     (encode(out, e[i].key, depth + 1) && encode(out, e[i].value, depth + 1));
            }
            return ok;
        }
        default:
            mc_exc_raise(MC_EXC_TypeError, "cannot send a '%t' object to the host", v);
            return false;
    }
}

bool mc_marshal_encode(mc_out_t *out, mc_value_t v) {
    return encode(out, v, 0);
}

bool mc_marshal_encode_items(mc_out_t *out, const mc_value_t *items, uint32_t n) {
    return encode_items(out, MC_MARSHAL_TUPLE, items, n, 0);
}

// -- Decoding -------------------------------------------------------------------------------------

static mc_value_t malformed(void) {
    return mc_exc_raise(MC_EXC_ValueError, "malformed marshalled value");
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
            mc_exc_raise(p[1] | p[2] << 8, "%s", (const char *)p + 3);
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
