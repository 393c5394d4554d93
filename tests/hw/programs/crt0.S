// Start-up code of the hardware test programs. MC_* constants come from the generated mc_abi.h.
#include "mc_abi.h"

    .section .text.start, "ax"
    .option norvc
    .globl _start
_start:
    j       reset

    // PicoRV32 enters interrupts here with the return address in q0 and the pending IRQ bits
    // in q1. The test handler never returns, so no registers are saved.
    .org    MC_IRQ_VECTOR - MC_RESET_VECTOR
irq_entry:
    .insn   r 0x0B, 4, 0, a0, x1, x0        // getq a0, q1
    addi    sp, sp, -16
    call    irq_handler
1:  j       1b

reset:
    li      t0, MC_CORE_CSR_BASE + MC_CSR_MEM_BYTES
    lw      sp, 0(t0)                       // stack at the top of local RAM
    li      t0, MC_CORE_RAM_BASE
    add     sp, sp, t0
    call    main
2:  j       2b
