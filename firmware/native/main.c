// mcvm: run a bytecode image on the host, as one core would.
//
//     mcvm IMAGE [--core-id K] [--num-cores N] [--mem-bytes B] [--host]
//
// Print output goes to stdout (its text is made by the host call server, below). The exit status is the abi.ExitCode: 0 OK; 1 an uncaught
// exception, described on stderr as
//     error: core=K code=C line=L exc=ID message=...
// 2 a bad image ("error: bad image: <reason>"); 4 an internal error ("error: panic: <reason>");
// 64 a usage error.
//
// Host calls and input() are served by the host's own Python (microcore/bytecode/hostcalls.py):
// at the first request mcvm starts the shell command in $MCVM_HOST (default
// "python3 -m microcore.bytecode.hostcalls") with its stdin and stdout on pipes and mcvm's
// stdin as its fd 3, sends each request as u32 service, u32 length, payload, and reads each
// reply as u32 length, payload. input() prompts go to stdout. print() payloads are sent to the
// same server as Service.PRINT requests, answered with the text to write.
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mc_abi.h"
#include "mcvm.h"

#define EXIT_USAGE 64

extern char **environ;

static struct {
    pid_t pid;
    FILE *to, *from;
} host;

// A pipe whose ends are above the standard descriptors and fd 3, and closed on exec.
static int high_pipe(int fds[2]) {
    int raw[2];
    if (pipe(raw)) {
        return -1;
    }
    for (int i = 0; i < 2; i++) {
        fds[i] = fcntl(raw[i], F_DUPFD_CLOEXEC, 10);
        close(raw[i]);
    }
    return fds[0] < 0 || fds[1] < 0 ? -1 : 0;
}

static int start_host(void) {
    const char *cmd = getenv("MCVM_HOST");
    cmd = cmd && *cmd ? cmd : "python3 -m microcore.bytecode.hostcalls";
    int down[2], up[2];
    if (high_pipe(down) || high_pipe(up)) {
        return -1;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, 0, 3);
    posix_spawn_file_actions_adddup2(&actions, down[0], 0);
    posix_spawn_file_actions_adddup2(&actions, up[1], 1);
    char *argv[] = {"/bin/sh", "-c", (char *)cmd, NULL};
    int rc = posix_spawn(&host.pid, "/bin/sh", &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(down[0]);
    close(up[1]);
    if (rc) {
        return -1;
    }
    host.to = fdopen(down[1], "wb");
    host.from = fdopen(up[0], "rb");
    return host.to && host.from ? 0 : -1;
}

static void stop_host(void) {
    if (host.to) {
        fclose(host.to);
        fclose(host.from);
        waitpid(host.pid, NULL, 0);
    }
}

// Send a request to the host call server and hand its reply to put(ctx, bytes, n), in pieces.
static int ask_host(uint32_t service, const char *request, size_t n,
    int (*put)(void *ctx, const char *s, size_t n), void *ctx) {
    if (!host.to && start_host()) {
        fprintf(stderr, "error: cannot start the host call server\n");
        return 1;
    }
    uint32_t head[2] = {service, (uint32_t)n};
    uint32_t len;
    if (fwrite(head, sizeof head, 1, host.to) != 1 || fwrite(request, 1, n, host.to) != n ||
        fflush(host.to) || fread(&len, sizeof len, 1, host.from) != 1) {
        return 1;
    }
    char buf[4096];
    while (len) {
        size_t k = len < sizeof buf ? len : sizeof buf;
        if (fread(buf, 1, k, host.from) != k) {
            return 1;
        }
        // Read the whole reply even if the VM ran out of memory (its MemoryError is pending).
        (void)put(ctx, buf, k);
        len -= (uint32_t)k;
    }
    return 0;
}

static int put_stdout(void *ctx, const char *s, size_t n) {
    (void)ctx;
    return fwrite(s, 1, n, stdout) != n;
}

// print() sends its values; the host server answers with the text (microcore/bytecode/text.py).
static void on_write(void *user, const char *payload, size_t n) {
    (void)user;
    if (ask_host(MC_SVC_PRINT, payload, n, put_stdout, NULL)) {
        fprintf(stderr, "error: the host call server failed to format print output\n");
    }
}

static int put_stderr(void *ctx, const char *s, size_t n) {
    (void)ctx;
    return fwrite(s, 1, n, stderr) != n;
}

// An uncaught exception: its message is made by the host call server from the marshalled
// exception (microcore/bytecode/text.py).
static void on_error(void *user, uint32_t exc_id, uint32_t code_index, uint32_t line,
    const char *exception, size_t n) {
    const mcvm_config_t *config = user;
    fflush(stdout);
    fprintf(stderr, "error: core=%u code=%u line=%u exc=%u message=", config->core_id,
        code_index, line, exc_id);
    if (ask_host(MC_SVC_ERROR, exception, n, put_stderr, NULL)) {
        fputs("<the host call server failed to format the message>", stderr);
    }
    fputc('\n', stderr);
}

static int on_request(void *user, uint32_t service, const char *request, size_t n,
    void *reply) {
    (void)user;
    if (service == MC_SVC_INPUT) {
        fwrite(request, 1, n, stdout);      // the prompt
        fflush(stdout);
    }
    return ask_host(service, request, n, mcvm_reply, reply);
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
    mcvm_config_t config = {.core_id = 0, .num_cores = 1, .write = on_write, .error = on_error,
        .request = on_request};
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
    stop_host();
    fflush(stdout);
    if (rc == MC_EXIT_BAD_IMAGE) {
        fprintf(stderr, "error: bad image: %s\n", reason);
    } else if (rc != MC_EXIT_OK && rc != MC_EXIT_EXCEPTION) {
        fprintf(stderr, "error: panic: %s\n", reason);
    }
    return rc;
}
