// The VM's port on the host: output and errors go to the caller's callbacks.
#include <sched.h>
#include <string.h>
#include <time.h>

#include "exc.h"
#include "mc_marshal.h"
#include "port.h"
#include "port_native.h"

MC_THREAD_LOCAL mc_native_t mc_native;

// -- The in-memory fabric (see mcvm.h): the same slot semantics as the device's mailboxes -----

static uint32_t *slot_at(uint32_t receiver, uint32_t sender) {
    const mcvm_config_t *c = mc_native.config;
    if (!c->fabric) {
        mc_port_panic("no mailboxes: a virtual core alone cannot send to another");
    }
    return c->fabric + (receiver * c->num_cores + sender) * MC_PAR_NATIVE_SLOT_WORDS;
}

static void check_stop(void) {
    const mcvm_config_t *c = mc_native.config;
    uint32_t n = c->num_cores;
    if (c->fabric && __atomic_load_n(&c->fabric[n * n * MC_PAR_NATIVE_SLOT_WORDS + 2 * n],
                         __ATOMIC_ACQUIRE)) {
        mc_port_panic("stopped by the host");
    }
}

uint32_t mc_port_cycles(void) {
    return 0;
}

uint32_t mc_port_mbox_rx(void) {
    const mcvm_config_t *c = mc_native.config;
    uint32_t bits = 0;
    check_stop();       // every wait loop, probe() and test() come here
    for (uint32_t s = 0; c->fabric && s < c->num_cores; s++) {
        bits |= __atomic_load_n(slot_at(c->core_id, s), __ATOMIC_ACQUIRE) << s;
    }
    return bits;
}

bool mc_port_mbox_busy(uint32_t dest) {
    return __atomic_load_n(slot_at(dest, mc_native.config->core_id), __ATOMIC_ACQUIRE) != 0;
}

void mc_port_mbox_read(uint32_t src, uint32_t *slot) {
    uint32_t *p = slot_at(mc_native.config->core_id, src);
    memcpy(slot, p + 1, (MC_PAR_NATIVE_SLOT_WORDS - 1) * sizeof(uint32_t));
    __atomic_store_n(p, 0, __ATOMIC_RELEASE);
}

void mc_port_mbox_write(uint32_t dest, uint32_t header, const uint32_t *words, uint32_t n) {
    uint32_t *p = slot_at(dest, mc_native.config->core_id);
    memcpy(p + 2, words, n * sizeof(uint32_t));
    p[1] = header;
    __atomic_store_n(p, 1, __ATOMIC_RELEASE);
}

void mc_port_mbox_wait(uint32_t state, uint32_t progress) {
    const mcvm_config_t *c = mc_native.config;
    if (c->fabric) {
        uint32_t *status = c->fabric + c->num_cores * c->num_cores * MC_PAR_NATIVE_SLOT_WORDS +
                           2 * c->core_id;
        __atomic_store_n(&status[1], progress, __ATOMIC_RELAXED);
        __atomic_store_n(&status[0], state, __ATOMIC_RELEASE);
        check_stop();
    }
    // Many virtual cores share few host CPUs: yield at first, then sleep while the wait lasts.
    static MC_THREAD_LOCAL uint32_t idle;
    if (!state) {
        idle = 0;
    } else if (++idle < 256) {
        sched_yield();
    } else {
        nanosleep(&(struct timespec){.tv_nsec = 50000}, NULL);
    }
}

void mc_port_write(const char *s, size_t n) {
    const mcvm_config_t *c = mc_native.config;
    check_stop();
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
