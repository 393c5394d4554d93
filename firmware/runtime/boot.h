// The boot block (abi.BootBlock) as a C struct; start.S places it at MC_BOOT_ADDR.
#ifndef MC_BOOT_H
#define MC_BOOT_H

#include <stddef.h>
#include <stdint.h>

#include "mc_abi.h"

typedef struct {
    uint32_t magic;         // MC_FIRMWARE_MAGIC
    uint32_t abi_hash;      // MC_ABI_HASH the firmware was built against
    uint32_t bc_version;    // MC_BC_VERSION the VM runs
    uint32_t image_bytes;   // end of the loadable firmware image
    uint32_t prog_base;     // where the host writes the bytecode image
    uint32_t prog_bytes;    // host-owned: its length
    uint32_t world_size;    // host-owned: cores in the program (0: the NUM_CORES CSR)
    uint32_t boot_flags;    // host-owned: reserved, 0
    uint32_t stack_bytes;   // C stack reserved at the top of RAM
    uint32_t par_wait;      // core-owned: what the parallel module waits for
    uint32_t par_progress;  // core-owned: the parallel module's count of chunks moved
    uint32_t reserved[(MC_BOOT_SIZE - MC_BOOT_PAR_PROGRESS) / sizeof(uint32_t) - 1];
} mc_boot_block_t;

#define MC_BOOT_FIELD(field, offset) \
    _Static_assert(offsetof(mc_boot_block_t, field) == (offset), "boot block " #field)
MC_BOOT_FIELD(magic, MC_BOOT_MAGIC);
MC_BOOT_FIELD(abi_hash, MC_BOOT_ABI_HASH);
MC_BOOT_FIELD(bc_version, MC_BOOT_BC_VERSION);
MC_BOOT_FIELD(image_bytes, MC_BOOT_IMAGE_BYTES);
MC_BOOT_FIELD(prog_base, MC_BOOT_PROG_BASE);
MC_BOOT_FIELD(prog_bytes, MC_BOOT_PROG_BYTES);
MC_BOOT_FIELD(world_size, MC_BOOT_WORLD_SIZE);
MC_BOOT_FIELD(boot_flags, MC_BOOT_BOOT_FLAGS);
MC_BOOT_FIELD(stack_bytes, MC_BOOT_STACK_BYTES);
MC_BOOT_FIELD(par_wait, MC_BOOT_PAR_WAIT);
MC_BOOT_FIELD(par_progress, MC_BOOT_PAR_PROGRESS);
_Static_assert(sizeof(mc_boot_block_t) == MC_BOOT_SIZE, "boot block size");

// Defined in start.S; the host may change the host-owned fields before release, so the compiler
// must not assume the assembled values.
extern const mc_boot_block_t mc_boot_block;

#endif // MC_BOOT_H
