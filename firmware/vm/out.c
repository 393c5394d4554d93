// Byte sinks, str()/repr() (a str's and an int's on the core, the rest by the host), and the
// formatter of the native build's image reasons.
#include <string.h>

#include "exc.h"
#include "gc.h"
#include "marshal.h"
#include "out.h"
#include "port.h"
#include "str.h"

char *mc_out_decimal(char *end, uint32_t u, bool negative) {
    do {
        *--end = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (negative) {
        *--end = '-';
    }
    return end;
}

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

#if MC_IMAGE_REASONS
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

static bool put_cstr(mc_out_t *out, const char *s) {
    return mc_out_put(out, s, (uint32_t)strlen(s));
}

static bool put_decimal(mc_out_t *out, uint32_t u, bool negative) {
    char buf[MC_OUT_DECIMAL_BYTES];
    char *p = mc_out_decimal(buf + sizeof buf, u, negative);
    return mc_out_put(out, p, (uint32_t)(buf + sizeof buf - p));
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
                ok = put_cstr(out, va_arg(ap, const char *));
                break;
            case 'd':
            {
                int32_t i = va_arg(ap, int);
                ok = put_decimal(out, i < 0 ? 0u - (uint32_t)i : (uint32_t)i, i < 0);
                break;
            }
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
#endif

mc_value_t mc_out_text(mc_value_t v, bool repr) {
    if (v.tag == MC_T_STR && !repr) {
        return v;
    }
    if (v.tag == MC_T_BOOL || v.tag == MC_T_NONE) {
        const char *word = v.tag == MC_T_NONE ? "None" : v.i ? "True" : "False";
        return mc_str_new(word, (uint32_t)strlen(word));
    }
    if (v.tag != MC_T_INT) {
        // Everything else is formatted by the host, as CPython would (bytecode/text.py).
        mc_value_t s = mc_host_call(repr ? MC_HOSTCALL_REPR_ID : MC_HOSTCALL_STR_ID, &v, 1);
        if (!mc_is_error(s) && s.tag != MC_T_STR) {
            s = mc_exc_raise(MC_MSG_HOST_TEXT_TYPE, mc_type(s));
        }
        return s;
    }
    char buf[MC_OUT_DECIMAL_BYTES];
    char *p = mc_out_decimal(buf + sizeof buf, v.i < 0 ? 0u - (uint32_t)v.i : (uint32_t)v.i,
        v.i < 0);
    return mc_str_new(p, (uint32_t)(buf + sizeof buf - p));
}
