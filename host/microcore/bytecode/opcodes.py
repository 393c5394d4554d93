"""The bytecode instruction set, defined once.

An instruction is one opcode byte followed by at most one operand. The operand's encoding is
given by the opcode's top two bits, so the VM and the validator find an instruction's length
without a table::

    opcode  7 6 5 4 3 2 1 0     operand               length
            0 0 x x x x x x     none                  1
            0 1 x x x x x x     u8                    2
            1 0 x x x x x x     u16, little-endian    3
            1 1 x x x x x x     s16 jump offset       3   (relative to the next instruction)

The compiler imports :data:`OPCODES`; the firmware's ``mc_opcodes.h`` is generated from it as
X-macro rows ``MC_OP(NAME, number, format, pops, pushes)`` (see :mod:`microcore.cheader`). Stack
effects use ``N`` for "the operand". Renumbering or re-encoding anything bumps
:data:`BC_VERSION`; the VM refuses images of another version.

Values are 8-byte tagged words. Frames hold ``n_locals`` slots followed by the operand stack.
"""

from dataclasses import dataclass

__all__ = ["BC_VERSION", "CallBuiltin", "call_builtin_operand", "split_call_builtin", "Format", "Opcode", "OPCODES", "BY_NAME", "BY_NUMBER",
           "TERMINATORS",
           "BinaryOp", "CompareOp", "InplaceOp", "UnaryOp", "instruction_length", "stack_effect"]

#: Version of the bytecode format (opcodes and container). The VM runs exactly this version.
BC_VERSION = 3


class CallBuiltin:
    """How CALL_BUILTIN's u16 operand packs the builtin id and the argument count."""
    ID_MASK = 0xFF
    NARGS_SHIFT = 8
    MAX_NARGS = 0xFF
    # Ids of methods (CALL_METHOD only); every other id is a function (CALL_BUILTIN,
    # LOAD_BUILTIN).
    METHOD_FIRST = 64
    METHOD_LAST = 127


def call_builtin_operand(builtin_id, nargs):
    """The CALL_BUILTIN operand calling builtin ``builtin_id`` with ``nargs`` arguments."""
    if not 0 <= builtin_id <= CallBuiltin.ID_MASK or not 0 <= nargs <= CallBuiltin.MAX_NARGS:
        raise ValueError(f"CALL_BUILTIN cannot encode builtin {builtin_id!r} with {nargs!r} "
                         f"arguments")
    return builtin_id | nargs << CallBuiltin.NARGS_SHIFT


def split_call_builtin(operand):
    """Return ``(builtin id, nargs)`` of a CALL_BUILTIN operand."""
    return operand & CallBuiltin.ID_MASK, operand >> CallBuiltin.NARGS_SHIFT


class Format:
    NONE = 0   # 0x00-0x3f
    U8 = 1     # 0x40-0x7f
    U16 = 2    # 0x80-0xbf
    JUMP = 3   # 0xc0-0xff, signed 16-bit offset from the end of the instruction

    LENGTH = {NONE: 1, U8: 2, U16: 3, JUMP: 3}
    NAMES = {NONE: "NONE", U8: "U8", U16: "U16", JUMP: "JUMP"}


@dataclass(frozen=True)
class Opcode:
    name: str
    number: int
    pops: object    # int, or "N" (the operand), "N+1", "N+2", "nargs(N)", "kw(N)"
    pushes: object  # int, or "N"
    doc: str

    @property
    def format(self):
        return self.number >> 6

    @property
    def length(self):
        return Format.LENGTH[self.format]


def _op(name, number, pops, pushes, doc):
    return Opcode(name, number, pops, pushes, doc)


OPCODES = (
    # -- no operand ------------------------------------------------------------------------------
    _op("NOP",             0x00, 0, 0, "do nothing"),
    _op("POP_TOP",         0x01, 1, 0, "discard TOS"),
    _op("DUP_TOP",         0x02, 1, 2, "push TOS again"),
    _op("ROT_TWO",         0x03, 2, 2, "swap TOS and TOS1"),
    _op("ROT_THREE",       0x04, 3, 3, "TOS moves below TOS2: (a b c -- c a b)"),
    _op("LOAD_NONE",       0x05, 0, 1, "push None"),
    _op("LOAD_TRUE",       0x06, 0, 1, "push True"),
    _op("LOAD_FALSE",      0x07, 0, 1, "push False"),
    _op("RETURN_VALUE",    0x08, 1, 0, "return TOS to the caller; from the entry code, halt"),
    _op("DUP_TOP_TWO",     0x09, 2, 4, "push TOS1 and TOS again: (a b -- a b a b)"),
    # exceptions (see the exception table in container.py)
    _op("PUSH_EXC_INFO",   0x0D, 1, 2,
        "(exc -- prev exc): push the exception being handled and make TOS the handled one"),
    _op("POP_EXCEPT",      0x0E, 1, 0, "pop TOS and make it the exception being handled again"),
    _op("RAISE",           0x0F, 1, 0,
        "raise TOS: an exception class is instantiated without arguments; an instance keeps "
        "the place where it was first raised"),
    # binary operators: TOS1 op TOS -> TOS
    _op("BINARY_ADD",      0x10, 2, 1, "TOS1 + TOS"),
    _op("BINARY_SUB",      0x11, 2, 1, "TOS1 - TOS"),
    _op("BINARY_MUL",      0x12, 2, 1, "TOS1 * TOS"),
    _op("BINARY_TRUEDIV",  0x13, 2, 1, "TOS1 / TOS (always float)"),
    _op("BINARY_FLOORDIV", 0x14, 2, 1, "TOS1 // TOS (floor)"),
    _op("BINARY_MOD",      0x15, 2, 1, "TOS1 % TOS (sign of divisor)"),
    _op("BINARY_POW",      0x16, 2, 1, "TOS1 ** TOS"),
    _op("BINARY_LSHIFT",   0x17, 2, 1, "TOS1 << TOS"),
    _op("BINARY_RSHIFT",   0x18, 2, 1, "TOS1 >> TOS (arithmetic)"),
    _op("BINARY_AND",      0x19, 2, 1, "TOS1 & TOS"),
    _op("BINARY_OR",       0x1A, 2, 1, "TOS1 | TOS"),
    _op("BINARY_XOR",      0x1B, 2, 1, "TOS1 ^ TOS"),
    _op("INPLACE_ADD",     0x1C, 2, 1, "TOS1 += TOS: a list is extended in place, else TOS1 + TOS"),
    _op("INPLACE_MUL",     0x1D, 2, 1, "TOS1 *= TOS: a list is repeated in place, else TOS1 * TOS"),
    # comparisons: TOS1 op TOS -> bool
    _op("COMPARE_EQ",      0x20, 2, 1, "TOS1 == TOS"),
    _op("COMPARE_NE",      0x21, 2, 1, "TOS1 != TOS"),
    _op("COMPARE_LT",      0x22, 2, 1, "TOS1 < TOS"),
    _op("COMPARE_LE",      0x23, 2, 1, "TOS1 <= TOS"),
    _op("COMPARE_GT",      0x24, 2, 1, "TOS1 > TOS"),
    _op("COMPARE_GE",      0x25, 2, 1, "TOS1 >= TOS"),
    _op("COMPARE_IS",      0x26, 2, 1, "TOS1 is TOS"),
    _op("COMPARE_IS_NOT",  0x27, 2, 1, "TOS1 is not TOS"),
    _op("COMPARE_IN",      0x28, 2, 1, "TOS1 in TOS"),
    _op("COMPARE_NOT_IN",  0x29, 2, 1, "TOS1 not in TOS"),
    _op("RERAISE",         0x2A, 0, 0,
        "bare raise: raise the exception being handled again (RuntimeError if none)"),
    _op("CHECK_EXC_MATCH", 0x2B, 2, 2,
        "(exc cls -- exc bool): whether exc is an instance of class cls or of a class in "
        "tuple cls"),
    # unary operators
    _op("UNARY_NEG",       0x30, 1, 1, "-TOS"),
    _op("UNARY_POS",       0x31, 1, 1, "+TOS"),
    _op("UNARY_NOT",       0x32, 1, 1, "not TOS"),
    _op("UNARY_INVERT",    0x33, 1, 1, "~TOS"),
    # subscripts
    _op("BINARY_SUBSCR",   0x34, 2, 1, "TOS1[TOS]"),
    _op("STORE_SUBSCR",    0x35, 3, 0, "TOS1[TOS] = TOS2"),
    # iteration and slices
    _op("GET_ITER",        0x36, 1, 2,
        "start iterating TOS (str, list, tuple, range): push position 0"),
    _op("BINARY_SLICE",    0x37, 4, 1, "TOS3[TOS2:TOS1:TOS] (None for an omitted bound)"),
    _op("STORE_SLICE",     0x38, 5, 0, "TOS3[TOS2:TOS1:TOS] = TOS4 (lists)"),
    # dicts, calls, del (the dict helper's range)
    _op("DELETE_SUBSCR",   0x39, 2, 0, "del TOS1[TOS]"),
    _op("DELETE_SLICE",    0x3A, 4, 0, "del TOS3[TOS2:TOS1:TOS] (lists)"),
    _op("BUILD_MAP",       0x3B, 0, 1, "push a new empty dict (displays add to it with MAP_ADD 0)"),
    # -- u8 operand ------------------------------------------------------------------------------
    _op("LOAD_FAST",       0x40, 0, 1, "push local slot N"),
    _op("STORE_FAST",      0x41, 1, 0, "pop into local slot N"),
    _op("CALL_FUNCTION",   0x42, "N+1", 1, "call TOS-N with the N arguments above it"),
    _op("LOAD_BUILTIN",    0x43, 0, 1, "push builtin function N as a value"),
    _op("UNPACK_SEQUENCE", 0x44, 1, 1,
        "TOS must be iterable with exactly N items: replace it by a new tuple of them"),
    _op("LOAD_EXC_CLASS",  0x4B, 0, 1, "push builtin exception class N (exceptions.py)"),
    _op("LIST_APPEND",     0x50, "N+1", "N",
        "append TOS to the list N values below it, and pop it (comprehensions)"),
    _op("MAP_ADD",         0x51, "N+2", "N",
        "TOS1[TOS] ... : set key TOS1 to value TOS in the dict N values below them, and pop "
        "both (comprehensions)"),
    _op("DELETE_FAST",     0x52, 0, 0, "unbind local slot N (NameError if unbound)"),
    # -- u16 operand -----------------------------------------------------------------------------
    _op("LOAD_CONST",      0x80, 0, 1, "push constant N"),
    _op("LOAD_GLOBAL",     0x81, 0, 1, "push global slot N (NameError if never assigned)"),
    _op("STORE_GLOBAL",    0x82, 1, 0, "pop into global slot N"),
    _op("CALL_BUILTIN",    0x83, "nargs(N)", 1,
        "call builtin id(N) with the nargs(N) arguments on the stack"),
    _op("BUILD_LIST",      0x84, "N", 1, "pop N items into a new list"),
    _op("BUILD_TUPLE",     0x85, "N", 1, "pop N items into a new tuple"),
    _op("MAKE_FUNCTION",   0x86, 0, 1, "push a function for code object N"),
    _op("BUILD_STRING",    0x88, "N", 1, "pop N strs and push their concatenation (f-strings)"),
    _op("CALL_METHOD",     0x87, "nargs(N)", 1,
        "call method id(N) (a 'method' row of builtins.py) with the nargs(N) values on the "
        "stack, the receiver first"),
    _op("CALL_FUNCTION_KW", 0x91, "kw(N)", 1,
        "call with npos(N) positional arguments then nkw(N) (name constant, value) pairs, above "
        "the callable"),
    _op("CALL_BUILTIN_KW", 0x92, "nargs(N)", 1,
        "as CALL_BUILTIN (or CALL_METHOD for a method id), the last values being the builtin's "
        "keyword slots (builtins.py `keywords`)"),
    _op("DELETE_GLOBAL",   0x93, 0, 0, "unbind global slot N (NameError if unbound)"),
    _op("MAKE_FUNCTION_EX", 0x94, 2, 1,
        "push a function for code object N with defaults TOS1 (tuple or None) and parameter "
        "names TOS (a str constant, space-separated, or None)"),
    # -- s16 jump --------------------------------------------------------------------------------
    _op("JUMP",                 0xC0, 0, 0, "pc += N"),
    _op("POP_JUMP_IF_FALSE",    0xC1, 1, 0, "pop; if falsy, pc += N"),
    _op("POP_JUMP_IF_TRUE",     0xC2, 1, 0, "pop; if truthy, pc += N"),
    _op("JUMP_IF_FALSE_OR_POP", 0xC3, 1, 1, "if TOS falsy, pc += N and keep it; else pop"),
    _op("JUMP_IF_TRUE_OR_POP",  0xC4, 1, 1, "if TOS truthy, pc += N and keep it; else pop"),
    _op("FOR_ITER",             0xC5, 2, 3,
        "TOS1 iterated at TOS: push the next item (advancing TOS); when exhausted, pop both "
        "and pc += N"),
)

#: Instructions after which control never falls through to the next one.
TERMINATORS = frozenset({"JUMP", "RETURN_VALUE", "RAISE", "RERAISE"})

BY_NAME = {op.name: op for op in OPCODES}
BY_NUMBER = {op.number: op for op in OPCODES}
assert len(BY_NAME) == len(BY_NUMBER) == len(OPCODES), "duplicate opcode name or number"


def instruction_length(number):
    """Bytes taken by an instruction whose opcode byte is ``number``."""
    return Format.LENGTH[number >> 6]


def stack_effect(op, operand=0):
    """Return ``(pops, pushes)`` of ``op`` (an :class:`Opcode`) with ``operand``.

    For a conditional jump this is the effect on the path its row describes: the popping jumps
    pop on both paths, but ``JUMP_IF_FALSE_OR_POP``/``JUMP_IF_TRUE_OR_POP`` give ``(1, 1)``, the
    effect when the jump is taken (TOS kept); when they fall through they pop it, ``(1, 0)``.
    ``FOR_ITER`` gives ``(2, 3)``, the effect when it falls through (an item pushed); when it
    jumps it pops both, ``(2, 0)``.
    """
    pops = op.pops
    if pops == "N":
        pops = operand
    elif pops == "N+1":
        pops = operand + 1
    elif pops == "N+2":
        pops = operand + 2
    elif pops == "nargs(N)":
        pops = split_call_builtin(operand)[1]
    elif pops == "kw(N)":
        pops = (operand & 0xFF) + 2 * (operand >> 8) + 1
    pushes = operand if op.pushes == "N" else op.pushes
    return pops, pushes


# Operators in the order of their opcodes; the compiler maps ast nodes onto these names.
BinaryOp = {"Add": "BINARY_ADD", "Sub": "BINARY_SUB", "Mult": "BINARY_MUL",
            "Div": "BINARY_TRUEDIV", "FloorDiv": "BINARY_FLOORDIV", "Mod": "BINARY_MOD",
            "Pow": "BINARY_POW", "LShift": "BINARY_LSHIFT", "RShift": "BINARY_RSHIFT",
            "BitAnd": "BINARY_AND", "BitOr": "BINARY_OR", "BitXor": "BINARY_XOR"}
#: Augmented assignments whose operator acts in place on a list.
InplaceOp = {"Add": "INPLACE_ADD", "Mult": "INPLACE_MUL"}
CompareOp = {"Eq": "COMPARE_EQ", "NotEq": "COMPARE_NE", "Lt": "COMPARE_LT", "LtE": "COMPARE_LE",
             "Gt": "COMPARE_GT", "GtE": "COMPARE_GE", "Is": "COMPARE_IS",
             "IsNot": "COMPARE_IS_NOT", "In": "COMPARE_IN", "NotIn": "COMPARE_NOT_IN"}
UnaryOp = {"USub": "UNARY_NEG", "UAdd": "UNARY_POS", "Not": "UNARY_NOT",
           "Invert": "UNARY_INVERT"}
