// The VM's port on the host: output and errors go to the caller's callbacks.
#include "exc.h"
#include "port.h"
#include "port_native.h"

MC_THREAD_LOCAL mc_native_t mc_native;

void mc_port_write(const char *s, size_t n) {
    const mcvm_config_t *c = mc_native.config;
    if (c->write) {
        c->write(c->user, s, n);
    }
}

void mc_port_error(uint32_t exc_id, uint32_t code_index, uint32_t line, const char *message,
    size_t n) {
    const mcvm_config_t *c = mc_native.config;
    if (c->error) {
        c->error(c->user, exc_id, code_index, line, message, n);
    }
}

// The reply sink handed to mcvm_reply().
typedef struct {
    mc_port_put_fn put;
    void *ctx;
} reply_t;

bool mc_port_request(uint32_t service, const char *request, uint32_t n, mc_port_put_fn put,
    void *ctx) {
    reply_t reply = {put, ctx};
    const mcvm_config_t *c = mc_native.config;
    if (!c->request) {
        mc_exc_raise(MC_MSG_NO_HOST);
        return false;
    }
    mc_exc.id = 0;
    if (c->request(c->user, service, request, n, &reply) != 0) {
        mc_exc_raise(MC_MSG_HOST_FAILED);
        return false;
    }
    return mc_exc.id == 0;      // a MemoryError from mcvm_reply
}

__attribute__((visibility("default"))) int mcvm_reply(void *reply, const char *data, size_t n) {
    if (mc_exc.id) {
        return 1;
    }
    const reply_t *r = reply;
    return !r->put(r->ctx, data, (uint32_t)n);
}

uint32_t mc_port_core_id(void) {
    return mc_native.config->core_id;
}

uint32_t mc_port_num_cores(void) {
    return mc_native.config->num_cores;
}

bool mc_port_is_host(void) {
    return mc_native.config->is_host != 0;
}

void mc_port_panic(const char *why) {
    mc_native.panic_reason = why;
    longjmp(mc_native.panic, 1);
}
