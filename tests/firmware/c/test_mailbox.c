// The HOST_OUT sender (runtime/mailbox.c) and the device port (runtime/port_rv32.c) against a
// model of the tile's CSRs and mailbox memory. The model acts as the host: when the core polls
// MBOX_HOST while HOST_OUT is full, it takes the message and empties the slot. Every chunk the
// host takes is printed as "chunk HEADER PAYLOAD_HEX"; a protocol violation aborts with exit 1.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boot.h"
#include "csr.h"
#include "port.h"

const mc_boot_block_t mc_boot_block = {.world_size = 0};

static uint32_t slot[MC_SLOT_BYTES / 4];
static int full;
static uint32_t written;    // payload words written since the last header

static void violation(const char *what) {
    printf("violation: %s\n", what);
    exit(1);
}

static void host_takes(void) {
    uint32_t header = slot[0];
    uint32_t len = header >> MC_SLOT_LEN_SHIFT & MC_SLOT_LEN_MASK;
    if (len > MC_SLOT_PAYLOAD_BYTES) {
        violation("chunk longer than the payload");
    }
    printf("chunk %08x ", header);
    const uint8_t *p = (const uint8_t *)&slot[MC_SLOT_PAYLOAD_OFFSET / 4];
    for (uint32_t i = 0; i < len; i++) {
        printf("%02x", p[i]);
    }
    printf("\n");
    full = 0;
}

uint32_t fake_read(uint32_t addr) {
    if (addr == MC_CORE_CSR_BASE + MC_CSR_MBOX_HOST) {
        uint32_t value = full ? 1u << MC_SLOT_HOST_OUT : 0;
        if (full) {
            host_takes();   // the host empties the slot while the core waits
        }
        return value;
    }
    if (addr == MC_CORE_CSR_BASE + MC_CSR_CORE_ID) {
        return 5;
    }
    if (addr == MC_CORE_CSR_BASE + MC_CSR_NUM_CORES) {
        return 8;
    }
    violation("read of an unexpected address");
    return 0;
}

void fake_write(uint32_t addr, uint32_t value) {
    uint32_t base = MC_CORE_MAILBOX_BASE + MC_SLOT_HOST_OUT * MC_SLOT_BYTES;
    if (addr < base || addr >= base + MC_SLOT_BYTES || addr % 4) {
        violation("write outside the HOST_OUT slot");
    }
    if (full) {
        violation("write to the slot while it is full");
    }
    uint32_t index = (addr - base) / 4;
    slot[index] = value;
    if (index == 0) {
        uint32_t len = value >> MC_SLOT_LEN_SHIFT & MC_SLOT_LEN_MASK;
        if (written != (len + 3) / 4) {
            violation("header written before (or without) its payload");
        }
        written = 0;
        full = 1;
    } else {
        written++;
    }
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *cmd = argv[i];
        if (!strncmp(cmd, "print:", 6)) {
            mc_port_write(cmd + 6, strlen(cmd + 6));
        } else if (!strncmp(cmd, "repeat:", 7)) {
            // repeat:N:C  prints N copies of character C
            size_t n = strtoul(cmd + 7, NULL, 10);
            char *text = malloc(n + 1);
            memset(text, strchr(cmd + 7, ':')[1], n);
            mc_port_write(text, n);
            free(text);
        } else if (!strncmp(cmd, "error:", 6)) {
            // error:EXC:CODE:LINE:MESSAGE
            char *end;
            uint32_t exc = strtoul(cmd + 6, &end, 10);
            uint32_t code = strtoul(end + 1, &end, 10);
            uint32_t line = strtoul(end + 1, &end, 10);
            mc_port_error(exc, code, line, end + 1, strlen(end + 1));
        } else if (!strcmp(cmd, "ids")) {
            printf("ids %u %u %d\n", mc_port_core_id(), mc_port_num_cores(), mc_port_is_host());
            continue;
        }
        // Drain the last chunk, as the host eventually does.
        if (full) {
            host_takes();
        }
    }
    return 0;
}
