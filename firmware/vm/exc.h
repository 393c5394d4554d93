// Exceptions: the pending exception, exception objects, and matching by class.
//
// A C helper that fails records the pending exception with mc_exc_raise() and returns the
// MC_T_ERROR sentinel (or false/NULL); the dispatch loop then looks for a handler in the code
// objects' exception tables (see vm.c). A pending exception raised by C code is only an id and a
// message; it becomes an object (MC_T_EXC) when a handler catches it. RAISE makes an object
// pending as it is (mc_exc.value).
#ifndef MC_EXC_H
#define MC_EXC_H

#include "value.h"

// Exception ids (microcore/bytecode/exceptions.py), as MC_EXC_TypeError and so on.
typedef enum {
#define MC_EXCEPTION(name, id, base) MC_EXC_##name = id,
#include "mc_exceptions.h"
#undef MC_EXCEPTION
} mc_exc_id_t;

// An exception instance: its class and its one argument (MC_T_UNBOUND for none). `line` and
// `code` are where it was first raised (line 0: not raised yet); raising it again keeps them,
// as CPython's traceback keeps its innermost entry.
typedef struct {
    mc_value_t arg;
    uint16_t id;
    uint16_t code;
    uint32_t line;
} mc_exc_obj_t;

typedef struct {
    uint32_t id;        // 0: none pending
    uint32_t len;       // bytes of message
    mc_value_t value;   // the pending exception object if its tag is MC_T_EXC, else only id/message
    uint32_t code;      // where it was raised: code object index and line (set by the VM)
    uint32_t line;
    char message[MC_EXC_MESSAGE_BYTES];
} mc_exc_t;

extern MC_THREAD_LOCAL mc_exc_t mc_exc;

// Make `id` pending with a message formatted by mc_out_format() (see out.h); returns mc_error().
mc_value_t mc_exc_raise(mc_exc_id_t id, const char *fmt, ...);

// OverflowError for an int result that does not fit in 32 bits.
mc_value_t mc_exc_raise_overflow(void);

static inline mc_exc_obj_t *mc_exc_obj(mc_value_t v) {
    return (mc_exc_obj_t *)mc_ptr(v.r);
}

// Call exception class `id` with n arguments: a new instance, or mc_error().
mc_value_t mc_exc_new(uint32_t id, const mc_value_t *args, uint32_t n);

// Raise `v` (RAISE): an instance is made pending as is, a class is instantiated first; anything
// else raises TypeError. Returns mc_error().
mc_value_t mc_exc_raise_value(mc_value_t v);
// Raise KeyError(key) for a missing key (the object holds the key, not its repr's text).
mc_value_t mc_exc_raise_key(mc_value_t key);

// The pending exception as an object, made from its id and message if needed. When memory
// runs out for it, the preallocated `spare` MemoryError stands in (as CPython's does).
mc_value_t mc_exc_object(mc_value_t spare);

// For the host's report of an uncaught exception: the message of a pending object is its str().
void mc_exc_describe(void);

// Whether the exception object `v` matches `cls`, a class or a tuple of classes (CHECK_EXC_MATCH):
// 1 or 0, or -1 with TypeError pending if `cls` is not one.
int mc_exc_match(mc_value_t v, mc_value_t cls);

// Name of exception class `id`.
const char *mc_exc_name(uint32_t id);

// Whether `id` is an exception id.
bool mc_exc_valid(uint32_t id);

#endif // MC_EXC_H
