// The VM's port on a device core: output and errors go to the host through the mailbox.
#include "boot.h"
#include "csr.h"
#include "mailbox.h"
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

void mc_port_panic(const char *why) {
    (void)why;
    mc_csr_write(MC_CSR_HALT, MC_EXIT_PANIC);
    for (;;) {
    }
}
