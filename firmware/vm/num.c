// Int and float arithmetic with Python's semantics.
//
// Floats are IEEE-754 binary32 (soft-float on cores without an FPU), so results are those of
// CPython's float arithmetic carried out in single precision.
#include "exc.h"
#include "marshal.h"
#include "num.h"
#include "opcodes.h"
#include "ops.h"

// -- Float helpers (no libm on the device) --------------------------------------------------------

#define F32_SIGN 0x80000000u
#define F32_EXP_SHIFT 23
#define F32_EXP_MASK 0xFFu
#define F32_FRAC_MASK 0x007FFFFFu
#define F32_IMPLICIT (1u << F32_EXP_SHIFT)
#define F32_BIAS 127
#define F32_QNAN 0x7FC00000u
#define F32_INT_LIMIT 2147483648.0f   // 2**31

static uint32_t f2u(float f) {
    union { float f; uint32_t u; } v = {.f = f};
    return v.u;
}

static float u2f(uint32_t u) {
    union { uint32_t u; float f; } v = {.u = u};
    return v.f;
}

static bool is_nan(float f) {
    return f != f;
}

static bool is_finite(float f) {
    return ((f2u(f) >> F32_EXP_SHIFT) & F32_EXP_MASK) != F32_EXP_MASK;
}

static float copy_sign(float magnitude, float sign) {
    return u2f((f2u(magnitude) & ~F32_SIGN) | (f2u(sign) & F32_SIGN));
}

static float floor_f(float x) {
    uint32_t u = f2u(x);
    int32_t e = (int32_t)((u >> F32_EXP_SHIFT) & F32_EXP_MASK) - F32_BIAS;
    if (e >= F32_EXP_SHIFT) {
        return x;                           // integral, infinite or NaN
    }
    if (e < 0) {                            // |x| < 1
        return (u & F32_SIGN) && (u << 1) ? -1.0f : u2f(u & F32_SIGN);
    }
    uint32_t frac = F32_FRAC_MASK >> e;
    if ((u & frac) == 0) {
        return x;
    }
    if (u & F32_SIGN) {
        u += frac;                          // round the magnitude up
    }
    return u2f(u & ~frac);
}

// Split finite nonzero |x| into m * 2**(e - 150) with m in [2**23, 2**24).
static uint32_t unpack(uint32_t u, int32_t *e) {
    int32_t exp = (int32_t)((u >> F32_EXP_SHIFT) & F32_EXP_MASK);
    uint32_t m = u & F32_FRAC_MASK;
    if (exp) {
        m |= F32_IMPLICIT;
    } else {
        for (exp = 1; m < F32_IMPLICIT; exp--) {
            m <<= 1;
        }
    }
    *e = exp;
    return m;
}

// C's fmodf: x - n*y with n = trunc(x/y), computed exactly by binary long division.
static float fmod_f(float x, float y) {
    if (!is_finite(x) || is_nan(y) || y == 0) {
        return u2f(F32_QNAN);
    }
    uint32_t ux = f2u(x) & ~F32_SIGN, uy = f2u(y) & ~F32_SIGN;
    if (!is_finite(y) || ux < uy) {
        return x;
    }
    int32_t ex, ey;
    uint32_t mx = unpack(ux, &ex), my = unpack(uy, &ey);
    for (; ex > ey; ex--) {                 // mx < 2 * my throughout
        if (mx >= my) {
            mx -= my;
        }
        mx <<= 1;
    }
    if (mx >= my) {
        mx -= my;
    }
    uint32_t sign = f2u(x) & F32_SIGN;
    if (!mx) {
        return u2f(sign);
    }
    while (mx < F32_IMPLICIT) {
        mx <<= 1;
        ey--;
    }
    if (ey < 1) {
        return u2f(sign | mx >> (1 - ey)); // subnormal; the shifted-out bits are zero
    }
    return u2f(sign | (uint32_t)ey << F32_EXP_SHIFT | (mx & F32_FRAC_MASK));
}

// CPython's float divmod (Objects/floatobject.c), in single precision.
static float float_divmod(float a, float b, float *mod_out) {
    float mod = fmod_f(a, b);
    float div = (a - mod) / b;
    if (mod != 0) {
        if ((b < 0) != (mod < 0)) {
            mod += b;
            div -= 1.0f;
        }
    } else {
        mod = copy_sign(0.0f, b);
    }
    float floordiv;
    if (div != 0) {
        floordiv = floor_f(div);
        if (div - floordiv > 0.5f) {
            floordiv += 1.0f;
        }
    } else {
        floordiv = copy_sign(0.0f, a / b);
    }
    *mod_out = mod;
    return floordiv;
}

// a ** b with a float or a negative exponent: the host computes it in double precision, as
// CPython does (with its errors), and the result is rounded to binary32.
static mc_value_t pow_host(mc_value_t a, mc_value_t b) {
    mc_value_t args[2] = {a, b};
    return mc_host_call(MC_HOSTCALL_FLOAT_POW_ID, args, 2);
}

static mc_value_t float_binary(uint32_t op, float a, float b) {
    float mod;
    switch (op) {
        case MC_OPCODE_BINARY_ADD:
            return mc_float(a + b);
        case MC_OPCODE_BINARY_SUB:
            return mc_float(a - b);
        case MC_OPCODE_BINARY_MUL:
            return mc_float(a * b);
        case MC_OPCODE_BINARY_TRUEDIV:
            if (b == 0) {
                return mc_exc_raise(MC_MSG_FLOAT_DIV_ZERO);
            }
            return mc_float(a / b);
        case MC_OPCODE_BINARY_FLOORDIV:
            if (b == 0) {
                return mc_exc_raise(MC_MSG_FLOAT_FLOORDIV_ZERO);
            }
            return mc_float(float_divmod(a, b, &mod));
        case MC_OPCODE_BINARY_MOD:
            if (b == 0) {
                return mc_exc_raise(MC_MSG_FLOAT_MOD_ZERO);
            }
            float_divmod(a, b, &mod);
            return mc_float(mod);
        default:
            return pow_host(mc_float(a), mc_float(b));
    }
}

// -- Ints -----------------------------------------------------------------------------------------

static mc_value_t int_pow(int32_t a, int32_t b) {
    if (b < 0) {
        return pow_host(mc_int(a), mc_int(b));
    }
    int32_t r = 1, x = a;
    for (uint32_t n = (uint32_t)b;;) {
        if ((n & 1) && __builtin_mul_overflow(r, x, &r)) {
            return mc_exc_raise_overflow();
        }
        n >>= 1;
        if (!n) {
            return mc_int(r);
        }
        if (__builtin_mul_overflow(x, x, &x)) {
            return mc_exc_raise_overflow();
        }
    }
}

static mc_value_t int_binary(uint32_t op, int32_t a, int32_t b) {
    int32_t r;
    switch (op) {
        case MC_OPCODE_BINARY_ADD:
            if (__builtin_add_overflow(a, b, &r)) {
                return mc_exc_raise_overflow();
            }
            return mc_int(r);
        case MC_OPCODE_BINARY_SUB:
            if (__builtin_sub_overflow(a, b, &r)) {
                return mc_exc_raise_overflow();
            }
            return mc_int(r);
        case MC_OPCODE_BINARY_MUL:
            if (__builtin_mul_overflow(a, b, &r)) {
                return mc_exc_raise_overflow();
            }
            return mc_int(r);
        case MC_OPCODE_BINARY_TRUEDIV:
            if (b == 0) {
                return mc_exc_raise(MC_MSG_DIV_ZERO);
            }
            // Exact for |a|, |b| < 2**24; beyond that the operands are rounded first.
            return mc_float((float)a / (float)b);
        case MC_OPCODE_BINARY_FLOORDIV:
            if (b == 0) {
                return mc_exc_raise(MC_MSG_INT_DIV_ZERO);
            }
            if (b == -1) {
                return int_binary(MC_OPCODE_BINARY_SUB, 0, a);
            }
            r = a / b;
            if (a % b != 0 && (a < 0) != (b < 0)) {
                r--;
            }
            return mc_int(r);
        case MC_OPCODE_BINARY_MOD:
            if (b == 0) {
                return mc_exc_raise(MC_MSG_INT_MOD_ZERO);
            }
            if (b == -1) {
                return mc_int(0);
            }
            r = a % b;
            if (r != 0 && (r < 0) != (b < 0)) {
                r += b;
            }
            return mc_int(r);
        case MC_OPCODE_BINARY_POW:
            return int_pow(a, b);
        case MC_OPCODE_BINARY_LSHIFT:
            if (b < 0) {
                return mc_exc_raise(MC_MSG_NEGATIVE_SHIFT);
            }
            if (a == 0) {
                return mc_int(0);
            }
            r = (int32_t)((uint32_t)a << (b & 31));
            if (b > 31 || r >> b != a) {
                return mc_exc_raise_overflow();
            }
            return mc_int(r);
        case MC_OPCODE_BINARY_RSHIFT:
            if (b < 0) {
                return mc_exc_raise(MC_MSG_NEGATIVE_SHIFT);
            }
            return mc_int(a >> (b > 31 ? 31 : b));
        case MC_OPCODE_BINARY_AND:
            return mc_int(a & b);
        case MC_OPCODE_BINARY_OR:
            return mc_int(a | b);
        default:
            return mc_int(a ^ b);
    }
}

static float to_float(mc_value_t v) {
    return v.tag == MC_T_FLOAT ? v.f : (float)v.i;
}

static bool is_bitwise(uint32_t op) {
    return op >= MC_OPCODE_BINARY_LSHIFT && op <= MC_OPCODE_BINARY_XOR;
}

mc_value_t mc_num_binary(uint32_t op, mc_value_t a, mc_value_t b) {
    if (a.tag != MC_T_FLOAT && b.tag != MC_T_FLOAT) {
        mc_value_t r = int_binary(op, a.i, b.i);
        // bool & bool is a bool, as are | and ^.
        if (a.tag == MC_T_BOOL && b.tag == MC_T_BOOL && is_bitwise(op) &&
            op != MC_OPCODE_BINARY_LSHIFT && op != MC_OPCODE_BINARY_RSHIFT) {
            r.tag = MC_T_BOOL;
        }
        return r;
    }
    if (is_bitwise(op)) {
        return mc_ops_unsupported(op, a, b);
    }
    if (op == MC_OPCODE_BINARY_POW) {
        return pow_host(a, b);
    }
    return float_binary(op, to_float(a), to_float(b));
}

mc_value_t mc_num_unary(uint32_t op, mc_value_t v) {
    if (v.tag == MC_T_FLOAT) {
        if (op == MC_OPCODE_UNARY_NEG) {
            return mc_float(-v.f);
        }
        if (op == MC_OPCODE_UNARY_POS) {
            return v;
        }
        return mc_exc_raise(MC_MSG_UNARY_TYPE, mc_int(MC_OPCODE_UNARY_INVERT), mc_type(v));
    }
    if (op == MC_OPCODE_UNARY_NEG) {
        return int_binary(MC_OPCODE_BINARY_SUB, 0, v.i);
    }
    return mc_int(op == MC_OPCODE_UNARY_POS ? v.i : ~v.i);
}

static int int_float_compare(int32_t i, float f) {
    if (is_nan(f)) {
        return 2;
    }
    // Rounding is monotonic, so comparing the rounded int decides unless the two are equal;
    // then f is integral and at most 2**31 in magnitude.
    float fi = (float)i;
    if (fi != f) {
        return fi < f ? -1 : 1;
    }
    if (f >= F32_INT_LIMIT) {
        return -1;
    }
    int32_t j = (int32_t)f;
    return (i > j) - (i < j);
}

int mc_num_compare(mc_value_t a, mc_value_t b) {
    if (a.tag != MC_T_FLOAT && b.tag != MC_T_FLOAT) {
        return (a.i > b.i) - (a.i < b.i);
    }
    if (a.tag == MC_T_FLOAT && b.tag == MC_T_FLOAT) {
        if (is_nan(a.f) || is_nan(b.f)) {
            return 2;
        }
        return (a.f > b.f) - (a.f < b.f);
    }
    if (a.tag == MC_T_FLOAT) {
        int c = int_float_compare(b.i, a.f);
        return c == 2 ? c : -c;
    }
    return int_float_compare(a.i, b.f);
}

mc_value_t mc_num_abs(mc_value_t v) {
    if (v.tag == MC_T_FLOAT) {
        return mc_float(u2f(f2u(v.f) & ~F32_SIGN));
    }
    return v.i < 0 ? int_binary(MC_OPCODE_BINARY_SUB, 0, v.i) : mc_int(v.i);
}

mc_value_t mc_num_float_to_int(float f) {
    if (is_nan(f)) {
        return mc_exc_raise(MC_MSG_FLOAT_NAN_INT);
    }
    if (!is_finite(f)) {
        return mc_exc_raise(MC_MSG_FLOAT_INF_INT);
    }
    if (f >= F32_INT_LIMIT || f < -F32_INT_LIMIT) {
        return mc_exc_raise_overflow();
    }
    return mc_int((int32_t)f);
}

// -- math and round -------------------------------------------------------------------------------

mc_value_t mc_num_round(float x) {
    float r = floor_f(x);
    float d = x - r;                        // exact: x and floor(x) share x's exponent grid
    mc_value_t i = mc_num_float_to_int(r);
    if (!mc_is_error(i) && (d > 0.5f || (d == 0.5f && (i.i & 1)))) {
        i.i++;                              // r < 2**31 - 128, so this cannot overflow
    }
    return i;
}

mc_value_t mc_num_floor(float x, bool ceil) {
    return mc_num_float_to_int(ceil ? -floor_f(-x) : floor_f(x));
}

mc_value_t mc_num_sqrt(float x) {
    if (x < 0) {
        return mc_exc_raise(MC_MSG_MATH_DOMAIN);
    }
    if (x == 0 || !is_finite(x)) {
        return mc_float(x);                 // +-0, inf, nan
    }
    // x = m * 2**k with m < 2**25 and k even; sqrt(x) = sqrt(m * 2**26) * 2**((k - 26) / 2).
    int32_t e;
    uint64_t op = unpack(f2u(x), &e);
    int32_t k = e - 150;
    if (k & 1) {
        op <<= 1;
        k--;
    }
    op <<= 26;
    // Digit-by-digit square root: res = floor(sqrt(op)), op ends as the remainder.
    uint64_t res = 0, one = (uint64_t)1 << 62;
    while (one > op) {
        one >>= 2;
    }
    for (; one; one >>= 2) {
        if (op >= res + one) {
            op -= res + one;
            res = (res >> 1) + one;
        } else {
            res >>= 1;
        }
    }
    // res < 2**26: one more bit, set if the root is inexact, makes the conversion round
    // correctly (a tie can only come from an exact root). The scaling is exact: sqrt of a
    // binary32 is always normal.
    float r = (float)(uint32_t)(res << 1 | (op != 0));
    return mc_float(r * u2f((uint32_t)((k - 26) / 2 - 1 + F32_BIAS) << F32_EXP_SHIFT));
}
