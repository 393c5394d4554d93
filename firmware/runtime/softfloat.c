// Single-precision soft-float for cores without an FPU.
//
// These are the libgcc entry points the compiler calls for float arithmetic; defining them here
// keeps libgcc's much larger generic versions out of the image. IEEE-754 binary32 with round to
// nearest even, subnormals and infinities; every NaN result is the default quiet NaN. The native
// tests compile this file under other names (MC_SF) and compare it with the host's hardware.
#include <stdint.h>

#ifndef MC_SF
#define MC_SF(name) __##name
#endif

#define SIGN 0x80000000u
#define INF 0x7F800000u
#define QNAN 0x7FC00000u
#define FRAC_BITS 23
#define FRAC_MASK 0x007FFFFFu
#define IMPLICIT (1u << FRAC_BITS)
#define ROUND_BITS 7                    // below the 24 kept bits in a normalized significand
#define TOP (1u << 30)                  // leading bit of a normalized significand

// Functions the compiler calls, declared for -Wmissing-prototypes.
float MC_SF(addsf3)(float a, float b);
float MC_SF(subsf3)(float a, float b);
float MC_SF(mulsf3)(float a, float b);
float MC_SF(divsf3)(float a, float b);
int MC_SF(eqsf2)(float a, float b);
int MC_SF(nesf2)(float a, float b);
int MC_SF(ltsf2)(float a, float b);
int MC_SF(lesf2)(float a, float b);
int MC_SF(gtsf2)(float a, float b);
int MC_SF(gesf2)(float a, float b);
int MC_SF(unordsf2)(float a, float b);
float MC_SF(floatsisf)(int32_t i);
float MC_SF(floatunsisf)(uint32_t u);
int32_t MC_SF(fixsfsi)(float f);
uint32_t MC_SF(fixunssfsi)(float f);

static uint32_t bits(float f) {
    union { float f; uint32_t u; } v = {.f = f};
    return v.u;
}

static float from_bits(uint32_t u) {
    union { uint32_t u; float f; } v = {.u = u};
    return v.f;
}

static int is_nan(uint32_t u) {
    return (u & ~SIGN) > INF;
}

// x >> n, with any bits shifted out ORed into bit 0.
static uint32_t shift_right_jam(uint32_t x, uint32_t n) {
    if (n == 0) {
        return x;
    }
    if (n > 31) {
        return x != 0;
    }
    return x >> n | ((x << (32 - n)) != 0);
}

// Round and pack sign | sig * 2**(exp - 157); sig is nonzero and below 2**31.
static uint32_t pack(uint32_t sign, int32_t exp, uint32_t sig) {
    while (sig < TOP) {
        sig <<= 1;
        exp--;
    }
    if (exp < 1) {
        // Subnormal: exponent field 0 means exponent 1 without the implicit bit.
        sig = shift_right_jam(sig, (uint32_t)(1 - exp));
        exp = 1;
    }
    uint32_t rest = sig & ((1u << ROUND_BITS) - 1);
    uint32_t half = 1u << (ROUND_BITS - 1);
    sig = (sig + half) >> ROUND_BITS;
    if (rest == half) {
        sig &= ~1u;                     // a tie goes to even
    }
    // The implicit bit (or a rounding carry) adds into the exponent field.
    uint32_t r = ((uint32_t)(exp - 1) << FRAC_BITS) + sig;
    return sign | (r >= INF ? INF : r);
}

// The significand of finite nonzero |u| with its leading 1 at bit 23; value = sig * 2**(e - 150).
static uint32_t unpack(uint32_t u, int32_t *e) {
    int32_t exp = (int32_t)(u >> FRAC_BITS);
    uint32_t sig = u & FRAC_MASK;
    if (exp) {
        sig |= IMPLICIT;
    } else {
        for (exp = 1; sig < IMPLICIT; exp--) {
            sig <<= 1;
        }
    }
    *e = exp;
    return sig;
}

static uint32_t f32_add(uint32_t a, uint32_t b) {
    if (is_nan(a) || is_nan(b)) {
        return QNAN;
    }
    uint32_t ma = a & ~SIGN, mb = b & ~SIGN;
    if (ma < mb) {
        uint32_t t = a;
        a = b;
        b = t;
        t = ma;
        ma = mb;
        mb = t;
    }
    // Now |a| >= |b|.
    if (ma == INF) {
        return mb == INF && ((a ^ b) & SIGN) ? QNAN : a;
    }
    if (mb == 0) {
        return ma == 0 ? a & b : a;     // -0 only for -0 + -0
    }
    int32_t ea, eb;
    uint32_t sa = unpack(ma, &ea) << 6, sb = unpack(mb, &eb) << 6;   // leading 1 at bit 29
    sb = shift_right_jam(sb, (uint32_t)(ea - eb));
    uint32_t sum = (a ^ b) & SIGN ? sa - sb : sa + sb;
    if (!sum) {
        return 0;                       // exact cancellation is +0
    }
    return pack(a & SIGN, ea + 1, sum);
}

static uint32_t f32_mul(uint32_t a, uint32_t b) {
    if (is_nan(a) || is_nan(b)) {
        return QNAN;
    }
    uint32_t sign = (a ^ b) & SIGN, ma = a & ~SIGN, mb = b & ~SIGN;
    if (ma == INF || mb == INF) {
        return ma == 0 || mb == 0 ? QNAN : sign | INF;
    }
    if (ma == 0 || mb == 0) {
        return sign;
    }
    int32_t ea, eb;
    uint64_t p = (uint64_t)unpack(ma, &ea) * unpack(mb, &eb);     // leading 1 at bit 46 or 47
    uint32_t sig = (uint32_t)(p >> 17) | ((p & 0x1FFFF) != 0);
    return pack(sign, ea + eb - 126, sig);
}

static uint32_t f32_div(uint32_t a, uint32_t b) {
    if (is_nan(a) || is_nan(b)) {
        return QNAN;
    }
    uint32_t sign = (a ^ b) & SIGN, ma = a & ~SIGN, mb = b & ~SIGN;
    if (ma == INF) {
        return mb == INF ? QNAN : sign | INF;
    }
    if (mb == INF) {
        return sign;
    }
    if (mb == 0) {
        return ma == 0 ? QNAN : sign | INF;
    }
    if (ma == 0) {
        return sign;
    }
    int32_t ea, eb;
    uint32_t r = unpack(ma, &ea), d = unpack(mb, &eb), q = 0;
    if (r < d) {
        r <<= 1;
        ea--;
    }
    // Long division: 31 quotient bits, the first of them 1.
    for (int i = 0; i < 31; i++) {
        q <<= 1;
        if (r >= d) {
            r -= d;
            q |= 1;
        }
        r <<= 1;
    }
    return pack(sign, ea - eb + 127, q | (r != 0));
}

float MC_SF(addsf3)(float a, float b) {
    return from_bits(f32_add(bits(a), bits(b)));
}

float MC_SF(subsf3)(float a, float b) {
    return from_bits(f32_add(bits(a), bits(b) ^ SIGN));
}

float MC_SF(mulsf3)(float a, float b) {
    return from_bits(f32_mul(bits(a), bits(b)));
}

float MC_SF(divsf3)(float a, float b) {
    return from_bits(f32_div(bits(a), bits(b)));
}

// -1, 0, 1 as a < b, a == b, a > b; `unordered` if either is a NaN.
static int compare(float fa, float fb, int unordered) {
    uint32_t a = bits(fa), b = bits(fb);
    if (is_nan(a) || is_nan(b)) {
        return unordered;
    }
    if (((a | b) << 1) == 0) {
        return 0;                       // +0 == -0
    }
    int32_t x = a & SIGN ? -(int32_t)(a & ~SIGN) : (int32_t)a;
    int32_t y = b & SIGN ? -(int32_t)(b & ~SIGN) : (int32_t)b;
    return (x > y) - (x < y);
}

// libgcc's contract: the result compared with 0 gives the predicate, false for NaNs.
int MC_SF(eqsf2)(float a, float b) {
    return compare(a, b, 1);
}

int MC_SF(nesf2)(float a, float b) {
    return compare(a, b, 1);
}

int MC_SF(ltsf2)(float a, float b) {
    return compare(a, b, 1);
}

int MC_SF(lesf2)(float a, float b) {
    return compare(a, b, 1);
}

int MC_SF(gtsf2)(float a, float b) {
    return compare(a, b, -1);
}

int MC_SF(gesf2)(float a, float b) {
    return compare(a, b, -1);
}

int MC_SF(unordsf2)(float a, float b) {
    return is_nan(bits(a)) || is_nan(bits(b));
}

static uint32_t from_uint(uint32_t sign, uint32_t u) {
    if (!u) {
        return sign;
    }
    int32_t exp = 157;                  // value = u * 2**(157 - 157)
    if (u & SIGN) {
        u = shift_right_jam(u, 1);
        exp++;
    }
    return pack(sign, exp, u);
}

float MC_SF(floatsisf)(int32_t i) {
    return from_bits(from_uint(i < 0 ? SIGN : 0, i < 0 ? 0u - (uint32_t)i : (uint32_t)i));
}

float MC_SF(floatunsisf)(uint32_t u) {
    return from_bits(from_uint(0, u));
}

// |f| truncated to an integer, saturated at 2**32 - 1 (out of range is undefined in C anyway).
static uint32_t truncate(uint32_t u) {
    int32_t exp = (int32_t)((u & ~SIGN) >> FRAC_BITS);
    uint32_t sig = (u & FRAC_MASK) | IMPLICIT;
    if (exp < 127) {
        return 0;
    }
    if (exp > 127 + 31 || is_nan(u)) {
        return UINT32_MAX;
    }
    int32_t shift = exp - 150;
    return shift >= 0 ? sig << shift : sig >> -shift;
}

int32_t MC_SF(fixsfsi)(float f) {
    uint32_t u = bits(f), m = truncate(u);
    if (u & SIGN) {
        return m >= SIGN ? INT32_MIN : -(int32_t)m;
    }
    return m >= SIGN ? INT32_MAX : (int32_t)m;
}

uint32_t MC_SF(fixunssfsi)(float f) {
    uint32_t u = bits(f);
    return u & SIGN ? 0 : truncate(u);
}
