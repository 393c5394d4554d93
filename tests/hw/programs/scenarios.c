// Test program for the fabric's cocotb tests (tests/hw/test_tile_boot.py).
//
// The host puts a scenario number in payload word 0 of the core's HOST_IN slot (and an argument
// in word 1) before releasing the core. MC_* constants come from the mc_abi.h the test generates
// from microcore.abi; SCENARIO_*, EXIT_*, SEND_WORD and LOOP_COUNT come from the test's -D flags.

#include <stdint.h>
#include "mc_abi.h"

#define REG(addr) (*(volatile uint32_t *)(uintptr_t)(addr))
#define CSR(name) REG(MC_CORE_CSR_BASE + MC_CSR_##name)
#define SLOT(slot) (MC_SLOT_BYTES * (slot))
#define PAYLOAD(i) (MC_SLOT_PAYLOAD_OFFSET + 4 * (i))
#define MBOX(slot, offset) REG(MC_CORE_MAILBOX_BASE + SLOT(slot) + (offset))
#define REMOTE(core, slot, offset) \
    REG(MC_CORE_REMOTE_MAILBOX_BASE + MC_CORE_REMOTE_MAILBOX_STRIDE * (core) + SLOT(slot) + (offset))
#define SEND_WORDS 4

static uint32_t header(uint32_t seq, uint32_t tag, uint32_t length)
{
    return (length << MC_SLOT_LEN_SHIFT) | ((tag & MC_SLOT_TAG_MASK) << MC_SLOT_TAG_SHIFT) |
           (seq & MC_SLOT_SEQ_MASK);
}

static void __attribute__((noreturn)) halt(uint32_t code)
{
    CSR(HALT) = code;
    for (;;)
        ;
}

static void delay(uint32_t n)
{
    for (volatile uint32_t i = 0; i < n; i++)
        ;
}

// Counts the cycles and fetches of LOOP_COUNT iterations of a two-instruction loop.
static void timed_loop(uint32_t *cycles, uint32_t *fetches)
{
    uint32_t n = LOOP_COUNT;
    uint32_t cycle0 = CSR(CYCLE_LO), fetch0 = CSR(INSTRET_LO);
    __asm__ volatile(".option push\n .option norvc\n"
                     ".balign 4\n1: addi %0, %0, -1\n bnez %0, 1b\n"
                     ".option pop" : "+r"(n));
    uint32_t cycle1 = CSR(CYCLE_LO), fetch1 = CSR(INSTRET_LO);
    *cycles = cycle1 - cycle0;
    *fetches = fetch1 - fetch0;
}

static void __attribute__((noreturn)) boot(uint32_t id)
{
    uint32_t cycles, fetches;
    timed_loop(&cycles, &fetches);
    MBOX(MC_SLOT_HOST_OUT, PAYLOAD(0)) = id;
    MBOX(MC_SLOT_HOST_OUT, PAYLOAD(1)) = cycles;
    MBOX(MC_SLOT_HOST_OUT, PAYLOAD(2)) = fetches;
    MBOX(MC_SLOT_HOST_OUT, PAYLOAD(3)) = CSR(NUM_CORES);
    MBOX(MC_SLOT_HOST_OUT, PAYLOAD(4)) = CSR(ABI);
    MBOX(MC_SLOT_HOST_OUT, PAYLOAD(5)) = CSR(FEATURES);
    MBOX(MC_SLOT_HOST_OUT, 0) = header(id + 1, MC_SVC_USER, 24);
    while (CSR(MBOX_HOST) & MC_MBOX_HOST_OUT_FULL)
        ;  // until the host acknowledges
    halt(EXIT_BOOT | id);
}

static void __attribute__((noreturn)) send(uint32_t id, uint32_t to)
{
    uint32_t slot = MC_SLOT_CORE_IN_BASE + id, flags = 0;
    for (uint32_t i = 0; i < SEND_WORDS; i++)
        REMOTE(to, slot, PAYLOAD(i)) = SEND_WORD(i, id);
    REMOTE(to, slot, 0) = header(SEND_SEQ, MC_CORE_TAG_USER, 4 * SEND_WORDS);
    if (CSR(MBOX_TX) & (1u << to))
        flags |= 1;
    if (REMOTE(to, slot, PAYLOAD(2)) == SEND_WORD(2, id))
        flags |= 2;
    while (CSR(MBOX_TX) & (1u << to))
        ;  // until the receiver acknowledges
    if (CSR(MBOX_TX) == 0)
        flags |= 4;
    if (CSR(MBOX_RX) == 0)
        flags |= 8;
    halt(EXIT_SEND | flags);
}

// Hashes COMPUTE_WORDS words the host left at RAM offset `offset` with word, halfword and byte
// accesses, multiplies and divides; test_tile_boot.py models the same computation.
static void __attribute__((noreturn)) compute(uint32_t offset)
{
    volatile uint32_t *words = (volatile uint32_t *)(uintptr_t)(MC_CORE_RAM_BASE + offset);
    volatile uint16_t *halves = (volatile uint16_t *)words;
    volatile uint8_t *bytes = (volatile uint8_t *)words;
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < COMPUTE_WORDS; i++) {
        h = (h ^ words[i]) * 16777619u;
        words[i] = h;
    }
    for (uint32_t i = 0; i < COMPUTE_WORDS; i++)
        h += words[i] / (i + 1) + words[i] % 7;
    for (uint32_t i = 0; i < 4 * COMPUTE_WORDS; i++)
        h = h * 31 + bytes[i];
    halves[3] = (uint16_t)h;
    bytes[9] = (uint8_t)(h >> 8);
    for (uint32_t i = 0; i < 4; i++)
        h ^= (uint32_t)(int32_t)(int8_t)bytes[6 + i] << (8 * i);
    halt(h);
}

static void __attribute__((noreturn)) wait_for_irq(void)
{
    uint32_t old_mask;
    CSR(IRQ_ENABLE) = MC_IRQ_MBOX_RX;
    __asm__ volatile(".insn r 0x0B, 6, 3, %0, %1, x0"  // maskirq: enable only our line
                     : "=r"(old_mask) : "r"(~(1u << MC_IRQ_LINE)));
    for (;;)
        ;
}

void __attribute__((noreturn)) irq_handler(uint32_t pending)
{
    uint32_t rx = CSR(MBOX_RX), from = 0, flags = 0, ok = 1;
    while (from < 31 && !(rx & (1u << from)))
        from++;
    uint32_t slot = MC_SLOT_CORE_IN_BASE + from;
    if (rx == (1u << from))
        flags |= 1;
    if (MBOX(slot, 0) == header(SEND_SEQ, MC_CORE_TAG_USER, 4 * SEND_WORDS))
        flags |= 2;
    for (uint32_t i = 0; i < SEND_WORDS; i++)
        ok &= MBOX(slot, PAYLOAD(i)) == SEND_WORD(i, from);
    if (ok)
        flags |= 4;
    delay(RECV_DELAY);  // lets the sender observe its MBOX_TX bit set
    CSR(MBOX_ACK) = slot;
    if (CSR(MBOX_RX) == 0)
        flags |= 8;
    if (pending & (1u << MC_IRQ_LINE))
        flags |= 16;
    halt(EXIT_RECV | (from << 8) | flags);
}

int main(void)
{
    uint32_t id = CSR(CORE_ID);
    uint32_t scenario = MBOX(MC_SLOT_HOST_IN, PAYLOAD(0));
    uint32_t arg = MBOX(MC_SLOT_HOST_IN, PAYLOAD(1));
    uint32_t host_in_full = CSR(MBOX_HOST) & MC_MBOX_HOST_IN_FULL;
    CSR(MBOX_ACK) = MC_SLOT_HOST_IN;
    if (!host_in_full || (CSR(MBOX_HOST) & MC_MBOX_HOST_IN_FULL))
        halt(EXIT_BAD_HOST_IN);

    switch (scenario) {
    case SCENARIO_BOOT:
        boot(id);
    case SCENARIO_LOAD_FAULT:
        halt(REG(MC_CORE_RAM_BASE + CSR(MEM_BYTES) + arg));
    case SCENARIO_STORE_FAULT:
        REG(MC_CORE_SHARED_BASE + arg) = id;
        break;
    case SCENARIO_REMOTE_FORBIDDEN:
        REMOTE(arg, MC_SLOT_HOST_IN, 0) = id;
        break;
    case SCENARIO_CSR_FORBIDDEN:
        REG(MC_CORE_CSR_BASE + arg) = id;      // arg: a CSR offset
        break;
    case SCENARIO_TRAP:
        __asm__ volatile("ebreak");
        break;
    case SCENARIO_SPIN:
        for (;;)
            ;
    case SCENARIO_SEND:
        send(id, arg);
    case SCENARIO_RECV_IRQ:
        wait_for_irq();
    case SCENARIO_COMPUTE:
        compute(arg);
    }
    halt(EXIT_FELL_THROUGH);
}
