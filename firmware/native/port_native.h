// Internal state shared by the native port and the library entry point.
#ifndef MC_PORT_NATIVE_H
#define MC_PORT_NATIVE_H

#include <setjmp.h>

#include "mcvm.h"
#include "common.h"

typedef struct {
    const mcvm_config_t *config;
    jmp_buf panic;          // mc_port_panic() returns here
    const char *panic_reason;
} mc_native_t;

extern MC_THREAD_LOCAL mc_native_t mc_native;

#endif // MC_PORT_NATIVE_H
