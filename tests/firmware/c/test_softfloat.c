// Compare firmware/runtime/softfloat.c with the host's IEEE-754 hardware, bit for bit (any NaN
// matches any NaN). Usage: test_softfloat [RANDOM_CASES]; exits 1 on the first mismatch.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MC_SF(name) sf_##name
#include "softfloat.c"

static uint32_t fbits(float f) {
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static float ffrom(uint32_t u) {
    float f;
    memcpy(&f, &u, 4);
    return f;
}

static uint64_t state = 0x9E3779B97F4A7C15u;

static uint32_t next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t)(state >> 11);
}

// Random floats biased toward interesting exponents and mantissas.
static uint32_t random_float(void) {
    uint32_t r = next();
    switch (r & 7) {
        case 0: return next();                                  // anything
        case 1: return (r & 0x80000000u) | (next() & 0x007FFFFFu);  // subnormal
        case 2: return (r & 0x80000000u) | (0x7Eu << 23) | (next() & 0x7FFFFF);  // near 1
        case 3: return (r & 0x80000000u) | ((0xF0u + (next() & 15)) << 23) | (next() & 0x7FFFFF);
        case 4: return (r & 0x80000000u) | ((next() & 31) << 23) | (next() & 0x7FFFFF);
        case 5: return (r & 0x80000000u) | (next() & 0x7F800000u) | ((next() & 1) ? 0x7FFFFF : 0);
        default: return (r & 0xFF800000u) | (next() & 0x7FFFFF);
    }
}

static const uint32_t specials[] = {
    0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x7F800000, 0xFF800000, 0x7FC00000,
    0x00000001, 0x80000001, 0x007FFFFF, 0x00800000, 0x7F7FFFFF, 0xFF7FFFFF, 0x3F7FFFFF,
    0x33800000, 0x34000000, 0x4B800000, 0x4B7FFFFF, 0x4F000000, 0xCF000000, 0x3F000000,
    0x40000000, 0x40400000, 0x3EAAAAAB, 0x4EFFFFFF, 0xCF000001, 0x7F000000, 0x00400000,
};

static int failures;

static void check(const char *op, uint32_t a, uint32_t b, uint32_t got, uint32_t want) {
    if (got == want || (isnan(ffrom(got)) && isnan(ffrom(want)))) {
        return;
    }
    if (failures++ < 10) {
        printf("%s(%08x, %08x): got %08x want %08x\n", op, a, b, got, want);
    }
}

static void check_int(const char *op, uint32_t a, uint32_t b, long got, long want) {
    if (got != want && failures++ < 10) {
        printf("%s(%08x, %08x): got %ld want %ld\n", op, a, b, got, want);
    }
}

static void pair(uint32_t a, uint32_t b) {
    float x = ffrom(a), y = ffrom(b);
    check("add", a, b, fbits(sf_addsf3(x, y)), fbits(x + y));
    check("sub", a, b, fbits(sf_subsf3(x, y)), fbits(x - y));
    check("mul", a, b, fbits(sf_mulsf3(x, y)), fbits(x * y));
    check("div", a, b, fbits(sf_divsf3(x, y)), fbits(x / y));
    check_int("eq", a, b, sf_eqsf2(x, y) == 0, x == y);
    check_int("ne", a, b, sf_nesf2(x, y) != 0, x != y);
    check_int("lt", a, b, sf_ltsf2(x, y) < 0, x < y);
    check_int("le", a, b, sf_lesf2(x, y) <= 0, x <= y);
    check_int("gt", a, b, sf_gtsf2(x, y) > 0, x > y);
    check_int("ge", a, b, sf_gesf2(x, y) >= 0, x >= y);
    check_int("unord", a, b, sf_unordsf2(x, y) != 0, isnan(x) || isnan(y));
}

static void single(uint32_t a) {
    float x = ffrom(a);
    int32_t i = (int32_t)a;
    check("floatsisf", a, 0, fbits(sf_floatsisf(i)), fbits((float)i));
    check("floatunsisf", a, 0, fbits(sf_floatunsisf(a)), fbits((float)a));
    if (!isnan(x) && x > -2147483648.0f - 1 && x < 2147483648.0f) {
        check_int("fixsfsi", a, 0, sf_fixsfsi(x), (int32_t)x);
    }
    if (!isnan(x) && x > -1.0f && x < 4294967296.0f) {
        check_int("fixunssfsi", a, 0, sf_fixunssfsi(x), (uint32_t)x);
    }
}

int main(int argc, char **argv) {
    long cases = argc > 1 ? atol(argv[1]) : 2000000;
    size_t n = sizeof specials / sizeof specials[0];
    for (size_t i = 0; i < n; i++) {
        single(specials[i]);
        for (size_t j = 0; j < n; j++) {
            pair(specials[i], specials[j]);
        }
    }
    for (int32_t i = -70000; i < 70000; i++) {
        single((uint32_t)i);
        single((uint32_t)i * 65537u);
    }
    for (long k = 0; k < cases; k++) {
        uint32_t a = random_float(), b = random_float();
        pair(a, b);
        // Operands close together exercise cancellation in add/sub.
        pair(a, (a & 0xFF800000u) | (next() & 0x7FFFFF));
        single(a);
        single(next());
    }
    printf("%s (%d failures)\n", failures ? "FAIL" : "ok", failures);
    return failures != 0;
}
