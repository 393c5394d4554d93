// Configuration of the native (host) build; defaults are in firmware/mc_config.h.
#ifndef MC_PORT_CONFIG_H
#define MC_PORT_CONFIG_H

#define MC_CONFIG_LEVEL MC_CONFIG_LEVEL_FULL

// One VM per thread: libmcvm may run several virtual cores in one process.
#define MC_THREAD_LOCAL _Thread_local

// Host pointers are 64-bit; values hold 32-bit offsets into the VM's memory block.
#define MC_RAM_BASE_VARIABLE 1

// Memory a native VM gets unless the caller asks otherwise, like a device core's free RAM.
#ifndef MC_NATIVE_MEM_BYTES
#define MC_NATIVE_MEM_BYTES (64 * 1024)
#endif

#endif
