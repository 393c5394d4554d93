"""One program per opcode, run on every native build (switch, computed goto, ASan/UBSan).

Every opcode of microcore.bytecode.opcodes must have an entry here; the firmware build itself
fails if the VM lacks a handler (see test_fw_build.py)."""

import pytest

from fwasm import Function, build, printing
from microcore.bytecode import opcodes as O

C = "LOAD_CONST"


def prints(*items, n=1):
    return build(printing(*items, n=n))


def binary(op, a, b):
    return prints((C, a), (C, b), (op,))


def loop_sum():
    # i = 0; s = 0; while i < 5: s += i; i += 1; print(s)
    return build([
        (C, 0), ("STORE_FAST", 0), (C, 0), ("STORE_FAST", 1),
        "top:", ("LOAD_FAST", 0), (C, 5), ("COMPARE_LT",), ("POP_JUMP_IF_FALSE", "done"),
        ("LOAD_FAST", 1), ("LOAD_FAST", 0), ("BINARY_ADD",), ("STORE_FAST", 1),
        ("LOAD_FAST", 0), (C, 1), ("BINARY_ADD",), ("STORE_FAST", 0), ("JUMP", "top"),
        "done:", ("LOAD_FAST", 1), ("CALL_BUILTIN", ("print", 1)), ("POP_TOP",),
        ("LOAD_NONE",), ("RETURN_VALUE",),
    ], n_locals=2)


def short_circuit(op, value):
    # print(value OP "other")
    return prints((C, value), (op, "end"), (C, "other"), "end:")


def jump_if(op, value):
    # print("yes" if POP_JUMP(value) jumps else "no")
    return build([(C, value), (op, "yes"), (C, "no"), ("JUMP", "out"), "yes:", (C, "yes"),
                  "out:", ("CALL_BUILTIN", ("print", 1)), ("POP_TOP",), ("LOAD_NONE",),
                  ("RETURN_VALUE",)])


def call_function():
    add = Function("add", [("LOAD_FAST", 0), ("LOAD_FAST", 1), ("BINARY_ADD",),
                           ("RETURN_VALUE",)], n_args=2)
    return build(printing(("MAKE_FUNCTION", "add"), (C, 40), (C, 2), ("CALL_FUNCTION", 2)), add)


def for_each(*iterable):
    # for x in ITERABLE: print(x)
    return build([*iterable, ("GET_ITER",), "top:", ("FOR_ITER", "done"),
                  ("CALL_BUILTIN", ("print", 1)), ("POP_TOP",), ("JUMP", "top"),
                  "done:", ("LOAD_NONE",), ("RETURN_VALUE",)])


def catching(*body, handler_body):
    # try: BODY  except: HANDLER_BODY (the exception on the stack); print what it leaves
    return build([
        "try:", *body, "end:", ("LOAD_NONE",), ("RETURN_VALUE",),
        "handler:", *handler_body, ("CALL_BUILTIN", ("print", 1)), ("POP_TOP",),
        ("LOAD_NONE",), ("RETURN_VALUE",)], handlers=[("try", "end", "handler", 0)])


PROGRAMS = {
    "NOP": (prints(("NOP",), (C, 1)), "1"),
    "POP_TOP": (prints((C, 1), (C, 2), ("POP_TOP",)), "1"),
    "DUP_TOP": (prints((C, 3), ("DUP_TOP",), n=2), "3 3"),
    "ROT_TWO": (prints((C, 1), (C, 2), ("ROT_TWO",), n=2), "2 1"),
    "ROT_THREE": (prints((C, 1), (C, 2), (C, 3), ("ROT_THREE",), n=3), "3 1 2"),
    "LOAD_NONE": (prints(("LOAD_NONE",)), "None"),
    "LOAD_TRUE": (prints(("LOAD_TRUE",)), "True"),
    "LOAD_FALSE": (prints(("LOAD_FALSE",)), "False"),
    "RETURN_VALUE": (call_function(), "42"),
    "BINARY_ADD": (binary("BINARY_ADD", 40, 2), "42"),
    "BINARY_SUB": (binary("BINARY_SUB", 40, 50), "-10"),
    "BINARY_MUL": (binary("BINARY_MUL", -6, 7), "-42"),
    "BINARY_TRUEDIV": (prints((C, 7), (C, 2), ("BINARY_TRUEDIV",), (C, 3.5), ("COMPARE_EQ",)),
                       "True"),
    "BINARY_FLOORDIV": (binary("BINARY_FLOORDIV", -7, 2), "-4"),
    "BINARY_MOD": (binary("BINARY_MOD", -7, 3), "2"),
    "BINARY_POW": (binary("BINARY_POW", 3, 4), "81"),
    "BINARY_LSHIFT": (binary("BINARY_LSHIFT", 3, 10), "3072"),
    "BINARY_RSHIFT": (binary("BINARY_RSHIFT", -17, 2), "-5"),
    "BINARY_AND": (binary("BINARY_AND", 12, 10), "8"),
    "BINARY_OR": (binary("BINARY_OR", 12, 10), "14"),
    "BINARY_XOR": (binary("BINARY_XOR", 12, 10), "6"),
    "COMPARE_EQ": (binary("COMPARE_EQ", "ab", "ab"), "True"),
    "COMPARE_NE": (binary("COMPARE_NE", 1, 1), "False"),
    "COMPARE_LT": (binary("COMPARE_LT", "abc", "abd"), "True"),
    "COMPARE_LE": (binary("COMPARE_LE", 2, 2), "True"),
    "COMPARE_GT": (binary("COMPARE_GT", -1, 0), "False"),
    "COMPARE_GE": (binary("COMPARE_GE", 3, 2), "True"),
    "COMPARE_IS": (prints(("LOAD_NONE",), ("LOAD_NONE",), ("COMPARE_IS",)), "True"),
    "COMPARE_IS_NOT": (prints(("LOAD_NONE",), ("LOAD_FALSE",), ("COMPARE_IS_NOT",)), "True"),
    "COMPARE_IN": (binary("COMPARE_IN", "ell", "hello"), "True"),
    "COMPARE_NOT_IN": (binary("COMPARE_NOT_IN", "z", "hello"), "True"),
    "UNARY_NEG": (prints((C, 5), ("UNARY_NEG",)), "-5"),
    "UNARY_POS": (prints(("LOAD_TRUE",), ("UNARY_POS",)), "1"),
    "UNARY_NOT": (prints((C, ""), ("UNARY_NOT",)), "True"),
    "UNARY_INVERT": (prints((C, 5), ("UNARY_INVERT",)), "-6"),
    "BINARY_SUBSCR": (binary("BINARY_SUBSCR", "héllo", -4), "é"),
    "STORE_SUBSCR": (build([
        (C, 1), (C, 2), ("BUILD_LIST", 2), ("STORE_FAST", 0),
        (C, "x"), ("LOAD_FAST", 0), (C, -1), ("STORE_SUBSCR",),
        ("LOAD_FAST", 0), ("CALL_BUILTIN", ("print", 1)), ("POP_TOP",), ("LOAD_NONE",),
        ("RETURN_VALUE",)], n_locals=1), "[1, 'x']"),
    "LOAD_FAST": (loop_sum(), "10"),
    "STORE_FAST": (loop_sum(), "10"),
    "CALL_FUNCTION": (call_function(), "42"),
    "LOAD_BUILTIN": (prints(("LOAD_BUILTIN", "len"), (C, "abcd"), ("CALL_FUNCTION", 1)), "4"),
    "LOAD_CONST": (prints((C, "const")), "const"),
    "LOAD_GLOBAL": (build([(C, 7), ("STORE_GLOBAL", "g"),
                           *printing(("LOAD_GLOBAL", "g"))], globals=["g"]), "7"),
    "STORE_GLOBAL": (build([(C, 8), ("STORE_GLOBAL", "g"),
                            *printing(("LOAD_GLOBAL", "g"))], globals=["g"]), "8"),
    "CALL_BUILTIN": (prints((C, -3), ("CALL_BUILTIN", ("abs", 1))), "3"),
    "BUILD_LIST": (prints((C, 1), (C, "a"), ("LOAD_NONE",), ("BUILD_LIST", 3)),
                   "[1, 'a', None]"),
    "BUILD_TUPLE": (prints((C, 1), ("BUILD_TUPLE", 1)), "(1,)"),
    "BUILD_STRING": (prints((C, "ab"), (C, ""), (C, "é"), ("BUILD_STRING", 3)), "abé"),
    "MAKE_FUNCTION": (call_function(), "42"),
    "JUMP": (loop_sum(), "10"),
    "POP_JUMP_IF_FALSE": (jump_if("POP_JUMP_IF_FALSE", 0), "yes"),
    "POP_JUMP_IF_TRUE": (jump_if("POP_JUMP_IF_TRUE", "x"), "yes"),
    "JUMP_IF_FALSE_OR_POP": (short_circuit("JUMP_IF_FALSE_OR_POP", 0), "0"),
    "JUMP_IF_TRUE_OR_POP": (short_circuit("JUMP_IF_TRUE_OR_POP", 0), "other"),
    "DUP_TOP_TWO": (prints((C, 1), (C, 2), ("DUP_TOP_TWO",), n=4), "1 2 1 2"),
    "INPLACE_ADD": (build([
        (C, 1), ("BUILD_LIST", 1), ("STORE_FAST", 0), ("LOAD_FAST", 0), (C, "ab"),
        ("INPLACE_ADD",), ("POP_TOP",), ("LOAD_FAST", 0), (C, 2), (C, 3), ("INPLACE_ADD",),
        ("CALL_BUILTIN", ("print", 2)), ("POP_TOP",), ("LOAD_NONE",), ("RETURN_VALUE",)],
        n_locals=1), "[1, 'a', 'b'] 5"),
    "INPLACE_MUL": (build([
        (C, 7), ("BUILD_LIST", 1), ("STORE_FAST", 0), ("LOAD_FAST", 0), (C, 2),
        ("INPLACE_MUL",), ("POP_TOP",), ("LOAD_FAST", 0), (C, "x"), (C, 3), ("INPLACE_MUL",),
        ("CALL_BUILTIN", ("print", 2)), ("POP_TOP",), ("LOAD_NONE",), ("RETURN_VALUE",)],
        n_locals=1), "[7, 7] xxx"),
    "GET_ITER": (for_each((C, "hé")), "h\né"),
    "FOR_ITER": (for_each((C, 1), (C, 7), (C, 3), ("CALL_BUILTIN", ("range", 3))), "1\n4"),
    "BINARY_SLICE": (prints((C, "héllo"), (C, 1), ("LOAD_NONE",), (C, 2), ("BINARY_SLICE",)),
                     "él"),
    "STORE_SLICE": (build([
        (C, 1), (C, 2), (C, 3), ("BUILD_LIST", 3), ("STORE_FAST", 0),
        (C, "xy"), ("LOAD_FAST", 0), (C, 0), (C, 1), ("LOAD_NONE",), ("STORE_SLICE",),
        *printing(("LOAD_FAST", 0))], n_locals=1), "['x', 'y', 2, 3]"),
    "UNPACK_SEQUENCE": (prints((C, 1), (C, 2), ("BUILD_LIST", 2), ("UNPACK_SEQUENCE", 2)),
                        "(1, 2)"),
    "CALL_METHOD": (build([
        ("BUILD_LIST", 0), ("STORE_FAST", 0), ("LOAD_FAST", 0), (C, 5),
        ("CALL_METHOD", ("append", 2)), ("POP_TOP",), *printing(("LOAD_FAST", 0))],
        n_locals=1), "[5]"),
    # exceptions: a handler prints what is on the stack
    "RAISE": (catching(("LOAD_EXC_CLASS", "KeyError"), (C, "k"), ("CALL_FUNCTION", 1),
                       ("RAISE",), handler_body=[("CALL_BUILTIN", ("repr", 1))]),
              "KeyError('k')"),
    "LOAD_EXC_CLASS": (prints(("LOAD_EXC_CLASS", "ZeroDivisionError")),
                       "<class 'ZeroDivisionError'>"),
    "CHECK_EXC_MATCH": (catching(
        (C, 1), (C, 0), ("BINARY_FLOORDIV",), ("POP_TOP",),
        handler_body=[("LOAD_EXC_CLASS", "ArithmeticError"), ("CHECK_EXC_MATCH",),
                      ("ROT_TWO",), ("POP_TOP",)]), "True"),
    # (exc) PUSH_EXC_INFO (None exc) POP_TOP (None) POP_EXCEPT () -> print the handled None
    "PUSH_EXC_INFO": (catching(("LOAD_EXC_CLASS", "ValueError"), ("RAISE",), handler_body=[
        ("PUSH_EXC_INFO",), ("CALL_BUILTIN", ("repr", 1)), ("ROT_TWO",), ("POP_EXCEPT",)]),
        "ValueError()"),
    # after POP_EXCEPT restores "nothing handled", RERAISE raises RuntimeError
    "POP_EXCEPT": (catching(("LOAD_EXC_CLASS", "ValueError"), ("RAISE",), handler_body=[
        ("PUSH_EXC_INFO",), ("POP_TOP",), ("POP_EXCEPT",), ("LOAD_NONE",)]), "None"),
    "RERAISE": (build([
        "try:", ("LOAD_EXC_CLASS", "IndexError"), (C, "i"), ("CALL_FUNCTION", 1), ("RAISE",),
        "handler:", ("PUSH_EXC_INFO",), ("POP_TOP",), "inner:", ("RERAISE",),
        "outer:", ("CALL_BUILTIN", ("repr", 1)), ("CALL_BUILTIN", ("print", 1)), ("POP_TOP",),
        ("LOAD_NONE",), ("RETURN_VALUE",)],
        handlers=[("try", "handler", "handler", 0), ("inner", "outer", "outer", 1)]),
        "IndexError('i')"),
    # dicts, calls, del
    "BUILD_MAP": (prints(("BUILD_MAP",)), "{}"),
    "MAP_ADD": (prints(("BUILD_MAP",), (C, "k"), (C, 1), ("MAP_ADD", 0), (C, 2), (C, 3),
                       ("MAP_ADD", 0)), "{'k': 1, 2: 3}"),
    "LIST_APPEND": (prints(("BUILD_LIST", 0), (C, 1), (C, 2), ("LIST_APPEND", 1), ("POP_TOP",),
                           (C, 3), ("LIST_APPEND", 0)), "[2, 3]"),
    "DELETE_SUBSCR": (build([
        (C, 1), (C, 2), (C, 3), ("BUILD_LIST", 3), ("STORE_FAST", 0),
        ("LOAD_FAST", 0), (C, -1), ("DELETE_SUBSCR",), *printing(("LOAD_FAST", 0))],
        n_locals=1), "[1, 2]"),
    "DELETE_SLICE": (build([
        (C, 1), (C, 2), (C, 3), (C, 4), ("BUILD_LIST", 4), ("STORE_FAST", 0),
        ("LOAD_FAST", 0), ("LOAD_NONE",), ("LOAD_NONE",), (C, 2), ("DELETE_SLICE",),
        *printing(("LOAD_FAST", 0))], n_locals=1), "[2, 4]"),
    "DELETE_FAST": (build([
        (C, 1), ("STORE_FAST", 0), ("DELETE_FAST", 0), (C, 2), ("STORE_FAST", 0),
        *printing(("LOAD_FAST", 0))], n_locals=1), "2"),
    "DELETE_GLOBAL": (build([
        (C, 1), ("STORE_GLOBAL", "g"), ("DELETE_GLOBAL", "g"), (C, 3), ("STORE_GLOBAL", "g"),
        *printing(("LOAD_GLOBAL", "g"))], globals=["g"]), "3"),
    # sub(a, b=10): defaults, then keyword arguments out of order
    "MAKE_FUNCTION_EX": (build(printing(
        (C, 10), ("BUILD_TUPLE", 1), (C, "a b"), ("MAKE_FUNCTION_EX", "sub"), (C, 52),
        ("CALL_FUNCTION", 1)), Function("sub", [("LOAD_FAST", 0), ("LOAD_FAST", 1),
                                                 ("BINARY_SUB",), ("RETURN_VALUE",)], n_args=2)),
        "42"),
    "CALL_FUNCTION_KW": (build(printing(
        ("LOAD_NONE",), (C, "a b"), ("MAKE_FUNCTION_EX", "sub"), (C, "b"), (C, 2), (C, "a"),
        (C, 44), ("CALL_FUNCTION_KW", 0 | 2 << 8)),
        Function("sub", [("LOAD_FAST", 0), ("LOAD_FAST", 1), ("BINARY_SUB",),
                         ("RETURN_VALUE",)], n_args=2)), "42"),
    "CALL_BUILTIN_KW": (build([(C, 1), (C, 2), (C, "-"), ("LOAD_NONE",),
                               ("CALL_BUILTIN_KW", ("print", 4)), ("POP_TOP",), ("LOAD_NONE",),
                               ("RETURN_VALUE",)]), "1-2"),
}


def test_every_opcode_has_a_program():
    assert set(PROGRAMS) == {op.name for op in O.OPCODES}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_opcode(any_vm, tmp_path, name):
    image, expected = PROGRAMS[name]
    result = any_vm.run(image, tmp_path=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, expected + "\n", "")
