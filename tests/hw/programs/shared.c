// Shared-memory test program for tests/hw/test_shared.py.
//
// Every core hammers its own words of the shared memory while the host and the other cores do
// the same: it increments its counter word ITERATIONS times (a load and a store each time),
// writes and reads back a pattern in its block, and stores single bytes into its byte lane
// area. It then reports its SHARED_BYTES and FEATURES CSRs in its block and halts with the
// number of read-back mismatches. The layout constants come from the test's -D flags.

#include <stdint.h>
#include "mc_abi.h"

#define REG(addr) (*(volatile uint32_t *)(uintptr_t)(addr))
#define CSR(name) REG(MC_CORE_CSR_BASE + MC_CSR_##name)
#define SHARED_AT(offset) (MC_CORE_SHARED_BASE + (offset))

// crt0.S enters here on an interrupt; this program never enables one.
void __attribute__((noreturn)) irq_handler(uint32_t pending)
{
    CSR(HALT) = 0xBAD00000u | pending;
    for (;;)
        ;
}

int main(void)
{
    uint32_t id = CSR(CORE_ID);
    volatile uint32_t *counter = (volatile uint32_t *)SHARED_AT(COUNTER_OFFSET + 4 * id);
    volatile uint32_t *block = (volatile uint32_t *)SHARED_AT(BLOCK_OFFSET + BLOCK_STRIDE * id);
    volatile uint8_t *lanes = (volatile uint8_t *)SHARED_AT(LANE_OFFSET + LANE_BYTES * id);
    uint32_t bad = 0;

    for (uint32_t i = 0; i < ITERATIONS; i++) {
        *counter = *counter + 1;
        uint32_t value = PATTERN(id, i);
        volatile uint32_t *word = &block[2 + i % BLOCK_WORDS];
        *word = value;
        if (*word != value)
            bad++;
        lanes[i % LANE_BYTES] = (uint8_t)i;
    }
    block[0] = CSR(SHARED_BYTES);
    block[1] = CSR(FEATURES);
    CSR(HALT) = bad;
    for (;;)
        ;
}
