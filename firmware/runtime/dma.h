// DMA between host memory (physical addresses) and this core's local RAM (Feature.DMA).
//
// The fabric's DMA engine serves one transfer per core at a time. A host address and a local
// address must be equal modulo MC_DMA_ALIGN (8); the length may be any number of bytes up to
// the local RAM's size. Every function returns DMA_STATUS bits (MC_DMA_STATUS_*): DONE alone
// means success; ERR_RANGE means the request was rejected and nothing moved; ERR_BUS means the
// host memory answered with an error.
#ifndef MC_DMA_H
#define MC_DMA_H

#include <stddef.h>
#include <stdint.h>

// True if the fabric has the DMA engine.
int mc_dma_present(void);

// Start a transfer of `len` bytes between host physical address `host` and `local`, into host
// memory if `to_host`, else out of it. Waits for this core's previous transfer first; returns
// without waiting for this one.
void mc_dma_start(uint32_t host, void *local, size_t len, int to_host);

// Wait until this core's transfer has ended and return its DMA_STATUS bits.
uint32_t mc_dma_wait(void);

// Copy `len` bytes from host memory at `host` to `local` / from `local` to host memory at
// `host`, and wait for the end. Returns the DMA_STATUS bits.
uint32_t mc_dma_copy_in(void *local, uint32_t host, size_t len);
uint32_t mc_dma_copy_out(uint32_t host, const void *local, size_t len);

#endif // MC_DMA_H
