// The dispatch loop.
//
// Stack conventions: the value stack grows up from the bottom of the VM stack region and the
// frame records grow down from its top; a call fails with RecursionError when they would meet.
// `sp` points at the top value (TOS), `locals` at local slot 0 of the running frame, whose
// operand stack starts right after its n_locals slots. A call leaves the function and its
// arguments on the caller's stack: the arguments become the callee's first locals, and the
// return value replaces the function.
#include <string.h>

#include "builtins.h"
#include "dict.h"
#include "func.h"
#include "exc.h"
#include "gc.h"
#include "seq.h"
#include "opcodes.h"
#include "ops.h"
#include "out.h"
#include "par.h"
#include "port.h"
#include "rand.h"
#include "str.h"
#include "vm.h"

#if MC_RAM_BASE_VARIABLE
MC_THREAD_LOCAL uint8_t *mc_vm_ram_base;
#endif

typedef struct {
    const mc_code_t *code;
    const uint8_t *pc;          // where the frame resumes when its callee returns
    mc_value_t *locals;
} mc_frame_t;

typedef struct {
    mc_image_t image;
    mc_value_t *consts;         // n_consts values, built at load
    mc_value_t *globals;        // n_globals values
    mc_value_t *stack;          // bottom of the value stack
    mc_value_t *sp;             // top of the value stack whenever the loop calls out
    mc_frame_t *frames;         // end of the frame stack (frames grow down)
    mc_value_t handling;        // the exception being handled (bare raise), if tag MC_T_EXC
    mc_value_t spare;           // a MemoryError for when there is no memory to make one
} mc_vm_t;

static MC_THREAD_LOCAL mc_vm_t vm;

const mc_code_t *mc_vm_code(uint32_t index) {
    return &vm.image.code[index];
}

mc_value_t mc_vm_const(uint32_t index) {
    return vm.consts[index];
}

uint32_t mc_vm_code_index(const mc_code_t *code) {
    return (uint32_t)(code - vm.image.code);
}

void mc_vm_mark_roots(void) {
    mc_gc_mark_values(vm.consts, vm.image.n_consts);
    mc_gc_mark_values(vm.globals, vm.image.n_globals);
    mc_gc_mark_values(vm.stack, (uint32_t)(vm.sp + 1 - vm.stack));
    mc_gc_mark(vm.handling);
    mc_gc_mark(vm.spare);
    mc_gc_mark(mc_exc.value);
    mc_gc_mark_values(mc_exc.args, MC_MESSAGE_MAX_ARGS);
    mc_rand_mark();
    mc_par_mark();
}

// Truth of the value at p; ints and bools inline.
#define TRUTHY(p) ((p)->tag <= MC_T_BOOL ? (p)->i != 0 : mc_ops_truthy(*(p)))

static uint32_t execute(void) {
    const mc_image_t *const image = &vm.image;
    mc_value_t *const consts = vm.consts;
    mc_value_t *const globals = vm.globals;
    mc_frame_t *const entry_fp = vm.frames - 1;
    mc_frame_t *fp = entry_fp;
    const mc_code_t *code = &image->code[image->entry];
    const uint8_t *pc = mc_image_code_start(image, code);
    mc_value_t *locals = vm.stack;
    mc_value_t *sp = locals - 1;
    uint32_t depth = 1;
    // A call in progress (shared by CALL_FUNCTION and CALL_FUNCTION_KW).
    const mc_code_t *callee;
    mc_value_t *f;
    uint32_t n_call, rare_op;

    if ((uint8_t *)(locals + code->n_locals + code->max_stack) > (uint8_t *)fp) {
        mc_exc_raise(MC_MSG_STACK_MEMORY);
        goto error;
    }
    fp->code = code;
    fp->locals = locals;
    for (uint32_t i = 0; i < code->n_locals; i++) {
        *++sp = mc_unbound();
    }

#define ARG_U8() (*pc++)
#define ARG_U16() (pc += 2, (uint32_t)pc[-2] | (uint32_t)pc[-1] << 8)
#define ARG_S16() ((int32_t)(int16_t)ARG_U16())
#define SYNC() (vm.sp = sp)

#if MC_VM_CHECK_STACK
#define CHECK_STACK() \
    do { \
        if (sp < locals + code->n_locals - 1 || sp >= locals + code->n_locals + code->max_stack) { \
            mc_port_panic("operand stack outside its frame"); \
        } \
    } while (0)
#else
#define CHECK_STACK() ((void)0)
#endif

// A call before every instruction, only in builds that bound a run (the fuzzer defines
// MC_VM_STEP_HOOK as the name of a function that panics when its budget is spent).
#ifdef MC_VM_STEP_HOOK
    void MC_VM_STEP_HOOK(void);
#define STEP() MC_VM_STEP_HOOK()
#else
#define STEP() ((void)0)
#endif

#if MC_OPT_COMPUTED_GOTO
    // Handler offsets from entry_invalid, indexed by opcode up to the largest one (validated
    // code holds no other bytes at instruction starts). 16 bits suffice for the -Os/-O2 device
    // loop; host builds (which may be instrumented) use 32.
#if MC_CONFIG_LEVEL >= MC_CONFIG_LEVEL_FULL
    typedef int32_t entry_offset_t;
#else
    typedef int16_t entry_offset_t;
#endif
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
    static const entry_offset_t entries[MC_OPCODE_SPAN] = {
        [0 ... MC_OPCODE_SPAN - 1] = 0,
#define MC_OP(name, number, format, pops, pushes) [number] = &&entry_##name - &&entry_invalid,
#include "mc_opcodes.h"
#undef MC_OP
    };
#pragma GCC diagnostic pop
#define ENTRY(name) entry_##name
#define DISPATCH() \
    do { \
        CHECK_STACK(); \
        STEP(); \
        goto *(&&entry_invalid + entries[*pc++]); \
    } while (0)
    DISPATCH();
#else
#define ENTRY(name) case MC_OPCODE_##name
#define DISPATCH() goto dispatch
dispatch:
    CHECK_STACK();
    STEP();
#pragma GCC diagnostic push
#pragma GCC diagnostic error "-Wswitch-enum"
    switch ((mc_opcode_t)*pc++) {
#endif

    ENTRY(NOP):
        DISPATCH();

    ENTRY(POP_TOP):
        sp--;
        DISPATCH();

    ENTRY(DUP_TOP):
        sp[1] = sp[0];
        sp++;
        DISPATCH();

    ENTRY(ROT_TWO): {
        mc_value_t t = sp[0];
        sp[0] = sp[-1];
        sp[-1] = t;
        DISPATCH();
    }

    ENTRY(PUSH_EXC_INFO): {
        mc_value_t e = *sp;
        *sp = vm.handling;
        *++sp = e;
        vm.handling = e;
        DISPATCH();
    }

    ENTRY(POP_EXCEPT):
        vm.handling = *sp--;
        DISPATCH();

    ENTRY(RAISE):
        SYNC();
        mc_exc_raise_value(*sp);
        goto error;

    ENTRY(RERAISE):
        if (vm.handling.tag == MC_T_EXC) {
            mc_exc_raise_value(vm.handling);
        } else {
            mc_exc_raise(MC_MSG_NO_RERAISE);
        }
        goto error;

    ENTRY(LOAD_EXC_CLASS):
        *++sp = (mc_value_t){.tag = MC_T_EXC_CLASS, .u = ARG_U8()};
        DISPATCH();

    ENTRY(LOAD_NONE):
        *++sp = mc_none();
        DISPATCH();

    ENTRY(LOAD_TRUE):
        *++sp = mc_bool(true);
        DISPATCH();

    ENTRY(LOAD_FALSE):
        *++sp = mc_bool(false);
        DISPATCH();

    ENTRY(RETURN_VALUE): {
        mc_value_t v = *sp;
        if (fp == entry_fp) {
            return MC_EXIT_OK;
        }
        sp = locals - 1;
        *sp = v;
        fp++;
        depth--;
        code = fp->code;
        pc = fp->pc;
        locals = fp->locals;
        DISPATCH();
    }

    // Int fast paths; everything else (and overflow) goes through binary_slow.
#define BINARY_CHECKED(builtin) \
    { \
        mc_value_t b = sp[0], a = sp[-1]; \
        int32_t r; \
        if (MC_LIKELY(!(a.tag | b.tag)) && !builtin(a.i, b.i, &r)) { \
            (--sp)->i = r; \
            DISPATCH(); \
        } \
        goto binary_slow; \
    }
#define BINARY_BITS(OP) \
    { \
        mc_value_t b = sp[0], a = sp[-1]; \
        if (MC_LIKELY(!(a.tag | b.tag))) { \
            (--sp)->i = a.i OP b.i; \
            DISPATCH(); \
        } \
        goto binary_slow; \
    }

    ENTRY(BINARY_ADD):
        BINARY_CHECKED(__builtin_add_overflow)
    ENTRY(BINARY_SUB):
        BINARY_CHECKED(__builtin_sub_overflow)
    ENTRY(BINARY_MUL):
        BINARY_CHECKED(__builtin_mul_overflow)
    ENTRY(BINARY_AND):
        BINARY_BITS(&)
    ENTRY(BINARY_OR):
        BINARY_BITS(|)
    ENTRY(BINARY_XOR):
        BINARY_BITS(^)
    ENTRY(INPLACE_ADD):
        if (sp[-1].tag != MC_T_LIST) {
            BINARY_CHECKED(__builtin_add_overflow)
        }
        goto binary_slow;
    ENTRY(INPLACE_MUL):
    ENTRY(BINARY_TRUEDIV):
    ENTRY(BINARY_FLOORDIV):
    ENTRY(BINARY_MOD):
    ENTRY(BINARY_POW):
    ENTRY(BINARY_LSHIFT):
    ENTRY(BINARY_RSHIFT):
    binary_slow: {
        SYNC();
        mc_value_t r = pc[-1] >= MC_OPCODE_INPLACE_ADD && sp[-1].tag == MC_T_LIST
                           ? mc_ops_inplace(pc[-1], sp - 1)
                           : mc_ops_binary(pc[-1], sp[-1], sp[0]);
        if (mc_is_error(r)) {
            goto error;
        }
        *--sp = r;
        DISPATCH();
    }

#define COMPARE_INT(OP) \
    { \
        mc_value_t b = sp[0], a = sp[-1]; \
        if (MC_LIKELY(!(a.tag | b.tag))) { \
            *--sp = mc_bool(a.i OP b.i); \
            DISPATCH(); \
        } \
        goto compare_slow; \
    }

    ENTRY(COMPARE_EQ):
        COMPARE_INT(==)
    ENTRY(COMPARE_NE):
        COMPARE_INT(!=)
    ENTRY(COMPARE_LT):
        COMPARE_INT(<)
    ENTRY(COMPARE_LE):
        COMPARE_INT(<=)
    ENTRY(COMPARE_GT):
        COMPARE_INT(>)
    ENTRY(COMPARE_GE):
        COMPARE_INT(>=)
    ENTRY(COMPARE_IS):
    ENTRY(COMPARE_IS_NOT):
    ENTRY(COMPARE_IN):
    ENTRY(COMPARE_NOT_IN):
    compare_slow: {
        SYNC();
        mc_value_t r = mc_ops_compare(pc[-1], sp[-1], sp[0]);
        if (mc_is_error(r)) {
            goto error;
        }
        *--sp = r;
        DISPATCH();
    }

    ENTRY(UNARY_NOT):
        *sp = mc_bool(!TRUTHY(sp));
        DISPATCH();

    ENTRY(UNARY_NEG):
        if (sp->tag == MC_T_INT && sp->i != INT32_MIN) {
            sp->i = -sp->i;
            DISPATCH();
        }
        goto unary_slow;

    ENTRY(UNARY_POS):
        if (sp->tag == MC_T_INT) {
            DISPATCH();
        }
        goto unary_slow;

    ENTRY(UNARY_INVERT):
        if (sp->tag == MC_T_INT) {
            sp->i = ~sp->i;
            DISPATCH();
        }
    unary_slow: {
        SYNC();
        mc_value_t r = mc_ops_unary(pc[-1], *sp);
        if (mc_is_error(r)) {
            goto error;
        }
        *sp = r;
        DISPATCH();
    }

    ENTRY(BINARY_SUBSCR): {
        SYNC();
        mc_value_t r = mc_ops_subscr(sp[-1], sp[0]);
        if (mc_is_error(r)) {
            goto error;
        }
        *--sp = r;
        DISPATCH();
    }

    ENTRY(STORE_SUBSCR): {
        SYNC();
        if (mc_is_error(mc_ops_store_subscr(sp[-1], sp[0], sp[-2]))) {
            goto error;
        }
        sp -= 3;
        DISPATCH();
    }

    ENTRY(GET_ITER):
        SYNC();
        if (!mc_seq_check_iterable(*sp)) {
            goto error;
        }
        *++sp = mc_int(0);
        DISPATCH();

    ENTRY(FOR_ITER): {
        int32_t offset = ARG_S16();
        SYNC();
        int r = mc_seq_next(sp[-1], (uint32_t *)&sp->i, sp + 1);
        if (r < 0) {
            goto error;
        }
        if (r) {
            // The position is an int: in an image that jumps here without GET_ITER it may have
            // been another value, whose advanced reference must not be followed.
            sp->tag = MC_T_INT;
            sp++;
        } else {
            sp -= 2;
            pc += offset;
        }
        DISPATCH();
    }

    ENTRY(LOAD_FAST): {
        mc_value_t v = locals[ARG_U8()];
        if (MC_UNLIKELY(v.tag == MC_T_UNBOUND)) {
        local_unbound:
            // The image does not name locals; CPython would raise UnboundLocalError.
            mc_exc_raise(MC_MSG_UNBOUND_LOCAL);
            goto error;
        }
        *++sp = v;
        DISPATCH();
    }

    ENTRY(STORE_FAST):
        locals[ARG_U8()] = *sp--;
        DISPATCH();

    ENTRY(LOAD_CONST):
        *++sp = consts[ARG_U16()];
        DISPATCH();

    ENTRY(LOAD_GLOBAL): {
        n_call = ARG_U16();
        mc_value_t v = globals[n_call];
        if (MC_UNLIKELY(v.tag == MC_T_UNBOUND)) {
        global_unbound:
            mc_exc_raise(MC_MSG_UNDEFINED, consts[image->global_names[n_call]]);
            goto error;
        }
        *++sp = v;
        DISPATCH();
    }

    ENTRY(STORE_GLOBAL):
        globals[ARG_U16()] = *sp--;
        DISPATCH();

    ENTRY(LOAD_BUILTIN):
        *++sp = (mc_value_t){.tag = MC_T_BUILTIN, .u = ARG_U8()};
        DISPATCH();

    ENTRY(CALL_METHOD):
    ENTRY(CALL_BUILTIN):
    ENTRY(CALL_BUILTIN_KW): {
        uint32_t op = pc[-1];
        uint32_t arg = ARG_U16();
        n_call = mc_call_builtin_nargs(arg);
        mc_value_t *args = sp + 1 - n_call;
        SYNC();
        mc_value_t r = mc_builtin_call(MC_CALL_BUILTIN_ID(arg), args, n_call,
            MC_CALL_CHECKED | (op == MC_OPCODE_CALL_BUILTIN_KW ? MC_CALL_KW : 0));
        if (mc_is_error(r)) {
            goto error;
        }
        sp = args;
        *sp = r;
        DISPATCH();
    }

    ENTRY(CALL_FUNCTION_KW):
        n_call = ARG_U16();
        f = sp - (n_call & 0xFF) - 2 * (n_call >> 8);
        goto call_bind;

    ENTRY(CALL_FUNCTION):
        n_call = ARG_U8();
        f = sp - n_call;
        if (MC_LIKELY(f->tag == MC_T_FUNC) &&
            MC_LIKELY(n_call == ((const mc_code_t *)mc_ptr(f->r))->n_args)) {
            callee = mc_ptr(f->r);
            goto call_code;
        }
        if (f->tag == MC_T_BUILTIN || f->tag == MC_T_EXC_CLASS) {
            SYNC();
            mc_value_t r = f->tag == MC_T_BUILTIN ? mc_builtin_call(f->u, f + 1, n_call, 0)
                                                  : mc_exc_new(f->u, f + 1, n_call);
            if (mc_is_error(r)) {
                goto error;
            }
            sp = f;
            *sp = r;
            DISPATCH();
        }
    call_bind:
        // Defaults, keyword arguments, or the TypeError (count, not callable, ...).
        SYNC();
        callee = mc_func_bind(f, n_call, (const mc_value_t *)(fp - 1));
        if (!callee) {
            goto error;
        }
        n_call = callee->n_args;
        sp = f + n_call;
    call_code: {
        mc_value_t *args = f + 1;
        mc_frame_t *next = fp - 1;
        if (MC_UNLIKELY((uint8_t *)(args + callee->n_locals + callee->max_stack) >
                            (uint8_t *)next ||
                        depth == MC_VM_MAX_DEPTH)) {
            mc_exc_raise(MC_MSG_RECURSION);
            goto error;
        }
        fp->pc = pc;
        fp = next;
        depth++;
        fp->code = code = callee;
        fp->locals = locals = args;
        for (uint32_t i = n_call; i < callee->n_locals; i++) {
            *++sp = mc_unbound();
        }
        pc = mc_image_code_start(image, callee);
        DISPATCH();
    }

    // Rare instructions run out of the loop (mc_vm_rare, compiled for size).
    ENTRY(LIST_APPEND):
    ENTRY(MAP_ADD):
    ENTRY(UNPACK_SEQUENCE):
        rare_op = pc[-1];
        n_call = ARG_U8();
        goto rare;
    ENTRY(MAKE_FUNCTION_EX):
    ENTRY(BUILD_STRING):
        rare_op = pc[-1];
        n_call = ARG_U16();
        goto rare;
    ENTRY(BUILD_MAP):
    ENTRY(DELETE_SUBSCR):
    ENTRY(DELETE_SLICE):
    ENTRY(BINARY_SLICE):
    ENTRY(STORE_SLICE):
    ENTRY(CHECK_EXC_MATCH):
    ENTRY(DUP_TOP_TWO):
    ENTRY(ROT_THREE):
        rare_op = pc[-1];
        n_call = 0;
    rare:
        SYNC();
        sp = mc_vm_rare(rare_op, n_call, sp);
        if (!sp) {
            goto error;
        }
        DISPATCH();

    ENTRY(DELETE_FAST): {
        mc_value_t *slot = &locals[ARG_U8()];
        if (slot->tag == MC_T_UNBOUND) {
            goto local_unbound;
        }
        *slot = mc_unbound();
        DISPATCH();
    }

    ENTRY(DELETE_GLOBAL):
        n_call = ARG_U16();
        if (globals[n_call].tag == MC_T_UNBOUND) {
            goto global_unbound;
        }
        globals[n_call] = mc_unbound();
        DISPATCH();

    ENTRY(BUILD_LIST):
    ENTRY(BUILD_TUPLE): {
        uint32_t tag = pc[-1] == MC_OPCODE_BUILD_LIST ? MC_T_LIST : MC_T_TUPLE;
        uint32_t n = ARG_U16();
        SYNC();
        mc_value_t r = mc_seq_new(tag, sp + 1 - n, n);
        if (mc_is_error(r)) {
            goto error;
        }
        sp -= n;
        *++sp = r;
        DISPATCH();
    }

    ENTRY(MAKE_FUNCTION):
        *++sp = mc_obj(MC_T_FUNC, &image->code[ARG_U16()]);
        DISPATCH();

    ENTRY(JUMP): {
        int32_t offset = ARG_S16();
        pc += offset;
        DISPATCH();
    }

    ENTRY(POP_JUMP_IF_FALSE): {
        int32_t offset = ARG_S16();
        if (!TRUTHY(sp)) {
            pc += offset;
        }
        sp--;
        DISPATCH();
    }

    ENTRY(POP_JUMP_IF_TRUE): {
        int32_t offset = ARG_S16();
        if (TRUTHY(sp)) {
            pc += offset;
        }
        sp--;
        DISPATCH();
    }

    ENTRY(JUMP_IF_FALSE_OR_POP): {
        int32_t offset = ARG_S16();
        if (!TRUTHY(sp)) {
            pc += offset;
        } else {
            sp--;
        }
        DISPATCH();
    }

    ENTRY(JUMP_IF_TRUE_OR_POP): {
        int32_t offset = ARG_S16();
        if (TRUTHY(sp)) {
            pc += offset;
        } else {
            sp--;
        }
        DISPATCH();
    }

#if MC_OPT_COMPUTED_GOTO
entry_invalid:
#else
    default:
        break;
    }
#pragma GCC diagnostic pop
#endif
    // Validated images hold only known opcodes, so this is unreachable.
    mc_port_panic("invalid opcode");

    // An exception is pending: record where it was raised (unless it is an object raised
    // before), then look for a handler in this frame's exception table and in its callers',
    // freeing frames on the way. pc is past the failing instruction (or of the call the frame
    // makes), or at the start if nothing ran yet.
error: {
        const uint8_t *start = mc_image_code_start(image, code);
        if (mc_exc.value.tag == MC_T_EXC && mc_exc_obj(mc_exc.value)->line) {
            mc_exc.code = mc_exc_obj(mc_exc.value)->code;
            mc_exc.line = mc_exc_obj(mc_exc.value)->line;
        } else {
            mc_exc.code = mc_vm_code_index(code);
            mc_exc.line = mc_image_line(image, code, pc > start ? (uint32_t)(pc - 1 - start) : 0);
        }
        for (;;) {
            const mc_handler_t *h =
                pc > start ? mc_image_handler(image, code, (uint32_t)(pc - 1 - start)) : NULL;
            if (h) {
                sp = locals + code->n_locals - 1 + h->depth;
                SYNC();
                mc_value_t e = mc_exc_object(vm.spare);
                *++sp = e;
                pc = start + h->target;
                DISPATCH();
            }
            if (fp == entry_fp) {
                break;
            }
            fp++;
            depth--;
            code = fp->code;
            pc = fp->pc;
            locals = fp->locals;
            start = mc_image_code_start(image, code);
        }
        mc_exc_report();
        return MC_EXIT_EXCEPTION;
    }
}

MC_OPT_SIZE uint32_t mc_vm_run(const uint8_t *image, uint32_t image_bytes, uint8_t *free_lo,
    uint8_t *free_hi) {
    memset(&vm, 0, sizeof vm);
    memset(&mc_exc, 0, sizeof mc_exc);
    mc_ops_reset();
    mc_rand_reset();
    mc_par_reset();
    free_lo = (uint8_t *)MC_ALIGN_UP((uintptr_t)free_lo, sizeof(mc_value_t));
    free_hi = (uint8_t *)((uintptr_t)free_hi & ~(uintptr_t)(sizeof(mc_value_t) - 1));
    uint32_t avail = free_hi > free_lo ? (uint32_t)(free_hi - free_lo) : 0;
    if (!mc_image_validate(&vm.image, image, image_bytes, free_lo, avail)) {
        return MC_EXIT_BAD_IMAGE;
    }

    // Tables first, then the heap, then the VM stack at the top.
    uint32_t table_bytes =
        (vm.image.n_consts + vm.image.n_globals) * (uint32_t)sizeof(mc_value_t);
    if (table_bytes > avail) {
        mc_exc_raise(MC_MSG_GLOBALS_MEMORY);
        goto fail;
    }
    vm.consts = (mc_value_t *)free_lo;
    vm.globals = vm.consts + vm.image.n_consts;
    avail -= table_bytes;
    uint32_t stack_bytes = avail / MC_VM_STACK_SHARE;
    stack_bytes = stack_bytes < MC_VM_STACK_BYTES ? MC_VM_STACK_BYTES : stack_bytes;
    stack_bytes = stack_bytes < avail / 2 ? stack_bytes : avail / 2;
    stack_bytes &= ~(uint32_t)(sizeof(mc_value_t) - 1);
    uint8_t *stack_lo = free_hi - stack_bytes;
    mc_gc_init(free_lo + table_bytes, stack_lo);
    vm.stack = (mc_value_t *)stack_lo;
    vm.sp = vm.stack - 1;
    vm.frames = (mc_frame_t *)free_hi;

    for (uint32_t i = 0; i < vm.image.n_consts; i++) {
        const uint32_t *rec = mc_image_const(&vm.image, i);
        switch (rec[0] & MC_BC_CONST_KIND_MASK) {
            case MC_CONST_INT:
                vm.consts[i] = mc_int((int32_t)rec[1]);
                break;
            case MC_CONST_FLOAT:
                vm.consts[i] = (mc_value_t){.tag = MC_T_FLOAT, .u = rec[1]};
                break;
            default:
                vm.consts[i] = mc_obj(MC_T_STR, rec);
                break;
        }
    }
    for (uint32_t i = 0; i < vm.image.n_globals; i++) {
        vm.globals[i] = mc_unbound();
    }
    vm.spare = mc_exc_new(MC_EXC_MemoryError, NULL, 0);
    if (!mc_is_error(vm.spare)) {
        return execute();
    }

fail: {
        mc_exc.code = vm.image.entry;
        mc_exc.line = mc_image_line(&vm.image, &vm.image.code[vm.image.entry], 0);
        mc_exc_report();
        return MC_EXIT_EXCEPTION;
    }
}
