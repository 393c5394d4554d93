"""The compiler's entry points: source text in, validated bytecode image out.

Compiling a file takes four steps:

1. parse it with :func:`ast.parse`; a :class:`SyntaxError` becomes a :class:`CompileError`;
2. let CPython compile the tree too, which finds the errors its parser leaves to later passes
   (``'break' outside loop``, misplaced ``global`` statements, duplicate parameters, ...);
3. resolve names (:mod:`.scope`) and generate code (:mod:`.codegen`), recording every
   unsupported construct;
4. raise the first error of steps 2 and 3 in source order (CPython's on a tie), or return the
   image after checking it with :meth:`Image.to_bytes`, which runs the VM's validator.
"""

import ast
import contextlib
import importlib.util
import os
import sys
import warnings

from . import scope as _scope
from .codegen import CodeGenerator
from .errors import CompileError, Diagnostics, SourceText

__all__ = ["compile_source", "compile_file"]

#: Python recursion limit while compiling, so that expressions nested as deeply as CPython
#: accepts (about 1000 levels) compile. Only raised on Python 3.11+, where Python-to-Python calls
#: do not consume the C stack.
_RECURSION_LIMIT = 8000


def compile_source(source, filename="<string>"):
    """Compile a Python program into a bytecode image.

    Parameters
    ----------
    source : str
        The program text.
    filename : str, optional
        Name to use in error messages and in the image's code objects.

    Returns
    -------
    microcore.bytecode.container.Image
        The validated image; its entry code object is the module body.

    Raises
    ------
    CompileError
        If the program is not valid Python or uses something microcore does not support. Its
        ``str()`` is ``file:line:col: message`` with a 1-based line and 1-based character column.
    TypeError
        If ``source`` or ``filename`` is not a str.
    """
    if not isinstance(source, str):
        raise TypeError(f"source must be a str, not {type(source).__name__}")
    if not isinstance(filename, str):
        raise TypeError(f"filename must be a str, not {filename!r}")
    text = SourceText(source)
    diagnostics = Diagnostics(filename, text)
    generator = CodeGenerator(filename, diagnostics)
    image = None
    with _recursion_headroom():
        tree = _parse(source, filename, text)
        python_error = _check_with_cpython(tree, filename, text)
        _wrap_parallel_reduce(tree)
        try:
            image = generator.compile_module(tree, _scope.analyze(tree))
        except RecursionError:
            where = generator.current_stmt
            if where is None:
                diagnostics.error_at(1, 1, "code too deeply nested")
            else:
                diagnostics.error(where, "code too deeply nested")

    if python_error:
        diagnostics.errors.insert(0, python_error)      # CPython's wins a tie
    first = diagnostics.first()
    if first is not None:
        raise first.with_traceback(None)
    image.to_bytes()    # validate, exactly as the VM will
    return image


def compile_file(path):
    """Compile the Python program in file ``path`` (decoded as Python does, PEP 263).

    Parameters
    ----------
    path : str or os.PathLike
        The file to compile; its name as given appears in errors and in the image.

    Returns
    -------
    microcore.bytecode.container.Image
        The validated image.

    Raises
    ------
    CompileError
        If the file cannot be decoded or compiled.
    OSError
        If the file cannot be read.
    """
    filename = os.fspath(path)
    with open(filename, "rb") as f:
        data = f.read()
    try:
        source = importlib.util.decode_source(data)
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        raise CompileError(f"cannot decode source: {exc}", filename, 1, 1) from None
    return compile_source(source, filename)


def _parse(source, filename, text):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(source, filename)
    except SyntaxError as exc:
        err = _from_syntax_error(exc, filename, text)
    except ValueError as exc:       # NUL bytes, before Python 3.12
        err = _from_syntax_error(SyntaxError(str(exc)), filename, text)
    except (RecursionError, MemoryError):
        err = CompileError("code too deeply nested to parse", filename, 1, 1, text.line(1))
    raise err


def _check_with_cpython(tree, filename, text):
    """Return CPython's compile error for ``tree`` as a CompileError, or None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(tree, filename, "exec", dont_inherit=True)
    except SyntaxError as exc:
        return _from_syntax_error(exc, filename, text)
    except (RecursionError, MemoryError, ValueError, TypeError, OverflowError):
        pass        # our own code generator reports what it cannot handle
    return None


def _from_syntax_error(exc, filename, text):
    msg = exc.msg or "invalid syntax"
    lineno, offset = exc.lineno, exc.offset
    if lineno is None:
        lineno, col = _nul_position(text)
    elif exc.text is None and isinstance(offset, int) and offset >= 1:
        # Errors from CPython's later passes carry a byte offset and no text.
        col = text.column(lineno, offset - 1)
    else:
        col = offset if isinstance(offset, int) and offset >= 1 else 1
    return CompileError(msg, filename, lineno, col, text.line(lineno))


def _nul_position(text):
    for number, line in enumerate(text.lines, 1):
        if "\0" in line:
            return number, line.index("\0") + 1
    return 1, 1


@contextlib.contextmanager
def _recursion_headroom():
    old = sys.getrecursionlimit()
    if sys.version_info >= (3, 11) and old < _RECURSION_LIMIT:
        sys.setrecursionlimit(_RECURSION_LIMIT)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


#: ``parallel.reduce`` with a function: the VM cannot call back into Python from a builtin, so a
#: call whose op is not a string constant goes through this function, compiled into the program.
#: ``allgather`` gives every core every value in core order (log-depth, see firmware/vm/par.c)
#: and each core folds them left to right, exactly as ``functools.reduce`` does.
_REDUCE_WRAPPER = """
from parallel import reduce as __mc_reduce_op, allgather as __mc_allgather
def __mc_reduce(value, op):
    if isinstance(op, str):
        return __mc_reduce_op(value, op)
    values = __mc_allgather(value)
    result = values[0]
    for item in values[1:]:
        result = op(result, item)
    return result
"""


def _wrap_parallel_reduce(tree):
    """Route calls of ``parallel.reduce`` whose op may be a function through the wrapper."""
    names, modules = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "parallel" and not node.level:
            names.update(a.asname or a.name for a in node.names if a.name == "reduce")
        elif isinstance(node, ast.Import):
            modules.update(a.asname or a.name for a in node.names if a.name == "parallel")
    first = None
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or len(node.args) != 2 or node.keywords:
            continue
        func = node.func
        if not (isinstance(func, ast.Name) and func.id in names or
                isinstance(func, ast.Attribute) and func.attr == "reduce" and
                isinstance(func.value, ast.Name) and func.value.id in modules):
            continue
        op = node.args[1]
        if isinstance(op, ast.Constant) and isinstance(op.value, str):
            continue        # a named op: the builtin directly
        node.func = ast.copy_location(ast.Name("__mc_reduce", ast.Load()), func)
        first = first or node
    if first is None:
        return
    wrapper = ast.parse(_REDUCE_WRAPPER).body
    for stmt in wrapper:
        for node in ast.walk(stmt):
            if "lineno" in node._attributes:
                node.lineno = node.end_lineno = first.lineno
                node.col_offset, node.end_col_offset = first.col_offset, first.end_col_offset
    tree.body[:0] = wrapper
