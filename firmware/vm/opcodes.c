// Opcode names, for diagnostics.
#include "opcodes.h"

const char *mc_opcode_name(uint32_t op) {
    switch (op) {
#define MC_OP(name, number, format, pops, pushes) \
    case number: \
        return #name;
#include "mc_opcodes.h"
#undef MC_OP
    }
    return NULL;
}
