// The parallel module: messages between cores through the CORE_IN mailbox slots.
//
// A message is a marshalled value sent in chunks through this core's slot at the receiver
// (microcore/bytecode/parallel.py has the format). Every wait loop moves chunks both ways:
// whatever arrives is reassembled and queued per kind (user or collective) and source, and the
// oldest pending send to each destination goes on as soon as its slot is free. So a send never
// waits on a receiver that waits on this core (sendrecv cannot deadlock), messages from one
// source are received in the order sent, and collectives never take a user message.
// Collectives: bcast is a binomial tree from the root; reduce and allgather are recursive
// doubling on a power-of-two number of cores, else a binomial tree to core 0 and a bcast; sync
// is a dissemination barrier. All combine the lower cores' values first, so an associative
// operation gives the result of a left fold in core order.
#include <string.h>

#include "builtins.h"
#include "exc.h"
#include "gc.h"
#include "marshal.h"
#include "mc_marshal.h"
#include "opcodes.h"
#include "ops.h"
#include "par.h"
#include "port.h"
#include "seq.h"
#include "str.h"

#define CHUNK MC_SLOT_PAYLOAD_BYTES
#define CHUNK_WORDS (CHUNK / 4)
#define MAX_CORES MC_MAX_CORES

enum { USER, COLL, NO_KIND };
enum { OP_SUM, OP_PROD, OP_MIN, OP_MAX, OP_CONCAT };

// Everything the collector must see, as one array of values.
typedef struct {
    mc_value_t partial[MAX_CORES];      // str being reassembled from each source
    mc_value_t queue[2][MAX_CORES];     // per kind and source: list of complete messages (str)
    mc_value_t outq;                    // list of pending requests, oldest first
    mc_value_t taken, acc, tmp;         // values a collective holds on to
} roots_t;

static MC_THREAD_LOCAL roots_t roots;
static MC_THREAD_LOCAL uint32_t filled[MAX_CORES], progress;
static MC_THREAD_LOCAL uint8_t tx_seq[MAX_CORES], rx_seq[MAX_CORES];
// A single-chunk message handed straight to the loop that waits for it: length, then bytes.
static MC_THREAD_LOCAL uint32_t direct[1 + CHUNK_WORDS];

void mc_par_reset(void) {
    memset(&roots, 0, sizeof roots);
    memset(filled, 0, sizeof filled);
    memset(tx_seq, 0, sizeof tx_seq);
    memset(rx_seq, 0, sizeof rx_seq);
    progress = 0;
}

void mc_par_mark(void) {
    mc_gc_mark_values((const mc_value_t *)&roots, sizeof roots / sizeof(mc_value_t));
}

// A request (isend) is a 4-item tuple tagged MC_T_REQUEST: dest | kind << 8, the marshalled
// bytes (str), bytes sent, done (bool).
static mc_value_t *req_items(mc_value_t r) {
    uint32_t n;
    return mc_seq_items((mc_value_t){.tag = MC_T_TUPLE, .r = r.r}, &n);
}

static uint32_t list_len(mc_value_t l) {
    uint32_t n = 0;
    if (l.tag == MC_T_LIST) {
        mc_seq_items(l, &n);
    }
    return n;
}

// Append v (reachable from the roots) to the list at *l, made on first use.
static bool append(mc_value_t *l, mc_value_t v) {
    if (l->tag != MC_T_LIST) {
        mc_value_t n = mc_seq_alloc(MC_T_LIST, 0);
        if (mc_is_error(n)) {
            return false;
        }
        *l = n;
    }
    return mc_list_replace(*l, list_len(*l), 0, &v, 1);
}

// Move one chunk in from every full slot in rx. Returns 1 if it was the whole message of `kind`
// from `src` that the caller waits for, now in `direct`; 0; -1 with an exception pending.
static MC_NOINLINE int read_slots(uint32_t rx, uint32_t kind, uint32_t src) {
    int got = 0;
    for (uint32_t s = 0; rx; s++, rx >>= 1) {
        if (!(rx & 1)) {
            continue;
        }
        uint32_t slot[1 + CHUNK_WORDS];
        mc_port_mbox_read(s, slot);
        progress++;
        uint32_t h = slot[0], len = h >> MC_SLOT_LEN_SHIFT & MC_SLOT_LEN_MASK;
        uint8_t *data = (uint8_t *)(slot + 1);
        mc_value_t *part = &roots.partial[s];
        if ((h >> MC_SLOT_SEQ_SHIFT & MC_SLOT_SEQ_MASK) != (uint8_t)++rx_seq[s] ||
            (h >> MC_SLOT_TAG_SHIFT & MC_SLOT_TAG_MASK) != MC_CORE_TAG_USER || len > CHUNK ||
            (part->tag == MC_T_STR ? filled[s] + len > mc_str_bytes(mc_str(*part))
                                   : len < ((h & MC_SLOT_MORE_BIT) ? 5u : 1u))) {
            mc_port_panic("bad message between cores");
        }
        if (part->tag != MC_T_STR) {
            if (h & MC_SLOT_MORE_BIT) {     // the first chunk of several: the total length first
                *part = mc_str_new(NULL, slot[1]);
                data += 4;
                len -= 4;
            } else {
                uint32_t k = data[0] >> 7;
                if (k == kind && s == src && !list_len(roots.queue[k][s])) {
                    direct[0] = len;
                    for (uint32_t i = 0; i < (len + 3) / 4; i++) {
                        direct[1 + i] = slot[1 + i];
                    }
                    *(uint8_t *)(direct + 1) &= 0x7F;
                    got = 1;
                    continue;
                }
                *part = mc_str_new(NULL, len);
            }
            if (mc_is_error(*part)) {
                *part = mc_int(0);
                return -1;
            }
            filled[s] = 0;
        }
        char *buf = (char *)mc_str(*part)->data;
        memcpy(buf + filled[s], data, len);
        filled[s] += len;
        if (!(h & MC_SLOT_MORE_BIT)) {
            uint32_t k = (uint8_t)buf[0] >> 7;
            buf[0] &= 0x7F;
            bool ok = append(&roots.queue[k][s], *part);
            *part = mc_int(0);
            if (!ok) {
                return -1;
            }
        }
    }
    return got;
}

// The common case of a wait loop, nothing arrived, costs one register read.
static inline int poll_in(uint32_t kind, uint32_t src) {
    uint32_t rx = mc_port_mbox_rx();
    return rx ? read_slots(rx, kind, src) : 0;
}

// Write the next chunk of request r if its slot is free; true once it is all sent.
static bool push(mc_value_t r) {
    mc_value_t *it = req_items(r);
    uint32_t dest = it[0].u & 0xFF, off = it[2].u, n = mc_str_bytes(mc_str(it[1]));
    if (mc_port_mbox_busy(dest)) {
        return false;
    }
    uint32_t w[CHUNK_WORDS], len = n - off < CHUNK ? n - off : CHUNK, head = 0;
    if (off == 0 && n > CHUNK) {
        w[0] = n;
        head = 4;
        len = CHUNK - 4;
    }
    uint8_t *bytes = (uint8_t *)w + head;
    memcpy(bytes, mc_str(it[1])->data + off, len);
    if (off == 0 && it[0].u >> 8 == COLL) {
        bytes[0] |= MC_PAR_COLLECTIVE;
    }
    off += len;
    it[2].u = off;
    uint32_t more = off < n;
    mc_port_mbox_write(dest,
        (head + len) << MC_SLOT_LEN_SHIFT | (more ? MC_SLOT_MORE_BIT : 0) |
            MC_CORE_TAG_USER << MC_SLOT_TAG_SHIFT | (uint8_t)++tx_seq[dest],
        w, (head + len + 3) / 4);
    progress++;
    if (!more) {
        it[3] = mc_bool(true);
        it[1] = mc_none();     // the bytes may go now; the request may live on
    }
    return !more;
}

// Send what can be sent: the oldest pending request to each destination, one chunk each.
static MC_NOINLINE void push_all(void) {
    uint32_t seen = 0, n = list_len(roots.outq);
    for (uint32_t i = 0; i < n; i++) {
        mc_value_t r = mc_seq_items(roots.outq, &n)[i];
        uint32_t bit = 1u << (req_items(r)[0].u & 0xFF);
        if (!(seen & bit) && push(r)) {
            mc_list_replace(roots.outq, i--, 1, NULL, 0);
            n--;
        }
        seen |= bit;
    }
}

static inline void poll_out(void) {
    if (roots.outq.tag == MC_T_LIST) {
        push_all();
    }
}

static bool pending_to(uint32_t dest) {
    uint32_t n = list_len(roots.outq);
    for (uint32_t i = 0; i < n; i++) {
        if ((req_items(mc_seq_items(roots.outq, &n)[i])[0].u & 0xFF) == dest) {
            return true;
        }
    }
    return false;
}

// One turn of a wait loop: move chunks out, publish the wait.
static void idle(uint32_t wait, uint32_t peer) {
    poll_out();
    mc_port_mbox_wait(wait << 16 | peer, progress);
}

// The core id in v, checked.
static bool core_arg(mc_value_t v, uint32_t *core) {
    uint32_t n = mc_port_num_cores();
    if (!mc_is_intlike(v)) {
        mc_exc_raise(MC_MSG_CORE_ID_TYPE, mc_type(v));
        return false;
    }
    if (v.u >= n) {
        mc_exc_raise(MC_MSG_NO_SUCH_CORE, v, mc_int((int32_t)n));
        return false;
    }
    *core = v.u;
    return true;
}

// A new request to send the marshalled bytes in str `data` (reachable) to dest, queued.
static mc_value_t request(uint32_t dest, uint32_t kind, mc_value_t data) {
    mc_value_t r = mc_seq_alloc(MC_T_TUPLE, 4);
    if (mc_is_error(r)) {
        return r;
    }
    r.tag = MC_T_REQUEST;
    mc_value_t *it = req_items(r);
    it[0] = mc_int((int32_t)(dest | kind << 8));
    it[1] = data;
    it[3] = mc_bool(false);
    roots.tmp = r;
    if (dest == mc_port_core_id()) {    // to itself: straight into its own queue
        it[3] = mc_bool(true);
        if (!append(&roots.queue[kind][dest], data)) {
            return mc_error();
        }
    } else if (!append(&roots.outq, r)) {
        return mc_error();
    }
    poll_out();
    return r;
}

static bool wait_request(mc_value_t r) {
    roots.tmp = r;
    while (!req_items(roots.tmp)[3].i) {
        if (poll_in(NO_KIND, 0) < 0) {
            return false;
        }
        idle(MC_WAIT_SEND, req_items(roots.tmp)[0].u & 0xFF);
    }
    mc_port_mbox_wait(0, progress);
    return true;
}

// Send the n bytes at p as one message; bytes in the heap belong to `keep` (or it is None).
static bool send_bytes(uint32_t dest, uint32_t kind, const void *p, uint32_t n, mc_value_t keep) {
    if (n <= CHUNK && dest != mc_port_core_id() && !pending_to(dest)) {
        uint32_t w[CHUNK_WORDS];    // bytes past n travel but are never read
        memcpy(w, p, n);
        ((uint8_t *)w)[0] |= kind == COLL ? MC_PAR_COLLECTIVE : 0;
        while (mc_port_mbox_busy(dest)) {
            if (poll_in(NO_KIND, 0) < 0) {
                return false;
            }
            idle(MC_WAIT_SEND, dest);
        }
        mc_port_mbox_write(dest,
            n << MC_SLOT_LEN_SHIFT | MC_CORE_TAG_USER << MC_SLOT_TAG_SHIFT |
                (uint8_t)++tx_seq[dest],
            w, (n + 3) / 4);
        progress++;
        return true;
    }
    if (keep.tag != MC_T_STR) {
        keep = mc_str_new(p, n);
        if (mc_is_error(keep)) {
            return false;
        }
    }
    roots.tmp = keep;
    mc_value_t r = request(dest, kind, keep);
    return !mc_is_error(r) && wait_request(r);
}

// A sink that counts bytes, then one that fills a buffer of that size.
typedef struct {
    mc_out_t out;
    char *p;
} fill_t;

static bool count_put(mc_out_t *out, const char *s, uint32_t n) {
    (void)s;
    ((fill_t *)out)->p += n;
    return true;
}

static bool fill_put(mc_out_t *out, const char *s, uint32_t n) {
    fill_t *f = (fill_t *)out;
    memcpy(f->p, s, n);
    f->p += n;
    return true;
}

// The marshalled bytes of v as a new str (reachable from roots.taken): measured first, so that
// the bytes are allocated and copied once.
static mc_value_t encode(mc_value_t v) {
    fill_t f = {{count_put}, NULL};
    if (!mc_marshal_encode_portable(&f.out, v)) {
        return mc_error();
    }
    mc_value_t data = mc_str_new(NULL, (uint32_t)(uintptr_t)f.p);
    if (mc_is_error(data)) {
        return data;
    }
    roots.taken = data;
    f = (fill_t){{fill_put}, (char *)mc_str(data)->data};
    mc_marshal_encode(&f.out, v);       // the same walk, which cannot fail now
    return data;
}

static bool send_value(uint32_t dest, uint32_t kind, mc_value_t v) {
    char buf[CHUNK + 2];
    if (v.tag == MC_T_INT || v.tag == MC_T_FLOAT) {     // the common case, without the encoder
        buf[0] = v.tag == MC_T_INT ? MC_MARSHAL_INT : MC_MARSHAL_FLOAT;
        memcpy(buf + 1, &v.u, 4);
        return send_bytes(dest, kind, buf, 5, mc_none());
    }
    mc_out_fixed_t o;
    mc_out_fixed_init(&o, buf, sizeof buf);
    if (!mc_marshal_encode_portable(&o.out, v)) {
        return false;
    }
    if (o.len <= CHUNK) {
        return send_bytes(dest, kind, buf, o.len, mc_none());
    }
    mc_value_t data = encode(v);
    bool ok = !mc_is_error(data) &&
              send_bytes(dest, kind, mc_str(data)->data, mc_str_bytes(mc_str(data)), data);
    roots.taken = roots.tmp = mc_none();
    return ok;
}

// Wait for the next message of `kind` from `src`: its bytes at *p, n (in `direct` or in the str
// roots.taken).
static bool take(uint32_t kind, uint32_t src, uint32_t wait, const uint8_t **p, uint32_t *n) {
    for (;;) {
        mc_value_t *q = &roots.queue[kind][src];
        if (list_len(*q)) {
            uint32_t len;
            roots.taken = mc_seq_items(*q, &len)[0];
            mc_list_replace(*q, 0, 1, NULL, 0);
            *p = (const uint8_t *)mc_str(roots.taken)->data;
            *n = mc_str_bytes(mc_str(roots.taken));
            break;
        }
        int r = poll_in(kind, src);
        if (r < 0) {
            return false;
        }
        if (r) {
            *p = (const uint8_t *)(direct + 1);
            *n = direct[0];
            break;
        }
        idle(wait, src);
    }
    mc_port_mbox_wait(0, progress);
    return true;
}

static mc_value_t decode(const uint8_t *p, uint32_t n) {
    if (n == 5 && (p[0] == MC_MARSHAL_INT || p[0] == MC_MARSHAL_FLOAT)) {  // the common case
        mc_value_t v = {.tag = p[0] == MC_MARSHAL_INT ? MC_T_INT : MC_T_FLOAT};
        memcpy(&v.u, p + 1, 4);
        return v;
    }
    return mc_marshal_decode(&p, p + n);
}

static mc_value_t receive(uint32_t kind, uint32_t src, uint32_t wait) {
    const uint8_t *p;
    uint32_t n;
    mc_value_t v = take(kind, src, wait, &p, &n) ? decode(p, n) : mc_error();
    roots.taken = mc_none();    // the bytes may go now
    return v;
}

// -- Collectives ----------------------------------------------------------------------------------

static mc_value_t bcast(mc_value_t v, uint32_t root) {
    uint32_t n = mc_port_num_cores(), me = mc_port_core_id();
    uint32_t r = (me + n - root) % n, mask = 1;
    const uint8_t *p;
    uint32_t len;
    if (r) {
        mask = r & -r;
        if (!take(COLL, (me + n - mask) % n, MC_WAIT_COLLECTIVE, &p, &len)) {
            return mc_error();
        }
        if (p == (const uint8_t *)(direct + 1)) {   // keep it while sending
            roots.taken = mc_str_new((const char *)p, len);
            if (mc_is_error(roots.taken)) {
                return roots.taken;
            }
            p = (const uint8_t *)mc_str(roots.taken)->data;
        }
    } else {
        while (mask < n) {
            mask <<= 1;
        }
        if (n > 1 && mc_is_error(encode(v))) {
            return mc_error();
        }
    }
    mc_value_t data = roots.taken;
    for (mask >>= 1; mask; mask >>= 1) {
        if (r + mask < n) {
            if (!send_bytes((me + mask) % n, COLL, mc_str(data)->data, mc_str_bytes(mc_str(data)),
                    data)) {
                return mc_error();
            }
        }
    }
    v = r ? decode((const uint8_t *)mc_str(data)->data, mc_str_bytes(mc_str(data))) : v;
    roots.taken = mc_none();
    return v;
}

static mc_value_t combine(mc_value_t a, mc_value_t b, uint32_t op) {
    static const uint8_t opcode[] = {MC_OPCODE_BINARY_ADD, MC_OPCODE_BINARY_MUL,
        MC_OPCODE_COMPARE_LT, MC_OPCODE_COMPARE_GT};
    if (op == OP_CONCAT) {
        return mc_seq_concat(a, b);
    }
    int32_t r;
    if (!(a.tag | b.tag)) {     // two ints: the common cases inline (equal ints are the same)
        if (op == OP_SUM && !__builtin_add_overflow(a.i, b.i, &r)) {
            return mc_int(r);
        }
        if (op >= OP_MIN) {
            return (op == OP_MIN) == (b.i < a.i) ? b : a;
        }
    }
    if (op < OP_MIN) {
        return mc_ops_binary(opcode[op], a, b);
    }
    // min and max keep the first of equal values, as CPython's do.
    mc_value_t t = mc_ops_compare(opcode[op], b, a);
    return mc_is_error(t) ? t : mc_ops_truthy(t) ? b : a;
}

static mc_value_t allreduce(mc_value_t v, uint32_t op) {
    uint32_t n = mc_port_num_cores(), me = mc_port_core_id();
    roots.acc = v;
    for (uint32_t m = 1; m < n; m <<= 1) {
        uint32_t peer = me ^ m;
        if (!(n & (n - 1))) {       // recursive doubling
            if (!send_value(peer, COLL, roots.acc)) {
                return mc_error();
            }
        } else if (me & m) {        // binomial tree to core 0, then bcast
            if (!send_value(me - m, COLL, roots.acc)) {
                return mc_error();
            }
            break;
        } else if (me + m >= n) {
            continue;
        }
        roots.tmp = receive(COLL, peer, MC_WAIT_COLLECTIVE);
        if (mc_is_error(roots.tmp)) {
            return mc_error();
        }
        roots.acc = me < peer ? combine(roots.acc, roots.tmp, op)
                              : combine(roots.tmp, roots.acc, op);
        if (mc_is_error(roots.acc)) {
            return mc_error();
        }
    }
    v = n & (n - 1) ? bcast(roots.acc, 0) : roots.acc;
    roots.acc = roots.tmp = mc_none();
    return v;
}

// -- The builtins ---------------------------------------------------------------------------------

mc_value_t mc_builtin_PARALLEL_SEND(mc_value_t *args, uint32_t n) {
    (void)n;
    uint32_t dest;
    return core_arg(args[1], &dest) && send_value(dest, USER, args[0]) ? mc_none() : mc_error();
}

mc_value_t mc_builtin_PARALLEL_RECV(mc_value_t *args, uint32_t n) {
    (void)n;
    uint32_t src;
    return core_arg(args[0], &src) ? receive(USER, src, MC_WAIT_RECV) : mc_error();
}

mc_value_t mc_builtin_PARALLEL_PROBE(mc_value_t *args, uint32_t n) {
    (void)n;
    uint32_t src;
    if (!core_arg(args[0], &src) || poll_in(NO_KIND, 0) < 0) {
        return mc_error();
    }
    poll_out();
    return mc_bool(list_len(roots.queue[USER][src]) != 0);
}

mc_value_t mc_builtin_PARALLEL_ISEND(mc_value_t *args, uint32_t n) {
    (void)n;
    uint32_t dest;
    if (!core_arg(args[1], &dest)) {
        return mc_error();
    }
    mc_value_t data = encode(args[0]);
    mc_value_t r = mc_is_error(data) ? data : request(dest, USER, data);
    roots.taken = roots.tmp = mc_none();
    return r;
}

mc_value_t mc_builtin_PARALLEL_SENDRECV(mc_value_t *args, uint32_t n) {
    mc_value_t r = mc_builtin_PARALLEL_ISEND(args, n);
    if (mc_is_error(r)) {
        return r;
    }
    mc_value_t *pin = mc_gc_pin(r);
    mc_value_t v = receive(USER, req_items(r)[0].u & 0xFF, MC_WAIT_RECV);
    if (!mc_is_error(v)) {
        mc_value_t *keep = mc_gc_pin(v);
        v = wait_request(*pin) ? *keep : mc_error();
    }
    mc_gc_unpin(pin);
    return v;
}

mc_value_t mc_builtin_PARALLEL_BCAST(mc_value_t *args, uint32_t n) {
    (void)n;
    uint32_t root;
    return core_arg(args[1], &root) ? bcast(args[0], root) : mc_error();
}

mc_value_t mc_builtin_PARALLEL_REDUCE(mc_value_t *args, uint32_t n) {
    (void)n;
    static const char names[][5] = {"sum", "prod", "min", "max"};
    if (args[1].tag == MC_T_STR) {
        for (uint32_t op = 0; op < MC_ARRAY_SIZE(names); op++) {
            if (!memcmp(mc_str(args[1])->data, names[op], 4)) {
                return allreduce(args[0], op);
            }
        }
    }
    // A function is applied by the compiler's wrapper over allgather (compiler/driver.py).
    return mc_exc_raise(MC_MSG_REDUCE_OP, args[1]);
}

mc_value_t mc_builtin_PARALLEL_ALLGATHER(mc_value_t *args, uint32_t n) {
    mc_value_t l = mc_seq_new(MC_T_LIST, args, n);
    return mc_is_error(l) ? l : allreduce(l, OP_CONCAT);
}

mc_value_t mc_builtin_PARALLEL_SYNC(mc_value_t *args, uint32_t n) {
    (void)args, (void)n;
    uint32_t cores = mc_port_num_cores(), me = mc_port_core_id();
    static const uint8_t none = MC_MARSHAL_NONE;
    for (uint32_t k = 1; k < cores; k <<= 1) {
        if (!send_bytes((me + k) % cores, COLL, &none, 1, mc_none()) ||
            mc_is_error(receive(COLL, (me + cores - k) % cores, MC_WAIT_SYNC))) {
            return mc_error();
        }
    }
    return mc_none();
}

mc_value_t mc_builtin_PARALLEL_CYCLES(mc_value_t *args, uint32_t n) {
    (void)args, (void)n;
    return mc_int((int32_t)mc_port_cycles());
}

static bool is_request(mc_value_t *args) {
    if (args[0].tag != MC_T_REQUEST) {
        mc_exc_raise(MC_MSG_NO_ATTRIBUTE, mc_type(args[0]), mc_builtin_current());
        return false;
    }
    return true;
}

mc_value_t mc_builtin_METHOD_TEST(mc_value_t *args, uint32_t n) {
    (void)n;
    if (!is_request(args) || poll_in(NO_KIND, 0) < 0) {
        return mc_error();
    }
    poll_out();
    return req_items(args[0])[3];
}

mc_value_t mc_builtin_METHOD_WAIT(mc_value_t *args, uint32_t n) {
    (void)n;
    return is_request(args) && wait_request(args[0]) ? mc_none() : mc_error();
}
