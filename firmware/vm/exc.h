// Raising exceptions.
//
// A C helper that fails records the pending exception with mc_exc_raise() and returns the
// MC_T_ERROR sentinel (or false/NULL); the dispatch loop then handles it. There is no try/except
// yet, so the loop reports the exception to the host through the port and stops the VM.
#ifndef MC_EXC_H
#define MC_EXC_H

#include "value.h"

// Exception ids (microcore/bytecode/exceptions.py), as MC_EXC_TypeError and so on.
typedef enum {
#define MC_EXCEPTION(name, id, base) MC_EXC_##name = id,
#include "mc_exceptions.h"
#undef MC_EXCEPTION
} mc_exc_id_t;

typedef struct {
    uint32_t id;        // 0: none pending
    uint32_t len;       // bytes of message
    char message[MC_EXC_MESSAGE_BYTES];
} mc_exc_t;

extern MC_THREAD_LOCAL mc_exc_t mc_exc;

// Make `id` pending with a message formatted by mc_out_format() (see out.h); returns mc_error().
mc_value_t mc_exc_raise(mc_exc_id_t id, const char *fmt, ...);

// OverflowError for an int result that does not fit in 32 bits.
mc_value_t mc_exc_raise_overflow(void);

#endif // MC_EXC_H
