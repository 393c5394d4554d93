// The VM's port on a device core: output and errors go to the host through the mailbox.
#include "boot.h"
#include "csr.h"
#include "mailbox.h"
#include "mc_marshal.h"
#include "port.h"

_Static_assert(MC_ERROR_RECORD_LINE < MC_ERROR_RECORD_EXC &&
                   MC_ERROR_RECORD_EXC < MC_ERROR_RECORD_CODE &&
                   MC_ERROR_RECORD_CODE < MC_ERROR_RECORD_MESSAGE,
    "ErrorRecord fields are in this order; each field's width is the gap to the next");

static void put_le(uint8_t *p, uint32_t value, uint32_t width) {
    for (uint32_t i = 0; i < width; i++) {
        p[i] = (uint8_t)(value >> 8 * i);
    }
}

void mc_port_write(const char *s, size_t n) {
    mc_mailbox_send(MC_SVC_PRINT, NULL, 0, s, n);
}

void mc_port_error(uint32_t exc_id, uint32_t code_index, uint32_t line, const char *message,
    size_t n) {
    uint8_t head[MC_ERROR_RECORD_MESSAGE];
    put_le(head + MC_ERROR_RECORD_LINE, line, MC_ERROR_RECORD_EXC - MC_ERROR_RECORD_LINE);
    put_le(head + MC_ERROR_RECORD_EXC, exc_id, MC_ERROR_RECORD_CODE - MC_ERROR_RECORD_EXC);
    put_le(head + MC_ERROR_RECORD_CODE, code_index,
        MC_ERROR_RECORD_MESSAGE - MC_ERROR_RECORD_CODE);
    mc_mailbox_send(MC_SVC_ERROR, head, sizeof head, message, n);
}

bool mc_port_request(uint32_t service, const char *request, uint32_t n, mc_port_put_fn put,
    void *ctx) {
    mc_mailbox_send(service, NULL, 0, request, n);
    int r = mc_mailbox_receive(
        service == MC_SVC_INPUT ? MC_HOST_TAG_INPUT_REPLY : MC_HOST_TAG_CALL_REPLY, put, ctx);
    if (r < 0) {
        mc_port_panic("bad host reply");    // the mailbox protocol broke: a lost or foreign chunk
    }
    return r > 0;
}

uint32_t mc_port_core_id(void) {
    return mc_csr_read(MC_CSR_CORE_ID);
}

uint32_t mc_port_num_cores(void) {
    uint32_t world = mc_boot_block.world_size;
    return world ? world : mc_csr_read(MC_CSR_NUM_CORES);
}

bool mc_port_is_host(void) {
    return false;
}

uint32_t mc_port_cycles(void) {
    return mc_csr_read(MC_CSR_CYCLE_LO) & 0x7FFFFFFF;
}

uint32_t mc_port_mbox_rx(void) {
    return mc_csr_read(MC_CSR_MBOX_RX);
}

bool mc_port_mbox_busy(uint32_t dest) {
    return mc_csr_read(MC_CSR_MBOX_TX) >> dest & 1;
}

void mc_port_mbox_read(uint32_t src, uint32_t *slot) {
    uint32_t index = MC_SLOT_CORE_IN_BASE + src;
    uint32_t header = slot[0] = MC_MMIO_READ(mc_mailbox_addr(index, 0));
    uint32_t n = ((header >> MC_SLOT_LEN_SHIFT & MC_SLOT_LEN_MASK) + 3) / 4;
    for (uint32_t i = 0; i < n && i < MC_SLOT_PAYLOAD_BYTES / 4; i++) {
        slot[1 + i] = MC_MMIO_READ(mc_mailbox_addr(index, MC_SLOT_PAYLOAD_OFFSET + 4 * i));
    }
    mc_csr_write(MC_CSR_MBOX_ACK, index);
}

void mc_port_mbox_write(uint32_t dest, uint32_t header, const uint32_t *words, uint32_t n) {
    uint32_t base = MC_CORE_REMOTE_MAILBOX_BASE + dest * MC_CORE_REMOTE_MAILBOX_STRIDE +
                    (MC_SLOT_CORE_IN_BASE + mc_csr_read(MC_CSR_CORE_ID)) * MC_SLOT_BYTES;
    for (uint32_t i = 0; i < n; i++) {
        MC_MMIO_WRITE(base + MC_SLOT_PAYLOAD_OFFSET + 4 * i, words[i]);
    }
    __asm__ volatile("" ::: "memory");
    MC_MMIO_WRITE(base, header);    // marks the slot full
}

void mc_port_mbox_wait(uint32_t state, uint32_t progress) {
    volatile uint32_t *words = (volatile uint32_t *)MC_PAR_WAIT_ADDR;
    words[0] = state;
    words[1] = progress;
}

void mc_port_panic(const char *why) {
    (void)why;
    mc_csr_write(MC_CSR_HALT, MC_EXIT_PANIC);
    for (;;) {
    }
}
