// mcvm: run a bytecode image on the host, as one core would.
//
//     mcvm IMAGE [--core-id K] [--num-cores N] [--mem-bytes B] [--host]
//
// Print output goes raw to stdout. The exit status is the abi.ExitCode: 0 OK; 1 an uncaught
// exception, described on stderr as
//     error: core=K code=C line=L exc=ID message=...
// 2 a bad image ("error: bad image: <reason>"); 4 an internal error ("error: panic: <reason>");
// 64 a usage error.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc_abi.h"
#include "mcvm.h"

#define EXIT_USAGE 64

static void on_write(void *user, const char *text, size_t n) {
    (void)user;
    fwrite(text, 1, n, stdout);
}

static void on_error(void *user, uint32_t exc_id, uint32_t code_index, uint32_t line,
    const char *message, size_t n) {
    const mcvm_config_t *config = user;
    fflush(stdout);
    fprintf(stderr, "error: core=%u code=%u line=%u exc=%u message=", config->core_id,
        code_index, line, exc_id);
    fwrite(message, 1, n, stderr);
    fputc('\n', stderr);
}

static int usage(void) {
    fprintf(stderr, "usage: mcvm IMAGE [--core-id K] [--num-cores N] [--mem-bytes B] [--host]\n");
    return EXIT_USAGE;
}

static int parse_u32(const char *text, uint32_t *out) {
    char *end;
    errno = 0;
    unsigned long v = strtoul(text, &end, 0);
    if (errno || *text == 0 || *end != 0 || v > UINT32_MAX) {
        return 0;
    }
    *out = (uint32_t)v;
    return 1;
}

static unsigned char *read_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    unsigned char *data = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            unsigned char *grown = realloc(data, cap);
            if (!grown) {
                free(data);
                fclose(f);
                return NULL;
            }
            data = grown;
        }
        size_t got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            break;
        }
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(data);
        return NULL;
    }
    *size = n;
    return data;
}

int main(int argc, char **argv) {
    mcvm_config_t config = {.core_id = 0, .num_cores = 1, .write = on_write, .error = on_error};
    config.user = &config;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        uint32_t *target = !strcmp(a, "--core-id")     ? &config.core_id
                           : !strcmp(a, "--num-cores") ? &config.num_cores
                           : !strcmp(a, "--mem-bytes") ? &config.mem_bytes
                                                       : NULL;
        if (target) {
            if (++i == argc || !parse_u32(argv[i], target)) {
                return usage();
            }
        } else if (!strcmp(a, "--host")) {
            config.is_host = 1;
        } else if (a[0] == '-' || path) {
            return usage();
        } else {
            path = a;
        }
    }
    if (!path) {
        return usage();
    }
    size_t size;
    unsigned char *image = read_file(path, &size);
    if (!image) {
        fprintf(stderr, "error: cannot read %s: %s\n", path, strerror(errno));
        return EXIT_USAGE;
    }
    char reason[256];
    int rc = mcvm_run(&config, image, size, reason, sizeof reason);
    free(image);
    fflush(stdout);
    if (rc == MC_EXIT_BAD_IMAGE) {
        fprintf(stderr, "error: bad image: %s\n", reason);
    } else if (rc != MC_EXIT_OK && rc != MC_EXIT_EXCEPTION) {
        fprintf(stderr, "error: panic: %s\n", reason);
    }
    return rc;
}
