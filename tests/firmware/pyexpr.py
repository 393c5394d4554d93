"""Turn Python expressions into test programs, and work out what the VM must answer.

Only what the tests need: constants, tuples, lists, unary and binary operators, one comparison,
subscripts and builtin calls. The expected answer is CPython's, with microcore's documented
differences: ints are 32-bit (a result outside that range raises OverflowError), and floats
cannot be printed yet."""

import ast
import re
import warnings

from microcore.bytecode import exceptions as E
from microcore.bytecode import opcodes as O

INT_MIN, INT_MAX = -2**31, 2**31 - 1


def load(value):
    """Items that push a Python value."""
    if value is None:
        return [("LOAD_NONE",)]
    if value is True:
        return [("LOAD_TRUE",)]
    if value is False:
        return [("LOAD_FALSE",)]
    if isinstance(value, tuple):
        return [i for v in value for i in load(v)] + [("BUILD_TUPLE", len(value))]
    if isinstance(value, list):
        return [i for v in value for i in load(v)] + [("BUILD_LIST", len(value))]
    return [("LOAD_CONST", value)]


def compile_expr(source):
    """Items that push the value of the expression `source`."""
    return _expr(ast.parse(source, mode="eval").body)


def _expr(node):
    if isinstance(node, ast.Constant):
        return load(node.value)
    if isinstance(node, (ast.Tuple, ast.List)):
        items = [i for e in node.elts for i in _expr(e)]
        return items + [("BUILD_TUPLE" if isinstance(node, ast.Tuple) else "BUILD_LIST",
                         len(node.elts))]
    if isinstance(node, ast.UnaryOp):
        if isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) and \
                type(node.operand.value) in (int, float):
            return load(-node.operand.value)
        return _expr(node.operand) + [(O.UnaryOp[type(node.op).__name__],)]
    if isinstance(node, ast.BinOp):
        return _expr(node.left) + _expr(node.right) + [(O.BinaryOp[type(node.op).__name__],)]
    if isinstance(node, ast.Compare):
        assert len(node.ops) == 1
        return _expr(node.left) + _expr(node.comparators[0]) + \
            [(O.CompareOp[type(node.ops[0]).__name__],)]
    if isinstance(node, ast.Subscript):
        return _expr(node.value) + _expr(node.slice) + [("BINARY_SUBSCR",)]
    if isinstance(node, ast.Call):
        items = [i for a in node.args for i in _expr(a)]
        return items + [("CALL_BUILTIN", (node.func.id, len(node.args)))]
    raise NotImplementedError(ast.dump(node))


def _has_big_int(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return not INT_MIN <= value <= INT_MAX
    if isinstance(value, (tuple, list)):
        return any(_has_big_int(v) for v in value)
    return False


def _has_float(value):
    if isinstance(value, float):
        return True
    if isinstance(value, (tuple, list)):
        return any(_has_float(v) for v in value)
    return False


def _huge(source):
    """True for int ** and << whose exact result CPython would take ages to compute but which
    certainly does not fit in 32 bits."""
    node = ast.parse(source, mode="eval").body
    if not isinstance(node, ast.BinOp) or not isinstance(node.op, (ast.Pow, ast.LShift)):
        return False
    try:
        a, b = (ast.literal_eval(n) for n in (node.left, node.right))
    except ValueError:
        return False
    if type(a) not in (int, bool) or type(b) not in (int, bool):
        return False
    if isinstance(node.op, ast.Pow):
        return abs(a) >= 2 and b > 64
    return a != 0 and b > 64


def expected(source):
    """("ok", printed text) or ("error", exception name, message or None for any message);
    None when CPython's answer involves a float, which the VM cannot print."""
    if _huge(source):
        return ("error", "OverflowError", None)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)
            value = eval(source, {})
    except Exception as e:   # noqa: BLE001 - any exception is an expected outcome
        return ("error", type(e).__name__, str(e))
    if _has_big_int(value):
        return ("error", "OverflowError", None)
    if _has_float(value):
        return None
    return ("ok", str(value))


ERROR_LINE = re.compile(r"error: core=(\d+) code=(\d+) line=(\d+) exc=(\d+) message=(.*)\n\Z",
                        re.S)


def parse_error(stderr):
    """(core, code, line, exception name, message) from mcvm's error line."""
    m = ERROR_LINE.match(stderr)
    assert m, f"no error line in {stderr!r}"
    core, code, line, exc, message = m.groups()
    return int(core), int(code), int(line), E.BY_ID[int(exc)].name, message
