"""Compile errors and how they are positioned.

Every problem the compiler finds is a :class:`CompileError` whose ``str()`` is
``file:line:col: message``. Lines and columns are both 1-based, and columns count characters
(not the UTF-8 bytes that :mod:`ast` counts), so an editor can jump straight to the spot.

The code generator does not stop at the first problem: it records each one in a
:class:`Diagnostics` and carries on, and the driver then raises the error that comes first in
the source. That keeps the reported error independent of the order in which the compiler
happens to visit the tree (it evaluates an assignment's value before its targets, for example).
"""

import re

__all__ = ["CompileError", "Diagnostics", "SourceText"]


class CompileError(SyntaxError):
    """A program that microcore cannot compile: invalid Python, or a construct it does not support.

    It is a :class:`SyntaxError`, so ``except SyntaxError`` catches it, and the interpreter's
    traceback shows the offending line with a caret.

    Parameters
    ----------
    msg : str
        What is wrong, without the position.
    filename : str
        The file name given to the compiler.
    lineno : int
        1-based line of the error.
    col : int
        1-based column of the error, in characters.
    text : str, optional
        The source line, for tracebacks.

    Attributes
    ----------
    msg : str
        What is wrong, without the position.
    filename : str
        The file name given to the compiler.
    lineno : int
        1-based line.
    col : int
        1-based column in characters (also available as ``offset``, as on SyntaxError).
    """

    def __init__(self, msg, filename, lineno, col, text=None):
        super().__init__(msg, (filename, lineno, col, text))

    @property
    def col(self):
        return self.offset

    @property
    def position(self):
        """``(lineno, col)``, for ordering errors by where they occur."""
        return (self.lineno, self.col)

    def __str__(self):
        return f"{self.filename}:{self.lineno}:{self.col}: {self.msg}"

    def __repr__(self):
        return f"CompileError({str(self)!r})"

    def __reduce__(self):
        return (type(self), (self.msg, self.filename, self.lineno, self.col, self.text))


class SourceText:
    """The lines of a source file, to turn :mod:`ast` positions into 1-based character columns.

    Parameters
    ----------
    source : str
        The program text.
    """

    # Only these end a line for the Python tokenizer (str.splitlines knows more).
    _NEWLINE = re.compile(r"\r\n?|\n")

    def __init__(self, source):
        self.lines = self._NEWLINE.split(source)

    def line(self, lineno):
        """Return line ``lineno`` (1-based) without its newline, or None if out of range."""
        if lineno is not None and 1 <= lineno <= len(self.lines):
            return self.lines[lineno - 1]
        return None

    def column(self, lineno, byte_offset):
        """Return the 1-based character column of UTF-8 ``byte_offset`` in line ``lineno``."""
        text = self.line(lineno)
        if text is None or byte_offset is None or byte_offset < 0:
            return max(1, (byte_offset or 0) + 1)
        prefix = text.encode("utf-8", "surrogatepass")[:byte_offset]
        return len(prefix.decode("utf-8", "replace")) + 1


class Diagnostics:
    """Collects the errors found while compiling one file.

    Parameters
    ----------
    filename : str
        The file name to put in every error.
    source : SourceText
        The program's lines.
    """

    def __init__(self, filename, source):
        self.filename = filename
        self.source = source
        self.errors = []

    def error_at(self, lineno, col, msg):
        """Record ``msg`` at 1-based ``lineno`` and character column ``col``."""
        lineno = lineno if isinstance(lineno, int) and lineno >= 1 else 1
        col = col if isinstance(col, int) and col >= 1 else 1
        err = CompileError(msg, self.filename, lineno, col, self.source.line(lineno))
        self.errors.append(err)
        return err

    def error(self, node, msg):
        """Record ``msg`` at the start of the :mod:`ast` ``node``."""
        lineno = getattr(node, "lineno", None) or 1
        col = self.source.column(lineno, getattr(node, "col_offset", 0))
        return self.error_at(lineno, col, msg)

    def first(self):
        """Return the error that comes first in the source (the earliest recorded on a tie)."""
        if not self.errors:
            return None
        return min(self.errors, key=lambda e: e.position)   # min() keeps the first of equals
