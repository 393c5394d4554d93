// Raising exceptions: the pending exception and its message.
#include <string.h>

#include "exc.h"
#include "out.h"

MC_THREAD_LOCAL mc_exc_t mc_exc;

mc_value_t mc_exc_raise(mc_exc_id_t id, const char *fmt, ...) {
    // Format into a local buffer: a %r may raise (and overwrite mc_exc) on the way.
    char text[MC_EXC_MESSAGE_BYTES];
    mc_out_fixed_t out;
    mc_out_fixed_init(&out, text, sizeof text);
    va_list ap;
    va_start(ap, fmt);
    mc_out_vformat(&out.out, fmt, ap);
    va_end(ap);
    uint32_t len = mc_out_fixed_finish(&out);
    memcpy(mc_exc.message, text, len + 1);
    mc_exc.len = len;
    mc_exc.id = id;
    return mc_error();
}

mc_value_t mc_exc_raise_overflow(void) {
    return mc_exc_raise(MC_EXC_OverflowError, "int result does not fit in 32 bits");
}
