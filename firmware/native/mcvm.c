// libmcvm's entry points (see mcvm.h).
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "port_native.h"
#include "vm.h"

#define MCVM_API __attribute__((visibility("default")))

// Refs are 32-bit offsets into the block, so it must stay well below 4 GiB.
#define MAX_MEM_BYTES (1u << 30)

static void copy_reason(char *reason, size_t reason_bytes, const char *text) {
    if (reason_bytes) {
        size_t n = strlen(text);
        n = n < reason_bytes - 1 ? n : reason_bytes - 1;
        memcpy(reason, text, n);
        reason[n] = 0;
    }
}

MCVM_API int mcvm_run(const mcvm_config_t *config, const void *image, size_t image_bytes,
    char *reason, size_t reason_bytes) {
    size_t mem_bytes = config->mem_bytes ? config->mem_bytes : MC_NATIVE_MEM_BYTES;
    if (mem_bytes > MAX_MEM_BYTES) {
        copy_reason(reason, reason_bytes, "mem_bytes is larger than 1 GiB");
        return MC_EXIT_PANIC;
    }
    if (image_bytes > mem_bytes) {
        copy_reason(reason, reason_bytes, "image larger than the VM's memory");
        return MC_EXIT_BAD_IMAGE;
    }
    // The image goes at the bottom of the block, as it goes at PROG_BASE on a core.
    uint8_t *mem = calloc(1, mem_bytes);
    if (!mem) {
        copy_reason(reason, reason_bytes, "cannot allocate the VM's memory");
        return MC_EXIT_PANIC;
    }
    memcpy(mem, image, image_bytes);
    mc_native.config = config;
    mc_vm_ram_base = mem;
    volatile uint32_t rc;
    if (setjmp(mc_native.panic) == 0) {
        rc = mc_vm_run(mem, (uint32_t)image_bytes, mem + image_bytes, mem + mem_bytes);
        if (rc == MC_EXIT_BAD_IMAGE) {
            copy_reason(reason, reason_bytes, mc_image_reason());
        }
    } else {
        rc = MC_EXIT_PANIC;
        copy_reason(reason, reason_bytes, mc_native.panic_reason);
    }
    mc_native.config = NULL;
    mc_vm_ram_base = NULL;
    free(mem);
    return (int)rc;
}

MCVM_API uint32_t mcvm_abi_hash(void) {
    return MC_ABI_HASH;
}

MCVM_API uint32_t mcvm_bc_version(void) {
    return MC_BC_VERSION;
}
