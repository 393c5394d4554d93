// Mailbox stress program: every core sends MSGS messages to every other core at once, and checks
// that the messages from each sender arrive complete, once, and in order. Before that, core 0
// sends one timed message to core 1 (the one-word latency). Results go to the core's 16 words of
// shared memory; at the end every core posts an empty HOST_OUT message (the host's doorbell) and
// halts with EXIT_OK | its id, or with an EXIT_BAD_* code naming the first problem.
//
// Defines: MSGS, EXIT_OK, EXIT_BAD_SEQ, EXIT_BAD_DATA.
#include <stdint.h>

#include "mc_abi.h"

#define CSR(off) (*(volatile uint32_t *)(MC_CORE_CSR_BASE + (off)))
#define OWN_SLOT(slot) ((volatile uint32_t *)(MC_CORE_MAILBOX_BASE + (slot) * MC_SLOT_BYTES))
#define REMOTE_SLOT(r, id) ((volatile uint32_t *)(MC_CORE_REMOTE_MAILBOX_BASE + \
    (r) * MC_CORE_REMOTE_MAILBOX_STRIDE + (MC_SLOT_CORE_IN_BASE + (id)) * MC_SLOT_BYTES))
#define HEADER(seq, len) (((uint32_t)(len) << MC_SLOT_LEN_SHIFT) | \
    ((uint32_t)MC_CORE_TAG_USER << MC_SLOT_TAG_SHIFT) | ((seq) & MC_SLOT_SEQ_MASK))
#define WORDS 3

void irq_handler(uint32_t pending);
int main(void);

void irq_handler(uint32_t pending) {
    CSR(MC_CSR_HALT) = 0xE0000000u | pending;
}

static void halt(uint32_t code) {
    CSR(MC_CSR_HALT) = code;
    for (;;) {
    }
}

static uint32_t word(uint32_t sender, uint32_t receiver, uint32_t n, uint32_t i) {
    return (sender << 24) ^ (receiver << 16) ^ (n * 0x9E3779B9u) ^ (i * 0x85EBCA6Bu);
}

int main(void) {
    uint32_t id = CSR(MC_CSR_CORE_ID), n = CSR(MC_CSR_NUM_CORES);
    volatile uint32_t *result = (volatile uint32_t *)(MC_CORE_SHARED_BASE + 64 * id);
    static uint32_t sent[MC_MAX_CORES], received[MC_MAX_CORES];     // zero: fresh RAM

    // One-word latency, core 0 -> core 1. Both cores are released in the same cycle, so their
    // cycle counters agree.
    if (id == 0) {
        for (volatile int i = 0; i < 50; i++) {
        }
        volatile uint32_t *slot = REMOTE_SLOT(1, 0);
        uint32_t t = CSR(MC_CSR_CYCLE_LO);
        slot[0] = HEADER(0, 0);
        result[1] = t;
        while (CSR(MC_CSR_MBOX_TX) & 2) {
        }
    } else if (id == 1) {
        uint32_t a = CSR(MC_CSR_CYCLE_LO), b = CSR(MC_CSR_CYCLE_LO);
        while (!(CSR(MC_CSR_MBOX_RX) & 1)) {
        }
        uint32_t t = CSR(MC_CSR_CYCLE_LO);
        result[1] = t;
        result[2] = b - a;      // the cost of one CYCLE_LO read
        CSR(MC_CSR_MBOX_ACK) = MC_SLOT_CORE_IN_BASE + 0;
    }

    // All pairs at once.
    uint32_t total = MSGS * (n - 1), done_sent = 0, done_received = 0;
    uint32_t target = id;
    while (done_sent < total || done_received < total) {
        target = target + 1 == n ? 0 : target + 1;
        if (target != id && sent[target] < MSGS && !(CSR(MC_CSR_MBOX_TX) & (1u << target))) {
            volatile uint32_t *slot = REMOTE_SLOT(target, id);
            for (uint32_t i = 0; i < WORDS; i++)
                slot[1 + i] = word(id, target, sent[target], i);
            sent[target]++;
            slot[0] = HEADER(sent[target], 4 * WORDS);
            done_sent++;
        }
        uint32_t rx = CSR(MC_CSR_MBOX_RX);
        for (uint32_t s = 0; rx; s++, rx >>= 1) {
            if (!(rx & 1))
                continue;
            volatile uint32_t *slot = OWN_SLOT(MC_SLOT_CORE_IN_BASE + s);
            if (slot[0] != HEADER(received[s] + 1, 4 * WORDS))
                halt(EXIT_BAD_SEQ | s << 8 | id);
            for (uint32_t i = 0; i < WORDS; i++)
                if (slot[1 + i] != word(s, id, received[s], i))
                    halt(EXIT_BAD_DATA | s << 8 | id);
            received[s]++;
            done_received++;
            CSR(MC_CSR_MBOX_ACK) = MC_SLOT_CORE_IN_BASE + s;
        }
    }
    result[0] = done_received;
    result[3] = CSR(MC_CSR_CYCLE_LO);

    // The host's doorbell.
    *OWN_SLOT(MC_SLOT_HOST_OUT) = 0;
    halt(EXIT_OK | id);
    return 0;
}
