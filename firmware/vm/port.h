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

// parallel.cycles(): the core's cycle counter since release (low 31 bits); 0 on a virtual core.
uint32_t mc_port_cycles(void);

// Core-to-core mailboxes (the CORE_IN slots of abi.Slot, see par.c). Bit s of mc_port_mbox_rx()
// is set while the slot from core s is full; mc_port_mbox_busy(d) while this core's slot at core
// d is still full. mc_port_mbox_read() copies the header and the payload words of the slot from
// core `src` to slot[0..] and empties it; mc_port_mbox_write() writes the n payload words, then
// the header, into this core's slot at core `dest`. mc_port_mbox_wait() publishes what the core
// waits on (MC_WAIT_* << 16 | peer, 0 when it runs again) and its progress count, from every
// wait loop; the host port also yields the CPU there and stops the core if the host asks.
uint32_t mc_port_mbox_rx(void);
bool mc_port_mbox_busy(uint32_t dest);
void mc_port_mbox_read(uint32_t src, uint32_t *slot);
void mc_port_mbox_write(uint32_t dest, uint32_t header, const uint32_t *words, uint32_t n);
void mc_port_mbox_wait(uint32_t state, uint32_t progress);

// Stop after an internal invariant failed: the run ends with MC_EXIT_PANIC.
MC_NORETURN void mc_port_panic(const char *why);

#endif // MC_PORT_H
