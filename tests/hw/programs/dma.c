// DMA test program: each core copies a block in from host memory, changes some bytes, copies it
// back out to another place, then tries the transfers the engine must reject. Results go to the
// core's RESULT_WORDS words of shared memory; the program halts with 0 after writing them.
//
// Defines: HOST_SRC, HOST_DST, HOST_STRIDE (per core), HEAD (alignment of both addresses),
// LEN (bytes), BAD_HOST (an address outside the host memory), RESULT_WORDS.
#include <stdint.h>

#include "csr.h"
#include "dma.h"
#include "mc_abi.h"

void irq_handler(uint32_t pending);
int main(void);

static uint8_t buf[LEN + 16] __attribute__((aligned(8)));

void irq_handler(uint32_t pending) {
    mc_csr_write(MC_CSR_HALT, 0xE0000000u | pending);
}

static uint32_t cycles(void) {
    return mc_csr_read(MC_CSR_CYCLE_LO);
}

int main(void) {
    uint32_t core = mc_csr_read(MC_CSR_CORE_ID);
    volatile uint32_t *result = (volatile uint32_t *)(MC_CORE_SHARED_BASE + 4 * RESULT_WORDS * core);
    uint32_t src = HOST_SRC + core * HOST_STRIDE + HEAD;
    uint32_t dst = HOST_DST + core * HOST_STRIDE + HEAD;
    uint8_t *local = buf + HEAD;

    result[0] = mc_dma_present();
    uint32_t t0 = cycles();
    result[1] = mc_dma_copy_in(local, src, LEN);
    result[2] = cycles() - t0;
    for (uint32_t i = 0; i < LEN; i += 61)     // every 61st byte: cheap, but shows the copy
        local[i] ^= (uint8_t)(core + 1 + i);
    t0 = cycles();
    result[3] = mc_dma_copy_out(dst, local, LEN);
    result[4] = cycles() - t0;
    // Rejected: past the end of local RAM, and host/local misaligned to each other.
    uint32_t mem = mc_csr_read(MC_CSR_MEM_BYTES);
    result[5] = mc_dma_copy_in((void *)(uintptr_t)(mem - 8), src, 16);
    result[6] = mc_dma_copy_in(local + 1, src, 16);
    // A bus error: host memory answers DECERR outside its range; local RAM stays unchanged.
    uint8_t before = local[0];
    result[7] = mc_dma_copy_in(local, BAD_HOST + HEAD, 64);
    result[8] = local[0] == before;
    mc_csr_write(MC_CSR_HALT, 0);
    return 0;
}
