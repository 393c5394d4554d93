// What the VM needs from its platform. The device firmware implements it over the tile CSRs and
// the mailbox (firmware/runtime/port_rv32.c); the host build over callbacks
// (firmware/native/port_native.c).
#ifndef MC_PORT_H
#define MC_PORT_H

#include "common.h"

// Send one print() call to the host: sep, end and the arguments, marshalled (Service.PRINT); the
// host makes the text.
void mc_port_write(const char *s, size_t n);

// Report an uncaught exception: its id (exceptions.py), the index of the code object and the
// source line where it was raised, and the exception marshalled (abi.ErrorRecord), from which the
// host makes its message.
void mc_port_error(uint32_t exc_id, uint32_t code_index, uint32_t line, const char *exception,
    size_t n);

// Ask the host for a service that answers (MC_SVC_CALL, MC_SVC_INPUT): send the n bytes of
// `request` and hand the whole payload of the host's reply to put(ctx, bytes, n), in pieces
// (see microcore/bytecode/hostcalls.py). False with an exception pending if that fails (put
// failing leaves its own, MemoryError; the rest of the reply is then dropped).
typedef int (*mc_port_put_fn)(void *ctx, const char *s, uint32_t n);
bool mc_port_request(uint32_t service, const char *request, uint32_t n, mc_port_put_fn put,
    void *ctx);

// parallel.coreid(), numcores(), ishost().
uint32_t mc_port_core_id(void);
uint32_t mc_port_num_cores(void);
bool mc_port_is_host(void);

// Stop after an internal invariant failed: the run ends with MC_EXIT_PANIC.
MC_NORETURN void mc_port_panic(const char *why);

#endif // MC_PORT_H
