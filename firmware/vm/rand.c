// The random module, with CPython's generator: MT19937, seeded from an int as random.seed(int)
// does (init_by_array over the absolute value's 32-bit words), so that a seeded program draws the
// same numbers as under CPython. The 2.5 KiB state is allocated from the heap on first use.
#include "builtins.h"
#include "exc.h"
#include "gc.h"
#include "opcodes.h"
#include "ops.h"
#include "port.h"
#include "rand.h"
#include "seq.h"

#define N 624
#define M 397

typedef struct {
    uint32_t index;
    uint32_t mt[N];
} state_t;

static MC_THREAD_LOCAL state_t *state;

void mc_rand_reset(void) {
    state = NULL;
}

void mc_rand_mark(void) {
    if (state) {
        mc_gc_mark_chunk(state);
    }
}

static void init_genrand(uint32_t s) {
    uint32_t *mt = state->mt;
    mt[0] = s;
    for (uint32_t i = 1; i < N; i++) {
        mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + i;
    }
    state->index = N;
}

// init_by_array with a one-word key (every int fits one word here).
static void seed(uint32_t key) {
    uint32_t *mt = state->mt, i = 1;
    init_genrand(19650218u);
    for (uint32_t k = N; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key;
        if (++i >= N) {
            mt[0] = mt[N - 1];
            i = 1;
        }
    }
    for (uint32_t k = N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - i;
        if (++i >= N) {
            mt[0] = mt[N - 1];
            i = 1;
        }
    }
    mt[0] = 0x80000000u;
}

// The state, allocated (and seeded from the core id, as no entropy is at hand) on first use.
static bool ready(void) {
    if (!state) {
        state = mc_gc_alloc((uint32_t)sizeof(state_t), MC_GC_ITEMS);
        if (!state) {
            return false;
        }
        seed(mc_port_core_id());
    }
    return true;
}

static uint32_t genrand(void) {
    uint32_t *mt = state->mt;
    if (state->index >= N) {
        for (uint32_t k = 0; k < N; k++) {
            uint32_t y = (mt[k] & 0x80000000u) | (mt[(k + 1) % N] & 0x7fffffffu);
            mt[k] = mt[(k + M) % N] ^ (y >> 1) ^ ((y & 1) ? 0x9908b0dfu : 0);
        }
        state->index = 0;
    }
    uint32_t y = mt[state->index++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    return y ^ (y >> 18);
}

// CPython's _randbelow_with_getrandbits: k-bit draws until one is below n (n >= 1; 0 stands for
// 2**32, drawn as CPython's 33-bit getrandbits: a full word, then one bit that must be 0).
static uint32_t below(uint32_t n) {
    uint32_t k = 0, r;
    if (!n) {
        do {
            r = genrand();
        } while (genrand() >> 31);
        return r;
    }
    while (k < 32 && n >> k) {
        k++;
    }
    do {
        r = genrand() >> (32 - k);
    } while (r >= n);
    return r;
}

static mc_value_t empty_range(void) {
    return mc_exc_raise(MC_MSG_EMPTY_RANDRANGE);
}

mc_value_t mc_builtin_RANDOM_SEED(mc_value_t *args, uint32_t n) {
    if (n && args[0].tag != MC_T_NONE && !mc_is_intlike(args[0])) {
        return mc_exc_raise(MC_MSG_SEED_TYPE, mc_type(args[0]));
    }
    if (!ready()) {
        return mc_error();
    }
    int32_t v = n && args[0].tag != MC_T_NONE ? args[0].i : (int32_t)mc_port_core_id();
    seed(v < 0 ? 0u - (uint32_t)v : (uint32_t)v);
    return mc_none();
}

mc_value_t mc_builtin_RANDOM_RANDOM(mc_value_t *args, uint32_t n) {
    (void)args, (void)n;
    if (!ready()) {
        return mc_error();
    }
    // CPython's double a * 2**-27 + b * 2**-53 (53 random bits), rounded once to binary32: keep
    // 24 bits, round the rest to nearest even, then scale by a power of two (exact).
    uint32_t a = genrand() >> 5, b = genrand() >> 6;
    uint64_t m = (uint64_t)a << 26 | b, t = m;
    uint32_t shift = 0;
    while (t >> 24) {
        t >>= 1;
        shift++;
    }
    if (shift) {
        uint64_t rest = m & ((1ull << shift) - 1), half = 1ull << (shift - 1);
        t += rest > half || (rest == half && (t & 1));
    }
    return mc_float((float)(uint32_t)t * (float)(1u << shift) * 0x1p-53f);
}

mc_value_t mc_builtin_RANDOM_UNIFORM(mc_value_t *args, uint32_t n) {
    if (!mc_is_number(args[0]) || !mc_is_number(args[1])) {
        return mc_ops_unsupported(MC_OPCODE_BINARY_SUB, args[1], args[0]);
    }
    mc_value_t r = mc_builtin_RANDOM_RANDOM(args, n);
    if (mc_is_error(r)) {
        return r;
    }
    float a = args[0].tag == MC_T_FLOAT ? args[0].f : (float)args[0].i;
    float b = args[1].tag == MC_T_FLOAT ? args[1].f : (float)args[1].i;
    return mc_float(a + (b - a) * r.f);
}

mc_value_t mc_builtin_RANDOM_RANDRANGE(mc_value_t *args, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        if (!mc_is_intlike(args[i])) {
            return mc_exc_raise(MC_MSG_NOT_INTEGER, mc_type(args[i]));
        }
    }
    if (!ready()) {
        return mc_error();
    }
    int32_t start = n > 1 ? args[0].i : 0, stop = n > 1 ? args[1].i : args[0].i;
    int32_t step = n > 2 ? args[2].i : 1;
    if (step == 0) {
        return mc_exc_raise(MC_MSG_ZERO_STEP_RANDRANGE);
    }
    uint32_t count = mc_range_len(start, stop, step);
    if (!count) {
        return empty_range();
    }
    // The result lies in the range, so wrapping arithmetic gives it exactly.
    return mc_int((int32_t)((uint32_t)start + (uint32_t)step * below(count)));
}

mc_value_t mc_builtin_RANDOM_RANDINT(mc_value_t *args, uint32_t n) {
    (void)n;
    if (mc_is_intlike(args[0]) && mc_is_intlike(args[1])) {
        if (args[1].i < args[0].i) {
            return empty_range();
        }
        if (!ready()) {
            return mc_error();
        }
        // randrange(a, b + 1), without overflowing at the top of the int range.
        return mc_int((int32_t)((uint32_t)args[0].i +
                                below((uint32_t)args[1].i - (uint32_t)args[0].i + 1)));
    }
    return mc_builtin_RANDOM_RANDRANGE(args, 2);
}

mc_value_t mc_builtin_RANDOM_CHOICE(mc_value_t *args, uint32_t n) {
    (void)n;
    mc_value_t len = mc_ops_len(args[0]);
    if (mc_is_error(len)) {
        return len;
    }
    if (len.i == 0) {
        return mc_exc_raise(MC_MSG_CHOICE_EMPTY);
    }
    return ready() ? mc_ops_subscr(args[0], mc_int((int32_t)below((uint32_t)len.i))) : mc_error();
}
