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
"""

import ast
import contextlib
import io
import traceback
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


def check(value):
    """``value``, unless it is an int out of 32 bits (``OverflowError``) or too long (TooBig)."""
    kind = type(value)
    if kind is int and not INT_MIN <= value <= INT_MAX:
        raise OverflowError("int result does not fit in 32 bits")
    if kind in (str, list, tuple) and len(value) > MAX_ITEMS:
        raise TooBig(f"{kind.__name__} of {len(value)} items")
    return value


_CHECKED_CALLS = {"abs", "int", "len"}


class _Instrument(ast.NodeTransformer):
    """Wrap every int-producing operation in ``__check__(...)`` and check augmented targets."""

    def _wrap(self, node):
        call = ast.Call(ast.Name("__check__", ast.Load()), [node], [])
        return ast.copy_location(call, node)

    def visit_BinOp(self, node):
        return self._wrap(self.generic_visit(node))

    def visit_UnaryOp(self, node):
        node = self.generic_visit(node)
        if isinstance(node.op, ast.Not) or isinstance(node.operand, ast.Constant):
            return node         # a negative literal is in range, or the compiler rejects it
        return self._wrap(node)

    def visit_Call(self, node):
        node = self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id in _CHECKED_CALLS:
            return self._wrap(node)
        return node

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
        node = self.generic_visit(node)
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
    namespace = {"__name__": "__main__", "__check__": check}
    try:
        with contextlib.redirect_stdout(out):
            exec(code, namespace)
    except TooBig:
        raise
    except Exception as exc:        # noqa: BLE001 - the program's own exception is the result
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == FILENAME]
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
