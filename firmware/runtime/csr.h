// Memory-mapped access to this tile's control registers and mailbox memory.
//
// MC_MMIO_READ/MC_MMIO_WRITE may be defined before including this header to redirect accesses
// (the native unit tests of the mailbox do that).
#ifndef MC_CSR_H
#define MC_CSR_H

#include <stdint.h>

#include "mc_abi.h"

#ifndef MC_MMIO_READ
#define MC_MMIO_READ(addr) (*(volatile uint32_t *)(uintptr_t)(addr))
#define MC_MMIO_WRITE(addr, value) (*(volatile uint32_t *)(uintptr_t)(addr) = (value))
#endif

// Read or write tile CSR `offset` (MC_CSR_*).
static inline uint32_t mc_csr_read(uint32_t offset) {
    return MC_MMIO_READ(MC_CORE_CSR_BASE + offset);
}

static inline void mc_csr_write(uint32_t offset, uint32_t value) {
    MC_MMIO_WRITE(MC_CORE_CSR_BASE + offset, value);
}

// Address of byte `offset` of mailbox slot `slot` of this core's own mailbox memory.
static inline uint32_t mc_mailbox_addr(uint32_t slot, uint32_t offset) {
    return MC_CORE_MAILBOX_BASE + slot * MC_SLOT_BYTES + offset;
}

#endif // MC_CSR_H
