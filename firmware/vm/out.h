// Byte sinks, str()/repr() of values, and the formatter of image reasons (host builds).
#ifndef MC_OUT_H
#define MC_OUT_H

#include <stdarg.h>

#include "value.h"

typedef struct mc_out mc_out_t;

// A byte sink. put() appends n bytes and returns false when it could not (an exception is then
// pending, e.g. MemoryError from a growing heap buffer).
struct mc_out {
    bool (*put)(mc_out_t *out, const char *s, uint32_t n);
};

static inline bool mc_out_put(mc_out_t *out, const char *s, uint32_t n) {
    return out->put(out, s, n);
}

// Bytes of the longest decimal of a u32 with a sign.
#define MC_OUT_DECIMAL_BYTES 11

// Write the decimal of u (with a '-' if `negative`) backwards, ending at `end`; its start.
char *mc_out_decimal(char *end, uint32_t u, bool negative);

// A sink into a fixed buffer that silently drops what does not fit.
typedef struct {
    mc_out_t out;
    char *buf;
    uint32_t len;
    uint32_t cap;       // bytes of buf, one kept for the NUL
} mc_out_fixed_t;

void mc_out_fixed_init(mc_out_fixed_t *o, char *buf, uint32_t cap);

#if MC_IMAGE_REASONS
// Cut a partial UTF-8 sequence left at the end by truncation, add a NUL, return the length.
uint32_t mc_out_fixed_finish(mc_out_fixed_t *o);

// Format the reason of a refused image (host builds only; every other text is made by the host).
// Directives: %s (C string), %d (int32_t), %u (uint32_t), %x or %Nx (uint32_t as 0x and at least
// N hex digits), %c (char), %%.
bool mc_out_vformat(mc_out_t *out, const char *fmt, va_list ap);
#endif

// str(v), or repr(v) if `repr`, as a str value: a str's str and the text of an int, a bool and
// None are made on the core, the rest by the host (a host call); MC_T_ERROR with an exception
// pending on failure.
mc_value_t mc_out_text(mc_value_t v, bool repr);

#endif // MC_OUT_H
