// crt0 of a microcore core: vectors, the boot block and _start.
//
// The host loads firmware.bin at address 0 and releases the core, which starts at the reset
// vector. Everything here is placed by .org from the start of .text.init, which the linker script
// puts at address 0, so the generated offsets position the vectors and the boot block.
#include "mc_abi.h"
#include "mc_bytecode.h"
#include "mc_config.h"

#if MC_CORE_RAM_BASE != 0 || MC_RESET_VECTOR != MC_CORE_RAM_BASE
#error "sections.ld and this file assume RAM, and the reset vector, at address 0"
#endif

    .section .text.init, "ax", @progbits
    .option push
    .option norelax             // .org needs every byte here to stay where it is assembled

    .globl _reset
_reset:
    j _start

    .org MC_IRQ_VECTOR
_irq:
    // PicoRV32 custom IRQ entry: IRQ_ENABLE is 0 at reset and nothing enables it, so return.
    .insn r 0x0B, 0, 2, zero, zero, zero    // retirq

    // The boot block: the host reads it from the image and fills in the host-owned fields.
    .org MC_BOOT_ADDR
    .globl mc_boot_block
mc_boot_block:
    .org MC_BOOT_ADDR + MC_BOOT_MAGIC
    .word MC_FIRMWARE_MAGIC
    .org MC_BOOT_ADDR + MC_BOOT_ABI_HASH
    .word MC_ABI_HASH
    .org MC_BOOT_ADDR + MC_BOOT_BC_VERSION
    .word MC_BC_VERSION
    .org MC_BOOT_ADDR + MC_BOOT_IMAGE_BYTES
    .word _image_end
    .org MC_BOOT_ADDR + MC_BOOT_PROG_BASE
    .word _prog_base
    .org MC_BOOT_ADDR + MC_BOOT_PROG_BYTES
    .word 0
    .org MC_BOOT_ADDR + MC_BOOT_WORLD_SIZE
    .word 0
    .org MC_BOOT_ADDR + MC_BOOT_BOOT_FLAGS
    .word 0
    .org MC_BOOT_ADDR + MC_BOOT_STACK_BYTES
    .word MC_C_STACK_BYTES
    .org MC_BOOT_ADDR + MC_BOOT_SIZE
    .option pop

    // For the linker script's budget check.
    .globl mc_firmware_budget
    .set mc_firmware_budget, MC_FIRMWARE_BUDGET

    .text
    .globl _start
_start:
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    // The stack starts at the top of RAM, whose size the tile reports.
    li t0, MC_CORE_CSR_BASE
    lw sp, MC_CSR_MEM_BYTES(t0)
    andi sp, sp, -16
    // Zero .bss (word aligned by the linker script).
    la a0, _bss_start
    la a1, _bss_end
1:  bgeu a0, a1, 2f
    sw zero, 0(a0)
    addi a0, a0, 4
    j 1b
2:  call main
    // Report the exit code; the tile stops the core, so the loop only guards against that.
    li t0, MC_CORE_CSR_BASE
    sw a0, MC_CSR_HALT(t0)
3:  j 3b
