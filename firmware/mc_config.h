// microcore firmware configuration: every option is an #ifndef-guarded default.
//
// A port overrides options in its own mc_port_config.h (firmware/runtime/ for the rv32 cores,
// firmware/native/ for the host build), which is included first; a build can also pass -D flags.
// Options come in tiers chosen by MC_CONFIG_LEVEL. This header is also read by start.S, so
// everything outside the C-only block must be plain preprocessor constants.
#ifndef MC_CONFIG_H
#define MC_CONFIG_H

#include "mc_port_config.h"

#define MC_CONFIG_LEVEL_MINIMAL 0   // smallest image: no diagnostics beyond exit codes
#define MC_CONFIG_LEVEL_DEFAULT 1   // the device firmware
#define MC_CONFIG_LEVEL_FULL 2      // host builds: reasons for refused images, internal checks

#ifndef MC_CONFIG_LEVEL
#define MC_CONFIG_LEVEL MC_CONFIG_LEVEL_DEFAULT
#endif

// -- Firmware image and memory --------------------------------------------------------------------

// Largest rv32 firmware image (text + rodata + data) in bytes; the link fails above it.
#ifndef MC_FIRMWARE_BUDGET
#define MC_FIRMWARE_BUDGET (34 * 1024)
#endif

// Bytes reserved for the C stack at the top of RAM (published as the boot block's STACK_BYTES).
// The deepest C call chain is marshalling containers nested MC_C_RECURSION_LIMIT deep
// and running out of memory there: about 2.2 KiB at -Os on rv32 (measured with -fstack-usage).
#ifndef MC_C_STACK_BYTES
#define MC_C_STACK_BYTES 3072
#endif

// Bytes of the VM stack (Python frames and their operand stacks), taken from the top of the
// memory the program leaves free: MC_VM_STACK_BYTES, or 1/MC_VM_STACK_SHARE of that memory if
// more (hosts with large memories recurse deeper), but never more than half of it.
#ifndef MC_VM_STACK_BYTES
#define MC_VM_STACK_BYTES 8192
#endif
#ifndef MC_VM_STACK_SHARE
#define MC_VM_STACK_SHARE 8
#endif

// -- VM -------------------------------------------------------------------------------------------

// Dispatch through a table of label addresses (GCC computed goto) instead of a switch.
#ifndef MC_OPT_COMPUTED_GOTO
#define MC_OPT_COMPUTED_GOTO 0
#endif

// Deepest Python call nesting before RecursionError (stack space may run out first).
#ifndef MC_VM_MAX_DEPTH
#define MC_VM_MAX_DEPTH 1000
#endif

// Deepest nesting of containers that are compared or marshalled (bounds the C stack).
#ifndef MC_C_RECURSION_LIMIT
#define MC_C_RECURSION_LIMIT 10
#endif

// Entries of the collector's mark stack; deeper object graphs cost extra heap scans, not memory.
#ifndef MC_GC_MARK_STACK
#define MC_GC_MARK_STACK 32
#endif

// Values C code can pin while it allocates (nesting depth of allocating helpers). Decoding a
// marshalled value pins up to three per level of nesting (a dict, a key and a value), and the
// format allows MC_MARSHAL_MAX_DEPTH levels (checked in marshal.c).
#ifndef MC_GC_TEMP_ROOTS
#define MC_GC_TEMP_ROOTS 40
#endif

// -- Tiered features ------------------------------------------------------------------------------

// Explain why an image was refused (the text costs rodata; the device only reports BAD_IMAGE).
#ifndef MC_IMAGE_REASONS
#define MC_IMAGE_REASONS (MC_CONFIG_LEVEL >= MC_CONFIG_LEVEL_FULL)
#endif

// Check the operand stack pointer against the frame after every instruction (PANIC on failure);
// the image verifier already guarantees it, so this only tests the verifier.
#ifndef MC_VM_CHECK_STACK
#define MC_VM_CHECK_STACK (MC_CONFIG_LEVEL >= MC_CONFIG_LEVEL_FULL)
#endif

// -- Port -----------------------------------------------------------------------------------------

// Storage class of the VM state: _Thread_local where several VMs share one process.
#ifndef MC_THREAD_LOCAL
#define MC_THREAD_LOCAL
#endif

// Heap references are 32-bit offsets from a run-time base address (host builds with 64-bit
// pointers) rather than the core's own addresses.
#ifndef MC_RAM_BASE_VARIABLE
#define MC_RAM_BASE_VARIABLE 0
#endif

#endif // MC_CONFIG_H
