// The device firmware's main: check the boot block, run the program, return the exit code
// (start.S writes it to the HALT CSR).
#include "boot.h"
#include "csr.h"
#include "vm.h"

// First free byte after .bss (sections.ld).
extern uint8_t _prog_base[];

int main(void) {
    const mc_boot_block_t *boot = &mc_boot_block;
    if (boot->magic != MC_FIRMWARE_MAGIC || boot->abi_hash != MC_ABI_HASH ||
        boot->bc_version != MC_BC_VERSION || mc_csr_read(MC_CSR_ABI) != MC_ABI_HASH) {
        return MC_EXIT_BAD_BOOT;
    }
    // The program sits at prog_base; the VM gets the RAM from its end to the C stack.
    uintptr_t ram_end = MC_CORE_RAM_BASE + mc_csr_read(MC_CSR_MEM_BYTES);
    uintptr_t prog = boot->prog_base, prog_bytes = boot->prog_bytes;
    if (prog != (uintptr_t)_prog_base || ram_end < prog + boot->stack_bytes) {
        return MC_EXIT_BAD_BOOT;
    }
    uintptr_t limit = ram_end - boot->stack_bytes;
    if (prog_bytes > limit - prog) {
        return MC_EXIT_BAD_IMAGE;
    }
    return (int)mc_vm_run((const uint8_t *)prog, prog_bytes, (uint8_t *)(prog + prog_bytes),
        (uint8_t *)limit);
}
