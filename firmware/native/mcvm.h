// libmcvm: the microcore VM as a host library (a "virtual core").
//
// One call runs one bytecode image to completion in the calling thread. Each thread has its own
// VM state, so several threads may run images at the same time. The library exports only the
// functions below; it is meant for ctypes, so arguments are plain integers, pointers and one
// struct.
#ifndef MCVM_H
#define MCVM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// One print() call: its Service.PRINT payload (sep, end and the arguments, marshalled), whose
// text microcore.bytecode.hostcalls.print_text() makes.
typedef void (*mcvm_write_fn)(void *user, const char *payload, size_t n);

// An uncaught exception: its id (microcore.bytecode.exceptions), the index of the code object
// and the source line where it was raised, and the exception marshalled (abi.ErrorRecord's
// tail), whose message microcore.bytecode.hostcalls.error_message() makes.
typedef void (*mcvm_error_fn)(void *user, uint32_t exc_id, uint32_t code_index, uint32_t line,
    const char *exception, size_t n);

// A request to the host (abi.Service.CALL or INPUT, see microcore/bytecode/hostcalls.py): the
// callback hands the whole reply payload to mcvm_reply(reply, ...) and returns 0, or returns
// nonzero if it could not serve the request.
typedef int (*mcvm_request_fn)(void *user, uint32_t service, const char *request, size_t n,
    void *reply);

typedef struct {
    uint32_t core_id;       // parallel.coreid()
    uint32_t num_cores;     // parallel.numcores()
    uint32_t is_host;       // nonzero: parallel.ishost() is True
    uint32_t mem_bytes;     // memory for the image, heap and VM stack; 0: the default (64 KiB)
    mcvm_write_fn write;    // NULL: output is dropped
    mcvm_error_fn error;    // NULL: the exception is only visible in the return value
    void *user;             // passed to the callbacks
    mcvm_request_fn request;    // NULL: host calls raise RuntimeError
    // The in-memory fabric shared by the virtual cores of a run (microcore.bytecode.parallel):
    // per (receiver, sender) a slot of MC_PAR_NATIVE_SLOT_WORDS words (full flag, header,
    // payload), then per core its wait word and progress count, then a stop word (nonzero: every
    // core stops at its next wait or print). NULL: a core alone, messages to others panic.
    uint32_t *fabric;
} mcvm_config_t;

// Append n bytes of a reply inside the request callback; nonzero if the VM ran out of memory
// (the rest of the reply is dropped and the call raises MemoryError).
int mcvm_reply(void *reply, const char *data, size_t n);

// Run `image` (the bytes of an MCBC image). Returns an abi.ExitCode: 0 (OK), 1 (EXCEPTION,
// reported through `error`), 2 (BAD_IMAGE) or 4 (PANIC); for 2 and 4 a NUL-terminated reason is
// written to `reason` (when reason_bytes > 0).
int mcvm_run(const mcvm_config_t *config, const void *image, size_t image_bytes, char *reason,
    size_t reason_bytes);

// The contract this library was built against: abi.ABI_HASH and opcodes.BC_VERSION.
uint32_t mcvm_abi_hash(void);
uint32_t mcvm_bc_version(void);

#ifdef __cplusplus
}
#endif

#endif // MCVM_H
