// Redirects the firmware's MMIO (runtime/csr.h) to a model of the tile, for native tests.
#ifndef FAKE_MMIO_H
#define FAKE_MMIO_H

#include <stdint.h>

uint32_t fake_read(uint32_t addr);
void fake_write(uint32_t addr, uint32_t value);

#define MC_MMIO_READ(addr) fake_read(addr)
#define MC_MMIO_WRITE(addr, value) fake_write(addr, value)

#endif
