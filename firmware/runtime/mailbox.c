// The HOST_OUT sender (see mailbox.h and the comment above abi.Slot).
#include <string.h>

#include "csr.h"
#include "mailbox.h"

#define WORD_BYTES ((uint32_t)sizeof(uint32_t))
#define CHUNK_WORDS (MC_SLOT_PAYLOAD_BYTES / WORD_BYTES)

_Static_assert(MC_SLOT_PAYLOAD_BYTES % WORD_BYTES == 0, "slot payload is whole words");
_Static_assert(MC_SLOT_PAYLOAD_OFFSET % WORD_BYTES == 0, "slot payload is word aligned");

// Sequence numbers of the last chunk sent and received; zero after release, as all of .bss.
static uint32_t last_seq, last_in_seq;

static void send_chunk(uint32_t tag, const uint32_t *words, uint32_t len, int more) {
    while (mc_csr_read(MC_CSR_MBOX_HOST) & MC_MBOX_HOST_OUT_FULL) {
    }
    for (uint32_t i = 0; i < (len + WORD_BYTES - 1) / WORD_BYTES; i++) {
        MC_MMIO_WRITE(mc_mailbox_addr(MC_SLOT_HOST_OUT, MC_SLOT_PAYLOAD_OFFSET + i * WORD_BYTES),
            words[i]);
    }
    last_seq = (last_seq + 1) & MC_SLOT_SEQ_MASK;
    uint32_t header = (len & MC_SLOT_LEN_MASK) << MC_SLOT_LEN_SHIFT |
                      (more ? MC_SLOT_MORE_BIT : 0) |
                      (tag & MC_SLOT_TAG_MASK) << MC_SLOT_TAG_SHIFT |
                      last_seq << MC_SLOT_SEQ_SHIFT;
    // The header word is at the start of the slot; writing it marks the slot full.
    __asm__ volatile("" ::: "memory");
    MC_MMIO_WRITE(mc_mailbox_addr(MC_SLOT_HOST_OUT, 0), header);
}

void mc_mailbox_send(uint32_t tag, const void *head, size_t head_n, const void *body,
    size_t body_n) {
    uint32_t chunk[CHUNK_WORDS];
    uint32_t fill = 0;
    const uint8_t *parts[2] = {head, body};
    size_t sizes[2] = {head_n, body_n};
    for (int p = 0; p < 2; p++) {
        const uint8_t *src = parts[p];
        size_t n = sizes[p];
        while (n) {
            if (fill == MC_SLOT_PAYLOAD_BYTES) {
                // Full, and more follows.
                send_chunk(tag, chunk, fill, 1);
                fill = 0;
            }
            uint32_t take = MC_SLOT_PAYLOAD_BYTES - fill;
            if (take > n) {
                take = (uint32_t)n;
            }
            memcpy((uint8_t *)chunk + fill, src, take);
            fill += take;
            src += take;
            n -= take;
        }
    }
    if (fill % WORD_BYTES) {
        memset((uint8_t *)chunk + fill, 0, WORD_BYTES - fill % WORD_BYTES);
    }
    send_chunk(tag, chunk, fill, 0);
}

int mc_mailbox_receive(uint32_t tag, int (*put)(void *ctx, const char *s, uint32_t n), void *ctx) {
    int ok = 1;
    for (;;) {
        while (!(mc_csr_read(MC_CSR_MBOX_HOST) & MC_MBOX_HOST_IN_FULL)) {
        }
        uint32_t header = MC_MMIO_READ(mc_mailbox_addr(MC_SLOT_HOST_IN, 0));
        uint32_t len = (header >> MC_SLOT_LEN_SHIFT) & MC_SLOT_LEN_MASK;
        last_in_seq = (last_in_seq + 1) & MC_SLOT_SEQ_MASK;
        if (((header >> MC_SLOT_TAG_SHIFT) & MC_SLOT_TAG_MASK) != tag ||
            ((header >> MC_SLOT_SEQ_SHIFT) & MC_SLOT_SEQ_MASK) != last_in_seq ||
            len > MC_SLOT_PAYLOAD_BYTES) {
            ok = -1;
            len = 0;
        }
        uint32_t chunk[CHUNK_WORDS];
        for (uint32_t i = 0; i < (len + WORD_BYTES - 1) / WORD_BYTES; i++) {
            chunk[i] = MC_MMIO_READ(
                mc_mailbox_addr(MC_SLOT_HOST_IN, MC_SLOT_PAYLOAD_OFFSET + i * WORD_BYTES));
        }
        ok = ok > 0 ? put(ctx, (const char *)chunk, len) != 0 : ok;
        mc_csr_write(MC_CSR_MBOX_ACK, MC_SLOT_HOST_IN);
        if (!(header & MC_SLOT_MORE_BIT)) {
            return ok;
        }
    }
}
