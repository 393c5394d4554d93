// Validation of bytecode images. The checks and their order mirror container.Image.from_bytes()
// so that both refuse an image for the same reason; the stack verification comes last.
#include <string.h>

#include "builtins.h"
#include "exc.h"
#include "out.h"
#include "image.h"
#include "opcodes.h"

#if MC_IMAGE_REASONS
static MC_THREAD_LOCAL char reason[160];

static bool fail(const char *fmt, ...) {
    mc_out_fixed_t out;
    mc_out_fixed_init(&out, reason, sizeof reason);
    va_list ap;
    va_start(ap, fmt);
    mc_out_vformat(&out.out, fmt, ap);
    va_end(ap);
    mc_out_fixed_finish(&out);
    return false;
}

const char *mc_image_reason(void) {
    return reason;
}

// The Python name of builtin `id` (valid), for reasons only: messages name builtins by id.
static const char *builtin_name(uint32_t id) {
    static const struct {
        uint8_t id;
        const char *name;
    } names[] = {
#define MC_BUILTIN(name, py_name, id, min_args, max_args, n_kw) {id, py_name},
#include "mc_builtins.h"
#undef MC_BUILTIN
    };
    uint32_t i = 0;
    while (names[i].id != id) {
        i++;
    }
    return names[i].name;
}

#define FAIL(...) return fail(__VA_ARGS__)
#else
const char *mc_image_reason(void) {
    return "";
}

#define FAIL(...) return false
#endif

#define NEED(cond, ...) \
    do { \
        if (!(cond)) { \
            FAIL(__VA_ARGS__); \
        } \
    } while (0)

static uint16_t get_u16(const uint8_t *p) {
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get_u32(const uint8_t *p) {
    return (uint32_t)get_u16(p) | (uint32_t)get_u16(p + 2) << 16;
}

// CRC-32 (zlib's), four bits at a time.
static uint32_t crc32(const uint8_t *p, uint32_t n) {
    static const uint32_t table[16] = {
        0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4, 0x4db26158,
        0x5005713c, 0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c, 0x9b64c2b0, 0x86d3d2d4,
        0xa00ae278, 0xbdbdf21c,
    };
    uint32_t c = 0xFFFFFFFFu;
    while (n--) {
        c ^= *p++;
        c = c >> 4 ^ table[c & 15];
        c = c >> 4 ^ table[c & 15];
    }
    return ~c;
}

// Strict UTF-8, as Python's decoder: no overlong forms, surrogates or code points past U+10FFFF.
static bool is_utf8(const uint8_t *p, uint32_t n) {
    const uint8_t *end = p + n;
    while (p < end) {
        uint8_t c = *p++;
        if (c < 0x80) {
            continue;
        }
        uint32_t more;
        uint8_t lo = 0x80, hi = 0xBF;   // range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            lo = c == 0xE0 ? 0xA0 : lo;
            hi = c == 0xED ? 0x9F : hi;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            lo = c == 0xF0 ? 0x90 : lo;
            hi = c == 0xF4 ? 0x8F : hi;
        } else {
            return false;
        }
        if ((uint32_t)(end - p) < more || *p < lo || *p > hi) {
            return false;
        }
        for (p++; --more; p++) {
            if ((*p & 0xC0) != 0x80) {
                return false;
            }
        }
    }
    return true;
}

static bool table_fits(uint32_t off, uint32_t count, uint32_t width, uint32_t size) {
    return off % 4 == 0 && off >= MC_BC_HEADER_BYTES && off <= size &&
           count * width <= size - off;
}

static bool is_str_const(const mc_image_t *image, uint32_t index) {
    return index < image->n_consts && (*mc_image_const(image, index) & MC_BC_CONST_KIND_MASK) == MC_CONST_STR;
}

static int32_t operand(const uint8_t *p, uint32_t format) {
    switch (format) {
        case MC_FMT_U8:
            return p[1];
        case MC_FMT_U16:
            return get_u16(p + 1);
        case MC_FMT_JUMP:
            return (int16_t)get_u16(p + 1);
        default:
            return 0;
    }
}

// Instructions after which control never falls through (opcodes.TERMINATORS).
static bool ends_flow(uint32_t op) {
    return op == MC_OPCODE_RETURN_VALUE || op == MC_OPCODE_JUMP || op == MC_OPCODE_RAISE ||
           op == MC_OPCODE_RERAISE;
}

// container._validate_code and _validate_handlers: opcodes, operands, jump targets, the last
// instruction, the exception table. `starts` (one entry per code byte) is left marking
// instruction starts with 1.
static bool validate_code(const mc_image_t *image, uint32_t index, uint16_t *starts) {
    const mc_code_t *rec = &image->code[index];
    const uint8_t *code = mc_image_code_start(image, rec);
    uint32_t len = rec->code_len, last = 0;
    memset(starts, 0, len * sizeof *starts);
    for (uint32_t pc = 0; pc < len; pc += mc_opcode_length(code[pc])) {
        uint32_t op = code[pc], pops, pushes;
        starts[pc] = 1;
        last = pc;
        NEED(mc_opcode_effect(op, 0, &pops, &pushes), "code %u pc %u: unknown opcode %2x",
            index, pc, op);
        NEED(pc + mc_opcode_length(op) <= len, "code %u pc %u: truncated instruction", index,
            pc);
        int32_t arg = operand(code + pc, mc_opcode_format(op));
#define WHERE "code %u pc %u: %s %d: "
#define WHERE_ARGS index, pc, mc_opcode_name(op), arg
        int32_t lo, hi;
        switch (op) {
            case MC_OPCODE_LOAD_FAST:
            case MC_OPCODE_STORE_FAST:
            case MC_OPCODE_DELETE_FAST:
                NEED((uint32_t)arg < rec->n_locals, WHERE "no such local", WHERE_ARGS);
                break;
            case MC_OPCODE_LOAD_CONST:
                NEED((uint32_t)arg < image->n_consts, WHERE "no such constant", WHERE_ARGS);
                break;
            case MC_OPCODE_LOAD_GLOBAL:
            case MC_OPCODE_STORE_GLOBAL:
            case MC_OPCODE_DELETE_GLOBAL:
                NEED((uint32_t)arg < image->n_globals, WHERE "no such global", WHERE_ARGS);
                break;
            case MC_OPCODE_MAKE_FUNCTION:
            case MC_OPCODE_MAKE_FUNCTION_EX:
                NEED((uint32_t)arg < image->n_code, WHERE "no such code object", WHERE_ARGS);
                break;
            case MC_OPCODE_LOAD_EXC_CLASS:
                NEED(mc_exc_valid((uint32_t)arg), WHERE "no such exception", WHERE_ARGS);
                break;
            case MC_OPCODE_LOAD_BUILTIN:
            case MC_OPCODE_CALL_BUILTIN:
            case MC_OPCODE_CALL_METHOD:
            case MC_OPCODE_CALL_BUILTIN_KW: {
                uint32_t id = MC_CALL_BUILTIN_ID((uint32_t)arg), n_kw = 0;
                bool is_method = id >= MC_BC_CALL_BUILTIN_METHOD_FIRST &&
                                 id <= MC_BC_CALL_BUILTIN_METHOD_LAST;
                bool known = mc_builtin_info(id, &lo, &hi, &n_kw);
                if (op == MC_OPCODE_CALL_BUILTIN_KW) {
                    NEED(known && n_kw, WHERE "no such builtin with keywords", WHERE_ARGS);
                }
                bool method = op == MC_OPCODE_CALL_METHOD ||
                              (op == MC_OPCODE_CALL_BUILTIN_KW && is_method);
                NEED(known && is_method == method,
                    WHERE "no such %s", WHERE_ARGS, method ? "method" : "builtin");
                if (op != MC_OPCODE_LOAD_BUILTIN) {
                    int32_t n = (int32_t)mc_call_builtin_nargs((uint32_t)arg) -
                                (op == MC_OPCODE_CALL_BUILTIN_KW ? (int32_t)n_kw : 0);
                    NEED(n >= lo && (hi < 0 || n <= hi), WHERE "wrong argument count for %s",
                        WHERE_ARGS, builtin_name(id));
                }
                break;
            }
        }
    }
    for (uint32_t pc = 0; pc < len; pc += mc_opcode_length(code[pc])) {
        if (mc_opcode_format(code[pc]) == MC_FMT_JUMP) {
            int32_t dst = (int32_t)(pc + mc_opcode_length(code[pc])) +
                          operand(code + pc, MC_FMT_JUMP);
            NEED(dst >= 0 && (uint32_t)dst < len && starts[dst],
                "code %u pc %u: jump to %d is not an instruction", index, pc, dst);
        }
    }
    NEED(ends_flow(code[last]), "code %u: falls off the end (last instruction %s)", index,
        mc_opcode_name(code[last]));
    // The exception table: disjoint ascending ranges of whole instructions, a target that is
    // an instruction, and room above the depth for the exception.
    const mc_handler_t *h = mc_image_handlers(image, rec);
    for (uint32_t k = 0, end = 0; k < rec->n_handlers; end = h[k++].end) {
        NEED(end <= h[k].start && h[k].start < h[k].end && h[k].end <= len &&
                 starts[h[k].start] && (h[k].end == len || starts[h[k].end]) &&
                 h[k].target < len && starts[h[k].target] && h[k].depth < rec->max_stack,
            "code %u handler %u: bad entry (%u, %u, %u, %u)", index, k, h[k].start, h[k].end,
            h[k].target, h[k].depth);
    }
    return true;
}

// The operand stack: propagate depths along every path from pc 0 (depth[pc] is UNKNOWN until
// reached) and check each against 0 and max_stack and against the other paths reaching it.
#define UNKNOWN 0xFFFFu

static bool verify_stack(const mc_image_t *image, uint32_t index, uint16_t *depth) {
    const mc_code_t *rec = &image->code[index];
    const uint8_t *code = mc_image_code_start(image, rec);
    uint32_t len = rec->code_len, max = rec->max_stack;
    NEED(max < UNKNOWN, "code %u: max_stack %u is too large", index, max);
    for (uint32_t pc = 0; pc < len; pc++) {
        depth[pc] = UNKNOWN;
    }
    depth[0] = 0;
    bool again;
    do {
        again = false;
        for (uint32_t pc = 0; pc < len; pc += mc_opcode_length(code[pc])) {
            uint32_t d = depth[pc];
            if (d == UNKNOWN) {
                continue;
            }
            uint32_t op = code[pc], pops, pushes;
            uint32_t next = pc + mc_opcode_length(op);
            int32_t arg = operand(code + pc, mc_opcode_format(op));
            mc_opcode_effect(op, (uint32_t)arg, &pops, &pushes);
            NEED(d >= pops, "code %u pc %u: stack underflow (%u values, %s needs %u)", index, pc,
                d, mc_opcode_name(op), pops);
            uint32_t after = d - pops + pushes;
            NEED(after <= max, "code %u pc %u: stack depth %u exceeds max_stack %u", index, pc,
                after, max);
            // Successors: (offset, depth) for the handler, the jump target, then the next
            // instruction. Unwinding to a handler may only pop.
            uint32_t succ[3], succ_depth[3], n = 0;
            const mc_handler_t *h = mc_image_handler(image, rec, pc);
            if (h) {
                NEED(d >= h->depth, "code %u pc %u: stack depth %u below handler depth %u",
                    index, pc, d, h->depth);
                succ[n] = h->target;
                succ_depth[n++] = h->depth + 1u;
            }
            if (mc_opcode_format(op) == MC_FMT_JUMP) {
                succ[n] = (uint32_t)((int32_t)next + arg);
                // JUMP_IF_*_OR_POP keep TOS when they jump and pop it when they fall through.
                bool keeps = op == MC_OPCODE_JUMP_IF_FALSE_OR_POP ||
                             op == MC_OPCODE_JUMP_IF_TRUE_OR_POP;
                // FOR_ITER pops the iteration when it jumps.
                succ_depth[n++] = keeps ? d : op == MC_OPCODE_FOR_ITER ? d - 2 : after;
                if (keeps) {
                    after = d - 1;
                }
            }
            if (!ends_flow(op)) {
                succ[n] = next;
                succ_depth[n++] = after;
            }
            for (uint32_t i = 0; i < n; i++) {
                uint32_t t = succ[i];
                if (depth[t] == UNKNOWN) {
                    depth[t] = (uint16_t)succ_depth[i];
                    again |= t < pc;
                } else {
                    NEED(depth[t] == succ_depth[i],
                        "code %u pc %u: stack depth %u differs from %u on another path", index, t,
                        succ_depth[i], depth[t]);
                }
            }
        }
    } while (again);
    return true;
}

bool mc_image_validate(mc_image_t *image, const uint8_t *data, uint32_t size, void *scratch,
    uint32_t scratch_bytes) {
    memset(image, 0, sizeof *image);
    NEED(size >= MC_BC_HEADER_BYTES, "image shorter than its header");
    const mc_image_header_t *h = (const mc_image_header_t *)data;
    NEED(h->magic == MC_BC_MAGIC, "bad magic %8x", h->magic);
    NEED(h->version == MC_BC_VERSION, "bytecode version %u, but this VM runs version %u",
        h->version, MC_BC_VERSION);
    NEED(h->flags == 0, "unknown flags %x", h->flags);
    NEED(h->image_bytes <= size && h->image_bytes % 4 == 0 &&
             h->image_bytes >= MC_BC_HEADER_BYTES,
        "image_bytes %u does not fit the %u bytes given", h->image_bytes, size);
    size = h->image_bytes;
    NEED(crc32(data + MC_BC_CRC_START, size - MC_BC_CRC_START) == h->crc, "checksum mismatch");
    NEED(table_fits(h->consts_off, h->n_consts, sizeof(uint32_t), size),
        "constant table out of bounds");
    NEED(table_fits(h->code_off, h->n_code, MC_BC_CODE_RECORD_BYTES, size),
        "code table out of bounds");
    NEED(table_fits(h->globals_off, h->n_globals, sizeof(uint16_t), size),
        "globals table out of bounds");
    NEED(h->entry < h->n_code, "entry code object %u does not exist", h->entry);

    image->base = data;
    image->const_offsets = (const uint32_t *)(data + h->consts_off);
    image->code = (const mc_code_t *)(data + h->code_off);
    image->global_names = (const uint16_t *)(data + h->globals_off);
    image->n_consts = h->n_consts;
    image->n_code = h->n_code;
    image->n_globals = h->n_globals;
    image->entry = h->entry;

    for (uint32_t i = 0; i < image->n_consts; i++) {
        uint32_t off = image->const_offsets[i];
        NEED(off % 4 == 0 && off <= size - 4, "constant %u out of bounds", i);
        uint32_t head = get_u32(data + off), kind = head & MC_BC_CONST_KIND_MASK,
                 length = head >> MC_BC_CONST_LEN_SHIFT;
        NEED(length <= size - off - 4, "constant %u out of bounds", i);
        if ((kind == MC_CONST_INT || kind == MC_CONST_FLOAT) && length == 4) {
            continue;
        }
        NEED(kind == MC_CONST_STR, "constant %u has unknown kind %u or length %u", i, kind,
            length);
        NEED(length < size - off - 4 && data[off + 4 + length] == 0,
            "string constant %u is not terminated", i);
        NEED(is_utf8(data + off + 4, length), "string constant %u is not UTF-8", i);
    }
    for (uint32_t i = 0; i < image->n_globals; i++) {
        NEED(is_str_const(image, image->global_names[i]),
            "name of global %u is not a string constant", i);
    }
    for (uint32_t i = 0; i < image->n_code; i++) {
        const mc_code_t *c = &image->code[i];
        NEED(c->code_off <= size && c->code_len <= size - c->code_off && c->code_len > 0,
            "code object %u out of bounds", i);
        NEED(c->lines_off % 4 == 0 && c->lines_off <= size &&
                 (uint32_t)c->n_lines * MC_BC_LINE_ENTRY_BYTES +
                         (uint32_t)c->n_handlers * MC_BC_HANDLER_ENTRY_BYTES <=
                     size - c->lines_off &&
                 c->reserved == 0,
            "line table %u out of bounds", i);
        NEED(c->n_args <= c->n_locals && c->n_locals <= MC_BC_MAX_LOCALS,
            "code object %u has bad local counts", i);
        const mc_line_t *lines = (const mc_line_t *)(data + c->lines_off);
        for (uint32_t k = 1; k < c->n_lines; k++) {
            NEED(lines[k - 1].pc < lines[k].pc, "line table %u is not ascending", i);
        }
        NEED(c->code_len <= scratch_bytes / sizeof(uint16_t),
            "code object %u is too large to verify in the memory left (%u bytes)", i,
            c->code_len);
        if (!validate_code(image, i, scratch)) {
            return false;
        }
        NEED(is_str_const(image, c->name), "name of code %u is not a string constant", i);
        NEED(is_str_const(image, c->file), "file of code %u is not a string constant", i);
    }
    for (uint32_t i = 0; i < image->n_code; i++) {
        if (!verify_stack(image, i, scratch)) {
            return false;
        }
    }
    return true;
}

const mc_handler_t *mc_image_handler(const mc_image_t *image, const mc_code_t *code,
    uint32_t pc) {
    const mc_handler_t *h = mc_image_handlers(image, code);
    for (uint32_t k = 0; k < code->n_handlers && h[k].start <= pc; k++) {
        if (pc < h[k].end) {
            return &h[k];
        }
    }
    return NULL;
}

uint32_t mc_image_line(const mc_image_t *image, const mc_code_t *code, uint32_t pc) {
    const mc_line_t *lines = (const mc_line_t *)(image->base + code->lines_off);
    uint32_t line = 0;
    for (uint32_t i = 0; i < code->n_lines && lines[i].pc <= pc; i++) {
        line = lines[i].line;
    }
    return line;
}
