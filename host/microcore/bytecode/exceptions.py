"""Builtin exception classes the VM raises, defined once, with CPython's hierarchy.

Rows are ``(id, name, base_id)``; id 0 means "no base". The firmware's ``mc_exceptions.h`` is
generated from this table; an uncaught exception reaches the host as its id (see
``abi.ErrorRecord``), and the host maps the id back to the Python class of the same name.
"""

from dataclasses import dataclass
import builtins as _py

__all__ = ["ExceptionType", "EXCEPTIONS", "BY_ID", "BY_NAME", "python_class"]


@dataclass(frozen=True)
class ExceptionType:
    id: int
    name: str
    base: int


EXCEPTIONS = (
    ExceptionType(1, "Exception", 0),
    ExceptionType(2, "ArithmeticError", 1),
    ExceptionType(3, "LookupError", 1),
    ExceptionType(4, "ValueError", 1),
    ExceptionType(5, "TypeError", 1),
    ExceptionType(6, "IndexError", 3),
    ExceptionType(7, "KeyError", 3),
    ExceptionType(8, "ZeroDivisionError", 2),
    ExceptionType(9, "OverflowError", 2),
    ExceptionType(10, "MemoryError", 1),
    ExceptionType(11, "RuntimeError", 1),
    ExceptionType(12, "RecursionError", 11),
    ExceptionType(13, "AssertionError", 1),
    ExceptionType(14, "NameError", 1),
    ExceptionType(15, "AttributeError", 1),
    ExceptionType(16, "NotImplementedError", 11),
    ExceptionType(17, "StopIteration", 1),
)

BY_ID = {e.id: e for e in EXCEPTIONS}
BY_NAME = {e.name: e for e in EXCEPTIONS}
assert len(BY_ID) == len(EXCEPTIONS)
for _e in EXCEPTIONS:
    assert _e.base == 0 or _e.base in BY_ID
    # The hierarchy must be CPython's.
    assert _e.base == 0 or issubclass(getattr(_py, _e.name), getattr(_py, BY_ID[_e.base].name))


def python_class(exc_id):
    """The CPython exception class for ``exc_id`` (``RuntimeError`` for an unknown id)."""
    exc = BY_ID.get(exc_id)
    return getattr(_py, exc.name) if exc else _py.RuntimeError
