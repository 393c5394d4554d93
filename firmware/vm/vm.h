// The bytecode VM.
#ifndef MC_VM_H
#define MC_VM_H

#include "image.h"
#include "value.h"

// Validate and run the image of `image_bytes` bytes at `image` (4-byte aligned), using the
// memory [free_lo, free_hi) for the VM's tables, heap and stack. Print output and an uncaught
// exception go through the port. Returns an exit code: MC_EXIT_OK, MC_EXIT_EXCEPTION,
// MC_EXIT_BAD_IMAGE (see mc_image_reason()) or MC_EXIT_PANIC.
uint32_t mc_vm_run(const uint8_t *image, uint32_t image_bytes, uint8_t *free_lo,
    uint8_t *free_hi);

// The value of constant `index` of the running image.
mc_value_t mc_vm_const(uint32_t index);

// Code record `index` (valid) of the running image.
const mc_code_t *mc_vm_code(uint32_t index);

// Run a rare instruction (LIST_APPEND, MAP_ADD, BUILD_MAP, MAKE_FUNCTION_EX, DELETE_SUBSCR,
// DELETE_SLICE) `op` with operand `arg` on the stack whose top is sp; return the new top, or NULL
// with an exception pending.
mc_value_t *mc_vm_rare(uint32_t op, uint32_t arg, mc_value_t *sp);

// Index of a code record of the running image.
uint32_t mc_vm_code_index(const mc_code_t *code);

// Mark the VM's roots; called by the collector.
void mc_vm_mark_roots(void);

#endif // MC_VM_H
