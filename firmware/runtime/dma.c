// DMA between host memory and local RAM: the DMA CSRs of this tile (see dma.h).
#include "dma.h"

#include "csr.h"

int mc_dma_present(void) {
    return (mc_csr_read(MC_CSR_FEATURES) & MC_FEATURE_DMA) != 0;
}

uint32_t mc_dma_wait(void) {
    uint32_t status;
    while ((status = mc_csr_read(MC_CSR_DMA_STATUS)) & MC_DMA_STATUS_BUSY) {
    }
    return status;
}

void mc_dma_start(uint32_t host, void *local, size_t len, int to_host) {
    mc_dma_wait();      // the request registers ignore writes while a transfer is pending
    mc_csr_write(MC_CSR_DMA_HOST, host);
    mc_csr_write(MC_CSR_DMA_LOCAL, (uint32_t)(uintptr_t)local);
    mc_csr_write(MC_CSR_DMA_LEN, (uint32_t)len);
    mc_csr_write(MC_CSR_DMA_START, MC_DMA_START_GO | (to_host ? MC_DMA_START_TO_HOST : 0));
}

uint32_t mc_dma_copy_in(void *local, uint32_t host, size_t len) {
    mc_dma_start(host, local, len, 0);
    return mc_dma_wait();
}

uint32_t mc_dma_copy_out(uint32_t host, const void *local, size_t len) {
    mc_dma_start(host, (void *)local, len, 1);
    return mc_dma_wait();
}
