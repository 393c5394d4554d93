"""Run one program under CPython and on a virtual core, in this process, and compare.

The oracle for 32-bit ints
--------------------------
CPython's ints are unbounded; microcore's are 32-bit, and an ``int`` result outside
``[-2**31, 2**31 - 1]`` raises ``OverflowError`` where it is computed. Generating only programs
that provably stay in range would rule out most arithmetic (any product of two variables
could leave it), so the CPython side instead runs an *instrumented* copy of the program: the
AST is rewritten so that the result of every operation that can produce a new int (each binary
and unary operator, ``abs``, ``int``, ``len``, and each augmented assignment) passes through
:func:`check`, which raises ``OverflowError`` when an int is out of range. A 32-bit VM computes
exactly the same in-range values as CPython up to that point, and raises at the same
operation, so the two runs agree on what is printed, which exception ends the program and at
which line. Line numbers survive because the rewritten nodes keep the original locations and
the tree is compiled directly, never unparsed.

:func:`check` also bounds the size of every str, list and tuple it sees. A program that builds
a sequence longer than :data:`MAX_ITEMS` (a string doubled in a loop, say) is not compared: it
raises :class:`TooBig` and the caller discards it (``hypothesis.reject``). This keeps every
program well within a virtual core's 64 KiB, where ``MemoryError`` would otherwise depend on
the heap's layout rather than on the language.

Only the exception's class and line are compared, not its message: several of microcore's
messages are shorter than CPython's.

The oracle for binary32 floats
------------------------------
CPython's floats are binary64, microcore's binary32. Comparing a program that computes with
floats against plain CPython would need a tolerance, and no tolerance survives a discontinuous
step (a comparison, ``int``, ``round``, ``//``, ``%``, ``math.floor``, ``'%.2f'``): a 1-ulp
difference may flip a branch or a printed digit. So the CPython side computes in binary32
*exactly*: every float of the program is an :class:`F32`, a ``float`` whose value is always a
binary32 value and whose arithmetic rounds each result to binary32 (:func:`f32`). For ``+ - * /``
and ``sqrt`` of binary32 operands, the binary64 result rounded to binary32 is the correctly
rounded binary32 result (double rounding is innocuous when 53 >= 2*24 + 2), which is what the
VM computes; an int operand is first converted to binary32, as the VM does (``(float)i``). ``//``,
``%`` and ``divmod`` follow CPython's ``float_divmod`` step by step in binary32, as the VM's
``num.c`` does. Host-served functions (``**`` with a float, ``math.exp``, ``round(x, n)``, ...)
are CPython's on the binary64 of the binary32 argument, rounded: the host does the same.
Float constants, ``float(...)``, ``math.pi`` and every call's float result go through
:func:`check`, which makes them :class:`F32`; :class:`F32`'s ``repr``/``str``/``format`` print
the shortest text that reads back as the same binary32 (docs/language.md). The program's
``float`` and ``math`` are replaced (``__builtins__`` of the namespace), so ``isinstance(x,
float)`` and ``import math`` work unchanged.

Hence the two runs agree on every float exactly, not only within the float32 rule; the output
is still compared by the rule (``tests/compiler/util.py``, ``same_output``: equal text around
the float tokens, each float within 4 binary32 ulps) as docs/language.md specifies, and
generated expressions stay short (depth 3) and within magnitudes where no host function's
double result leaves the double range differently than the binary32 one (both then give
``inf`` or CPython's ``OverflowError``).
"""

import ast
import builtins
import contextlib
import io
import math
import operator
import re
import struct
import traceback
import types
import warnings
from dataclasses import dataclass

from microcore.compiler import compile_source
from microcore.firmware import native_library
from microcore.virtual import run_image

INT_MIN, INT_MAX = -2 ** 31, 2 ** 31 - 1
MAX_ITEMS = 300
FILENAME = "prog.py"
#: Seconds a virtual core may run before the comparison fails (a generated program that loops
#: for good is a bug in the generator or the VM; this only keeps the test from hanging).
VM_TIMEOUT = 60


class TooBig(BaseException):
    """A generated program built a sequence too large to compare (derived from BaseException so
    that nothing in the program can catch it)."""


@dataclass(frozen=True)
class Outcome:
    stdout: str
    exception: str = None       # class name of the uncaught exception, or None
    line: int = None            # its line


#: Set when :func:`check` raised :class:`TooBig` (a bare ``except:`` may have caught it).
_too_big = []


def check(value):
    """``value``, unless it is an int out of 32 bits (``OverflowError``) or too long (TooBig);
    a binary64 float becomes the :class:`F32` nearest to it."""
    kind = type(value)
    if kind is int and not INT_MIN <= value <= INT_MAX:
        raise OverflowError("int result does not fit in 32 bits")
    if kind in (str, list, tuple, dict) and len(value) > MAX_ITEMS:
        _too_big.append(True)
        raise TooBig(f"{kind.__name__} of {len(value)} items")
    if kind is float:
        return F32(value)
    if kind is complex:     # a negative base to a fractional power: the VM raises ValueError
        raise ValueError("complex result")
    return value


# -- binary32 floats --------------------------------------------------------------------------

def f32(x):
    """``x`` rounded to the nearest binary32 (to infinity beyond its range), as a Python float."""
    try:
        return struct.unpack("<f", struct.pack("<f", x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)


def f32_repr(x):
    """The shortest text that reads back as binary32 ``x``, laid out by CPython's repr rules."""
    if not math.isfinite(x):
        return float.__repr__(x)
    for p in range(1, 10):
        text = "%.*g" % (p, x)
        if f32(float(text)) == x:
            return float.__repr__(float(text))
    raise AssertionError(f"no 9-digit text for {x!r}")


def _operand(x):
    """An operand of a float operation as a plain binary32 float, or None if it is not a number."""
    if isinstance(x, (int, float)):
        return f32(float(x))
    return None


def _fmod(a, b):
    if not math.isfinite(a) or math.isnan(b) or b == 0:
        return math.nan
    if math.isinf(b):
        return a
    return math.fmod(a, b)


def _divmod32(a, b):
    """CPython's ``float_divmod`` with every step rounded to binary32 (the VM's num.c)."""
    if b == 0:
        raise ZeroDivisionError("float divmod()")
    mod = _fmod(a, b)
    div = f32(f32(a - mod) / b)
    if mod != 0:
        if (b < 0) != (mod < 0):
            mod = f32(mod + b)
            div = f32(div - 1.0)
    else:
        mod = math.copysign(0.0, b)
    if div != 0:
        floordiv = float(math.floor(div)) if math.isfinite(div) else div
        if f32(div - floordiv) > 0.5:
            floordiv = f32(floordiv + 1.0)
    else:
        floordiv = math.copysign(0.0, f32(a / b))
    return F32(floordiv), F32(mod)


def _arith(op, reflected=False):
    def method(self, other):
        b = _operand(other)
        if b is None:
            return NotImplemented
        x, y = (b, float(self)) if reflected else (float(self), b)
        return check(op(x, y))
    return method


class F32(float):
    """A binary32 float in CPython: its value is a binary32 value, and every operation on it
    rounds its result to binary32 (see the module's docstring)."""

    def __new__(cls, value=0.0):
        return float.__new__(cls, f32(float(value)))

    def __repr__(self):
        return f32_repr(float(self))

    __str__ = __repr__

    def __format__(self, spec):
        # Neither precision nor type: the shortest text, laid out (docs/language.md, format()).
        if not re.search(r"\.\d|[eEfFgGn%]$", spec):
            return format(float(f32_repr(float(self))), spec)
        return float.__format__(float(self), spec)

    __add__ = _arith(operator.add)
    __radd__ = _arith(operator.add, True)
    __sub__ = _arith(operator.sub)
    __rsub__ = _arith(operator.sub, True)
    __mul__ = _arith(operator.mul)
    __rmul__ = _arith(operator.mul, True)
    __truediv__ = _arith(operator.truediv)
    __rtruediv__ = _arith(operator.truediv, True)
    __pow__ = _arith(operator.pow)
    __rpow__ = _arith(operator.pow, True)
    __floordiv__ = _arith(lambda a, b: _divmod32(a, b)[0])
    __rfloordiv__ = _arith(lambda a, b: _divmod32(a, b)[0], True)
    __mod__ = _arith(lambda a, b: _divmod32(a, b)[1])
    __rmod__ = _arith(lambda a, b: _divmod32(a, b)[1], True)
    __divmod__ = _arith(_divmod32)
    __rdivmod__ = _arith(_divmod32, True)

    def __neg__(self):
        return F32(-float(self))

    def __pos__(self):
        return self

    def __abs__(self):
        return F32(abs(float(self)))

    def __round__(self, ndigits=None):
        if ndigits is None:
            return round(float(self))
        return F32(round(float(self), ndigits))


F32.__name__ = F32.__qualname__ = "float"


def _int_truediv(a, b):
    """``a / b``: for two ints, both converted to binary32 first, as the VM does."""
    if isinstance(a, int) and isinstance(b, int):
        if b == 0:
            raise ZeroDivisionError("division by zero")
        return F32(f32(float(a)) / f32(float(b)))
    return a / b


_INT_OPS = {"Add": operator.add, "Sub": operator.sub, "Mult": operator.mul,
            "FloorDiv": operator.floordiv, "Mod": operator.mod, "Pow": operator.pow,
            "LShift": operator.lshift, "RShift": operator.rshift, "BitAnd": operator.and_,
            "BitOr": operator.or_, "BitXor": operator.xor}


def _augcheck(target, value, op):
    """``value``, after checking that ``target op value`` of two ints fits in 32 bits."""
    if isinstance(target, int) and isinstance(value, int) and op in _INT_OPS:
        check(_INT_OPS[op](target, value))
    return value


def _math_module():
    """``math`` for programs: each function on the binary64 of its arguments, rounded."""
    shim = types.ModuleType("math")
    for name in ("sqrt", "pow", "exp", "log", "log10", "sin", "cos", "tan", "asin", "acos",
                 "atan", "atan2", "fabs", "floor", "ceil"):
        function = getattr(math, name)
        setattr(shim, name, lambda *args, _f=function: check(_f(*map(float, args))))
    shim.pi, shim.e = F32(math.pi), F32(math.e)
    return shim


_MATH = _math_module()


def _import(name, *args, **kwargs):
    return _MATH if name == "math" else builtins.__import__(name, *args, **kwargs)


_BUILTINS = dict(vars(builtins), float=F32, __import__=_import)


class _Instrument(ast.NodeTransformer):
    """Wrap every int-producing operation in ``__check__(...)`` and check augmented targets."""

    def _wrap(self, node):
        call = ast.Call(ast.Name("__check__", ast.Load()), [node], [])
        return ast.copy_location(call, node)

    def visit_Constant(self, node):
        return self._wrap(node) if type(node.value) is float else node

    def visit_BinOp(self, node):
        node = self.generic_visit(node)
        if isinstance(node.op, ast.Div):
            call = ast.Call(ast.Name("__truediv__", ast.Load()), [node.left, node.right], [])
            return self._wrap(ast.copy_location(call, node))
        return self._wrap(node)

    def visit_UnaryOp(self, node):
        node = self.generic_visit(node)
        if isinstance(node.op, ast.Not) or (isinstance(node.operand, ast.Constant)
                                            and type(node.operand.value) is int):
            return node         # a negative literal is in range, or the compiler rejects it
        return self._wrap(node)

    def visit_Call(self, node):
        node = self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id == "__check__":
            return node
        return self._wrap(node)



    def _after(self, node, target):
        """``node`` followed by ``__check__(target)`` (target read again: it must be a name or a
        subscript with a constant index, which the generator guarantees)."""
        load = _as_load(target)
        if load is None:
            return node
        check_stmt = ast.Expr(self._wrap(load))
        ast.copy_location(check_stmt, node)
        ast.fix_missing_locations(check_stmt)
        return [node, check_stmt]

    def visit_AugAssign(self, node):
        # ``x op= v`` becomes ``x op= __augcheck__(x, v, op)``: an int result out of range raises
        # before the store, as on the VM (an exception handler or ``finally`` may read x).
        node = self.generic_visit(node)
        load = _as_load(node.target)
        if load is not None:
            call = ast.Call(ast.Name("__augcheck__", ast.Load()),
                            [load, node.value, ast.Constant(type(node.op).__name__)], [])
            node.value = ast.copy_location(call, node.value)
            ast.fix_missing_locations(node)
        return self._after(node, node.target)

    def visit_Assign(self, node):
        node = self.generic_visit(node)
        target = node.targets[0]
        if len(node.targets) == 1 and isinstance(target, ast.Subscript):
            # A slice assignment can grow a list.
            return self._after(node, target.value)
        return node

    def visit_Expr(self, node):
        node = self.generic_visit(node)
        call = node.value
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                and call.func.id == "__check__"):
            call = call.args[0]
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and isinstance(call.func.value, ast.Name)):
            # list.extend() and friends can grow a list.
            return self._after(node, call.func.value)
        return node


def _as_load(target):
    if isinstance(target, ast.Name):
        return ast.Name(target.id, ast.Load())
    if (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
            and _is_constant_index(target.slice)):
        return ast.Subscript(ast.Name(target.value.id, ast.Load()), target.slice, ast.Load())
    return None


def _is_constant_index(node):
    if isinstance(node, ast.Constant):
        return True
    return (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant))


def run_cpython(source):
    """Run ``source`` under CPython with 32-bit int checks; return its :class:`Outcome`.

    Raises :class:`TooBig` if the program builds a sequence too large to compare.
    """
    tree = _Instrument().visit(ast.parse(source, FILENAME))
    ast.fix_missing_locations(tree)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)    # `1 is None` is valid, if odd
        code = compile(tree, FILENAME, "exec")
    out = io.StringIO()
    namespace = {"__name__": "__main__", "__check__": check, "__truediv__": _int_truediv,
                 "__augcheck__": _augcheck,
                 "__builtins__": _BUILTINS}
    _too_big.clear()
    try:
        with contextlib.redirect_stdout(out):
            exec(code, namespace)
        if _too_big:
            raise TooBig("caught by the program")
    except TooBig:
        raise
    except Exception as exc:        # noqa: BLE001 - the program's own exception is the result
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == FILENAME]
        if _too_big:
            raise TooBig("caught by the program") from None
        return Outcome(out.getvalue(), type(exc).__name__, frames[-1].lineno if frames else None)
    return Outcome(out.getvalue())


class _Lines:
    """A LineSink stand-in that keeps one core's lines."""

    def __init__(self):
        self.lines = []

    def line(self, core, text, stream=None):
        self.lines.append(text)


_library = []


def library():
    """The path of ``libmcvm.so``, built (with make) once per process rather than per run."""
    if not _library:
        _library.append(native_library())
    return _library[0]


def run_virtual(source):
    """Compile ``source`` and run it on one virtual core; return its :class:`Outcome`."""
    image = compile_source(source, FILENAME)
    sink = _Lines()
    result = run_image(image, 1, sink=sink, timeout=VM_TIMEOUT, library=library())[0]
    assert not result.timed_out, f"the VM ran for more than {VM_TIMEOUT} s"
    stdout = "".join(line + "\n" for line in sink.lines)
    if result.error is not None:
        return Outcome(stdout, result.error.exc_name, result.error.line)
    assert result.ok, f"the VM ended with exit code {result.exit_code}: {result.reason}"
    return Outcome(stdout)


def describe(expected, got):
    """Where two outcomes part, briefly: the first differing output line, and how each ended."""
    a, b = expected.stdout.splitlines(), got.stdout.splitlines()
    k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return (f"output line {k + 1}: CPython {a[k] if k < len(a) else '<end>'!r}, "
            f"VM {b[k] if k < len(b) else '<end>'!r} ({len(a)} and {len(b)} lines)\n"
            f"CPython ended with {expected.exception or 'success'} at line {expected.line}; "
            f"the VM with {got.exception or 'success'} at line {got.line}")
