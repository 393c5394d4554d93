// libFuzzer harness over the VM's image loader and interpreter (native build, with ASan/UBSan).
//
// Each input is the bytes of an MCBC image, run as libmcvm runs one on a virtual core: validated
// (image.c), then executed. Almost every mutation breaks the image's CRC, so an input whose
// header does not match its bytes also runs a second time with image_bytes and the CRC set to
// fit them: the first run fuzzes the header checks, the second everything behind them. Runs are
// bounded by an instruction budget (MC_VM_STEP_HOOK, below; it also counts the items a builtin
// iterates, as `min(range(2**31))` is one instruction) so that a valid image that loops for good
// ends as a PANIC instead of a fuzzer timeout, and by the VM's own limits (memory, recursion
// depth). Host calls are answered from the input (on_request). Any sanitizer report, crash or
// abort is a bug; BAD_IMAGE, EXCEPTION and PANIC are ordinary outcomes.
//
//     make -C firmware fuzz
//     cd firmware && build/fuzz/fuzz_vm -runs=1000000 CORPUS_DIR build/fuzz/seeds
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mc_bytecode.h"
#include "mcvm.h"
#include "port.h"

// Instructions one input may execute: plenty for the seed programs, a few ms of work at most.
#define FUZZ_STEP_BUDGET 200000u
// Memory for each run: the device's 64 KiB would only make the allocator's work slower.
#define FUZZ_MEM_BYTES (16u * 1024u)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void mc_fuzz_step(void);

static uint32_t steps_left;
static volatile char sink;

void mc_fuzz_step(void) {
    if (steps_left == 0) {
        mc_port_panic("fuzz: instruction budget spent");
    }
    steps_left--;
}

static void on_write(void *user, const char *text, size_t n) {
    // Touch every byte, so that ASan checks the whole range the VM hands out.
    (void)user;
    for (size_t i = 0; i < n; i++) {
        sink ^= text[i];
    }
}

static void on_error(void *user, uint32_t exc_id, uint32_t code_index, uint32_t line,
    const char *message, size_t n) {
    (void)exc_id, (void)code_index, (void)line;
    on_write(user, message, n);
}

// Host calls (float printing, str methods, math): the reply is fuzzed too. Each request is
// answered with a status byte and up to 31 bytes taken from the input itself, at a place that
// moves with every request, so that the VM's decoding of a reply (marshal.py's format) sees
// both plausible and hostile payloads. The first byte of the slice picks the status: OK (a
// marshalled result follows) or EXCEPTION (an exception id and a message follow).
static const uint8_t *input_data;
static size_t input_size, input_pos;

static int on_request(void *user, uint32_t service, const char *request, size_t n, void *reply) {
    (void)user, (void)service;
    on_write(NULL, request, n);
    if (input_size == 0) {
        return 1;
    }
    size_t at = input_pos % input_size;
    size_t len = (input_data[at] & 31u) + 1u;
    if (len > input_size - at) {
        len = input_size - at;
    }
    input_pos += len + 7u;
    char status = (char)(input_data[at] >> 7);
    if (mcvm_reply(reply, &status, 1)) {
        return 0;
    }
    mcvm_reply(reply, (const char *)input_data + at + 1, len - 1);
    return 0;
}

static void run(const uint8_t *data, size_t size) {
    mcvm_config_t config = {
        .core_id = 1, .num_cores = 4, .mem_bytes = FUZZ_MEM_BYTES,
        .write = on_write, .error = on_error, .request = on_request,
    };
    input_data = data, input_size = size, input_pos = size / 2;
    char reason[64];
    steps_left = FUZZ_STEP_BUDGET;
    int rc = mcvm_run(&config, data, size, reason, sizeof reason);
    // Only these exit codes exist (abi.ExitCode); anything else is a bug in the VM.
    if (rc != 0 && rc != 1 && rc != 2 && rc != 4) {
        __builtin_trap();
    }
}

// zlib's CRC-32, as the image header holds it (written out here: the harness must not trust
// the code it tests).
static uint32_t crc32(const uint8_t *p, size_t n) {
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++) {
            crc = crc >> 1 ^ (0xEDB88320u & -(crc & 1));
        }
    }
    return ~crc;
}

static void put_u32(uint8_t *p, uint32_t v) {
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> 8 * i);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    run(data, size);
    size_t fitted = size & ~(size_t)3;
    if (fitted < MC_BC_HEADER_BYTES || fitted > FUZZ_MEM_BYTES) {
        return 0;
    }
    // The input is read-only: fix up a copy (mcvm_run copies it again into the VM's memory).
    uint8_t *copy = malloc(fitted);
    if (!copy) {
        return 0;
    }
    memcpy(copy, data, fitted);
    put_u32(copy + MC_BC_H_IMAGE_BYTES, (uint32_t)fitted);
    put_u32(copy + MC_BC_H_CRC, crc32(copy + MC_BC_CRC_START, fitted - MC_BC_CRC_START));
    if (fitted != size || memcmp(copy, data, fitted) != 0) {
        run(copy, fitted);
    }
    free(copy);
    return 0;
}
