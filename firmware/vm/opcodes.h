// The instruction set, expanded from the generated X-macro table mc_opcodes.h
// (microcore/bytecode/opcodes.py is the single source).
//
// An instruction is an opcode byte and at most one operand; the opcode's top two bits give the
// operand format (MC_FMT_*), so its length needs no table.
#ifndef MC_OPCODES_H
#define MC_OPCODES_H

#include "common.h"

typedef enum {
#define MC_OP(name, number, format, pops, pushes) MC_OPCODE_##name = number,
#include "mc_opcodes.h"
#undef MC_OP
} mc_opcode_t;

// One more than the largest opcode: the size of tables indexed by opcode.
union mc_opcode_span {
#define MC_OP(name, number, format, pops, pushes) char name[(number) + 1];
#include "mc_opcodes.h"
#undef MC_OP
};
#define MC_OPCODE_SPAN sizeof(union mc_opcode_span)

#define MC_OPCODE_FORMAT_SHIFT 6

static inline uint32_t mc_opcode_format(uint32_t op) {
    return op >> MC_OPCODE_FORMAT_SHIFT;
}

// Bytes of an instruction whose opcode byte is `op`.
static inline uint32_t mc_opcode_length(uint32_t op) {
    static const uint8_t lengths[] = {
        [MC_FMT_NONE] = 1, [MC_FMT_U8] = 2, [MC_FMT_U16] = 3, [MC_FMT_JUMP] = 3,
    };
    return lengths[mc_opcode_format(op)];
}

// Stack effects, expanded twice from the table with different operands: an opcode whose effect
// does not depend on its operand N (most) is packed into effects[] as 0x40 | pops << 3 | pushes;
// the few that do are marked MC_EFFECT_VARIES and computed by a switch over just those.
#define N 0
enum {
#define MC_OP(name, number, format, pops_, pushes_) \
    MC_EFFECT0_POPS_##name = (pops_), MC_EFFECT0_PUSHES_##name = (pushes_),
#include "mc_opcodes.h"
#undef MC_OP
};
#undef N
#define N 0x1234
enum {
#define MC_OP(name, number, format, pops_, pushes_) \
    MC_EFFECT_VARIES_##name = MC_EFFECT0_POPS_##name != (pops_) || \
                              MC_EFFECT0_PUSHES_##name != (pushes_),
#include "mc_opcodes.h"
#undef MC_OP
};
#undef N

#define MC_EFFECT_VARIES 0xFFu

static const uint8_t mc_opcode_effects[MC_OPCODE_SPAN] = {
#define MC_OP(name, number, format, pops_, pushes_) \
    [number] = MC_EFFECT_VARIES_##name ? MC_EFFECT_VARIES \
                                       : 0x40 | MC_EFFECT0_POPS_##name << 3 | MC_EFFECT0_PUSHES_##name,
#include "mc_opcodes.h"
#undef MC_OP
};

// Stack effect of `op` with operand `N` (the fall-through path for jumps); false if `op` is not
// an opcode. With a constant `op` this folds to the table's expression.
static inline bool mc_opcode_effect(uint32_t op, uint32_t N, uint32_t *pops, uint32_t *pushes) {
    uint32_t e = op < MC_OPCODE_SPAN ? mc_opcode_effects[op] : 0;
    if (e != MC_EFFECT_VARIES) {
        *pops = e >> 3 & 7;
        *pushes = e & 7;
        return e != 0;
    }
    *pops = *pushes = 0;
    switch (op) {
#define MC_OP(name, number, format, pops_, pushes_) \
    case number: \
        if (MC_EFFECT_VARIES_##name) { \
            *pops = (pops_); \
            *pushes = (pushes_); \
        } \
        break;
#include "mc_opcodes.h"
#undef MC_OP
    }
    return true;
}

// CALL_BUILTIN's operand packs the builtin id and the argument count (opcodes.CallBuiltin).
#define MC_CALL_BUILTIN_ID(arg) ((arg) & MC_BC_CALL_BUILTIN_ID_MASK)

static inline uint32_t mc_call_builtin_nargs(uint32_t arg) {
    uint32_t pops, pushes;
    mc_opcode_effect(MC_OPCODE_CALL_BUILTIN, arg, &pops, &pushes);
    return pops;
}

// Name of opcode `op` for diagnostics; NULL if it is not an opcode.
const char *mc_opcode_name(uint32_t op);

#endif // MC_OPCODES_H
