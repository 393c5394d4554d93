// Exceptions: the pending exception, exception objects, and matching by class.
//
// A C helper that fails records the pending exception with mc_exc_raise() and returns the
// MC_T_ERROR sentinel (or false/NULL); the dispatch loop then looks for a handler in the code
// objects' exception tables (see vm.c). A pending exception raised by C code is a message id
// (microcore/bytecode/messages.py) and its arguments, never text: the host makes the text when it
// is shown. It becomes an object (MC_T_EXC) when a handler catches it. RAISE makes an object
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

// Messages, as MC_MSG_OVERFLOW; `id` is index << 8 | exception id << 3 | number of arguments. A
// struct and not an int, so that raising with anything but a message (an exception id, a C
// string) does not compile.
typedef struct {
    uint32_t id;
} mc_msg_t;

#define MC_MESSAGE(name, packed) static const mc_msg_t MC_MSG_##name = {packed};
#include "mc_messages.h"
#undef MC_MESSAGE

// An exception instance: its class and its one argument (MC_T_UNBOUND for none), or, if `msg`
// is not 0, the tuple of its message's arguments. `line` and `code` are where it was first
// raised (line 0: not raised yet); raising it again keeps them, as CPython's traceback keeps its
// innermost entry.
typedef struct {
    mc_value_t arg;
    uint16_t id;
    uint16_t code;
    uint16_t msg;
    uint32_t line;
} mc_exc_obj_t;

typedef struct {
    uint32_t id;        // exception id; 0: none pending
    uint32_t msg;       // message id (0 when `value` is the pending object)
    mc_value_t value;   // the pending exception object if its tag is MC_T_EXC, else id/msg/args
    uint32_t code;      // where it was raised: code object index and line (set by the VM)
    uint32_t line;
    mc_value_t args[MC_MESSAGE_MAX_ARGS];   // the message's arguments (GC roots)
} mc_exc_t;

extern MC_THREAD_LOCAL mc_exc_t mc_exc;

// Raise message `msg` (MC_MSG_*) with its arguments, each an mc_value_t: a value for {i} and
// {i!r}, mc_type(v) for {i:t}, mc_int() for the other placeholders. Returns mc_error().
mc_value_t mc_exc_raise(mc_msg_t msg, ...);

// Raise exception `id` with message `msg` and its arguments at args. Returns mc_error().
mc_value_t mc_exc_set(uint32_t id, uint32_t msg, const mc_value_t *args);

// The type of v for a {i:t} placeholder: its marshal type code | a sub id << 8, as an int.
mc_value_t mc_type(mc_value_t v);

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

// The pending exception as an object, made from its id and message if needed. When memory
// runs out for it, the preallocated `spare` MemoryError stands in (as CPython's does).
mc_value_t mc_exc_object(mc_value_t spare);

// Report the pending exception to the host as uncaught (mc_port_error, abi.ErrorRecord).
void mc_exc_report(void);

// Whether the exception object `v` matches `cls`, a class or a tuple of classes (CHECK_EXC_MATCH):
// 1 or 0, or -1 with TypeError pending if `cls` is not one.
int mc_exc_match(mc_value_t v, mc_value_t cls);

// Whether `id` is an exception id.
bool mc_exc_valid(uint32_t id);

#endif // MC_EXC_H
