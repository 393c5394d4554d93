// The bytecode image ("MCBC", microcore/bytecode/container.py): layout and validation.
//
// mc_image_validate() checks everything container.Image.from_bytes() checks, in the same order
// and with the same reasons, and then verifies each code object's operand stack: every
// reachable instruction has one stack depth, which never goes below zero or above max_stack.
// After that the VM needs no bounds checks on image-driven accesses: operands index existing
// tables, jumps land on instructions, code ends in RETURN_VALUE or JUMP, and frames are big
// enough.
#ifndef MC_IMAGE_H
#define MC_IMAGE_H

#include "common.h"

typedef struct {
    uint32_t magic;
    uint16_t version;
    uint16_t flags;
    uint32_t image_bytes;
    uint32_t crc;
    uint16_t n_consts;
    uint16_t n_code;
    uint16_t n_globals;
    uint16_t entry;
    uint32_t consts_off;
    uint32_t code_off;
    uint32_t globals_off;
    uint32_t reserved;
} mc_image_header_t;

typedef struct {
    uint32_t code_off;
    uint32_t code_len;
    uint32_t lines_off;
    uint16_t n_lines;
    uint16_t n_args;
    uint16_t n_locals;
    uint16_t max_stack;
    uint16_t name;      // constant index of the function's name
    uint16_t file;      // constant index of the source file name
    uint16_t n_handlers;  // exception table entries, right after the line table
    uint16_t reserved;
} mc_code_t;

// An exception table entry: instructions in [start, end) are handled at `target` with the
// operand stack cut to `depth` values (then the exception pushed).
typedef struct {
    uint16_t start;
    uint16_t end;
    uint16_t target;
    uint16_t depth;
} mc_handler_t;

typedef struct {
    uint16_t pc;
    uint16_t line;
} mc_line_t;

#define MC_IMAGE_FIELD(type, field, offset) \
    _Static_assert(offsetof(type, field) == (offset), #type "." #field " is not at " #offset)
MC_IMAGE_FIELD(mc_image_header_t, magic, MC_BC_H_MAGIC);
MC_IMAGE_FIELD(mc_image_header_t, version, MC_BC_H_VERSION);
MC_IMAGE_FIELD(mc_image_header_t, flags, MC_BC_H_FLAGS);
MC_IMAGE_FIELD(mc_image_header_t, image_bytes, MC_BC_H_IMAGE_BYTES);
MC_IMAGE_FIELD(mc_image_header_t, crc, MC_BC_H_CRC);
MC_IMAGE_FIELD(mc_image_header_t, n_consts, MC_BC_H_N_CONSTS);
MC_IMAGE_FIELD(mc_image_header_t, n_code, MC_BC_H_N_CODE);
MC_IMAGE_FIELD(mc_image_header_t, n_globals, MC_BC_H_N_GLOBALS);
MC_IMAGE_FIELD(mc_image_header_t, entry, MC_BC_H_ENTRY);
MC_IMAGE_FIELD(mc_image_header_t, consts_off, MC_BC_H_CONSTS_OFF);
MC_IMAGE_FIELD(mc_image_header_t, code_off, MC_BC_H_CODE_OFF);
MC_IMAGE_FIELD(mc_image_header_t, globals_off, MC_BC_H_GLOBALS_OFF);
_Static_assert(sizeof(mc_image_header_t) == MC_BC_HEADER_BYTES, "image header size");
MC_IMAGE_FIELD(mc_code_t, code_off, MC_BC_C_CODE_OFF);
MC_IMAGE_FIELD(mc_code_t, code_len, MC_BC_C_CODE_LEN);
MC_IMAGE_FIELD(mc_code_t, lines_off, MC_BC_C_LINES_OFF);
MC_IMAGE_FIELD(mc_code_t, n_lines, MC_BC_C_N_LINES);
MC_IMAGE_FIELD(mc_code_t, n_args, MC_BC_C_N_ARGS);
MC_IMAGE_FIELD(mc_code_t, n_locals, MC_BC_C_N_LOCALS);
MC_IMAGE_FIELD(mc_code_t, max_stack, MC_BC_C_MAX_STACK);
MC_IMAGE_FIELD(mc_code_t, name, MC_BC_C_NAME);
MC_IMAGE_FIELD(mc_code_t, file, MC_BC_C_FILE);
MC_IMAGE_FIELD(mc_code_t, n_handlers, MC_BC_C_N_HANDLERS);
MC_IMAGE_FIELD(mc_code_t, reserved, MC_BC_C_RESERVED);
_Static_assert(sizeof(mc_handler_t) == MC_BC_HANDLER_ENTRY_BYTES, "handler entry size");
_Static_assert(sizeof(mc_code_t) == MC_BC_CODE_RECORD_BYTES, "code record size");
_Static_assert(sizeof(mc_line_t) == MC_BC_LINE_ENTRY_BYTES, "line entry size");

// A validated image; every pointer is inside it.
typedef struct {
    const uint8_t *base;
    const uint32_t *const_offsets;  // n_consts offsets of constant records
    const mc_code_t *code;          // n_code records
    const uint16_t *global_names;   // n_globals constant indices
    uint32_t n_consts;
    uint32_t n_code;
    uint32_t n_globals;
    uint32_t entry;
} mc_image_t;

// Validate the `size` bytes at `data` (4-byte aligned) and fill `image`. `scratch` (2-byte
// aligned, `scratch_bytes` long) is working memory for the stack verifier: it needs two bytes per
// byte of the largest code object. Returns false if the image is refused; see mc_image_reason().
bool mc_image_validate(mc_image_t *image, const uint8_t *data, uint32_t size, void *scratch,
    uint32_t scratch_bytes);

// Why the last image was refused ("" unless MC_IMAGE_REASONS).
const char *mc_image_reason(void);

// The record of a validated constant (its head word, then its bytes).
static inline const uint32_t *mc_image_const(const mc_image_t *image, uint32_t index) {
    return (const uint32_t *)(image->base + image->const_offsets[index]);
}

static inline const uint8_t *mc_image_code_start(const mc_image_t *image, const mc_code_t *code) {
    return image->base + code->code_off;
}

static inline const mc_handler_t *mc_image_handlers(const mc_image_t *image,
    const mc_code_t *code) {
    return (const mc_handler_t *)(image->base + code->lines_off +
                                  code->n_lines * MC_BC_LINE_ENTRY_BYTES);
}

// The exception table entry covering the instruction at offset `pc` of `code`, or NULL.
const mc_handler_t *mc_image_handler(const mc_image_t *image, const mc_code_t *code,
    uint32_t pc);

// The source line of the instruction at offset `pc` of `code` (0 if the table has none).
uint32_t mc_image_line(const mc_image_t *image, const mc_code_t *code, uint32_t pc);

#endif // MC_IMAGE_H
